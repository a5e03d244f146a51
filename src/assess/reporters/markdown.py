"""The Markdown view: a summary for a CI job page (e.g. ``$GITHUB_STEP_SUMMARY``).

Per profile: a scores table (overall and each approach, with coverage), the
missed synergies with who could act on each side, and the findings; with a
run context, the changes since the baseline and the gates.

Labels are English, translated at render time into the language set by
``--lang`` (:mod:`assess.i18n`); numbers are written as that language writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.checklist import APPROACH_TITLES
from assess.core.result import Assessment, ItemResult, Score, Status
from assess.i18n import N_, _, percent
from assess.loading.baseline import shown_delta, shown_score, status_label
from assess.reporters.context import RunContext

_MARK = {
    Status.met: N_("met"),
    Status.partial: N_("partial"),
    Status.missed: N_("missed"),
    Status.not_applicable: N_("n/a"),
    Status.unknown: N_("unknown"),
    Status.waived: N_("waived"),
}


def _mark(status: Status) -> str:
    label = _(_MARK[status])
    return f"**{label}**" if status is Status.missed else label


def _skip(r: ItemResult) -> str:
    """Why an item is skipped: not applicable, unknown, or waived."""
    if r.status is Status.waived and r.waiver is not None:
        date = r.waiver.expires.isoformat()
        if r.waiver.approver:
            return _("waived until {date} by {approver}: {justification}").format(
                date=date, approver=r.waiver.approver, justification=r.waiver.justification
            )
        return _("waived until {date}: {justification}").format(date=date, justification=r.waiver.justification)
    if r.status is Status.not_applicable:
        return _("not applicable: {criterion}").format(criterion=r.criterion)
    return _("unknown: {criterion}").format(criterion=r.criterion)


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
    cover = _("{coverage} ({answered} of {applicable})").format(
        coverage=percent(s.coverage), answered=s.answered, applicable=s.applicable
    )
    return shown_score(s.score), cover


def _profile(a: Assessment, context: RunContext) -> list[str]:
    p = a.profile
    lists = ", ".join(f"{c.id} {c.version}" for c in a.checklists)
    head = _("{path} · checklists: {lists}").format(path=code(p.path), lists=cell(lists))
    out = [f"## {cell(p.title)} — {cell(p.country)}", "", head, ""]
    heads = [_("Scope"), _("Score"), _("Coverage")]
    out += ["| " + " | ".join(heads) + " |", "| --- | ---: | ---: |"]
    value, cov = _score(a.overall)
    overall = _("Overall")
    out.append(f"| **{overall}** | **{value}** | {cov} |")
    for approach, s in a.approaches.items():
        value, cov = _score(s)
        out.append(f"| {cell(_(APPROACH_TITLES[approach]))} | {value} | {cov} |")
    counts = ", ".join(f"{a.counts.get(s, 0)} {status_label(s.value).replace('_', ' ')}" for s in Status)
    out += ["", _("Results: {counts}.").format(counts=counts), ""]
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    out.append("### " + _("Missed synergies"))
    out.append("")
    if a.missed_synergies:
        heads = [_("Priority"), _("Item"), _("Status"), _("SSR side"), _("Mine action side")]
        out += ["| # | " + " | ".join(heads) + " |", "| ---: | --- | --- | --- | --- | --- |"]
        for n, key in enumerate(a.missed_synergies, 1):
            r = by_key[key]
            out.append(
                f"| {n} | {_(r.priority.value)} | {code(key)} {cell(r.title)} | {_mark(r.status)} "
                f"| {cell(r.ssr_side)} | {cell(r.mine_action_side)} |"
            )
    else:
        out.append(_("None."))
    out.append("")
    findings = [r for r in a.items if r.status in (Status.missed, Status.partial, Status.unknown, Status.waived)]
    if findings:
        out += ["<details><summary>" + _("Findings") + "</summary>", ""]
        heads = [_("Item"), _("Status"), _("Where"), _("Detail")]
        out += ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
        for r in findings:
            where = f"{r.location.path}:{r.location.line}" if r.location else p.path
            detail = _skip(r) if r.status in (Status.unknown, Status.waived) else r.criterion
            out.append(
                f"| {code(r.checklist + '/' + r.id)} {cell(r.title)} | {_mark(r.status)} | {code(where)} | {cell(detail)} |"
            )
        out += ["", "</details>", ""]
    for c in context.changes:
        if c.profile != p.path:
            continue
        out += ["### " + _("Changes since the baseline"), ""]
        out += [f"- {cell(x.local())}" for x in c.checklists]
        if c.items_added:
            out.append("- " + _("items added: {items}").format(items=", ".join(code(k) for k in c.items_added)))
        if c.items_removed:
            out.append("- " + _("items removed: {items}").format(items=", ".join(code(k) for k in c.items_removed)))
        for label, changes in (
            (N_("newly missed: {key} {title} ({before} → {after})"), c.newly_missed),
            (N_("newly met: {key} {title} ({before} → {after})"), c.newly_met),
            (N_("status changed: {key} {title} ({before} → {after})"), c.other_changes),
        ):
            out += [
                "- "
                + _(label).format(
                    key=code(x.key), title=cell(x.title), before=status_label(x.before), after=status_label(x.after)
                )
                for x in changes
            ]
        if not c.status_changes:
            out.append("- " + _("no item changed status"))
        heads = [_("Scope"), _("Baseline"), _("Now"), _("Change")]
        out += ["", "| " + " | ".join(heads) + " |", "| --- | ---: | ---: | ---: |"]
        for d in c.scores:
            scope = _("overall") if d.scope == "overall" else d.scope
            before, after = shown_score(d.before), shown_score(d.after)
            out.append(f"| {cell(scope)} | {before} | {after} | {shown_delta(d.before, d.after)} |")
        out.append("")
    return out


def render_run(assessments: Sequence[Assessment], color: bool, context: RunContext) -> str:
    """The summary, with gates and baseline changes."""
    del color
    out = ["# " + _("assess: programme assessment"), ""]
    for a in assessments:
        out += _profile(a, context)
    if context.warnings:
        out += ["## " + _("Warnings"), ""]
        out += [f"- {cell(w)}" for w in context.warnings]
        out.append("")
    if context.gates:
        failed = sum(1 for g in context.gates if not g.passed)
        total = len(context.gates)
        out += ["## " + _("Gates"), "", _("{failed} of {total} failed.").format(failed=failed, total=total), ""]
        heads = [_("Gate"), _("Profile"), _("Threshold"), _("Value"), _("Result")]
        out += ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- | --- |"]
        for g in context.gates:
            verdict = _("passed") if g.passed else "**" + _("FAILED") + "**"
            note = f" ({cell(g.local_note)})" if g.note else ""
            out.append(
                f"| {code(g.gate)} | {code(g.profile)} | {cell(g.local_threshold)} | {cell(g.local_value)} "
                f"| {verdict}{note} |"
            )
        out.append("")
    return "\n".join(out)


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """The summary of the result documents alone."""
    return render_run(assessments, color, context if context is not None else RunContext())
