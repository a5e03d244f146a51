"""The Markdown view: a summary for a CI job page (e.g. ``$GITHUB_STEP_SUMMARY``).

Per profile: a scores table (overall and each approach, with coverage), the
missed synergies with who could act on each side, and the findings; with a
run context, the changes since the baseline and the gates.

The summary is kept under :data:`MAX_BYTES` (GitHub refuses a job summary
of 1 MiB or more): when it would be larger, the findings tables are left out,
last profile first, then whole profiles, and a line says what was left out.

Labels are English, translated at render time into the language set by
``--lang`` (:mod:`assess.i18n`); numbers are written as that language writes them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from assess.core.baseline import ProfileChanges
from assess.core.checklist import APPROACH_TITLES
from assess.core.result import Assessment, Score, Status
from assess.i18n import _, percent
from assess.reporters import labels
from assess.reporters.ci_notes import summary_left_out
from assess.reporters.context import RunContext


def _mark(status: Status) -> str:
    label = labels.status_word(status, "mark")
    return f"**{label}**" if status is Status.missed else label


#: Markdown and HTML that a text from a file could use, each shown as typed:
#: the backslash, so that it cannot undo an escape; brackets and '!', so that
#: no link or image (a tracking pixel in a job summary) can be formed.
_CELL = {
    "\\": "\\\\",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "\\|",
    "[": "\\[",
    "]": "\\]",
    "!": "\\!",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
}
_CELL_TABLE = str.maketrans(_CELL)


def _flat(text: str) -> str:
    """``text`` on one line: each line break a space."""
    return " ".join(text.splitlines())


def cell(text: str) -> str:
    """Text from a file safe inside a Markdown table cell or line: no HTML, no
    link or image, no emphasis, no pipe, no line break: shown as typed."""
    return _flat(text).translate(_CELL_TABLE)


def code(text: str) -> str:
    """Inline code showing ``text`` as typed: a code span decodes no entity and
    forms no link, so only pipes (a table would split on them) and line
    breaks are changed; the fence is longer than any run of backticks inside."""
    text = _flat(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _score(s: Score) -> tuple[str, str, str]:
    """A score (marked provisional on under half its items), its coverage, and the
    range the unknown items leave open (schema 1.4)."""
    cover = _("{coverage} ({answered} of {applicable})").format(
        coverage=percent(s.coverage), answered=s.answered, applicable=s.applicable
    )
    value = labels.score(s.score)
    if labels.marked_provisional(s):
        value = _("{score} (provisional)").format(score=value)
    span = "" if s.low is None or s.high is None else f"{labels.score(s.low)}–{labels.score(s.high)}"
    return value, cover, span


def _table(heads: list[str], align: str) -> list[str]:
    """A table's head row and its alignment row ('---' or '---:' per column)."""
    return ["| " + " | ".join(heads) + " |", "| " + " | ".join("---:" if a == "r" else "---" for a in align) + " |"]


def _scores(a: Assessment) -> list[str]:
    p = a.profile
    lists = ", ".join(f"{c.id} {c.version}" for c in a.checklists)
    head = _("{path} · checklists: {lists}").format(path=code(p.path), lists=cell(lists))
    out = [f"## {cell(p.title)} — {cell(p.country)}", "", head, ""]
    if a.tailoring is not None:  # --- TAILORING ---
        from assess.reporters.tailoring import heading

        out += [cell(heading(a.tailoring)), ""]
    # EVIDENCE (issue 18): an evidence strength column where the profile says how its answers are known.
    shown = a.overall.evidence is not None
    heads = [_("Scope"), _("Score"), _("Coverage"), _("Range if the unknowns were met or missed")]
    out += _table([*heads, _("Evidence strength")] if shown else heads, "lrrrr" if shown else "lrrr")

    def strength(s: Score) -> str:
        return f" {labels.evidence_value(s) or ''} |" if shown else ""

    value, cov, span = _score(a.overall)
    overall = _("Overall")
    out.append(f"| **{overall}** | **{value}** | {cov} | {span} |{strength(a.overall)}")
    if a.overall_base is not None:
        value, cov, span = _score(a.overall_base)
        untailored = _("Overall, untailored checklists")
        out.append(f"| {untailored} | {value} | {cov} | {span} |{strength(a.overall_base)}")
    for approach, s in a.approaches.items():
        value, cov, span = _score(s)
        out.append(f"| {cell(_(APPROACH_TITLES[approach]))} | {value} | {cov} | {span} |{strength(s)}")
    counts = ", ".join(f"{a.counts.get(s, 0)} {labels.status_value(s.value).replace('_', ' ')}" for s in Status)
    return [*out, "", _("Results: {counts}.").format(counts=counts), ""]


def _synergies(a: Assessment) -> list[str]:
    out = ["### " + _("Missed synergies"), ""]
    # Missed ones first, then those met in part: the Status column tells them apart.
    keys = [*a.missed_synergies, *a.partial_synergies]
    if not keys:
        return [*out, _("None."), ""]
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    out += _table(["#", _("Priority"), _("Item"), _("Status"), _("SSR side"), _("Mine action side")], "rlllll")
    for n, key in enumerate(keys, 1):
        r = by_key[key]
        out.append(
            f"| {n} | {_(r.priority.value)} | {code(key)} {cell(r.title)} | {_mark(r.status)} "
            f"| {cell(r.ssr_side)} | {cell(r.mine_action_side)} |"
        )
    return [*out, ""]


def _findings(a: Assessment) -> list[str]:
    findings = [r for r in a.items if r.status in (Status.missed, Status.partial, Status.unknown, Status.waived)]
    if not findings:
        return []
    out = ["<details><summary>" + _("Findings") + "</summary>", ""]
    out += _table([_("Item"), _("Status"), _("Where"), _("Detail")], "llll")
    for r in findings:
        where = f"{r.location.path}:{r.location.line}" if r.location else a.profile.path
        detail = labels.skip_reason(r) if r.status in (Status.unknown, Status.waived) else r.criterion
        out.append(
            f"| {code(r.checklist + '/' + r.id)} {cell(r.title)} | {_mark(r.status)} | {code(where)} | {cell(detail)} |"
        )
    return [*out, "", "</details>", ""]


def _changes(c: ProfileChanges) -> list[str]:
    out = ["### " + _("Changes since the baseline"), ""]
    out += [f"- {cell(labels.checklist_change(x))}" for x in c.checklists]
    if c.items_added:
        out.append("- " + labels.items_added(code(k) for k in c.items_added))
    if c.items_removed:
        out.append("- " + labels.items_removed(code(k) for k in c.items_removed))
    out += ["- " + labels.replacement(g, code, cell) for g in c.replacements]
    out += ["- " + labels.status_change(x, code(x.key), cell(x.title)) for x in labels.status_changes_in_order(c)]
    if not c.status_changes and not c.replacements:
        out.append("- " + labels.no_status_change())
    out += ["", *_table([_("Scope"), _("Baseline"), _("Now"), _("Change")], "lrrr")]
    for d in c.scores:
        before, after = labels.score(d.before), labels.score(d.after)
        out.append(f"| {cell(labels.scope_word(d.scope))} | {before} | {after} | {labels.delta(d.before, d.after)} |")
    return [*out, ""]


#: The summary's size limit in bytes: below GitHub's 1 MiB, with room for
#: what other steps append to the same job summary.
MAX_BYTES = 900 * 1024


def _profile(a: Assessment, context: RunContext, findings: bool = True) -> list[str]:
    out = _scores(a) + _synergies(a) + (_findings(a) if findings else [])
    if a.plan is not None:  # PLANS: where the action plan stands, one list item a line
        first, *rest = labels.plan_lines(a.plan)
        out += [f"**{cell(first)}**", "", *(f"- {cell(line.strip())}" for line in rest), ""]
    for c in context.changes:
        if c.profile == a.profile.path:
            out += _changes(c)
    return out


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _fit(assessments: Sequence[Assessment], context: RunContext, room: int, limit: int) -> list[str]:
    """The profiles' sections in at most ``room`` bytes: findings tables left
    out from the last profile back, then whole profiles, with a line saying so."""
    full = [_profile(a, context) for a in assessments]
    if _size([x for part in full for x in part]) <= room:
        return [x for part in full for x in part]
    short = [_profile(a, context, findings=False) for a in assessments]
    note_room = 400  # the left-out line, with room to spare
    # Prefix sums: the first k profiles in full, or with their scores only.
    in_full, in_short = (
        list(accumulate((_size(x) for x in full), initial=0)),
        list(accumulate((_size(x) for x in short), initial=0)),
    )
    # Keep the findings of the first k profiles, the largest k that fits.
    for k in range(len(full) - 1, -1, -1):
        if in_full[k] + in_short[-1] - in_short[k] + note_room <= room:
            kept = [x for part in full[:k] + short[k:] for x in part]
            return [*kept, "> " + summary_left_out(len(full) - k, True, limit), ""]
    # Not even the scores of every profile fit: keep the first n.
    n = 0
    while n < len(short) and in_short[n + 1] + note_room <= room:
        n += 1
    kept = [x for part in short[:n] for x in part]
    return [*kept, "> " + summary_left_out(len(short) - n, False, limit), ""]


def render_run(assessments: Sequence[Assessment], color: bool, context: RunContext, limit: int | None = None) -> str:
    """The summary, with gates and baseline changes, under ``limit`` bytes
    (default :data:`MAX_BYTES`)."""
    del color
    out = ["# " + _("assess: programme assessment"), ""]
    tail = _tail(context)
    limit = limit if limit is not None else MAX_BYTES
    out += _fit(assessments, context, limit - _size(out) - _size(tail), limit)
    return "\n".join(out + tail)


def _tail(context: RunContext) -> list[str]:
    """Warnings and gates, after the profiles."""
    out: list[str] = []
    if context.warnings:
        out += ["## " + _("Warnings"), ""]
        out += [f"- {cell(w)}" for w in context.warnings]
        out.append("")
    if context.gates:
        failed = sum(1 for g in context.gates if not g.passed)
        total = len(context.gates)
        out += ["## " + _("Gates"), "", _("{failed} of {total} failed.").format(failed=failed, total=total), ""]
        out += _table([_("Gate"), _("Profile"), _("Threshold"), _("Value"), _("Result")], "lllll")
        for g in context.gates:
            verdict = labels.gate_verdict(g.passed)
            verdict = verdict if g.passed else f"**{verdict}**"
            note = labels.gate_note(g)
            shown = f" ({cell(note)})" if note else ""
            threshold, value = cell(labels.gate_threshold(g)), cell(labels.gate_value(g))
            out.append(f"| {code(g.gate)} | {code(g.profile)} | {threshold} | {value} | {verdict}{shown} |")
        out.append("")
    return out


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """The summary of the result documents alone."""
    return render_run(assessments, color, context if context is not None else RunContext())
