"""The terminal view: findings grouped by approach, locations as file:line:col.

Labels are English, translated at render time into the language set by
``--lang`` (:mod:`assess.i18n`)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.result import Assessment, ItemResult, Location, Status
from assess.errors import printable
from assess.i18n import _
from assess.reporters import tailoring as tailoring_words
from assess.reporters.labels import plan_lines, score_line, stale_heading, status_word

if TYPE_CHECKING:
    from assess.reporters.context import RunContext  # the protocol's third argument, unused here

COLOR: dict[Status, str] = {
    Status.met: "32",
    Status.partial: "33",
    Status.missed: "31;1",
    Status.not_applicable: "2",
    Status.unknown: "36",
    Status.waived: "35",
}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def fmt_location(loc: Location | None, fallback: str) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}" if loc else fallback


def _item_line(r: ItemResult, fallback: str, color: bool, tailored: Sequence[str] = ()) -> list[str]:
    label = _paint(f"{status_word(r.status, 'terminal'):<8}", COLOR[r.status], color)
    # EVIDENCE (issue 18): an item that reads a stale answer says so after its title.
    stale = " " + _("(stale)") if r.stale else ""
    # Texts and paths from files escaped before this view adds its own colours.
    lines = [f"  {label} {printable(f'{r.id:<8} {r.title}{stale}  [{fmt_location(r.location, fallback)}]')}"]
    if r.status in (Status.missed, Status.partial, Status.not_applicable, Status.waived):
        detail = r.criterion
        if r.status is Status.waived and r.waiver:
            detail = _("waived until {date}: {justification}").format(
                date=r.waiver.expires, justification=r.waiver.justification
            )
        lines += textwrap.wrap(printable(detail), 96, initial_indent=" " * 20, subsequent_indent=" " * 20)
    for words in tailored:  # what a tailoring changed here, with the base value and why
        lines += textwrap.wrap(printable(words), 96, initial_indent=" " * 20, subsequent_indent=" " * 20)
    return lines


def _stale_lines(a: Assessment) -> list[str]:
    """EVIDENCE (issue 18): the stale answers, by question, and what stale means here."""
    basis = a.evidence_basis
    if basis is None or not basis.stale:
        return []
    asked = {e.field: e.question or e.field for r in a.items for e in r.evidence}
    out = ["", stale_heading(basis.stale_after_days, basis.as_of.isoformat())]
    out += [f"  - {asked.get(path, path)}" for path in basis.stale]
    return out


def render_one(a: Assessment, color: bool = False) -> str:
    p = a.profile
    out = [
        _paint(printable(f"{p.title} — {p.country}"), "1", color),
        printable(f"{p.path}  (sha256 {p.sha256[:12]})"),
        _("Checklists: {list}").format(list=", ".join(f"{c.id} {c.version}" for c in a.checklists)),
        "",
        _("Overall score: {score}").format(score=score_line(a.overall)),
    ]
    # --- TAILORING ---
    record = a.tailoring
    if record is not None:
        chain = tailoring_words.chain_line(record)
        out[3:3] = [printable(tailoring_words.heading(record))] + ([printable(chain)] if chain else [])
        if a.overall_base is not None:
            out.append(
                _("Overall score on the untailored checklists: {score}").format(score=score_line(a.overall_base))
            )
    for approach in Approach:
        items = [r for r in a.items if r.approach is approach]
        if not items:
            continue
        heading = _("{approach}: {score}").format(
            approach=_(APPROACH_TITLES[approach]), score=score_line(a.approaches[approach])
        )
        out += ["", _paint(heading, "1", color)]
        base = a.approaches_base.get(approach) if a.approaches_base is not None else None
        if base is not None:
            out.append(_("  untailored: {score}").format(score=score_line(base)))
        for r in items:
            out += _item_line(r, p.path, color, tailoring_words.item_changes(record, r.checklist, r.id, a.language))
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    for heading, keys in (
        (_("Missed synergies, most costly first:"), a.missed_synergies),
        (_("Synergies met in part, most costly first:"), a.partial_synergies),
    ):
        if not keys:
            continue
        out += ["", _paint(heading, "1", color)]
        for n, key in enumerate(keys, 1):
            r = by_key[key]
            out.append(
                printable(f"  {n}. [{_(r.priority.value)}] {r.id} {r.title} ({status_word(r.status, 'terminal')})")
            )
    if a.key_gaps:
        out += ["", _paint(_("Key gaps (synergies marked *):"), "1", color)]
        for n, gap in enumerate(a.key_gaps, 1):
            r = by_key[gap.id]
            mark = " *" if gap.synergy else ""
            out.append(printable(f"  {n}. [{_(r.priority.value)}] {r.id} {r.title}{mark}"))
    if a.cautions:
        out += ["", _paint(_("Cautions raised:"), "1", color)]
        for k in a.cautions:
            r = by_key[k]
            out.append(printable(f"  - {r.id} {r.title}"))
            # Why a practice or synergy counts as a caution here (an embargo, a phase).
            if r.caution_reason:
                out += textwrap.wrap(r.caution_reason, 96, initial_indent=" " * 6, subsequent_indent=" " * 6)
    left_out = tailoring_words.deselected(record)
    if left_out:
        out += ["", _paint(_("Left out by the tailoring:"), "1", color)]
        for c in left_out:
            out += textwrap.wrap(
                printable(f"{c.item}  {tailoring_words.change_words(c)}"),
                96,
                initial_indent="  ",
                subsequent_indent="  ",
            )
    if a.plan is not None:  # PLANS
        out += ["", *plan_lines(a.plan)]
    if a.voices is not None:
        # VOICES (issue 18): who answered and where they disagree, briefly.
        from assess.reporters.voices import text_lines

        out += ["", *text_lines(a.voices, by_key)]
    counts = ", ".join(f"{a.counts.get(s, 0)} {status_word(s, 'terminal').lower()}" for s in Status)
    out += ["", _("Results: {counts}.").format(counts=counts)]
    out += _stale_lines(a)
    # Each entry is one line: a line break inside a title or text is shown
    # escaped, so that no line starts with text from a file (a CI runner
    # reads a line starting with '::' as a command).
    return "".join(printable(line, keep_escape=color) + "\n" for line in out)


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    return "\n".join(render_one(a, color) for a in assessments)
