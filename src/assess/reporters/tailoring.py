"""Every word the outputs say about a tailoring, once: its heading and each change.

The core records what a tailoring changed (:mod:`assess.core.tailoring`);
these functions say it in the language of ``--lang``. The text view, the
Markdown summary, the report and the portfolio all word changes here.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.tailoring_record import TailoringChange, TailoringRecord
from assess.i18n import N_, _, number

#: How many hex digits of the digest are shown (the document carries it whole).
SHORT_DIGEST = 12

#: The texts a tailoring words anew, as a reader calls them.
FIELD_WORDS = {
    "title": N_("title"),
    "question": N_("question"),
    "rationale": N_("why it matters"),
}

LANGUAGE_WORDS = {"en": N_("English"), "fr": N_("French")}


def short_digest(record: TailoringRecord) -> str:
    """The first digits of the chain's digest, as covers and headings show it."""
    return record.digest[:SHORT_DIGEST]


def heading(record: TailoringRecord) -> str:
    """'Tailoring: nmaa-2026 1.0.0 (digest 3f2a…), 12 changes'."""
    return _("Tailoring: {id} {version} (digest {digest}), {count} change(s)").format(
        id=record.id, version=record.version, digest=short_digest(record), count=len(record.changes)
    )


def chain_words(record: TailoringRecord) -> str:
    """The chain, base first: 'org-base 1.0.0 → nmaa-2026 1.0.0'."""
    return " → ".join(f"{link.id} {link.version}" for link in record.chain)


def chain_line(record: TailoringRecord) -> str | None:
    """'Chain, base first: org-base 1.0.0 → nmaa-2026 1.0.0', or None for a tailoring that extends none."""
    if len(record.chain) < 2:
        return None
    return _("Chain, base first: {chain}").format(chain=chain_words(record))


def _field(change: TailoringChange) -> str:
    name = change.field or ""
    if name.startswith("recommendations."):
        side, _sep, rest = name.removeprefix("recommendations.").partition("[")
        n = int(rest.rstrip("]")) + 1
        return (_("SSR recommendation {n}") if side == "ssr" else _("mine action recommendation {n}")).format(n=n)
    return _(FIELD_WORDS.get(name, name))


def _weight(value: str | float | None) -> str:
    return number(float(value)) if isinstance(value, (int, float)) else str(value)


def change_words(change: TailoringChange) -> str:
    """One change in words, with its base value and its reason."""
    reason = change.reason or _("no reason given")
    if change.what == "deselect":
        return _("deselected by tailoring {tailoring}: {reason}").format(tailoring=change.tailoring, reason=reason)
    if change.what == "select":
        return _("selected again by tailoring {tailoring}: {reason}").format(tailoring=change.tailoring, reason=reason)
    if change.what == "weight":
        return _("weight {base} → {new} (tailoring {tailoring}): {reason}").format(
            base=_weight(change.base), new=_weight(change.new), tailoring=change.tailoring, reason=reason
        )
    if change.what == "add":
        return _("added from the organisation's checklist {checklist} (weight {weight}): {reason}").format(
            checklist=change.checklist, weight=_weight(change.new), reason=reason
        )
    language = _(LANGUAGE_WORDS.get(change.language or "", change.language or ""))
    text = _("{field} ({language}) worded by tailoring {tailoring}; the checklist's words: {base}").format(
        field=_field(change), language=language, tailoring=change.tailoring, base=change.base
    )
    return text if change.reason is None else f"{text} — {change.reason}"


def item_changes(record: TailoringRecord | None, checklist: str, item: str, lang: str = "en") -> list[str]:
    """The changes to one item, in words; texts worded in another language than
    ``lang`` are left out (a reader sees the words of their own language)."""
    if record is None:
        return []
    return [
        change_words(c)
        for c in record.changes
        if c.checklist == checklist and c.item == item and (c.what != "text" or c.language == lang)
    ]


def changes_by_item(record: TailoringRecord, lang: str = "en") -> list[tuple[str, str, list[str]]]:
    """(checklist, item, changes in words) for every item changed, in the record's order;
    texts of another language than ``lang`` left out."""
    out: dict[tuple[str, str], list[str]] = {}
    for c in record.changes:
        if c.what == "text" and c.language != lang:
            continue
        out.setdefault((c.checklist, c.item), []).append(change_words(c))
    return [(cid, iid, words) for (cid, iid), words in out.items()]


def deselected(record: TailoringRecord | None) -> Sequence[TailoringChange]:
    """The items a tailoring leaves out of the run (and did not bring back)."""
    if record is None:
        return []
    state: dict[tuple[str, str], TailoringChange | None] = {}
    for c in record.changes:
        if c.what == "deselect":
            state[(c.checklist, c.item)] = c
        elif c.what == "select":
            state[(c.checklist, c.item)] = None
    return [c for c in state.values() if c is not None]


def item_marks(record: TailoringRecord) -> dict[str, str]:
    """For each item a tailoring changed (and kept), a short mark for a findings table:
    'added by the tailoring', 'tailored (checklist weight 3)' where the weight changed,
    'tailored' otherwise."""
    marks: dict[str, str] = {}
    base_weight: dict[str, str | float | None] = {}
    added: set[str] = set()
    for c in record.changes:
        if c.what == "weight" and c.item not in base_weight:
            base_weight[c.item] = c.base
        if c.what == "add":
            added.add(c.item)
        marks[c.item] = ""
    for c in deselected(record):
        marks.pop(c.item, None)
    out = {}
    for item in marks:
        if item in added:
            out[item] = _("added by the tailoring")
        elif item in base_weight:
            out[item] = _("tailored (checklist weight {weight})").format(weight=_weight(base_weight[item]))
        else:
            out[item] = _("tailored")
    return out
