"""The portfolio: many programmes' assessments, compared.

Donors, evaluators and headquarters look across programmes: which programmes
lag, which synergies are missed everywhere, and how mandates combine SSR and
mine action (the shape of the paper's Table 1, "Operationalizing linkages
between SSR and mine action", p. 32).

The portfolio is built in a stream: each programme's :class:`Assessment` is
boiled down by :func:`summarise` to a small :class:`ProgrammeResult` (scores,
the statuses of synergy items, the UN mission facts), and a
:class:`PortfolioBuilder` keeps only that. Full assessments and parsed
profiles are never held for the whole portfolio. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assess.core.checklist import Approach, Kind
from assess.core.evaluate import CompiledChecklist, ProfileSource, aggregate, item_key, outcomes, score_profile
from assess.core.facts import Fact
from assess.core.movement import PortfolioMovement
from assess.core.profile import Chapter, MandateLevel, MissionType, Profile, UNMission
from assess.core.result import Assessment, ChecklistRef, Priority, Score, Status, ToolInfo
from assess.core.scoring import FORMULA, gap, priority
from assess.core.tailoring_record import TailoringRecord

#: Bumped on any change a reader of the portfolio JSON could notice (major: breaking).
#: 1.1: ``movement`` (with ``portfolio --previous``: what moved since a previous portfolio);
#: ``plans`` (with ``--plans``: each programme's action plan counted); ``tailoring``
#: (the record of the tailoring applied) and each programme's ``overall_base`` (its
#: score on the untailored checklists).
PORTFOLIO_SCHEMA_VERSION = "1.1"

#: Shown in a cross-tab for a programme whose profile names no UN mission.
NO_MISSION = "no UN mission"
#: Shown in a cross-tab for a mission fact the profile leaves out.
NOT_STATED = "not stated"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ProgrammeEntry(_Doc):
    """One programme in the portfolio: what the comparison needs, no more."""

    rank: int = Field(0, ge=0, description="1 is the highest overall score; ties share a rank; no score ranks last.")
    path: str
    sha256: str
    title: str
    country: str
    organisations: list[str]
    phase: str | None
    un_mission: UNMission | None = Field(description="The mission facts as the profile states them.")
    overall: Score
    approaches: dict[Approach, Score]
    counts: dict[Status, int]
    missed_synergies: list[str] = Field(
        description="Ids ('checklist/item') of missed synergies (partial ones left out since result schema 1.3), ranked."
    )
    cautions: list[str]
    # --- TAILORING ---
    overall_base: Score | None = Field(
        None,
        description="With a tailoring: the overall score on the untailored checklists, comparable across "
        "portfolios; null without one. Added in 1.1.",
    )


class ProgrammeResult(BaseModel):
    """What a worker hands back for one programme: its entry, plus each synergy
    item's status, which feeds the portfolio's synergy counts and is then dropped."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    entry: ProgrammeEntry
    synergies: dict[str, Status]

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker sends one per programme. As plain values (text, numbers,
        # tuples) pickle writes and reads it several times faster than as the
        # models' own state, which is a visible share of a large portfolio.
        return (_unpacked, _packed(self))


class PackedResult:
    """A :class:`ProgrammeResult` as plain values (text, numbers, tuples): what
    a worker hands back. :meth:`PortfolioBuilder.add` takes it as it is, so
    the main process builds each programme's models once, not once on
    arrival and again to share their parts."""

    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedResult, (self.values,))

    @classmethod
    def of(cls, result: ProgrammeResult) -> PackedResult:
        """``result``, packed."""
        return cls(_packed(result))

    @property
    def path(self) -> str:
        """The programme's profile path."""
        path: str = self.values[0][_PATH]
        return path

    def unpack(self) -> ProgrammeResult:
        """The result itself."""
        return _unpacked(*self.values)


class ApproachSummary(_Doc):
    """One approach across the portfolio."""

    programmes_scored: int = Field(description="Programmes with a score for this approach.")
    mean_score: float | None
    lowest_score: float | None
    highest_score: float | None
    mean_coverage: float | None = Field(description="Mean coverage over the programmes this approach applies to.")


class SynergyGap(_Doc):
    """One synergy item across the portfolio: how often the link is missing."""

    key: str = Field(description="'checklist/item'")
    checklist: str
    id: str
    title: str
    approach: Approach
    weight: float
    priority: Priority
    missed: int = Field(description="Programmes where the synergy is missed.")
    partial: int = Field(description="Programmes where it is only partly in place.")
    met: int
    unknown: int = Field(description="Programmes whose profile is silent on it (an evidence gap).")
    not_applicable: int
    waived: int
    applicable: int = Field(description="Programmes it applies to (all but not applicable).")
    programmes: list[str] = Field(description="Paths of the programmes that miss it or meet it only partly.")


class MandateRow(_Doc):
    """One row of the mandate overview (the paper's Table 1)."""

    label: str
    mission_type: MissionType | None
    missions: int
    chapter_vi: int
    chapter_vii: int
    ssr_explicit: int
    ssr_implicit: int
    mine_action_explicit: int
    mine_action_implicit: int
    ssr_and_mine_action: int = Field(
        description="Missions with an SSR and a mine action mandate (explicit or implicit)."
    )


class MandateOverview(_Doc):
    """UN missions by type: charter chapter, SSR and mine action mandates."""

    rows: list[MandateRow]
    total: MandateRow
    programmes_without_mission: int


class CrossTabCell(_Doc):
    values: list[str] = Field(description="One value per dimension, in the order of the dimensions.")
    count: int
    mean_score: float | None = Field(description="Mean overall score of the programmes in the cell.")
    programmes: list[str]


class CrossTab(_Doc):
    """Counts of programmes over every combination of some profile facts."""

    id: str
    title: str
    dimensions: list[str] = Field(description="Profile fields, e.g. 'context.un_mission.charter_chapter'.")
    cells: list[CrossTabCell]


class ProblemRecord(_Doc):
    """A profile that could not be assessed, with where and why."""

    path: str
    line: int | None
    column: int | None
    message: str


# --- PLANS: each programme's action plan, counted (assess portfolio --plans) ---


class ProgrammePlan(_Doc):
    """One programme's action plan: its actions by status and the overdue ones."""

    path: str = Field(description="The programme's profile, as in 'programmes'.")
    file: str = Field(description="The plan's file name.")
    judged_on: dt.date = Field(description="The date overdue actions are judged on (--date, else today).")
    counts: dict[str, int] = Field(description="Actions by status: planned, under_way, done, dropped.")
    overdue: list[str] = Field(description="Ids of the overdue actions (planned or under way, due before judged_on).")


# --- end PLANS ---


class Portfolio(_Doc):
    """The portfolio result document; ``assess portfolio --format json`` prints it."""

    schema_version: str = PORTFOLIO_SCHEMA_VERSION
    kind: str = "portfolio"
    tool: ToolInfo
    checklists: list[ChecklistRef]
    programmes: list[ProgrammeEntry] = Field(description="Every assessed programme, best overall score first.")
    approaches: dict[Approach, ApproachSummary]
    synergies: list[SynergyGap] = Field(description="Synergy items, most often missed first.")
    mandates: MandateOverview
    crosstabs: list[CrossTab]
    problems: list[ProblemRecord] = Field(description="Profiles left out because they could not be read.")
    scoring: str
    movement: PortfolioMovement | None = Field(
        None,
        description="With --previous: each programme's movement since the previous portfolio, and the "
        "programmes new or dropped; null otherwise. Added in 1.1.",
    )
    plans: list[ProgrammePlan] = Field(
        default_factory=list,
        description="The action plans found with --plans, in the order of 'programmes'; empty without --plans. "
        "Added in 1.1.",
    )
    # --- TAILORING ---
    tailoring: TailoringRecord | None = Field(
        None, description="The tailoring applied to every programme (--tailoring); null when none. Added in 1.1."
    )


def summarise(assessment: Assessment, mission: UNMission | None) -> ProgrammeResult:
    """Keep from one assessment what the portfolio needs."""
    p = assessment.profile
    entry = ProgrammeEntry(
        path=p.path,
        sha256=p.sha256,
        title=p.title,
        country=p.country,
        organisations=p.organisations,
        phase=p.phase,
        un_mission=mission,
        overall=assessment.overall,
        approaches=assessment.approaches,
        counts=assessment.counts,
        missed_synergies=assessment.missed_synergies,
        cautions=assessment.cautions,
        overall_base=assessment.overall_base,
    )
    synergies = {item_key(r.checklist, r.id): r.status for r in assessment.items if r.kind is Kind.synergy}
    return ProgrammeResult(entry=entry, synergies=synergies)


def summarise_profile(
    profile: Profile,
    checklists: Sequence[CompiledChecklist],
    source: ProfileSource,
    base: Sequence[CompiledChecklist] | None = None,
) -> ProgrammeResult:
    """The same as ``summarise(evaluate(profile, checklists, source, ...), mission)``
    without building the full assessment (no evidence records, no item texts):
    a portfolio of thousands only needs each item's status. A test holds the
    two equal on every example profile. With ``base`` (the untailored
    checklists of a tailored run), the entry carries their overall score too."""
    item_outcomes = outcomes(profile, checklists)
    totals = aggregate(item_outcomes)
    p = profile.programme
    mission = profile.context.un_mission
    # Every value comes from a validated profile or from the scoring, with the
    # declared types: the entry is assembled, not validated again (which cost
    # as much as the scoring). The test that holds this equal to ``summarise``
    # compares the two field by field.
    entry = _assembled(
        ProgrammeEntry,
        {
            "rank": 0,
            "path": source.path,
            "sha256": source.sha256,
            "title": p.title,
            "country": p.country,
            "organisations": list(p.organisations),
            "phase": profile.context.phase.value if profile.context.phase else None,
            "un_mission": mission,
            "overall": totals.overall,
            "approaches": totals.approaches,
            "counts": totals.counts,
            "missed_synergies": totals.missed_synergies,
            "cautions": totals.cautions,
            "overall_base": score_profile(profile, base).overall if base is not None else None,
        },
        _ENTRY_GIVEN,
    )
    # The outcomes come in the checklists' item order: each item's key is
    # its checklist's, made once (one text object per item, which pickle
    # writes once per batch of results).
    synergies = {}
    each = iter(item_outcomes)
    for cc in checklists:
        for key, o in zip(cc.item_keys, each, strict=False):  # ``each`` goes on to the next checklist
            if o.kind is _SYNERGY:
                synergies[key] = o.status
    return _assembled(ProgrammeResult, {"entry": entry, "synergies": synergies}, _RESULT_GIVEN)


#: The fields ``summarise`` gives (``rank`` is left to its default until ranking).
_ENTRY_GIVEN = frozenset(ProgrammeEntry.model_fields) - {"rank"}
_RESULT_GIVEN = frozenset(ProgrammeResult.model_fields)


def _assembled(cls: type[M], values: dict[str, Any], given: frozenset[str]) -> M:
    """A ``cls`` holding ``values`` (every field, already of its declared type)
    as pydantic would build it from the fields in ``given``, without validating."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(given))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


M = TypeVar("M", bound=BaseModel)

_SCORE_FIELDS = tuple(Score.model_fields)
_ENTRY_FIELDS = tuple(ProgrammeEntry.model_fields)
_PATH = _ENTRY_FIELDS.index("path")
_MISSION_FIELDS = tuple(UNMission.model_fields)
_FACT_FIELDS = tuple(Fact.model_fields)
_MISSION_FACTS = frozenset(n for n, f in UNMission.model_fields.items() if f.annotation is Fact)
_ALL_SCORE_FIELDS = frozenset(_SCORE_FIELDS)
_APPROACHES = {a.value: a for a in Approach}
_STATUSES = {s.value: s for s in Status}
# Read in loops over every item of every programme: a module name is read
# some ten times faster than a member off its enum class.
_SYNERGY, _MISSED, _PARTIAL = Kind.synergy, Status.missed, Status.partial


def _packed_score(score: Score) -> tuple[Any, ...] | Score:
    values = score.__dict__
    if len(score.model_fields_set) != len(_SCORE_FIELDS):  # not one scoring built: as it is
        return score
    return tuple(values[name] for name in _SCORE_FIELDS)


def _unpacked_score(packed: tuple[Any, ...] | Score) -> Score:
    if isinstance(packed, Score):
        return packed
    return _assembled(Score, dict(zip(_SCORE_FIELDS, packed, strict=True)), frozenset(_SCORE_FIELDS))


def _fields_set(model: BaseModel, every: tuple[str, ...]) -> tuple[str, ...] | None:
    """The fields given of ``model`` as plain values; None for all of them."""
    given = model.model_fields_set
    return None if len(given) == len(every) else tuple(n for n in every if n in given)


def _packed_fact(fact: Any) -> Any:
    if type(fact) is not Fact:
        return fact
    return (tuple(fact.__dict__[n] for n in _FACT_FIELDS), _fields_set(fact, _FACT_FIELDS))


def _unpacked_fact(packed: Any) -> Any:
    if type(packed) is not tuple:
        return packed
    values, given = packed
    return _assembled(
        Fact, dict(zip(_FACT_FIELDS, values, strict=True)), frozenset(_FACT_FIELDS if given is None else given)
    )


def _packed_mission(mission: UNMission | None) -> tuple[Any, ...] | UNMission | None:
    """A mission as plain values (a model pickles as its state, several times
    slower); anything but a plain :class:`UNMission` as it is."""
    if type(mission) is not UNMission or mission.__pydantic_extra__:
        return mission
    d = mission.__dict__
    values = tuple(_packed_fact(d[n]) if n in _MISSION_FACTS else d[n] for n in _MISSION_FIELDS)
    return (values, _fields_set(mission, _MISSION_FIELDS))


def _unpacked_mission(packed: tuple[Any, ...] | UNMission | None) -> UNMission | None:
    if type(packed) is not tuple:
        return packed  # type: ignore[return-value]
    values, given = packed
    d = {n: _unpacked_fact(v) if n in _MISSION_FACTS else v for n, v in zip(_MISSION_FIELDS, values, strict=True)}
    return _assembled(UNMission, d, frozenset(_MISSION_FIELDS if given is None else given))


def _packed(result: ProgrammeResult) -> tuple[Any, ...]:
    """``result`` as plain values, for :func:`_unpacked`."""
    e = result.entry
    values = dict(e.__dict__)
    values["overall"] = _packed_score(e.overall)
    # ``_value_``, not ``value``: the same text without enum's property call
    # (some forty of them per programme).
    values["approaches"] = tuple((a._value_, _packed_score(s)) for a, s in e.approaches.items())
    values["counts"] = tuple((s._value_, n) for s, n in e.counts.items())
    values["un_mission"] = _packed_mission(e.un_mission)
    given = e.model_fields_set
    return (
        tuple(values[name] for name in _ENTRY_FIELDS),
        None if given == _ENTRY_GIVEN else tuple(sorted(given)),
        tuple(result.synergies),
        tuple(s._value_ for s in result.synergies.values()),
        None if result.model_fields_set == _RESULT_GIVEN else tuple(sorted(result.model_fields_set)),
    )


def _unpacked(
    entry: tuple[Any, ...],
    entry_given: tuple[str, ...] | None,
    keys: tuple[str, ...],
    statuses: tuple[str, ...],
    given: tuple[str, ...] | None,
) -> ProgrammeResult:
    """The :class:`ProgrammeResult` that :func:`_packed` packed."""
    values = dict(zip(_ENTRY_FIELDS, entry, strict=True))
    values["overall"] = _unpacked_score(values["overall"])
    values["approaches"] = {_APPROACHES[a]: _unpacked_score(s) for a, s in values["approaches"]}
    values["counts"] = {_STATUSES[s]: n for s, n in values["counts"]}
    values["un_mission"] = _unpacked_mission(values["un_mission"])
    built = _assembled(ProgrammeEntry, values, _ENTRY_GIVEN if entry_given is None else frozenset(entry_given))
    synergies = {key: _STATUSES[s] for key, s in zip(keys, statuses, strict=True)}
    return _assembled(
        ProgrammeResult,
        {"entry": built, "synergies": synergies},
        _RESULT_GIVEN if given is None else frozenset(given),
    )


def _lean(model: M, seen: dict[Any, Any], values: dict[str, Any] | None = None) -> M:
    """``model`` rebuilt (with ``values``, if given) around a shared fields-set.
    The values are already validated: they come from a model of the same type."""
    names = frozenset(model.model_fields_set)
    fields_set = seen.setdefault(("fields-set", type(model), names), set(names))
    obj = type(model).__new__(type(model))
    object.__setattr__(obj, "__dict__", dict(values if values is not None else model.__dict__))
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


@dataclass
class _SynergyTally:
    checklist: str
    id: str
    title: str
    approach: Approach
    weight: float
    statuses: Counter[Status]
    programmes: list[str]


class PortfolioBuilder:
    """Collects programme results one at a time and builds the :class:`Portfolio`."""

    def __init__(self, checklists: Sequence[CompiledChecklist], tool_version: str) -> None:
        self._refs = [cc.ref for cc in checklists]
        self._tool_version = tool_version
        self._entries: list[ProgrammeEntry] = []
        self._problems: list[ProblemRecord] = []
        self._synergies: dict[str, _SynergyTally] = {}
        self._shared: dict[Any, Any] = {}
        self._assessed = 0
        for cc in checklists:
            for ci in cc.items:
                item = ci.item
                if item.kind is Kind.synergy:
                    self._synergies[item_key(cc.checklist.id, item.id)] = _SynergyTally(
                        cc.checklist.id, item.id, item.title, item.approach, item.weight, Counter(), []
                    )

    def add(self, result: ProgrammeResult | PackedResult) -> None:
        """Add one programme (in input order; the portfolio ranks them)."""
        entry, entry_given, keys, statuses, _given = (
            result.values if isinstance(result, PackedResult) else _packed(result)
        )
        built = self._compact(entry, entry_given)
        self._entries.append(built)
        self._assessed += 1
        synergies = self._synergies
        for key, value in zip(keys, statuses, strict=True):
            tally = synergies.get(key)
            if tally is None:  # pragma: no cover - results come from the same checklists
                continue
            status = _STATUSES[value]
            tally.statuses[status] += 1
            if status is _MISSED or status is _PARTIAL:
                tally.programmes.append(built.path)

    def _compact(self, packed: tuple[Any, ...], given: tuple[str, ...] | None) -> ProgrammeEntry:
        """The entry of :func:`_packed` values, built around shared parts.

        A portfolio of thousands must stay small in memory. Programmes share
        many scores, counts, synergy lists and missions: keep one copy of
        each (they are immutable), found by its plain values, so that only a
        part not met before is built. Every model also carries its own set of
        the fields given; those sets are shared too."""
        seen = self._shared
        values = dict(zip(_ENTRY_FIELDS, packed, strict=True))

        def share(key: Any, build: Any, value: Any) -> Any:
            found = seen.get(key)
            if found is None:
                found = seen[key] = build(value)
            return found

        score = self._score
        approaches = values["approaches"]
        values["overall"] = score(values["overall"])
        values["approaches"] = share(
            ("approaches", approaches), lambda v: {_APPROACHES[a]: score(s) for a, s in v}, approaches
        )
        counts = values["counts"]
        values["counts"] = share(("counts", counts), lambda v: {_STATUSES[s]: n for s, n in v}, counts)
        for name in ("missed_synergies", "cautions", "organisations"):
            listed = values[name]
            values[name] = share((name, *listed), list, listed)
        mission = values["un_mission"]
        if mission is not None:
            values["un_mission"] = share(("mission", mission), self._mission, mission)
        values["country"] = seen.setdefault(values["country"], values["country"])
        values["phase"] = seen.setdefault(values["phase"], values["phase"])
        return self._model(ProgrammeEntry, values, _ENTRY_GIVEN if given is None else frozenset(given))

    def _model(self, cls: type[M], values: dict[str, Any], given: frozenset[str]) -> M:
        """A ``cls`` of ``values`` (already of the declared types) with a shared fields-set."""
        obj = _assembled(cls, values, given)
        object.__setattr__(
            obj, "__pydantic_fields_set__", self._shared.setdefault(("fields-set", cls, given), set(given))
        )
        return obj

    def _score(self, packed: tuple[Any, ...] | Score) -> Score:
        if isinstance(packed, Score):  # not one scoring built: shared as it is
            return self._shared.setdefault(packed, _lean(packed, self._shared))  # type: ignore[no-any-return]
        found: Score | None = self._shared.get(("score", packed))
        if found is None:
            found = self._shared[("score", packed)] = self._model(
                Score, dict(zip(_SCORE_FIELDS, packed, strict=True)), _ALL_SCORE_FIELDS
            )
        return found

    def _mission(self, packed: tuple[Any, ...] | UNMission) -> UNMission:
        if isinstance(packed, UNMission):
            return _lean(packed, self._shared)
        mission = _unpacked_mission(packed)
        assert mission is not None
        return _lean(mission, self._shared)

    def add_problem(self, path: str, line: int | None, column: int | None, message: str) -> None:
        """Record a profile that could not be assessed."""
        self._problems.append(ProblemRecord(path=path, line=line, column=column, message=message))

    @property
    def assessed(self) -> int:
        return self._assessed

    def build(self) -> Portfolio:
        """The portfolio document, ranked and tallied. Call it once: it hands
        the programmes over to the document rather than copying them."""
        entries = _ranked(self._entries, self._shared)
        self._entries = []
        return Portfolio(
            tool=ToolInfo(version=self._tool_version),
            checklists=self._refs,
            programmes=entries,
            approaches=_approaches(entries),
            synergies=self._synergy_gaps(),
            mandates=mandate_overview(e.un_mission for e in entries),
            crosstabs=[_mandate_crosstab(entries)],
            problems=self._problems,
            scoring=FORMULA + " Programmes are ranked by overall score; ties share a rank.",
        )

    def _synergy_gaps(self) -> list[SynergyGap]:
        gaps = []
        for key, t in self._synergies.items():
            s = t.statuses
            gaps.append(
                SynergyGap(
                    key=key,
                    checklist=t.checklist,
                    id=t.id,
                    title=t.title,
                    approach=t.approach,
                    weight=t.weight,
                    priority=priority(t.weight),
                    missed=s[Status.missed],
                    partial=s[Status.partial],
                    met=s[Status.met],
                    unknown=s[Status.unknown],
                    not_applicable=s[Status.not_applicable],
                    waived=s[Status.waived],
                    applicable=sum(s.values()) - s[Status.not_applicable],
                    programmes=sorted(t.programmes),  # not in input order: results never depend on it
                )
            )
        # Most often missed first; a partial counts half, as in the score.
        return sorted(
            gaps,
            key=lambda g: (
                -(g.missed + g.partial),
                -(g.missed * gap(Status.missed, g.weight) + g.partial * gap(Status.partial, g.weight)),
                g.key,
            ),
        )


def _ranked(entries: Sequence[ProgrammeEntry], seen: dict[Any, Any]) -> list[ProgrammeEntry]:
    """Best overall score first (ties by title, then path); competition ranking."""
    ordered = sorted(
        entries,
        key=lambda e: (e.overall.score is None, -(e.overall.score or 0.0), e.title, e.path),
    )
    out: list[ProgrammeEntry] = []
    previous: float | None = None
    rank = 0
    for n, e in enumerate(ordered, 1):
        if n == 1 or e.overall.score != previous:
            rank = n
        previous = e.overall.score
        out.append(_lean(e, seen, {**e.__dict__, "rank": rank}))
        ordered[n - 1] = out[-1]  # let the unranked copy go
    return out


def _mean(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


def _approaches(entries: Sequence[ProgrammeEntry]) -> dict[Approach, ApproachSummary]:
    out: dict[Approach, ApproachSummary] = {}
    for approach in Approach:
        scores = [e.approaches[approach] for e in entries if approach in e.approaches]
        if not scores:
            continue
        values = [s.score for s in scores if s.score is not None]
        coverages = [s.coverage for s in scores if s.applicable]
        out[approach] = ApproachSummary(
            programmes_scored=len(values),
            mean_score=_mean(values),
            lowest_score=min(values) if values else None,
            highest_score=max(values) if values else None,
            mean_coverage=round(statistics.fmean(coverages), 4) if coverages else None,
        )
    return out


def _mandate_row(label: str, mission_type: MissionType | None, missions: Sequence[UNMission]) -> MandateRow:
    def count(pred: Iterable[bool]) -> int:
        return sum(1 for x in pred if x)

    mandated = (MandateLevel.explicit, MandateLevel.implicit)
    return MandateRow(
        label=label,
        mission_type=mission_type,
        missions=len(missions),
        chapter_vi=count(m.charter_chapter is Chapter.VI for m in missions),
        chapter_vii=count(m.charter_chapter is Chapter.VII for m in missions),
        ssr_explicit=count(m.ssr_mandate is MandateLevel.explicit for m in missions),
        ssr_implicit=count(m.ssr_mandate is MandateLevel.implicit for m in missions),
        mine_action_explicit=count(m.mine_action_mandate is MandateLevel.explicit for m in missions),
        mine_action_implicit=count(m.mine_action_mandate is MandateLevel.implicit for m in missions),
        ssr_and_mine_action=count(m.ssr_mandate in mandated and m.mine_action_mandate in mandated for m in missions),
    )


MISSION_TYPE_LABELS: dict[MissionType, str] = {
    MissionType.peacekeeping: "Peacekeeping missions",
    MissionType.political: "Special political/peacebuilding missions",
}


def mandate_overview(missions: Iterable[UNMission | None]) -> MandateOverview:
    """Count missions by type, charter chapter and mandate (the paper's Table 1).

    "SSR and mine action" counts missions with both an SSR and a mine action
    mandate, each explicit or implicit. Rows appear for the mission types
    present; missions whose type is not stated get a row of their own.
    """
    present = [m for m in missions]
    with_mission = [m for m in present if m is not None]
    rows = []
    for mission_type, label in MISSION_TYPE_LABELS.items():
        group = [m for m in with_mission if m.type is mission_type]
        if group:
            rows.append(_mandate_row(label, mission_type, group))
    untyped = [m for m in with_mission if m.type is None]
    if untyped:
        rows.append(_mandate_row("Missions of unstated type", None, untyped))
    return MandateOverview(
        rows=rows,
        total=_mandate_row("Total", None, with_mission),
        programmes_without_mission=len(present) - len(with_mission),
    )


def _value(mission: UNMission | None, name: str) -> str:
    if mission is None:
        return NO_MISSION
    value = getattr(mission, name)
    return NOT_STATED if value is None else str(value.value)


_MANDATE_DIMENSIONS = ("charter_chapter", "ssr_mandate", "mine_action_mandate")


def _mandate_crosstab(entries: Sequence[ProgrammeEntry]) -> CrossTab:
    """UN Charter chapter × SSR mandate × mine action mandate."""
    cells: dict[tuple[str, ...], list[ProgrammeEntry]] = {}
    for e in entries:
        values = tuple(_value(e.un_mission, d) for d in _MANDATE_DIMENSIONS)
        cells.setdefault(values, []).append(e)
    order = {
        **{v.value: i for i, v in enumerate(Chapter)},
        **{v.value: i for i, v in enumerate(MandateLevel)},
        NOT_STATED: 90,
        NO_MISSION: 99,
    }
    return CrossTab(
        id="mandates",
        title="UN Charter chapter × SSR mandate × mine action mandate",
        dimensions=[f"context.un_mission.{d}" for d in _MANDATE_DIMENSIONS],
        cells=[
            CrossTabCell(
                values=list(values),
                count=len(group),
                mean_score=_mean([e.overall.score for e in group if e.overall.score is not None]),
                programmes=sorted(e.path for e in group),
            )
            for values, group in sorted(cells.items(), key=lambda kv: [order[v] for v in kv[0]])
        ],
    )


__all__ = [
    "PORTFOLIO_SCHEMA_VERSION",
    "Portfolio",
    "PortfolioBuilder",
    "ProgrammeEntry",
    "ProgrammeResult",
    "mandate_overview",
    "summarise",
    "summarise_profile",
]
