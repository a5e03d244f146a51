"""The report's action plan: what to do next, grouped by who acts.

Each missed or partly met item, and each caution raised, brings its
recommendations for each side. An action is one recommendation, with the items
it closes (the same words under several items make one action), a horizon
(now, this year, structural) and a priority (the highest of its items). Actions
are grouped by who acts: the profile's own actors whose side and role fit, by
name, or the side when the profile names nobody who fits.

Each item's ``actions`` in the result document (schema 1.4) are its
recommendations resolved for the profile: the text with the profile's names put
in, the horizon and the roles that fit when the checklist says, and the actors
of those roles. Where the checklist names no roles, the profile's actors on the
action's side whose role carries that side's work out are named
(:func:`fitting_actors`); where it gives no horizon, it is worked out from the
item (:func:`horizon_of`). A result without actions (an older document) falls
back on the recommendations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from assess.core.checklist import Approach, Horizon, Kind

__all__ = [
    "ACTION_STATUS_LABEL",
    "Horizon",
    "PlanAction",
    "PlanGroup",
    "PlanStateView",
    "action_plan",
    "fitting_actors",
    "horizon_of",
    "plan_items",
    "plan_state_view",
]
from assess.core.result import ActorSummary, Assessment, ItemResult, Priority, Status
from assess.i18n import N_

HORIZON_LABEL: dict[Horizon, str] = {
    Horizon.now: N_("now"),
    Horizon.year: N_("this year"),
    Horizon.structural: N_("structural"),
}
HORIZON_MEANING: dict[Horizon, str] = {
    Horizon.now: N_("a risk to handle before the work goes on"),
    Horizon.year: N_("within the programme's next planning cycle"),
    Horizon.structural: N_("institutions, laws and policies: years, not months"),
}

SIDES = ("ssr", "mine_action")
SIDE_LABEL: dict[str, str] = {"ssr": N_("SSR actors"), "mine_action": N_("Mine action actors")}

#: The roles that carry out a side's recommendations (donors, communities and civil
#: society are asked and consulted, but the checklists' recommendations are not theirs).
ACTING_ROLES: dict[str, frozenset[str]] = {
    "ssr": frozenset(
        {
            "ministry",
            "parliament",
            "armed_forces",
            "police",
            "other_security_provider",
            "justice",
            "transitional_justice",
            "un",
            "regional_organisation",
            "national_authority",
        }
    ),
    "mine_action": frozenset(
        {
            "national_authority",
            "national_centre",
            "un",
            "international_operator",
            "national_operator",
            "ngo",
            "commercial_operator",
            "armed_forces",
            "police",
        }
    ),
}

#: Approaches whose recommendations change institutions, laws or policies.
_STRUCTURAL = frozenset({Approach.good_governance})
_RANK = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}
_HORIZON_RANK = {Horizon.now: 0, Horizon.year: 1, Horizon.structural: 2}


@dataclass
class PlanAction:
    """One thing to do, and the items it closes."""

    side: str
    text: str
    horizon: Horizon
    priority: Priority
    items: list[ItemResult] = field(default_factory=list)


@dataclass
class PlanGroup:
    """The actions of one set of actors (or of one side, when the profile names nobody who fits)."""

    side: str
    actors: tuple[str, ...]
    actions: list[PlanAction] = field(default_factory=list)


def fitting_actors(actors: Iterable[ActorSummary], side: str) -> tuple[str, ...]:
    """The profile's actors on ``side`` (or both) whose role carries out that side's
    recommendations, national actors first, each in the profile's order."""
    fit = [a for a in actors if a.side in (side, "both") and a.role in ACTING_ROLES[side]]
    fit.sort(key=lambda a: 0 if a.national else 1)
    return tuple(a.name for a in fit)


def horizon_of(item: ItemResult) -> Horizon:
    """When an item's recommendations are due, where the checklist does not say:
    a caution now; governance (institutions, law, policy) structural; the rest this year."""
    if item.kind is Kind.caution:
        return Horizon.now
    if item.approach in _STRUCTURAL:
        return Horizon.structural
    return Horizon.year


#: One action as the plan reads it: side, text, horizon, named actors (None: fit by side).
_Raw = tuple[str, str, Horizon, tuple[str, ...] | None]


def _on_side(names: Iterable[str], side: str, actors: Iterable[ActorSummary]) -> tuple[str, ...]:
    """``names`` without the profile's actors that work on the other side only (an
    authority or centre, named from the profile's authorities, is kept)."""
    listed = {a.name: a.side for a in actors}
    return tuple(n for n in names if listed.get(n, side) in (side, "both"))


def _actions_of(item: ItemResult, actors: Iterable[ActorSummary] = ()) -> list[_Raw]:
    """The item's actions: resolved for the profile where the result carries them."""
    default = horizon_of(item)
    if item.actions:
        return [
            (
                x.side,
                x.text,
                x.horizon or default,
                # Roles given: the actors of those roles on that side, or the side when none is named.
                _on_side(x.actors, x.side, actors) if x.by else None,
            )
            for x in item.actions
            if x.side in SIDES
        ]
    recs = item.recommendations
    return [(side, text, default, None) for side in SIDES for text in getattr(recs, side)]


def plan_items(a: Assessment) -> list[ItemResult]:
    """The items the plan acts on, most costly first: cautions raised, then the
    missed and partly met items of every kind in the order the result ranks them."""
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    keys = [*a.cautions, *(g.id for g in a.key_gaps), *a.missed_synergies, *a.partial_synergies]
    seen: set[str] = set()
    out = []
    for k in keys:
        if k not in seen and k in by_key:
            seen.add(k)
            out.append(by_key[k])
    rest = sorted(
        (r for r in a.items if r.status in (Status.missed, Status.partial) and f"{r.checklist}/{r.id}" not in seen),
        key=lambda r: (-r.weight * (1.0 if r.status is Status.missed else 0.5), r.checklist, r.id),
    )
    return out + rest


#: How many items the brief's plan acts on: the most costly first; the rest are in the findings.
PLAN_ITEMS = 10


def action_plan(a: Assessment, limit: int | None = PLAN_ITEMS) -> list[PlanGroup]:
    """The plan for the first ``limit`` items of :func:`plan_items` (None: all), grouped
    by who acts; groups with more urgent and higher-priority work first, actions in
    each by horizon, then priority, then the order found."""
    groups: dict[tuple[str, tuple[str, ...]], PlanGroup] = {}
    actions: dict[tuple[str, tuple[str, ...], str], PlanAction] = {}
    fits = {side: fitting_actors(a.profile.actors, side) for side in SIDES}
    items = plan_items(a)
    for item in items if limit is None else items[:limit]:
        for side, text, horizon, names in _actions_of(item, a.profile.actors):
            who = names if names is not None else fits[side]
            key = (side, who)
            group = groups.setdefault(key, PlanGroup(side, who))
            akey = (side, who, text)
            action = actions.get(akey)
            if action is None:
                action = actions[akey] = PlanAction(side, text, horizon, item.priority)
                group.actions.append(action)
            else:
                if _HORIZON_RANK[horizon] < _HORIZON_RANK[action.horizon]:
                    action.horizon = horizon
                if _RANK[item.priority] < _RANK[action.priority]:
                    action.priority = item.priority
            if item not in action.items:
                action.items.append(item)
    out = list(groups.values())
    for g in out:
        order = {id(x): n for n, x in enumerate(g.actions)}
        g.actions.sort(key=lambda x: (_HORIZON_RANK[x.horizon], _RANK[x.priority], order[id(x)]))
    out.sort(
        key=lambda g: (
            min((_HORIZON_RANK[x.horizon], _RANK[x.priority]) for x in g.actions),
            SIDES.index(g.side),
            g.actors,
        )
    )
    return out


# --- PLANS: where the profile's own action plan stands (the report's section 1.6) ---

from assess.reporters.labels import ACTION_STATUS_LABEL  # noqa: E402  # the one table of an action's status words


@dataclass(frozen=True)
class PlanItemView:
    """An item an action closes: its title, id and status in this assessment (None: not assessed)."""

    title: str
    id: str
    status: Status | None


@dataclass(frozen=True)
class PlanRowView:
    """One action of the plan as the report shows it (dates still to be formatted)."""

    id: str
    text: str
    owner: str | None
    owner_is_actor: bool
    due: dt.date | None
    overdue: bool
    status: str
    status_date: dt.date | None
    note: str | None
    evidence: tuple[str, ...]
    items: tuple[PlanItemView, ...]
    #: The items a done action closes that the assessment still finds open.
    still_open: tuple[PlanItemView, ...]


@dataclass(frozen=True)
class PlanStateView:
    """The plan's state for the report: counts, actions, and the key gaps left without one."""

    file: str
    title: str | None
    judged_on: dt.date
    counts: tuple[tuple[str, int], ...]
    overdue: int
    rows: tuple[PlanRowView, ...]
    done_but_open: tuple[PlanRowView, ...]
    gaps_without_action: tuple[ItemResult, ...]


def plan_state_view(a: Assessment) -> PlanStateView | None:
    """What the report's section on the plan shows; None when the run was given no plan."""
    state = a.plan
    if state is None:
        return None
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}

    def item(key: str) -> PlanItemView:
        r = by_key.get(key)
        return PlanItemView(r.title if r is not None else key, key.split("/", 1)[-1], r.status if r else None)

    rows = tuple(
        PlanRowView(
            x.id,
            x.text,
            x.owner,
            x.owner_is_actor,
            x.due,
            x.overdue,
            x.status,
            x.status_date,
            x.note,
            tuple(x.evidence),
            tuple(item(k) for k in x.closes),
            tuple(item(k) for k in x.still_open),
        )
        for x in state.actions
    )
    return PlanStateView(
        state.file,
        state.title,
        state.judged_on,
        tuple((s, state.counts.get(s, 0)) for s in ACTION_STATUS_LABEL),
        len(state.overdue),
        rows,
        tuple(r for r in rows if r.still_open),
        tuple(by_key[k] for k in state.gaps_without_action if k in by_key),
    )


# --- end PLANS ---
