"""Action plans: who closes which gap by when, and where each action stands.

An action plan file belongs to one profile and lists actions, each closing one
or more checklist items, with an owner (one of the profile's actors, by name),
a side, a due date and a status (planned, under way, done, dropped) with the
date it was set, a note and the evidence of completion::

    action_plan:
      version: 1
      profile: ../liberia.yaml
      actions:
        - id: GOV-03-SSR
          text: Put the mine action centre under the ministry's civilian oversight.
          closes: [good-governance/GOV-03]
          owner: Ministry of Internal Affairs
          side: ssr
          due: 2027-06-30
          status: under_way
          status_date: 2026-10-01
          note: Draft decree with the cabinet.

This module holds the file's model and judges a plan against an assessment
(:func:`plan_state`): pure, no I/O and no wording. An action never changes a
score: a done action whose item the assessment still finds open is reported
as a disagreement, and the next assessment's answer decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assess.core.checklist import Horizon
from assess.core.profile import Side
from assess.core.result import Assessment, PlanActionState, PlanState, Status

#: The plan file format's version (``action_plan.version``).
PLAN_VERSION = 1


class ActionStatus(StrEnum):
    """Where an action stands."""

    planned = "planned"
    under_way = "under_way"
    done = "done"
    dropped = "dropped"


#: Statuses in the order the report and counts list them.
STATUS_ORDER: tuple[ActionStatus, ...] = (
    ActionStatus.planned,
    ActionStatus.under_way,
    ActionStatus.done,
    ActionStatus.dropped,
)

#: Statuses of an action still to be done: these can be overdue.
OPEN_STATUSES = frozenset({ActionStatus.planned, ActionStatus.under_way})

#: Item statuses that leave a done action's item open (the assessment disagrees).
_STILL_OPEN = frozenset({Status.missed, Status.partial, Status.unknown})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PlannedAction(_Strict):
    """One action of a plan."""

    id: str = Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="A stable id, unique in the plan (letters, digits, '-', '_', '.').",
    )
    text: str = Field(min_length=1, description="What will be done, in the plan's own words.")
    closes: list[str] = Field(
        min_length=1,
        description="The items the action closes: 'checklist/ITEM-ID', or ITEM-ID when one checklist has it.",
    )
    owner: str | None = Field(
        None,
        description="Who acts: one of the profile's actors (or mine action authorities), by name; "
        "empty while nobody is named.",
    )
    side: Side | None = Field(None, description="ssr, mine_action or both: whose work the action is.")
    due: dt.date | None = Field(None, description="When it is due (YYYY-MM-DD); empty while not agreed.")
    horizon: Horizon | None = Field(
        None, description="now, year or structural: the draft's suggestion of when, for people setting 'due'."
    )
    status: ActionStatus = Field(ActionStatus.planned, description="planned, under_way, done or dropped.")
    status_date: dt.date | None = Field(None, description="When the status was last set (YYYY-MM-DD).")
    note: str | None = Field(None, description="Why the status is what it is (a decision, a delay, a reason to drop).")
    evidence: list[str] = Field(
        default_factory=list, description="Evidence of completion: documents, decisions, links."
    )


class PlanBody(_Strict):
    """What ``action_plan:`` holds."""

    version: Literal[1] = Field(description="The plan format's version: 1.")
    profile: str = Field(
        min_length=1,
        description="The profile the plan belongs to: its path relative to the plan file (its file name "
        "is what a run compares).",
    )
    title: str | None = Field(None, description="The plan's own title.")
    actions: list[PlannedAction] = Field(default_factory=list)


class PlanFile(_Strict):
    """An action plan file: one top-level key, ``action_plan``, so that no tool takes it for a profile."""

    action_plan: PlanBody


def is_overdue(action: PlannedAction, today: dt.date) -> bool:
    """True when an action still to be done was due before ``today``."""
    return action.status in OPEN_STATUSES and action.due is not None and action.due < today


def plan_state(
    body: PlanBody,
    closes: Mapping[str, list[str]],
    a: Assessment,
    today: dt.date,
    owners: Collection[str],
    file: str,
) -> PlanState:
    """Judge a plan against one assessment on ``today``.

    ``closes`` maps each action id to the item keys (``checklist/item``) it
    closes, as the loader resolved them; ``owners`` are the names an owner may
    take (the profile's actors and authorities); ``file`` the plan's file name.
    Key gaps count as covered by any action that is not dropped."""
    status_of = {f"{r.checklist}/{r.id}": r.status for r in a.items}
    actions: list[PlanActionState] = []
    counts = {s.value: 0 for s in STATUS_ORDER}
    covered: set[str] = set()
    for x in body.actions:
        keys = closes.get(x.id, [])
        counts[x.status.value] += 1
        if x.status is not ActionStatus.dropped:
            covered.update(keys)
        still_open = [k for k in keys if status_of.get(k) in _STILL_OPEN] if x.status is ActionStatus.done else []
        actions.append(
            PlanActionState(
                id=x.id,
                text=x.text,
                closes=keys,
                owner=x.owner,
                owner_is_actor=x.owner is None or x.owner in owners,
                side=x.side.value if x.side is not None else None,
                due=x.due,
                horizon=x.horizon,
                status=x.status.value,
                status_date=x.status_date,
                note=x.note,
                evidence=list(x.evidence),
                overdue=is_overdue(x, today),
                still_open=still_open,
                item_status={k: status_of[k].value for k in keys if k in status_of},
            )
        )
    return PlanState(
        file=file,
        profile=body.profile,
        title=body.title,
        version=body.version,
        judged_on=today,
        counts=counts,
        overdue=[s.id for s in actions if s.overdue],
        done_but_open=[s.id for s in actions if s.still_open],
        gaps_without_action=[g.id for g in a.key_gaps if g.id not in covered],
        actions=actions,
    )


def status_counts(body: PlanBody, today: dt.date) -> tuple[dict[str, int], list[str]]:
    """Actions by status (every status, in :data:`STATUS_ORDER`) and the ids of the overdue ones."""
    counts = {s.value: 0 for s in STATUS_ORDER}
    for x in body.actions:
        counts[x.status.value] += 1
    return counts, [x.id for x in body.actions if is_overdue(x, today)]


def with_plan(a: Assessment, state: PlanState | None) -> Assessment:
    """The assessment carrying ``state`` (scores untouched: a plan never changes one)."""
    return a if state is None else a.model_copy(update={"plan": state})


__all__ = [
    "OPEN_STATUSES",
    "PLAN_VERSION",
    "STATUS_ORDER",
    "ActionStatus",
    "PlanBody",
    "PlanFile",
    "PlannedAction",
    "is_overdue",
    "plan_state",
    "status_counts",
    "with_plan",
]
