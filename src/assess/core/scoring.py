"""The scoring formula, in one place.

Each answered item counts ``weight × value`` where value is 1 for met,
0.5 for partial and 0 for missed. A score is ``100 × Σ(weight × value) /
Σ weight`` over the applicable, answered items of its scope (one approach, or
all of them for the overall score). Not-applicable and waived items are left
out of both sums; unknown items are left out of the score but count against
coverage, which is ``answered / applicable`` (item counts). A scope with no
answered item has no score (shown as "n/a"), never a made-up 0 or 100.

Beside each score, the range the unknowns leave open: ``low`` is the score if
every unknown item were missed, ``high`` if every one were met (both over the
applicable weight). A score is **provisional** when it rests on under half
the applicable items (coverage below :data:`PROVISIONAL_BELOW`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from assess.core.result import Priority, Score, Status, trusted

VALUE: dict[Status, float] = {Status.met: 1.0, Status.partial: 0.5, Status.missed: 0.0}

FORMULA = (
    "score = 100 × Σ(weight × value) / Σ(weight) over applicable, answered items "
    "(value: met 1, partial 0.5, missed 0); not-applicable and waived items are "
    "excluded; coverage = answered items / applicable items, where unknown items "
    "are applicable but not answered; the range beside a score runs from every unknown item missed "
    "to every unknown item met; a score on under half the applicable items is provisional. Priority of a synergy: high for weight ≥ 3, "
    "medium for weight ≥ 2, low otherwise."
)


#: Coverage under which a score is provisional: it rests on under half the applicable items.
PROVISIONAL_BELOW = 0.5

#: How each result counts: (applicable, answered, value); None: left out.
COUNTS: dict[Status, tuple[int, int, float] | None] = {
    Status.met: (1, 1, VALUE[Status.met]),
    Status.partial: (1, 1, VALUE[Status.partial]),
    Status.missed: (1, 1, VALUE[Status.missed]),
    Status.unknown: (1, 0, 0.0),
    Status.not_applicable: None,
    Status.waived: None,
}


class Tally(NamedTuple):
    """The sums a score is made of, so scopes can be added together."""

    answered: int = 0
    applicable: int = 0
    weight_answered: float = 0.0
    weight_applicable: float = 0.0
    earned: float = 0.0

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return Tally(
            self.answered + other.answered,
            self.applicable + other.applicable,
            self.weight_answered + other.weight_answered,
            self.weight_applicable + other.weight_applicable,
            self.earned + other.earned,
        )


def total(tallies: Iterable[Tally]) -> Tally:
    """``tallies`` added up, as ``sum(tallies, Tally())`` adds them (in their
    order, so the same floats), by columns rather than one Tally at a time."""
    columns = list(zip(*tallies, strict=True)) or [()] * len(Tally._fields)
    answered, applicable, weight_answered, weight_applicable, earned = columns
    return Tally(
        sum(answered, 0), sum(applicable, 0), sum(weight_answered, 0.0), sum(weight_applicable, 0.0), sum(earned, 0.0)
    )


def tally(results: Iterable[tuple[Status, float]]) -> Tally:
    """Add up ``(status, weight)`` pairs for :func:`score_of`."""
    answered = applicable = 0
    w_answered = w_applicable = earned = 0.0
    for status, weight in results:
        counts = COUNTS[status]
        if counts is None:
            continue
        applicable += 1
        w_applicable += weight
        if counts[1]:
            answered += 1
            w_answered += weight
            earned += weight * counts[2]
    return Tally(answered, applicable, w_answered, w_applicable, earned)


def score_range(t: Tally) -> tuple[float | None, float | None]:
    """The score if every unknown item of the tally were missed, and if every one
    were met: the range the evidence gaps leave open. (None, None) when nothing applies."""
    if not t.weight_applicable:
        return None, None
    unknown = t.weight_applicable - t.weight_answered
    return (
        round(100.0 * t.earned / t.weight_applicable, 1),
        round(100.0 * (t.earned + unknown) / t.weight_applicable, 1),
    )


def is_provisional(answered: int, applicable: int) -> bool:
    """True when a score rests on under half its applicable items (or on none)."""
    return answered < PROVISIONAL_BELOW * applicable or answered == 0


def score_of(t: Tally) -> Score:
    """The score of a tally, by the formula in this module's docstring
    (:func:`score_range` and :func:`is_provisional` written out: this runs
    six times for every programme of a portfolio)."""
    answered, applicable, weight_answered, weight_applicable, earned = t
    if weight_applicable:
        unknown = weight_applicable - weight_answered
        low: float | None = round(100.0 * earned / weight_applicable, 1)
        high: float | None = round(100.0 * (earned + unknown) / weight_applicable, 1)
    else:
        low = high = None
    return trusted(  # in range by construction: 0 <= earned <= answered weight
        Score,
        {
            "score": round(100.0 * earned / weight_answered, 1) if weight_answered else None,
            "coverage": round(answered / applicable, 4) if applicable else 0.0,
            "answered": answered,
            "applicable": applicable,
            "weight_answered": weight_answered,
            "weight_applicable": weight_applicable,
            "low": low,
            "high": high,
            "provisional": answered < PROVISIONAL_BELOW * applicable or answered == 0,
            "evidence": None,
        },
    )


def score(results: Iterable[tuple[Status, float]]) -> Score:
    """Score ``(status, weight)`` pairs by the formula in this module's docstring."""
    return score_of(tally(results))


def priority(weight: float) -> Priority:
    """Priority of an item from its weight (see :data:`FORMULA`)."""
    if weight >= 3:
        return Priority.high
    if weight >= 2:
        return Priority.medium
    return Priority.low


def gap(status: Status, weight: float) -> float:
    """How much an item's shortfall costs: ranks missed synergies."""
    return weight * (1.0 - VALUE.get(status, 1.0))
