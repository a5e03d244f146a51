"""The Markdown view: a summary for a CI job page (e.g. ``$GITHUB_STEP_SUMMARY``).

Per profile: a scores table (overall and each approach, with coverage), the
missed synergies with who could act on each side, and the findings; with a
run context, the changes since the baseline and the gates.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.checklist import APPROACH_TITLES
from assess.core.result import Assessment, Score, Status
from assess.reporters.context import RunContext
from assess.reporters.junit import skip_message

_MARK = {
    Status.met: "met",
    Status.partial: "partial",
    Status.missed: "**missed**",
    Status.not_applicable: "n/a",
    Status.unknown: "unknown",
    Status.waived: "waived",
}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, pipes or line breaks)."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("\r", " "), ("\n", " ")):
        text = text.replace(old, new)
    return text


def code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{cell(text)}{fence}"


def _score(s: Score) -> tuple[str, str]:
    value = "n/a" if s.score is None else f"{s.score:.1f}"
    return value, f"{s.coverage:.0%} ({s.answered} of {s.applicable})"


def _profile(a: Assessment, context: RunContext) -> list[str]:
    p = a.profile
    lists = ", ".join(f"{c.id} {c.version}" for c in a.checklists)
    out = [f"## {cell(p.title)} — {cell(p.country)}", "", f"{code(p.path)} · checklists: {cell(lists)}", ""]
    out += ["| Scope | Score | Coverage |", "| --- | ---: | ---: |"]
    value, cov = _score(a.overall)
    out.append(f"| **Overall** | **{value}** | {cov} |")
    for approach, s in a.approaches.items():
        value, cov = _score(s)
        out.append(f"| {cell(APPROACH_TITLES[approach])} | {value} | {cov} |")
    counts = ", ".join(f"{a.counts.get(s, 0)} {s.value.replace('_', ' ')}" for s in Status)
    out += ["", f"Results: {counts}.", ""]
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    out.append("### Missed synergies")
    out.append("")
    if a.missed_synergies:
        out += [
            "| # | Priority | Item | Status | SSR side | Mine action side |",
            "| ---: | --- | --- | --- | --- | --- |",
        ]
        for n, key in enumerate(a.missed_synergies, 1):
            r = by_key[key]
            out.append(
                f"| {n} | {r.priority.value} | {code(key)} {cell(r.title)} | {_MARK[r.status]} "
                f"| {cell(r.ssr_side)} | {cell(r.mine_action_side)} |"
            )
    else:
        out.append("None.")
    out.append("")
    findings = [r for r in a.items if r.status in (Status.missed, Status.partial, Status.unknown, Status.waived)]
    if findings:
        out += ["<details><summary>Findings</summary>", ""]
        out += ["| Item | Status | Where | Detail |", "| --- | --- | --- | --- |"]
        for r in findings:
            where = f"{r.location.path}:{r.location.line}" if r.location else p.path
            detail = skip_message(r) if r.status in (Status.unknown, Status.waived) else r.criterion
            out.append(
                f"| {code(r.checklist + '/' + r.id)} {cell(r.title)} | {_MARK[r.status]} | {code(where)} | {cell(detail)} |"
            )
        out += ["", "</details>", ""]
    for c in context.changes:
        if c.profile != p.path:
            continue
        out += ["### Changes since the baseline", ""]
        out += [f"- {cell(x)}" for x in c.checklists]
        if c.items_added:
            out.append(f"- items added: {', '.join(code(k) for k in c.items_added)}")
        if c.items_removed:
            out.append(f"- items removed: {', '.join(code(k) for k in c.items_removed)}")
        for label, changes in (
            ("newly missed", c.newly_missed),
            ("newly met", c.newly_met),
            ("status changed", c.other_changes),
        ):
            out += [f"- {label}: {code(x.key)} {cell(x.title)} ({x.before} → {x.after})" for x in changes]
        if not c.status_changes:
            out.append("- no item changed status")
        out += ["", "| Scope | Baseline | Now | Change |", "| --- | ---: | ---: | ---: |"]
        for d in c.scores:
            before = "n/a" if d.before is None else f"{d.before:.1f}"
            after = "n/a" if d.after is None else f"{d.after:.1f}"
            delta = f"{d.after - d.before:+.1f}" if d.before is not None and d.after is not None else ""
            out.append(f"| {cell(d.scope)} | {before} | {after} | {delta} |")
        out.append("")
    return out


def render_run(assessments: Sequence[Assessment], color: bool, context: RunContext) -> str:
    """The summary, with gates and baseline changes."""
    del color
    out = ["# assess: programme assessment", ""]
    for a in assessments:
        out += _profile(a, context)
    if context.warnings:
        out += ["## Warnings", ""]
        out += [f"- {cell(w)}" for w in context.warnings]
        out.append("")
    if context.gates:
        failed = sum(1 for g in context.gates if not g.passed)
        out += ["## Gates", "", f"{failed} of {len(context.gates)} failed.", ""]
        out += ["| Gate | Profile | Threshold | Value | Result |", "| --- | --- | --- | --- | --- |"]
        for g in context.gates:
            verdict = "passed" if g.passed else "**FAILED**"
            note = f" ({cell(g.note)})" if g.note else ""
            out.append(
                f"| {code(g.gate)} | {code(g.profile)} | {cell(g.threshold)} | {cell(g.value)} | {verdict}{note} |"
            )
        out.append("")
    return "\n".join(out)


def render(assessments: Sequence[Assessment], color: bool = False) -> str:
    """The summary of the result documents alone."""
    return render_run(assessments, color, RunContext())
