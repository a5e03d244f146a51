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
from collections.abc import Iterable, Mapping
from functools import cache

from pydantic import BaseModel

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
    known = provenance(profile)
    if not known and not corroborated:
        return assessment
    answered: dict[str, bool] = {}  # fact path -> answered
    stale: set[str] = set()
    backed: set[str] = set(corroborated)
    backed.update(path for path, entry in known.items() if entry.kind is SourceKind.document)
    records: dict[int, EvidenceRecord] = {}
    items = []
    by_approach: dict[str, set[str]] = {}
    overall: set[str] = set()
    for item in assessment.items:
        new_evidence = []
        item_stale = False
        for record in item.evidence:
            path = record.field
            if path not in answered:
                fact = _fact(profile, path)
                answered[path] = fact is not None and fact.known
                first = known.get(path)
                if answered[path] and first is not None and is_stale(first, as_of, stale_after_days):
                    stale.add(path)
            if answered[path] and item.status in _APPLICABLE:
                overall.add(path)
                by_approach.setdefault(item.approach.value, set()).add(path)
            item_stale = item_stale or path in stale
            copy = records.get(id(record))
            if copy is None:
                source = known.get(path)
                by = None
                if source is not None or path in corroborated:
                    by = KnownBy(
                        kind=source.kind.value if source is not None and source.kind is not None else None,
                        date=source.date if source is not None else None,
                        confidence=source.confidence.value
                        if source is not None and source.confidence is not None
                        else None,
                        note=source.note if source is not None else None,
                        stale=path in stale,
                        corroborated=path in corroborated,
                    )
                copy = records[id(record)] = record.model_copy(update={"known_by": by}) if by else record
            new_evidence.append(copy)
        items.append(item.model_copy(update={"evidence": new_evidence, "stale": item_stale}))

    def scored(score: Score, facts: set[str]) -> Score:
        return score.model_copy(update={"evidence": _strength(facts, backed, stale)})

    return assessment.model_copy(
        update={
            "items": items,
            "overall": scored(assessment.overall, overall),
            "approaches": {a: scored(s, by_approach.get(a.value, set())) for a, s in assessment.approaches.items()},
            "evidence_basis": EvidenceBasis(
                as_of=as_of, stale_after_days=stale_after_days, stale=sorted(stale & set(answered))
            ),
        }
    )


def evidence_percent(score: Score) -> float | None:
    """A score's evidence strength in percent; None when it has no figure."""
    e = score.evidence
    return None if e is None or e.share is None else round(100.0 * e.share, 2)


__all__ = [
    "DEFAULT_STALE_AFTER_DAYS",
    "evidence_percent",
    "fact_sections",
    "is_stale",
    "provenance",
    "unknown_source_path",
    "with_evidence",
]
