"""The scoring formula, in one place.

Each answered item counts ``weight × value`` where value is 1 for met,
0.5 for partial and 0 for missed. A score is ``100 × Σ(weight × value) /
Σ weight`` over the applicable, answered items of its scope (one approach, or
all of them for the overall score). Not-applicable and waived items are left
out of both sums; unknown items are left out of the score but count against
coverage, which is ``answered / applicable`` (item counts). A scope with no
answered item has no score (shown as "n/a"), never a made-up 0 or 100.
"""

from __future__ import annotations

from collections.abc import Iterable

from assess.core.result import Priority, Score, Status

VALUE: dict[Status, float] = {Status.met: 1.0, Status.partial: 0.5, Status.missed: 0.0}

FORMULA = (
    "score = 100 × Σ(weight × value) / Σ(weight) over applicable, answered items "
    "(value: met 1, partial 0.5, missed 0); not-applicable and waived items are "
    "excluded; coverage = answered items / applicable items, where unknown items "
    "are applicable but not answered. Priority of a synergy: high for weight ≥ 3, "
    "medium for weight ≥ 2, low otherwise."
)


def score(results: Iterable[tuple[Status, float]]) -> Score:
    """Score ``(status, weight)`` pairs by the formula in this module's docstring."""
    answered = applicable = 0
    w_answered = w_applicable = earned = 0.0
    for status, weight in results:
        if status in (Status.not_applicable, Status.waived):
            continue
        applicable += 1
        w_applicable += weight
        if status in VALUE:
            answered += 1
            w_answered += weight
            earned += weight * VALUE[status]
    return Score(
        score=round(100.0 * earned / w_answered, 1) if w_answered else None,
        coverage=round(answered / applicable, 4) if applicable else 0.0,
        answered=answered,
        applicable=applicable,
        weight_answered=w_answered,
        weight_applicable=w_applicable,
    )


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
