"""The result document: one versioned model that every output format renders.

``assess check --format json`` prints it; the report, JUnit, SARIF and the
portfolio read it. Its JSON Schema is ``assess schema result``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assess.core.checklist import Approach, Horizon, Kind, Reference
from assess.core.profile import ActorRole
from assess.core.tailoring_record import TailoringRecord

#: Bumped on any change a reader of the JSON could notice (major: breaking).
#: 1.3: ``missed_synergies`` lists missed synergies only (partial ones moved
#: to ``partial_synergies``), ranked by lost weight, sides shown present,
#: evidence and id; ``key_gaps`` added.
#: 1.4: each item carries ``replaces`` (the ids of the earlier items it splits
#: or merges) and ``actions`` (its recommendations resolved for the profile:
#: conditions applied, the profile's actors, mission and authorities named);
#: ``recommendations`` holds the same resolved texts, as plain strings;
#: ``caution_reason`` says why an item counts as a caution for the profile.
#: Also 1.4: every score carries ``low`` and ``high`` (the score if every unknown
#: item were missed or met) and ``provisional`` (under half the applicable
#: items answered); the profile summary carries ``summary``, ``actors`` and
#: ``treaties``.
#: 1.5 (action plans): ``plan``, the state of the profile's action plan when one is given.
#: 1.5 (EVIDENCE, issue 18): every score carries ``evidence`` (its evidence
#: strength), each evidence record ``known_by`` (the profile's ``sources``
#: entry for the fact, stale or not), each item ``stale``, and the document
#: ``evidence_basis`` (the date and age staleness was judged on).
#: 1.5: ``voices`` (issue 18): the respondents' answers per fact, agreement
#: with the merged answers, and the facts they disagree on.
#: 1.5 (tailoring): ``tailoring`` records the tailoring applied (id, version,
#: digest, chain, every change with its base value and reason);
#: ``overall_base`` and ``approaches_base`` are the scores on the untailored checklists.
SCHEMA_VERSION = "1.5"


class Status(StrEnum):
    met = "met"
    partial = "partial"
    missed = "missed"
    not_applicable = "not_applicable"
    unknown = "unknown"
    waived = "waived"


class Priority(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


_D = TypeVar("_D", bound=_Doc)


def trusted(cls: type[_D], values: dict[str, Any]) -> _D:
    """Build a record from values that are already valid, without validating.

    Evaluation assembles result records from models that pydantic has checked
    once (the checklist at load, the profile on reading); validating every
    field again for every item of every profile was most of the cost of
    scoring. ``values`` must name every field of ``cls`` with a value of the
    declared type: ``tests/test_evaluate.py`` checks that the documents built
    this way validate and equal their own JSON round trip. (pydantic's
    ``model_construct`` does the same, but spends longer on defaults and
    aliases these records do not have.)
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


class Location(_Doc):
    path: str
    line: int = Field(ge=1)
    column: int = Field(ge=1)


class KnownBy(_Doc):
    """How a fact's answer is known, from the profile's ``sources`` (added in 1.5)."""

    kind: str | None = Field(description="document, interview, focus_group, survey or observation; null: not said.")
    date: dt.date | None = Field(description="When the answer was learned; null: not said.")
    confidence: str | None = Field(description="high, medium or low; null: not said.")
    note: str | None = None
    stale: bool = Field(description="True when ``date`` is older than the stale age before the assessment's date.")
    corroborated: bool = Field(False, description="True when several respondents back the answer.")


class EvidenceRecord(_Doc):
    """One profile field an item reads, as the profile states it."""

    field: str
    question: str | None = Field(
        None,
        description="What the field asks (the profile model's question for it), in the document's language; "
        "added in 1.2, absent before.",
    )
    answer: str
    evidence: str | None = None
    source: str | None = None
    date: dt.date | None = None
    note: str | None = None
    location: Location | None = None
    known_by: KnownBy | None = Field(
        None, description="How the answer is known (the profile's sources); null when not said. Added in 1.5."
    )


class WaiverRecord(_Doc):
    justification: str
    approver: str | None = None
    expires: dt.date


class RecommendationTexts(_Doc):
    """An item's recommendations for this profile, as plain text per side: those without
    a condition or whose condition holds, with the profile's names put in."""

    ssr: list[str] = Field(description="What SSR actors could do.")
    mine_action: list[str] = Field(description="What mine action actors could do.")


class Action(_Doc):
    """One recommendation of an item, resolved for the profile (for an action plan)."""

    side: str = Field(description="'ssr' or 'mine_action': whose recommendation it is.")
    text: str = Field(description="The recommendation with the profile's own names put in, as plain text.")
    horizon: Horizon | None = Field(description="now, year or structural; null when the checklist does not say.")
    by: list[ActorRole] = Field(description="The actor roles the checklist says fit this action.")
    actors: list[str] = Field(
        description="Names of the profile's actors (and mine action authorities or centres, for the "
        "national_authority and national_centre roles) whose role is in 'by'; empty when none is "
        "named, and a report then speaks of the side."
    )


class ItemResult(_Doc):
    checklist: str
    id: str
    replaces: list[str] = Field(
        default_factory=list,
        description="Ids of earlier items of the same checklist this one splits or merges; a baseline "
        "entry for one of them is compared with this item. Added in 1.4.",
    )
    approach: Approach
    kind: Kind
    title: str
    question: str
    weight: float
    priority: Priority
    status: Status
    criterion: str = Field(description="The checklist's words for this result, or the reason.")
    caution_reason: str | None = Field(
        None,
        description="Why the item counts as a caution for this profile (its caution_when condition holds, "
        "or its caution_in names the phase), where the checklist says; null otherwise. Added in 1.4.",
    )
    evidence: list[EvidenceRecord]
    location: Location | None
    ssr_side: str
    mine_action_side: str
    rationale: str
    recommendations: RecommendationTexts
    actions: list[Action] = Field(
        default_factory=list,
        description="The recommendations that fit this profile, resolved, in checklist order (SSR side "
        "first); added in 1.4.",
    )
    references: list[Reference]
    instruments: list[str]
    waiver: WaiverRecord | None = None
    stale: bool = Field(
        False, description="True when an answered fact the item reads is stale (see known_by). Added in 1.5."
    )


class EvidenceStrength(_Doc):
    """How much of a score rests on documents or on several respondents (added in 1.5)."""

    share: float | None = Field(
        ge=0, le=1, description="backed / answered; null when no answered fact feeds the score."
    )
    backed: int = Field(
        ge=0, description="Answered facts backed by a document (sources kind) or by several respondents."
    )
    answered: int = Field(ge=0, description="Distinct answered facts read by the score's applicable items.")
    stale: int = Field(ge=0, description="Of the answered facts, those whose source is stale.")


class EvidenceBasis(_Doc):
    """What the evidence figures were judged on (added in 1.5)."""

    as_of: dt.date = Field(description="The date staleness is judged from (--today, or the report's date).")
    stale_after_days: int = Field(ge=1, description="A source older than this many days is stale.")
    stale: list[str] = Field(description="Dotted paths of the answered facts whose source is stale.")


class Score(_Doc):
    score: float | None = Field(description="0-100, or null when no applicable item is answered.")
    coverage: float = Field(ge=0, le=1, description="answered / applicable")
    answered: int
    applicable: int
    weight_answered: float
    weight_applicable: float
    low: float | None = Field(
        None,
        description="0-100: the score if every unknown item were missed; null when nothing applies. Added in 1.4.",
    )
    high: float | None = Field(
        None,
        description="0-100: the score if every unknown item were met; null when nothing applies. Added in 1.4.",
    )
    provisional: bool = Field(
        False,
        description="True when the score rests on under half of the applicable items (coverage < 0.5), "
        "or there is no score. Added in 1.4.",
    )
    evidence: EvidenceStrength | None = Field(
        None,
        description="The score's evidence strength; null when the profile says nothing of how its answers "
        "are known (no sources, no corroborated answers). Added in 1.5.",
    )


class ChecklistRef(_Doc):
    id: str
    version: str
    title: str
    source: str
    items: int


class ActorSummary(_Doc):
    """One of the profile's actors, as the report's action plan names them."""

    name: str
    side: str = Field(description="ssr, mine_action or both.")
    role: str
    national: bool | None = None


class ProfileSummary(_Doc):
    path: str
    sha256: str
    title: str
    country: str
    organisations: list[str]
    assessment_date: dt.date | None
    assessor: str | None
    phase: str | None
    un_mission: str | None
    summary: str | None = Field(None, description="The profile's own summary of the programme; added in 1.4.")
    actors: list[ActorSummary] = Field(default_factory=list, description="The profile's actors; added in 1.4.")
    treaties: dict[str, str] = Field(
        default_factory=dict,
        description="The state's standing under each instrument the profile states (apmbc, ccm, "
        "ccw_amended_protocol_ii, ccw_protocol_v, att: party, signatory, not_party or withdrawn); added in 1.4.",
    )


class ToolInfo(_Doc):
    name: str = "assess"
    version: str


class KeyGap(_Doc):
    """One of the highest-weight missed items, of any kind."""

    id: str = Field(description="'checklist/item'")
    kind: Kind
    weight: float
    synergy: bool = Field(description="True for a missed synergy between SSR and mine action.")


# --- PLANS: the state of an action plan (added in 1.5) ---


class PlanActionState(_Doc):
    """One action of an action plan, as the assessment finds it."""

    id: str
    text: str
    closes: list[str] = Field(description="Keys ('checklist/item') of the items it closes.")
    owner: str | None = Field(description="Who acts, as the plan names them; null while nobody is named.")
    owner_is_actor: bool = Field(description="False when the owner is none of the profile's actors or authorities.")
    side: str | None = Field(description="ssr, mine_action or both; null when the plan does not say.")
    due: dt.date | None
    horizon: Horizon | None
    status: str = Field(description="planned, under_way, done or dropped.")
    status_date: dt.date | None
    note: str | None
    evidence: list[str]
    overdue: bool = Field(description="Planned or under way, and due before the date the plan is judged on.")
    still_open: list[str] = Field(
        description="For a done action: the items it closes that this assessment still finds missed, partly "
        "met or unknown (the action changes no score; the next assessment's answer does)."
    )
    item_status: dict[str, str] = Field(description="The status of each item it closes in this assessment.")


class PlanState(_Doc):
    """The profile's action plan judged against this assessment; added in 1.5."""

    file: str = Field(description="The plan's file name.")
    profile: str = Field(description="The profile the plan says it belongs to.")
    title: str | None
    version: int = Field(description="The plan format's version.")
    judged_on: dt.date = Field(description="The date overdue actions are judged on (--today, or the report's date).")
    counts: dict[str, int] = Field(description="Actions by status: planned, under_way, done, dropped.")
    overdue: list[str] = Field(description="Ids of the overdue actions.")
    done_but_open: list[str] = Field(description="Ids of done actions whose items are still open.")
    gaps_without_action: list[str] = Field(
        description="Key gaps ('checklist/item') that no action (other than a dropped one) closes."
    )
    actions: list[PlanActionState]


# --- end PLANS ---
# --- VOICES (issue 18): what several respondents said ---


class FactVoices(_Doc):
    """What the respondents answered to one fact, against the profile's (merged) answer."""

    field: str = Field(description="The fact's dotted path.")
    merged: str = Field(description="The profile's answer to the fact: yes, partial, no or unknown.")
    respondents: int = Field(description="How many respondents answered it (a don't-know included).")
    answers: dict[str, int] = Field(description="How many gave each answer (yes, partial, no, unknown).")
    agreeing: int = Field(description="How many gave the merged answer (known answers only).")
    agreement: float | None = Field(description="agreeing / respondents who gave a known answer; null when none did.")
    contested: bool = Field(description="True when respondents gave two or more different known answers.")
    by_side: dict[str, dict[str, int]] = Field(
        description="The answers counted by the respondents' side (not_given where a side is not given)."
    )
    by_sex: dict[str, dict[str, int]] = Field(
        description="The answers counted by the respondents' sex; empty when the profile gives no one's sex."
    )
    items: list[str] = Field(description="The items ('checklist/item') that read the fact.")


class VoicesSummary(_Doc):
    """The profile's respondents and how far they agree; added in 1.5."""

    rule: str | None = Field(description="The merge rule the profile states (majority, cautious, lead), or null.")
    lead: str | None = Field(description="The lead respondent's id under the lead rule, or null.")
    respondents: int = Field(description="How many respondents the profile lists.")
    by_side: dict[str, int] = Field(description="Respondents per side.")
    by_sex: dict[str, int] = Field(description="Respondents per sex; empty when the profile gives no one's sex.")
    agreement: float | None = Field(
        description="Over every fact, the share of known answers that are the merged answer; null when none."
    )
    facts: list[FactVoices] = Field(description="Every fact with responses, by path.")
    contested: list[str] = Field(description="The paths of the facts respondents disagree on.")
    corroborated: list[str] = Field(
        description="The paths of the facts whose merged answer two or more respondents gave (what evidence "
        "strength counts as backed by several respondents)."
    )


# --- end VOICES ---


class Assessment(_Doc):
    """The result document for one profile against a set of checklists."""

    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    profile: ProfileSummary
    checklists: list[ChecklistRef]
    overall: Score
    approaches: dict[Approach, Score]
    counts: dict[Status, int]
    items: list[ItemResult]
    missed_synergies: list[str] = Field(
        description="Ids ('checklist/item') of missed synergy items, ranked by lost weight, then the "
        "sides the profile shows present, then how much evidence the answers cite, then id. "
        "Before 1.3 it held partial ones too."
    )
    partial_synergies: list[str] = Field(
        default_factory=list,
        description="Ids of synergy items met in part, ranked the same way; added in 1.3.",
    )
    key_gaps: list[KeyGap] = Field(
        default_factory=list,
        description="The highest-weight missed items of every kind (practice, synergy, caution), ranked as "
        "missed_synergies, at most KEY_GAPS of them; added in 1.3.",
    )
    cautions: list[str] = Field(description="Ids of caution items raised (applicable, not met).")
    scoring: str = Field(description="The scoring formula, in words.")
    language: str = Field(
        "en",
        description="Language of the checklist texts in this document (ISO 639-1, e.g. en or fr); "
        "added in 1.1, absent (English) before.",
    )
    plan: PlanState | None = Field(
        None, description="The action plan's state, when the run was given one (--plan, --plans); added in 1.5."
    )
    evidence_basis: EvidenceBasis | None = Field(
        None,
        description="The date and age staleness was judged on; null when the profile says nothing of how its "
        "answers are known. Added in 1.5.",
    )
    voices: VoicesSummary | None = Field(
        None,
        description="What the profile's respondents answered and where they disagree, when the profile keeps "
        "every respondent's answers (responses); added in 1.5.",
    )
    # --- TAILORING ---
    tailoring: TailoringRecord | None = Field(
        None,
        description="The tailoring applied to the checklists (--tailoring): id, version, digest, the chain and "
        "every change with its base value and reason; null when none. Added in 1.5.",
    )
    overall_base: Score | None = Field(
        None,
        description="With a tailoring: the overall score on the untailored checklists of the run, comparable "
        "with untailored runs; null without one. Added in 1.5.",
    )
    approaches_base: dict[Approach, Score] | None = Field(
        None,
        description="With a tailoring: each approach's score on the untailored checklists; added in 1.5.",
    )
