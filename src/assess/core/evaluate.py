"""Evaluation: a profile against compiled checklists gives an Assessment.

No I/O here: the loader hands in the profile's path, hash and the locations of
its fields; the CLI hands in the tool version and any waivers in force.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property
from typing import Any, NamedTuple

from assess.core.actions import Resolver, compile_recommendations, english_join
from assess.core.checklist import NEED_CONDITIONS, NEED_REASONS, Approach, Checklist, Item, Kind, Need
from assess.core.conditions import Condition, ConditionError, Truth, compile_condition
from assess.core.facts import Fact
from assess.core.fields import question
from assess.core.profile import Profile
from assess.core.result import (
    SCHEMA_VERSION,
    ActorSummary,
    Assessment,
    ChecklistRef,
    EvidenceRecord,
    ItemResult,
    KeyGap,
    Location,
    ProfileSummary,
    Score,
    Status,
    ToolInfo,
    VoicesSummary,
    WaiverRecord,
    trusted,
)
from assess.core.scoring import COUNTS, FORMULA, Tally, gap, priority, score_of, total

DataPath = tuple[str | int, ...]

# The statuses and kinds as module names: reading a member off its enum class
# costs some ten times reading a global, and the loops below do it for every
# item of every profile.
_MET, _PARTIAL, _MISSED, _UNKNOWN, _NOT_APPLICABLE = (
    Status.met,
    Status.partial,
    Status.missed,
    Status.unknown,
    Status.not_applicable,
)
_SYNERGY, _CAUTION = Kind.synergy, Kind.caution
#: The approaches and statuses in their declared order (iterating an enum class is slower).
_APPROACH_ORDER = tuple(Approach)
_STATUS_ORDER = tuple(Status)


@dataclass(frozen=True)
class CompiledItem:
    item: Item
    applies: Condition | None
    met: Condition
    partial: Condition | None
    fields: tuple[str, ...]
    #: The parts of every result that do not depend on the profile, worked out
    #: once at load: evaluation then only adds status, criterion and evidence.
    static: Mapping[str, Any] = field(compare=False, repr=False)
    #: Each result's words: the criterion's text, the reason, or the question.
    texts: Mapping[Status, str] = field(compare=False, repr=False)
    #: The item's status for a profile (see :func:`item_status`), as one
    #: closure; it takes the profile and its :func:`sides_present`.
    decide: Callable[[Profile, Mapping[Need, Truth]], Status] = field(compare=False, repr=False)
    #: checklist id, item id, approach, kind, weight: an Outcome but its status.
    head: tuple[str, str, Approach, Kind, float] = field(compare=False, repr=False)
    #: The question of each field in ``fields``, in the checklist's language,
    #: worked out at compile time for the evidence records.
    questions: Mapping[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    #: The item's needs, each with the reason given when it is absent.
    needs: tuple[tuple[Need, str], ...] = field(default=(), compare=False, repr=False)
    #: The item's recommendations and actions for a profile, when they depend on
    #: it (a condition, a placeholder, actor roles); None: ``static`` holds them.
    recommend: Resolver | None = field(default=None, compare=False, repr=False)
    #: ``caution_when`` compiled, and the fields it reads beyond ``fields`` (their
    #: evidence is shown where it holds).
    caution: Condition | None = field(default=None, compare=False, repr=False)
    caution_fields: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: Whether the item can turn into a caution for some profile (caution_in or caution_when).
    cautious: bool = field(default=False, compare=False, repr=False)


@dataclass(frozen=True)
class CompiledChecklist:
    checklist: Checklist
    items: tuple[CompiledItem, ...]

    @cached_property
    def item_keys(self) -> tuple[str, ...]:
        """Each item's key (:func:`item_key`), in the items' order."""
        return tuple(item_key(ci.head[0], ci.head[1]) for ci in self.items)

    @cached_property
    def ref(self) -> ChecklistRef:
        c = self.checklist
        return ChecklistRef(id=c.id, version=c.version, title=c.title, source=c.source, items=len(c.items))


def _decider(
    applies: Condition | None,
    met: Condition,
    partial: Condition | None,
    needs: Sequence[Need] = (),
) -> Callable[[Profile, Mapping[Need, Truth]], Status]:
    """The rule of :func:`item_status` over one item's compiled conditions."""
    is_met = met.evaluate
    is_partial = partial.evaluate if partial is not None else None
    is_applicable = applies.evaluate if applies is not None else None
    needed = tuple(needs)

    def decide(profile: Profile, sides: Mapping[Need, Truth]) -> Status:
        for need in needed:
            if sides[need] is False:
                return _NOT_APPLICABLE
        if is_applicable is not None and is_applicable(profile) is False:
            return _NOT_APPLICABLE
        m = is_met(profile)
        if m is True:
            return _MET
        p = is_partial(profile) if is_partial is not None else False
        if p is True:
            return _PARTIAL
        if m is None or p is None:
            return _UNKNOWN
        return _MISSED

    return decide


#: What an unknown item says, before the item's question; the loader passes
#: its translation for other languages.
UNKNOWN_WORDING = "The profile does not say: {question}"


@cache
def need_condition(need: Need) -> Condition:
    """The condition that says whether ``need``'s side is present in a profile."""
    return compile_condition(NEED_CONDITIONS[need], ("needs", need.value))


def sides_present(profile: Profile) -> dict[Need, Truth]:
    """Whether each side an item may need is present in ``profile`` (None:
    the profile does not say): worked out once per profile, for every item."""
    return {need: need_condition(need).evaluate(profile) for need in Need}


def _questions(names: Sequence[str], translate: Callable[[str], str] | None) -> dict[str, str | None]:
    """The profile model's question of each field, through ``translate``."""
    out: dict[str, str | None] = {}
    for name in names:
        english = question(Profile, name)
        out[name] = translate(english) if english is not None and translate is not None else english
    return out


def compile_checklist(
    checklist: Checklist,
    unknown: str = UNKNOWN_WORDING,
    translate: Callable[[str], str] | None = None,
    need_reasons: Mapping[Need, str] = NEED_REASONS,
    join: Callable[[Sequence[str]], str] = english_join,
) -> CompiledChecklist:
    """Compile every condition of ``checklist``; raises ConditionError with a
    path into the checklist data (``items``, index, ...). ``unknown`` words the
    result of an unknown item (``{question}`` is the item's question);
    ``translate`` gives the profile's questions in the checklist's language
    (the loader passes the catalogue's lookup; English without it);
    ``need_reasons`` words the result of an item whose needed side is absent;
    ``join`` lists several of the profile's names in a recommendation ("A and B")."""
    compiled = []
    for i, item in enumerate(checklist.items):
        base: DataPath = ("items", i)
        applies = (
            compile_condition(item.applies_when, (*base, "applies_when")) if item.applies_when is not None else None
        )
        met = compile_condition(item.criteria.met.when, (*base, "criteria", "met", "when"))
        partial = None
        if item.criteria.partial is not None:
            partial = compile_condition(item.criteria.partial.when, (*base, "criteria", "partial", "when"))
        names = [*met.fields(), *(partial.fields() if partial else [])]
        caution = (
            compile_condition(item.caution_when, (*base, "caution_when")) if item.caution_when is not None else None
        )
        caution_fields = tuple(f for f in dict.fromkeys(caution.fields()) if f not in names) if caution else ()
        needs = tuple((n, need_reasons[n]) for n in item.needs or ())
        recommendations, actions, recommend = compile_recommendations(
            item.recommendations, (*base, "recommendations"), join
        )
        known = {
            "checklist": checklist.id,
            "id": item.id,
            "replaces": list(item.replaces),
            "approach": item.approach,
            "kind": item.kind,
            "title": item.title,
            "question": item.question,
            "weight": item.weight,
            "priority": priority(item.weight),
            "ssr_side": item.ssr_side,
            "mine_action_side": item.mine_action_side,
            "rationale": item.rationale,
            "recommendations": recommendations,
            "actions": actions,
            "references": list(item.references),
            "instruments": list(item.instruments),
        }
        # In the document's field order (JSON follows it); the rest is per profile.
        static = {name: known.get(name) for name in ItemResult.model_fields}
        texts = {
            Status.not_applicable: item.not_applicable_reason or "",
            Status.met: item.criteria.met.text,
            Status.partial: item.criteria.partial.text if item.criteria.partial else "",
            Status.missed: item.criteria.missed.text,
            Status.unknown: unknown.format(question=item.question),
        }
        compiled.append(
            CompiledItem(
                item,
                applies,
                met,
                partial,
                tuple(dict.fromkeys(names)),
                static,
                texts,
                _decider(applies, met, partial, [n for n, _ in needs]),
                (checklist.id, item.id, item.approach, item.kind, item.weight),
                _questions([*names, *caution_fields], translate),
                needs,
                recommend,
                caution,
                caution_fields,
                bool(item.caution_in) or caution is not None,
            )
        )
    return CompiledChecklist(checklist, tuple(compiled))


@dataclass(frozen=True)
class ProfileSource:
    """Where a profile came from: what the loader knows and the core may not read."""

    path: str
    sha256: str
    #: data path -> (line, column), 1-based, of each key present in the file.
    locations: Mapping[DataPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, dotted: str) -> Location | None:
        """The location of a field, or of its nearest ancestor in the file."""
        parts: DataPath = tuple(dotted.split("."))
        while parts:
            pos = self.locations.get(parts)
            if pos is not None:
                return trusted(Location, {"path": self.path, "line": pos[0], "column": pos[1]})
            parts = parts[:-1]
        return None


def item_status(ci: CompiledItem, profile: Profile, sides: Mapping[Need, Truth] | None = None) -> tuple[Status, str]:
    """An item's result for a profile and the checklist's words for it.

    Not applicable when a side it needs is absent (the reason names the
    first such side) or its applicability condition is false; met when the
    met condition holds; partial when the partial one does; unknown when
    either could still hold but the profile is silent; missed otherwise.
    ``sides``: the profile's :func:`sides_present`, when already worked out.
    """
    if sides is None:
        sides = sides_present(profile)
    status = ci.decide(profile, sides)
    if status is Status.not_applicable:
        for need, reason in ci.needs:
            if sides[need] is False:
                return status, reason
    return status, ci.texts[status]


@cache
def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(dotted.split("."))


def _value(profile: Profile, parts: tuple[str, ...]) -> Any:
    value: Any = profile
    for part in parts:
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _evidence(profile: Profile, source: ProfileSource, dotted: str, asks: str | None) -> EvidenceRecord:
    parts = _parts(dotted)
    value = _value(profile, parts)
    pos = source.locations.get(parts)
    where = None if pos is None else trusted(Location, {"path": source.path, "line": pos[0], "column": pos[1]})
    if type(value) is Fact:
        return trusted(
            EvidenceRecord,
            {
                "field": dotted,
                "question": asks,
                "answer": value.answer.value,
                "evidence": value.evidence,
                "source": value.source,
                "date": value.date,
                "note": value.note,
                "location": where,
                "known_by": None,
            },
        )
    if value is None:
        shown = "unknown"
    elif isinstance(value, list):
        shown = ", ".join(_text(v) for v in value) if value else "none"
    else:
        shown = _text(value)
    return trusted(
        EvidenceRecord,
        {
            "field": dotted,
            "question": asks,
            "answer": shown,
            "evidence": None,
            "source": None,
            "date": None,
            "note": None,
            "location": where,
            "known_by": None,
        },
    )


def _text(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def item_key(checklist_id: str, item_id: str) -> str:
    """The stable key of an item across runs: ``checklist/item``."""
    return f"{checklist_id}/{item_id}"


_OPEN = (Status.missed, Status.partial, Status.unknown)


def evaluate(
    profile: Profile,
    checklists: Sequence[CompiledChecklist],
    source: ProfileSource,
    tool_version: str,
    waivers: Mapping[str, WaiverRecord] | None = None,
    language: str = "en",
) -> Assessment:
    """Assess ``profile`` against ``checklists``.

    ``language`` records the language of the checklists' texts (they come
    localized from the loader).

    ``waivers`` maps item keys (``checklist/item``) to waivers already checked
    to be in force; a waiver turns a missed, partial or unknown item into
    ``waived`` and leaves met and not-applicable items as they are.
    """
    results: list[ItemResult] = []
    ranked: list[Outcome] = []
    # Items often read the same fields: build each evidence record once.
    records: dict[str, EvidenceRecord] = {}
    sides = sides_present(profile)
    for cc in checklists:
        for ci in cc.items:
            waiver = waivers.get(item_key(cc.checklist.id, ci.item.id)) if waivers else None
            status, criterion, waiver = _judged(ci, profile, waiver, sides)
            cautioned = ci.cautious and _cautioned(ci, profile)
            head = _caution_head(ci) if cautioned else ci.head
            evidence = _item_evidence(ci, profile, source, records, cautioned)
            extra = _rank_facts(ci, profile, sides) if status is Status.missed or status is Status.partial else (0, 0)
            ranked.append(Outcome(*head, status, *extra))
            results.append(
                trusted(
                    ItemResult,
                    {
                        **ci.static,
                        **_recommended(ci, profile),
                        "kind": head[3],
                        "status": status,
                        "criterion": criterion,
                        "caution_reason": ci.item.caution_reason if cautioned else None,
                        "evidence": evidence,
                        "location": _item_location(ci, source, evidence),
                        "waiver": waiver,
                        "stale": False,
                    },
                )
            )
    return _assemble(profile, checklists, source, tool_version, results, ranked, language)


def _judged(
    ci: CompiledItem, profile: Profile, waiver: WaiverRecord | None, sides: Mapping[Need, Truth]
) -> tuple[Status, str, WaiverRecord | None]:
    """The item's status, the words for it and the waiver that applies: a waiver in
    force for the item turns an open status into ``waived`` (with its justification)
    and applies to nothing else."""
    status, criterion = item_status(ci, profile, sides)
    if waiver is not None and status in _OPEN:
        return Status.waived, waiver.justification, waiver
    return status, criterion, None


def _item_evidence(
    ci: CompiledItem, profile: Profile, source: ProfileSource, records: dict[str, EvidenceRecord], cautioned: bool
) -> list[EvidenceRecord]:
    """The evidence records of the fields the item reads (and, where facts make it a
    caution, of the fields its caution reads), each built once into ``records``."""
    read = ci.fields
    if cautioned and ci.caution_fields and ci.caution is not None and ci.caution.evaluate(profile) is True:
        read = ci.fields + ci.caution_fields
    evidence = []
    for name in read:
        record = records.get(name)
        if record is None:
            record = records[name] = _evidence(profile, source, name, ci.questions[name])
        evidence.append(record)
    return evidence


def _item_location(ci: CompiledItem, source: ProfileSource, evidence: Sequence[EvidenceRecord]) -> Location | None:
    """Where the item points in the profile: its first located evidence, else the
    nearest ancestor in the file of the first field it reads."""
    location = next((e.location for e in evidence if e.location is not None), None)
    if location is None and ci.fields:
        location = source.locate(ci.fields[0])
    return location


def _recommended(ci: CompiledItem, profile: Profile) -> dict[str, Any]:
    """The item's recommendations and actions resolved for the profile, when it has any."""
    if ci.recommend is None:
        return {}
    texts, actions = ci.recommend(profile)
    return {"recommendations": texts, "actions": actions}


class Outcome(NamedTuple):
    """What aggregation needs of one item's result.

    ``sides``: how many of the item's needs the profile shows present;
    ``strength``: how many of the facts it reads cite evidence or a source.
    Both only rank open items (0 for the others)."""

    checklist: str
    id: str
    approach: Approach
    kind: Kind
    weight: float
    status: Status
    sides: int = 0
    strength: int = 0


#: How many key gaps a result lists.
KEY_GAPS = 5


def _rank_facts(ci: CompiledItem, profile: Profile, sides: Mapping[Need, Truth]) -> tuple[int, int]:
    """(sides shown present, facts with evidence) of an item, to rank it."""
    shown = sum(1 for need, _ in ci.needs if sides[need] is True)
    strength = 0
    for name in ci.fields:
        value = _value(profile, _parts(name))
        if type(value) is Fact and (value.evidence or value.source):
            strength += 1
    return shown, strength


def _cautioned(ci: CompiledItem, profile: Profile) -> bool:
    """True when the profile makes the item a caution: its phase is in ``caution_in``,
    or its ``caution_when`` holds (silent: no)."""
    phase = profile.context.phase
    if phase is not None and phase in ci.item.caution_in:
        return True
    return ci.caution is not None and ci.caution.evaluate(profile) is True


def _caution_head(ci: CompiledItem) -> tuple[str, str, Approach, Kind, float]:
    c, i, a, _k, w = ci.head
    return (c, i, a, Kind.caution, w)


def _head(ci: CompiledItem, profile: Profile) -> tuple[str, str, Approach, Kind, float]:
    """The item's head, with kind caution where the profile makes it one (:func:`_cautioned`)."""
    return _caution_head(ci) if _cautioned(ci, profile) else ci.head


def rank_key(o: Outcome) -> tuple[float, int, int, str, str]:
    """The order of findings: lost weight, then the sides shown present, then
    evidence, then the stable key (never the checklist's file order)."""
    return (-gap(o.status, o.weight), -o.sides, -o.strength, o.checklist, o.id)


@dataclass(frozen=True)
class Totals:
    overall: Score
    approaches: dict[Approach, Score]
    counts: dict[Status, int]
    missed_synergies: list[str]
    cautions: list[str]
    partial_synergies: list[str] = field(default_factory=list)
    key_gaps: list[KeyGap] = field(default_factory=list)


def aggregate(outcomes: Sequence[Outcome]) -> Totals:
    """Scores, counts, ranked missed synergies and cautions raised, from item
    outcomes: the one place that turns item results into a programme's totals."""
    # Each approach's sums as :func:`tally` adds them (same order, so the
    # same floats), kept here rather than from a list of pairs per approach.
    sums: dict[Approach, list[Any]] = {}
    counts = dict.fromkeys(_STATUS_ORDER, 0)
    missed: list[Outcome] = []
    partial: list[Outcome] = []
    gaps: list[Outcome] = []
    cautions: list[str] = []
    for o in outcomes:
        status = o.status
        counts[status] += 1
        acc = sums.get(o.approach)
        if acc is None:
            acc = sums[o.approach] = [0, 0, 0.0, 0.0, 0.0]
        counted = COUNTS[status]
        if counted is not None:
            weight = o.weight
            acc[1] += 1
            acc[3] += weight
            if counted[1]:
                acc[0] += 1
                acc[2] += weight
                acc[4] += weight * counted[2]
        if status is _MISSED or status is _PARTIAL:
            if status is _MISSED:
                gaps.append(o)
            kind = o.kind
            if kind is _SYNERGY:
                (missed if status is _MISSED else partial).append(o)
            elif kind is _CAUTION:
                cautions.append(item_key(o.checklist, o.id))
    missed.sort(key=rank_key)
    partial.sort(key=rank_key)
    gaps.sort(key=rank_key)
    tallies = {a: Tally(*sums[a]) for a in _APPROACH_ORDER if a in sums}
    return Totals(
        overall=score_of(total(tallies.values())),
        approaches={a: score_of(t) for a, t in tallies.items()},
        counts=counts,
        missed_synergies=[item_key(o.checklist, o.id) for o in missed],
        cautions=cautions,
        partial_synergies=[item_key(o.checklist, o.id) for o in partial],
        key_gaps=[
            trusted(
                KeyGap,
                {
                    "id": item_key(o.checklist, o.id),
                    "kind": o.kind,
                    "weight": o.weight,
                    "synergy": o.kind is Kind.synergy,
                },
            )
            for o in gaps[:KEY_GAPS]
        ],
    )


def outcomes(profile: Profile, checklists: Sequence[CompiledChecklist]) -> list[Outcome]:
    """Each item's status for ``profile``, without the result document's records."""
    # tuple.__new__ directly: a named tuple's own __new__ is a Python-level call.
    new = tuple.__new__
    out = []
    sides = sides_present(profile)
    for cc in checklists:
        for ci in cc.items:
            status = ci.decide(profile, sides)
            head = _head(ci, profile) if ci.cautious else ci.head
            if status is _MISSED or status is _PARTIAL:
                out.append(new(Outcome, (*head, status, *_rank_facts(ci, profile, sides))))
            else:
                out.append(new(Outcome, (*head, status, 0, 0)))
    return out


def score_profile(profile: Profile, checklists: Sequence[CompiledChecklist]) -> Totals:
    """The scores of ``profile`` without the result document: what a portfolio
    of thousands needs, and what ``evaluate`` adds its per-item records to."""
    return aggregate(outcomes(profile, checklists))


def _assemble(
    profile: Profile,
    checklists: Sequence[CompiledChecklist],
    source: ProfileSource,
    tool_version: str,
    results: list[ItemResult],
    ranked: list[Outcome],
    language: str = "en",
) -> Assessment:
    totals = aggregate(ranked)
    p = profile.programme
    mission = profile.context.un_mission
    summary = ProfileSummary(
        path=source.path,
        sha256=source.sha256,
        title=p.title,
        country=p.country,
        organisations=list(p.organisations),
        assessment_date=p.assessment_date,
        assessor=p.assessor,
        phase=profile.context.phase.value if profile.context.phase else None,
        un_mission=mission.name if mission else None,
        summary=p.summary,
        actors=[
            ActorSummary(name=x.name, side=x.side.value, role=x.role.value, national=x.national) for x in profile.actors
        ],
        treaties={
            name: status.value
            for name in ("apmbc", "ccm", "ccw_amended_protocol_ii", "ccw_protocol_v", "att")
            if (status := getattr(profile.treaties, name)) is not None
        },
    )
    # The items were built from checked data (see ``trusted``); validating the
    # document would only look at each of them again.
    return trusted(
        Assessment,
        {
            "schema_version": SCHEMA_VERSION,
            "tool": ToolInfo(version=tool_version),
            "profile": summary,
            "checklists": [cc.ref for cc in checklists],
            "overall": totals.overall,
            "approaches": totals.approaches,
            "counts": totals.counts,
            "items": results,
            "missed_synergies": totals.missed_synergies,
            "partial_synergies": totals.partial_synergies,
            "key_gaps": totals.key_gaps,
            "cautions": totals.cautions,
            "scoring": FORMULA,
            "language": language,
            "plan": None,
            "evidence_basis": None,
            "voices": _voices(profile, results),
            # Set by assess.core.tailoring.attach when a tailoring is applied.
            "tailoring": None,
            "overall_base": None,
            "approaches_base": None,
        },
    )


def _voices(profile: Profile, results: Sequence[ItemResult]) -> VoicesSummary | None:
    """The respondents' answers, each fact with the items that read it (VOICES, issue 18)."""
    if not profile.responses:
        return None
    from assess.core.voices import summarise

    readers: dict[str, list[str]] = {}
    for r in results:
        for e in r.evidence:
            keys = readers.setdefault(e.field, [])
            key = item_key(r.checklist, r.id)
            if key not in keys:
                keys.append(key)
    return summarise(profile, readers)


__all__ = [
    "CompiledChecklist",
    "CompiledItem",
    "ConditionError",
    "ProfileSource",
    "compile_checklist",
    "evaluate",
    "item_key",
    "item_status",
    "outcomes",
    "rank_key",
    "score_profile",
]
