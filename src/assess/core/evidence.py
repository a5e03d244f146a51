"""Evidence strength and staleness: how much a score rests on, and how old it is.

A profile may say how its answers are known in ``sources:`` (per fact, or per
section for all its facts; a fact's own entry wins). From that:

- an answer is **stale** when its source's date is older than the stale age
  (:data:`DEFAULT_STALE_AFTER_DAYS` unless told) before the assessment's date;
  an item is stale when an answered fact it reads is;
- a score's **evidence strength** is the share of the distinct answered facts
  read by the score's applicable items (met, partial, missed or unknown; not
  the not-applicable or waived ones) that are backed by a document (a source
  of kind ``document``) or by several respondents (``corroborated``, a set of
  fact paths another part of the program works out from ``responses``).

A profile that says nothing of how its answers are known (no ``sources``, no
corroborated fact) gets no figures: its result is left as it is. Pure: no I/O,
no wording; :mod:`assess.reporters.labels` words the figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assess.core.checklist import Approach, Kind
from assess.core.evaluate import CompiledChecklist, outcomes
from assess.core.facts import Fact
from assess.core.fields import kind_of
from assess.core.profile import Profile, Source, SourceKind
from assess.core.result import (
    Assessment,
    EvidenceBasis,
    EvidenceRecord,
    EvidenceStrength,
    KnownBy,
    Score,
    Status,
)

if TYPE_CHECKING:  # a portfolio type only: `assess check` need not build the portfolio models
    from assess.core.portfolio import ProgrammeResult

#: Two years: the cycle on which the CHS verification re-assesses an organisation.
DEFAULT_STALE_AFTER_DAYS = 730

#: The statuses whose items count in a score (as in :mod:`assess.core.scoring`).
_APPLICABLE = frozenset({Status.met, Status.partial, Status.missed, Status.unknown})


@cache
def fact_sections(model: type[BaseModel] = Profile) -> Mapping[str, tuple[str, ...]]:
    """Every path a ``sources`` key may name: each section (a model holding facts
    directly, e.g. ``governance``, ``context.un_mission``) with its facts' paths,
    and each fact's path with itself."""
    out: dict[str, tuple[str, ...]] = {}

    def walk(current: type[BaseModel], prefix: str) -> None:
        facts: list[str] = []
        for name, info in current.model_fields.items():
            spec = kind_of(info.annotation)
            path = f"{prefix}{name}"
            if spec.kind == "fact":
                facts.append(path)
                out[path] = (path,)
            elif spec.kind == "model" and spec.model is not None and spec.model is not Source:
                walk(spec.model, f"{path}.")
        if facts and prefix:
            out[prefix[:-1]] = tuple(facts)

    walk(model, "")
    return out


def unknown_source_path(path: str) -> bool:
    """True when ``path`` names neither a fact nor a section of facts."""
    return path not in fact_sections()


def provenance(profile: Profile) -> dict[str, Source]:
    """The source of each fact the profile's ``sources`` covers: its own entry,
    else its section's (the nearest enclosing section that has one)."""
    sources = profile.sources or {}
    paths = fact_sections()
    out: dict[str, Source] = {}
    # Sections first, the shortest path first, so a nearer entry overrides a wider one.
    for key in sorted(sources, key=lambda k: (paths.get(k) == (k,), k.count("."), k)):
        for fact in paths.get(key, ()):
            out[fact] = sources[key]
    return out


def is_stale(source: Source, as_of: dt.date, stale_after_days: int) -> bool:
    """True when the source's date is more than ``stale_after_days`` before ``as_of``."""
    return source.date is not None and (as_of - source.date).days > stale_after_days


def _fact(profile: Profile, dotted: str) -> Fact | None:
    value: object = profile
    for part in dotted.split("."):
        if value is None:
            return None
        value = getattr(value, part, None)
    return value if type(value) is Fact else None


def _strength(facts: Iterable[str], backed: set[str], stale: set[str]) -> EvidenceStrength:
    answered = set(facts)
    n_backed = len(answered & backed)
    return EvidenceStrength(
        share=round(n_backed / len(answered), 4) if answered else None,
        backed=n_backed,
        answered=len(answered),
        stale=len(answered & stale),
    )


class _Judge:
    """What one profile's sources say of each fact: answered, stale, backed."""

    def __init__(self, profile: Profile, as_of: dt.date, stale_after_days: int, corroborated: frozenset[str]) -> None:
        self.profile = profile
        self.known = provenance(profile)
        self.corroborated = corroborated
        self.as_of = as_of
        self.age = stale_after_days
        self.backed = set(corroborated)
        self.backed.update(path for path, entry in self.known.items() if entry.kind is SourceKind.document)
        self.stale: set[str] = set()
        self._answered: dict[str, bool] = {}
        self.overall: set[str] = set()
        self.by_approach: dict[Approach, set[str]] = {}

    @property
    def silent(self) -> bool:
        """True when the profile says nothing of how its answers are known."""
        return not self.known and not self.corroborated

    def answered(self, path: str) -> bool:
        """True when ``path`` is a fact the profile answers (judging its age once)."""
        done = self._answered.get(path)
        if done is None:
            fact = _fact(self.profile, path)
            done = self._answered[path] = fact is not None and fact.known
            source = self.known.get(path)
            if done and source is not None and is_stale(source, self.as_of, self.age):
                self.stale.add(path)
        return done

    def read(self, path: str, approach: Approach, status: Status) -> None:
        """An item of ``approach`` with ``status`` reads ``path``: count it where it applies."""
        if self.answered(path) and status in _APPLICABLE:
            self.overall.add(path)
            self.by_approach.setdefault(approach, set()).add(path)

    def strength(self, facts: set[str]) -> EvidenceStrength:
        """The evidence strength of a score whose applicable items read ``facts``."""
        return _strength(facts, self.backed, self.stale)

    def known_by(self, path: str) -> KnownBy | None:
        """How ``path`` is known, for its evidence record; None when the profile does not say."""
        source = self.known.get(path)
        if source is None and path not in self.corroborated:
            return None
        return KnownBy(
            kind=source.kind.value if source is not None and source.kind is not None else None,
            date=source.date if source is not None else None,
            confidence=source.confidence.value if source is not None and source.confidence is not None else None,
            note=source.note if source is not None else None,
            stale=path in self.stale,
            corroborated=path in self.corroborated,
        )


def with_evidence(
    assessment: Assessment,
    profile: Profile,
    *,
    as_of: dt.date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    corroborated: frozenset[str] = frozenset(),
) -> Assessment:
    """``assessment`` with its evidence strength beside every score, each fact's
    source on its evidence records and stale items marked (see the module's
    docstring). Unchanged when the profile says nothing of how it is known."""
    judge = _Judge(profile, as_of, stale_after_days, corroborated)
    if judge.silent:
        return assessment
    for item in assessment.items:
        for record in item.evidence:
            judge.read(record.field, item.approach, item.status)
    # Records are shared between the items that read the same field: copy each once.
    records: dict[int, EvidenceRecord] = {}
    items = []
    for item in assessment.items:
        new_evidence = []
        for record in item.evidence:
            copy = records.get(id(record))
            if copy is None:
                by = judge.known_by(record.field)
                copy = records[id(record)] = record.model_copy(update={"known_by": by}) if by else record
            new_evidence.append(copy)
        stale = any(judge.answered(e.field) and e.field in judge.stale for e in item.evidence)
        items.append(item.model_copy(update={"evidence": new_evidence, "stale": stale}))

    def scored(score: Score, facts: set[str]) -> Score:
        return score.model_copy(update={"evidence": judge.strength(facts)})

    return assessment.model_copy(
        update={
            "items": items,
            "overall": scored(assessment.overall, judge.overall),
            "approaches": {a: scored(s, judge.by_approach.get(a, set())) for a, s in assessment.approaches.items()},
            "evidence_basis": EvidenceBasis(as_of=as_of, stale_after_days=stale_after_days, stale=sorted(judge.stale)),
        }
    )


def programme_with_evidence(
    result: ProgrammeResult,
    profile: Profile,
    checklists: Sequence[CompiledChecklist],
    *,
    as_of: dt.date,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    corroborated: frozenset[str] = frozenset(),
) -> ProgrammeResult:
    """A portfolio's programme (:func:`assess.core.portfolio.summarise_profile`) with
    the evidence strength beside its scores, without building the full assessment:
    the same figures as :func:`with_evidence` (a test holds them equal)."""
    judge = _Judge(profile, as_of, stale_after_days, corroborated)
    if judge.silent:
        return result
    found = iter(outcomes(profile, checklists))
    for cc in checklists:
        for ci in cc.items:
            o = next(found)
            read = ci.fields
            # As evaluate does: a caution's own facts are read where its condition holds.
            caution = ci.caution
            if (
                o.kind is Kind.caution
                and ci.caution_fields
                and caution is not None
                and caution.evaluate(profile) is True
            ):
                read = ci.fields + ci.caution_fields
            for path in read:
                judge.read(path, ci.item.approach, o.status)
    e = result.entry
    entry = e.model_copy(
        update={
            "overall": e.overall.model_copy(update={"evidence": judge.strength(judge.overall)}),
            "approaches": {
                a: s.model_copy(update={"evidence": judge.strength(judge.by_approach.get(a, set()))})
                for a, s in e.approaches.items()
            },
        }
    )
    return result.model_copy(update={"entry": entry})


def evidence_percent(score: Score) -> float | None:
    """A score's evidence strength in percent; None when it has no figure."""
    e = score.evidence
    return None if e is None or e.share is None else round(100.0 * e.share, 2)


__all__ = [
    "DEFAULT_STALE_AFTER_DAYS",
    "evidence_percent",
    "fact_sections",
    "is_stale",
    "programme_with_evidence",
    "provenance",
    "unknown_source_path",
    "with_evidence",
]
