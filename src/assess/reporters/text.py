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


def _wrap(text: str, indent: str) -> list[str]:
    """A long text as lines of at most 96 characters, each indented by ``indent``."""
    return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=indent)


def _section(heading: str, color: bool) -> list[str]:
    """A blank line and a section's heading, in bold on a terminal."""
    return ["", _paint(heading, "1", color)]


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
        lines += _wrap(printable(detail), " " * 20)
    for words in tailored:  # what a tailoring changed here, with the base value and why
        lines += _wrap(printable(words), " " * 20)
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


def _header_lines(a: Assessment, color: bool) -> list[str]:
    """The profile's title, file and checklists, the tailoring applied (if
    any) and the overall score, with the untailored one where it differs."""
    p = a.profile
    out = [
        _paint(printable(f"{p.title} — {p.country}"), "1", color),
        printable(f"{p.path}  (sha256 {p.sha256[:12]})"),
        _("Checklists: {list}").format(list=", ".join(f"{c.id} {c.version}" for c in a.checklists)),
        *_tailoring_header(a),
        "",
        _("Overall score: {score}").format(score=score_line(a.overall)),
    ]
    # --- TAILORING ---
    if a.tailoring is not None and a.overall_base is not None:
        out.append(_("Overall score on the untailored checklists: {score}").format(score=score_line(a.overall_base)))
    return out


def _tailoring_header(a: Assessment) -> list[str]:
    """TAILORING: which tailoring this run applied and what it builds on, under the checklists."""
    record = a.tailoring
    if record is None:
        return []
    chain = tailoring_words.chain_line(record)
    return [printable(tailoring_words.heading(record))] + ([printable(chain)] if chain else [])


def _approach_lines(a: Assessment, approach: Approach, color: bool) -> list[str]:
    """One approach's heading with its score (and the untailored score), then
    its items; nothing when no item of the run belongs to it."""
    items = [r for r in a.items if r.approach is approach]
    if not items:
        return []
    heading = _("{approach}: {score}").format(
        approach=_(APPROACH_TITLES[approach]), score=score_line(a.approaches[approach])
    )
    out = _section(heading, color)
    base = a.approaches_base.get(approach) if a.approaches_base is not None else None
    if base is not None:
        out.append(_("  untailored: {score}").format(score=score_line(base)))
    for r in items:
        changes = tailoring_words.item_changes(a.tailoring, r.checklist, r.id, a.language)
        out += _item_line(r, a.profile.path, color, changes)
    return out


def _synergy_lines(a: Assessment, by_key: dict[str, ItemResult], color: bool) -> list[str]:
    """The missed synergies, then those met in part, each numbered, most costly first."""
    out: list[str] = []
    for heading, keys in (
        (_("Missed synergies, most costly first:"), a.missed_synergies),
        (_("Synergies met in part, most costly first:"), a.partial_synergies),
    ):
        if not keys:
            continue
        out += _section(heading, color)
        for n, key in enumerate(keys, 1):
            r = by_key[key]
            out.append(
                printable(f"  {n}. [{_(r.priority.value)}] {r.id} {r.title} ({status_word(r.status, 'terminal')})")
            )
    return out


def _key_gap_lines(a: Assessment, by_key: dict[str, ItemResult], color: bool) -> list[str]:
    """The key gaps, numbered, a synergy marked with ``*``; nothing without gaps."""
    if not a.key_gaps:
        return []
    out = _section(_("Key gaps (synergies marked *):"), color)
    for n, gap in enumerate(a.key_gaps, 1):
        r = by_key[gap.id]
        mark = " *" if gap.synergy else ""
        out.append(printable(f"  {n}. [{_(r.priority.value)}] {r.id} {r.title}{mark}"))
    return out


def _caution_lines(a: Assessment, by_key: dict[str, ItemResult], color: bool) -> list[str]:
    """The cautions raised, each with why it counts as one here; nothing without cautions."""
    if not a.cautions:
        return []
    out = _section(_("Cautions raised:"), color)
    for k in a.cautions:
        r = by_key[k]
        out.append(printable(f"  - {r.id} {r.title}"))
        # Why a practice or synergy counts as a caution here (an embargo, a phase).
        if r.caution_reason:
            out += _wrap(r.caution_reason, " " * 6)
    return out


def _left_out_lines(a: Assessment, color: bool) -> list[str]:
    """TAILORING: the items the tailoring deselected, with its reasons; nothing when none."""
    left_out = tailoring_words.deselected(a.tailoring)
    if not left_out:
        return []
    out = _section(_("Left out by the tailoring:"), color)
    for c in left_out:
        out += _wrap(printable(f"{c.item}  {tailoring_words.change_words(c)}"), "  ")
    return out


def _plan_and_voices_lines(a: Assessment, by_key: dict[str, ItemResult]) -> list[str]:
    """PLANS and VOICES (issue 18): the action plan's state, then who answered
    and where they disagree, each after a blank line when the run has it."""
    out: list[str] = []
    if a.plan is not None:
        out += ["", *plan_lines(a.plan)]
    if a.voices is not None:
        from assess.reporters.voices import text_lines

        out += ["", *text_lines(a.voices, by_key)]
    return out


def _counts_lines(a: Assessment) -> list[str]:
    """How many items have each status, every status named (0 included)."""
    counts = ", ".join(f"{a.counts.get(s, 0)} {status_word(s, 'terminal').lower()}" for s in Status)
    return ["", _("Results: {counts}.").format(counts=counts)]


def render_one(a: Assessment, color: bool = False) -> str:
    """One profile's findings: header and score, each approach's items, the
    synergies, key gaps, cautions and tailoring left-outs, plan and voices,
    the counts and the stale answers."""
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    out = _header_lines(a, color)
    for approach in Approach:
        out += _approach_lines(a, approach, color)
    out += _synergy_lines(a, by_key, color)
    out += _key_gap_lines(a, by_key, color)
    out += _caution_lines(a, by_key, color)
    out += _left_out_lines(a, color)
    out += _plan_and_voices_lines(a, by_key)
    out += _counts_lines(a)
    out += _stale_lines(a)
    # Each entry is one line: a line break inside a title or text is shown
    # escaped, so that no line starts with text from a file (a CI runner
    # reads a line starting with '::' as a command).
    return "".join(printable(line, keep_escape=color) + "\n" for line in out)


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    return "\n".join(render_one(a, color) for a in assessments)
