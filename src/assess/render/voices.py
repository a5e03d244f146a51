"""The report's "Where respondents disagree" section (issue 18), from the result's ``voices``."""

from __future__ import annotations

from dataclasses import dataclass

from assess.core.result import Assessment, ItemResult
from assess.i18n import percent
from assess.reporters import voices as words


@dataclass(frozen=True)
class ContestedRow:
    """One fact respondents disagree on, as the report shows it: counts, never names."""

    question: str
    items: list[ItemResult]
    merged: str
    answers: str
    by_side: list[str]
    by_sex: list[str]
    agreement: str


@dataclass(frozen=True)
class VoicesView:
    respondents: int
    groups: str
    rule: str | None
    agreement: str
    rows: list[ContestedRow]
    facts: int


def voices_view(a: Assessment) -> VoicesView | None:
    """The section's content, or None when the profile keeps no responses."""
    v = a.voices
    if v is None:
        return None
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    questions = {e.field: e.question for r in a.items for e in r.evidence}
    rows = [
        ContestedRow(
            question=questions.get(f.field) or f.field,
            items=[by_key[k] for k in f.items if k in by_key],
            merged=words.answer_word(f.merged, merged=True),
            answers=words.counts(f.answers),
            by_side=words.groups(f.by_side, "side"),
            by_sex=words.groups(f.by_sex, "sex"),
            agreement=percent(f.agreement) if f.agreement is not None else "–",
        )
        for f in words.contested(v)
    ]
    return VoicesView(
        v.respondents, words.who_groups(v), words.rule_sentence(v), words.agreement(v), rows, len(v.facts)
    )


__all__ = ["ContestedRow", "VoicesView", "voices_view"]
