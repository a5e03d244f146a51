"""The checklist model: versioned, declarative items derived from the paper.

Conditions (``applies_when`` and the ``when`` of each criterion) are kept as
plain data here and compiled by :mod:`assess.core.conditions`, which checks
every operator and every profile field they name.

What an item needs (``needs``)
------------------------------
Every item says, in one line after ``kind:``, which side(s) of the work must
exist for it to mean anything: ``needs: [ssr, mine_action]``. The needs are
checked before ``applies_when`` and before the criteria; the first need the
profile shows to be absent makes the item not applicable, with a reason that
names the missing side (:data:`NEED_REASONS`). A need the profile is silent
about keeps the item in (three-valued, like every condition). The needs:

``ssr``
    An SSR process is under way: ``activities.ssr`` names at least one
    component. ``activities.ssr: []`` is a programme with no SSR process.
``mine_action``
    Mine action work is under way: ``activities.mine_action`` names one.
``security_forces``
    The army, police or other security providers take part in the work, with
    or without a formal SSR process: an SSR process is under way, or mine
    action works with security forces, links clearance to security providers
    or trains them. For items about those forces, not about an SSR process.
``un_mandate``
    A UN mission operates in the country and holds an SSR or a mine action
    mandate (explicit or implicit). A mission with neither does not count.
``ddr``
    Former combatants are in play: DDR is among the SSR components, mine
    action supports DDR, or the profile states that former combatants work in
    demining. Where the lists are known and none of these is stated, the item
    does not apply, even when the former-combatant fact is left unknown.

``caution_in: [emergency]`` names the phases (``context.phase``) in which
an item is a risk to weigh rather than a gap to close: there its result is
a caution (its kind in the result is ``caution``). ``caution_when`` does the
same from facts: a condition (in the criteria's language) under which the
item is a caution, with ``caution_reason`` saying why (shown to readers, in
the result's ``caution_reason``; translated). The condition must hold: where
the profile is silent on it the item keeps its kind. Support to the
stockpiles of forces under an arms embargo, or with a record of grave abuses,
is the case in point. ``caution_reason`` is shown for ``caution_in`` too when
given.

Recommendations
---------------
``recommendations: {ssr: [...], mine_action: [...]}``: each entry a plain
string, or a mapping with ``text`` (required), ``when`` (a condition; the
entry is given only where it holds), ``horizon`` (now | year | structural)
and ``by`` (actor roles that fit it). Texts may name the profile's actors,
mission and authorities with ``{NAME|FALLBACK}``; see :mod:`assess.core.actions`.
A translation gives the texts only, in the English order, with the same names.

What an item replaces (``replaces``)
------------------------------------
Item ids are stable across versions: baselines match on them. An item that
splits an earlier one, or merges several, names the ids it takes the place
of: ``replaces: [LNK-09]`` on each of the items LNK-09 was split into, or
``replaces: [GOV-13, LNK-12]`` on the one item two were merged into. A
baseline entry for a replaced id is then compared with the item(s) that
replace it (:mod:`assess.core.baseline`), not reported as removed and added.
The rules, checked on every load (:func:`replaces_problems`): a replaced id
is no longer in the checklist; an item does not replace itself nor name an
id twice; several items may replace the same id only when it is a split,
that is, when none of them replaces any other id too (an id split in two
while one part also absorbs a third item would make the old-to-new pairing
many-to-many, which no baseline comparison can word).

``needs: []`` says the item needs neither side (rare). ``assess lint``
reports an item without ``needs``, a need named twice, ``ssr`` together with
``security_forces`` (the first implies the second), and a synergy that does
not need both an SSR side (``ssr``, ``security_forces``, ``ddr`` or
``un_mandate``) and a mine action side (``mine_action`` or ``un_mandate``)
unless it gives ``needs_reason``: why one side is enough (a ``needs_reason``
where both are needed is reported too). ``needs_reason`` is for checklist
authors and is not shown to readers.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assess.core.profile import ActorRole, Phase
from assess.core.texts import N_


class Approach(StrEnum):
    """The paper's shared approaches, plus operational linkage."""

    national_ownership = "national_ownership"
    good_governance = "good_governance"
    people_centred = "people_centred"
    gender_diversity = "gender_diversity"
    operational_linkage = "operational_linkage"


APPROACH_TITLES: dict[Approach, str] = {
    Approach.national_ownership: "National ownership and capacity development",
    Approach.good_governance: "Good governance",
    Approach.people_centred: "People-centred approach and human rights",
    Approach.gender_diversity: "Gender and diversity",
    Approach.operational_linkage: "Operational linkage",
}


class Kind(StrEnum):
    """practice: a good practice on one side; synergy: a link between SSR and
    mine action; caution: a risk the paper warns about."""

    practice = "practice"
    synergy = "synergy"
    caution = "caution"


class Need(StrEnum):
    """A side of the work an item needs (see the module docstring)."""

    ssr = "ssr"
    mine_action = "mine_action"
    security_forces = "security_forces"
    un_mandate = "un_mandate"
    ddr = "ddr"


#: Needs that stand for the SSR side, and for the mine action side, of a synergy.
SSR_SIDE_NEEDS = frozenset({Need.ssr, Need.security_forces, Need.ddr, Need.un_mandate})
MINE_ACTION_SIDE_NEEDS = frozenset({Need.mine_action, Need.un_mandate})

_SECURITY_FORCES_TAKE_PART: list[dict[str, Any]] = [
    {"count": "activities.ssr", "ge": 1},
    {"field": "linkage.joint_work_with_security_forces", "ge": "partial"},
    # (An older profile's linkage.clearance_linked_to_security_providers is worked
    # out into this fact by the profile model.)
    {"field": "linkage.security_providers_in_clearance", "ge": "partial"},
    {"field": "national_ownership.security_forces_trained", "ge": "partial"},
]

#: When each need holds, in the condition language (compiled with the items).
NEED_CONDITIONS: dict[Need, dict[str, Any]] = {
    Need.ssr: {"count": "activities.ssr", "ge": 1},
    Need.mine_action: {"count": "activities.mine_action", "ge": 1},
    Need.security_forces: {"any": _SECURITY_FORCES_TAKE_PART},
    Need.un_mandate: {
        "all": [
            {"field": "context.un_mission", "exists": True},
            {
                "any": [
                    {"field": "context.un_mission.ssr_mandate", "in": ["explicit", "implicit"]},
                    {"field": "context.un_mission.mine_action_mandate", "in": ["explicit", "implicit"]},
                ]
            },
        ]
    },
    Need.ddr: {
        "any": [
            {"field": "activities.ssr", "contains": "ddr"},
            {"field": "activities.mine_action", "contains": "ddr_support"},
            # Known and stated only: a silent fact does not keep DDR in play.
            {
                "all": [
                    {"field": "people_centred.ex_combatants_in_demining", "exists": True},
                    {"field": "people_centred.ex_combatants_in_demining", "ge": "partial"},
                ]
            },
        ]
    },
}

#: Why an item does not apply when a need is absent (English; the loader
#: translates them through the catalogue).
NEED_REASONS: dict[Need, str] = {
    Need.ssr: N_("No SSR process is under way, and this item is about a link with one."),
    Need.mine_action: N_("No mine action work is under way, and this item is about a link with it."),
    Need.security_forces: N_(
        "There is no SSR process and security forces take no part in the work, and this item is about them."
    ),
    Need.un_mandate: N_("No UN mission holding an SSR or a mine action mandate operates in the country."),
    Need.ddr: N_("There is no DDR process and no former combatants work in the programme."),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Criterion(_Strict):
    text: str = Field(min_length=1, description="What this result means, in words.")
    when: Any = Field(None, description="The condition over profile fields.")


class Criteria(_Strict):
    """met and partial carry a condition; missed is everything else that is known."""

    met: Criterion
    partial: Criterion | None = None
    missed: Criterion

    @model_validator(mode="after")
    def _conditions(self) -> Criteria:
        if self.met.when is None:
            raise ValueError("criteria.met needs a 'when' condition")
        if self.partial is not None and self.partial.when is None:
            raise ValueError("criteria.partial needs a 'when' condition")
        if self.missed.when is not None:
            raise ValueError(
                "criteria.missed takes no 'when': an item is missed when it is "
                "neither met nor partial and the facts it reads are known"
            )
        return self


class Reference(_Strict):
    section: str = Field(min_length=1, description="Section title in the paper.")
    page: int | str = Field(description="Page number (or range such as '32-39').")
    case: str | None = Field(None, description="The paper's case study, if any.")


class Horizon(StrEnum):
    """When an action can be taken, for a report's action plan."""

    #: Within weeks, with the means at hand.
    now = "now"
    #: Within the year: a plan, a budget line, an agreement.
    year = "year"
    #: Over years: laws, institutions, strategies.
    structural = "structural"


class Recommendation(_Strict):
    """One recommendation written as a mapping: conditional, dated, with the actors who fit.

    ``text`` may name the profile's own actors, mission and authorities through
    placeholders (``{authority|the national mine action authority}``, see
    :mod:`assess.core.actions`); ``when`` is a condition in the criteria's language."""

    text: str = Field(min_length=1, description="What to do; may hold {name|fallback} placeholders.")
    when: Any = Field(
        None,
        description="Condition (as in criteria) under which the recommendation fits: it is shown only "
        "where the condition holds (not where it is false or the profile is silent).",
    )
    horizon: Horizon | None = Field(None, description="now, year or structural, for the action plan.")
    by: list[ActorRole] = Field(
        default_factory=list, description="Actor roles (as in the profile's actors) that fit this action."
    )


RecommendationEntry = str | Recommendation


def entry_text(entry: RecommendationEntry) -> str:
    """The words of a recommendation, whichever way it is written."""
    return entry if isinstance(entry, str) else entry.text


class Recommendations(_Strict):
    """Per side, plain strings or mappings with text, when, horizon and by (the two forms may be mixed)."""

    ssr: list[RecommendationEntry] = Field(min_length=1, description="What SSR actors could do.")
    mine_action: list[RecommendationEntry] = Field(min_length=1, description="What mine action actors could do.")


class TranslatedRecommendations(_Strict):
    """The recommendations' texts in another language, in the English order
    (conditions, horizon and actors stay those of the English)."""

    ssr: list[str] = Field(min_length=1)
    mine_action: list[str] = Field(min_length=1)


def _translated(english: list[RecommendationEntry], texts: list[str]) -> list[RecommendationEntry]:
    """English entries with the translation's texts put in, position by position;
    an entry the translation lacks stays English (``assess lint`` reports it)."""
    out: list[RecommendationEntry] = []
    for i, entry in enumerate(english):
        if i >= len(texts):
            out.append(entry)
        elif isinstance(entry, str):
            out.append(texts[i])
        else:
            out.append(entry.model_copy(update={"text": texts[i]}))
    return out


class CriteriaText(_Strict):
    """The words of each criterion in another language (the conditions stay shared)."""

    met: str = Field(min_length=1)
    partial: str | None = Field(None, min_length=1)
    missed: str = Field(min_length=1)


class ItemTranslation(_Strict):
    """Every text of an item a reader sees, in one other language."""

    title: str = Field(min_length=1)
    question: str = Field(min_length=1)
    weight_reason: str = Field(min_length=1)
    not_applicable_reason: str | None = Field(None, min_length=1)
    caution_reason: str | None = Field(None, min_length=1)
    criteria: CriteriaText
    ssr_side: str = Field(min_length=1)
    mine_action_side: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    recommendations: TranslatedRecommendations


class ChecklistTranslation(_Strict):
    title: str = Field(min_length=1)
    description: str | None = Field(None, min_length=1)


LANGUAGE_PATTERN = r"^[a-z]{2}$"

ITEM_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$"


ItemId = Annotated[str, StringConstraints(pattern=ITEM_ID_PATTERN)]


class Item(_Strict):
    id: str = Field(pattern=ITEM_ID_PATTERN, description="Stable id, e.g. GOV-01.")
    replaces: list[ItemId] = Field(
        default_factory=list,
        description="Ids of earlier items of this checklist that this one splits or merges "
        "(e.g. [LNK-09]); baselines compare their entries for those ids with this item.",
    )
    approach: Approach
    kind: Kind
    needs: list[Need] | None = Field(
        None,
        description="The side(s) of the work the item needs: ssr, mine_action, security_forces, "
        "un_mandate, ddr (see the checklist model). assess lint requires it.",
    )
    needs_reason: str | None = Field(
        None, min_length=1, description="Why a synergy needs only one side (for checklist authors)."
    )
    caution_in: list[Phase] = Field(
        default_factory=list,
        description="Phases (context.phase) in which the item is a risk to weigh, not a gap to close: "
        "there it counts as a caution (listed with the cautions, not with the missed synergies or key gaps).",
    )
    caution_when: Any = Field(
        None,
        description="Condition under which the item is a caution (a risk to weigh first), whatever the "
        "phase; it must hold (a silent condition leaves the item's kind as it is).",
    )
    caution_reason: str | None = Field(
        None,
        min_length=1,
        description="Why the item is a caution where caution_when (or caution_in) holds; shown to readers. "
        "Required with caution_when.",
    )
    title: str = Field(min_length=1)
    question: str = Field(min_length=1, description="The question a field officer answers.")
    weight: float = Field(ge=0.1, le=10, description="How much the item counts in its scores, from 0.1 to 10.")
    weight_reason: str = Field(min_length=1)
    applies_when: Any = None
    not_applicable_reason: str | None = None
    criteria: Criteria
    ssr_side: str = Field(min_length=1)
    mine_action_side: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    recommendations: Recommendations
    references: list[Reference] = Field(min_length=1)
    instruments: list[str] = Field(default_factory=list)
    translations: dict[str, ItemTranslation] = Field(
        default_factory=dict,
        description="The item's texts in other languages, keyed by language code (e.g. fr).",
    )

    def localized(self, lang: str) -> Item:
        """This item with its texts in ``lang``, or unchanged if it has none."""
        tr = self.translations.get(lang)
        if tr is None:
            return self
        criteria = self.criteria.model_copy(
            update={
                "met": self.criteria.met.model_copy(update={"text": tr.criteria.met}),
                "missed": self.criteria.missed.model_copy(update={"text": tr.criteria.missed}),
                "partial": (
                    self.criteria.partial.model_copy(update={"text": tr.criteria.partial or self.criteria.partial.text})
                    if self.criteria.partial is not None
                    else None
                ),
            }
        )
        return self.model_copy(
            update={
                "title": tr.title,
                "question": tr.question,
                "weight_reason": tr.weight_reason,
                "not_applicable_reason": tr.not_applicable_reason or self.not_applicable_reason,
                "caution_reason": tr.caution_reason or self.caution_reason,
                "criteria": criteria,
                "ssr_side": tr.ssr_side,
                "mine_action_side": tr.mine_action_side,
                "rationale": tr.rationale,
                "recommendations": Recommendations(
                    ssr=_translated(self.recommendations.ssr, tr.recommendations.ssr),
                    mine_action=_translated(self.recommendations.mine_action, tr.recommendations.mine_action),
                ),
            }
        )

    @model_validator(mode="after")
    def _applicability(self) -> Item:
        if self.applies_when is not None and not self.not_applicable_reason:
            raise ValueError("an item with 'applies_when' needs a 'not_applicable_reason'")
        if self.caution_when is not None and not self.caution_reason:
            raise ValueError("an item with 'caution_when' needs a 'caution_reason': why it is a caution there")
        return self


def needs_problems(item: Item) -> list[str]:
    """What ``assess lint`` says about an item's ``needs`` (empty when consistent)."""
    if item.needs is None:
        return [
            f"item {item.id} does not say which side(s) it needs: add 'needs:' after 'kind:' (e.g. [ssr, mine_action])"
        ]
    out = []
    needs = set(item.needs)
    if len(needs) != len(item.needs):
        out.append(f"item {item.id} names a need twice in 'needs'")
    if Need.ssr in needs and Need.security_forces in needs:
        out.append(f"item {item.id}: 'ssr' already implies 'security_forces'; name one of them")
    if item.kind is Kind.synergy:
        both = bool(needs & SSR_SIDE_NEEDS) and bool(needs & MINE_ACTION_SIDE_NEEDS)
        if not both and not item.needs_reason:
            out.append(
                f"item {item.id} is a synergy but does not need both an SSR side (ssr, security_forces, ddr, "
                "un_mandate) and a mine action side (mine_action, un_mandate): add the missing one, or say "
                "why one is enough in 'needs_reason'"
            )
        if both and item.needs_reason:
            out.append(f"item {item.id} needs both sides: its 'needs_reason' says nothing; remove it")
    elif item.needs_reason:
        out.append(f"item {item.id}: 'needs_reason' is for a synergy that needs one side only; remove it")
    return out


def replaces_problems(checklist: Checklist) -> list[tuple[int, int | None, str]]:
    """What is wrong with the items' ``replaces`` (see the module docstring), as
    (item index, index in its ``replaces`` or None, message)."""
    present = {item.id for item in checklist.items}
    replacers: dict[str, list[int]] = {}
    out: list[tuple[int, int | None, str]] = []
    for i, item in enumerate(checklist.items):
        seen: set[str] = set()
        for j, old in enumerate(item.replaces):
            if old == item.id:
                out.append((i, j, f"item {item.id} replaces itself; 'replaces' names earlier ids only"))
            elif old in seen:
                out.append((i, j, f"item {item.id} names {old} twice in 'replaces'"))
            elif old in present:
                out.append(
                    (
                        i,
                        j,
                        f"item {item.id} replaces {old}, but {old} is still in the checklist: remove it, "
                        "or drop it from 'replaces'",
                    )
                )
            else:
                replacers.setdefault(old, []).append(i)
            seen.add(old)
    for old, indices in replacers.items():
        if len(indices) < 2:
            continue
        # A split: each part replaces the old id alone.
        for i in indices:
            item = checklist.items[i]
            if len(set(item.replaces)) > 1:
                others = ", ".join(checklist.items[k].id for k in indices if k != i)
                out.append(
                    (
                        i,
                        item.replaces.index(old),
                        f"item {item.id} replaces {old}, which {others} also replace(s): a split item's parts "
                        "replace it alone, so this item cannot also replace "
                        + ", ".join(x for x in item.replaces if x != old),
                    )
                )
    return out


class Checklist(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=SEMVER_PATTERN)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    description: str | None = None
    languages: list[str] = Field(
        default_factory=lambda: ["en"],
        description="Languages the checklist's texts exist in; English first and always.",
    )
    translations: dict[str, ChecklistTranslation] = Field(default_factory=dict)
    items: list[Item] = Field(min_length=1)

    def localized(self, lang: str) -> Checklist:
        """This checklist with its texts in ``lang`` where a translation exists.

        Texts without a translation stay in English; ``assess lint`` reports
        them for every language the checklist declares.
        """
        if lang == "en":
            return self
        update: dict[str, Any] = {"items": [item.localized(lang) for item in self.items]}
        head = self.translations.get(lang)
        if head is not None:
            update["title"] = head.title
            if head.description is not None:
                update["description"] = head.description
        return self.model_copy(update=update)
