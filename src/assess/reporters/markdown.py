"""The Markdown view: a summary for a CI job page (e.g. ``$GITHUB_STEP_SUMMARY``).

Per profile: a scores table (overall and each approach, with coverage), the
missed synergies with who could act on each side, and the findings; with a
run context, the changes since the baseline and the gates.

Labels are English, translated at render time into the language set by
``--lang`` (:mod:`assess.i18n`); numbers are written as that language writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.baseline import ProfileChanges
from assess.core.checklist import APPROACH_TITLES
from assess.core.result import Assessment, Score, Status
from assess.i18n import _, percent
from assess.reporters import labels
from assess.reporters.context import RunContext


def _mark(status: Status) -> str:
    label = labels.status_word(status, "mark")
    return f"**{label}**" if status is Status.missed else label


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell (no HTML, pipes or line breaks)."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("\r", " "), ("\n", " ")):
        text = text.replace(old, new)
    return text


def code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{cell(text)}{fence}"


def _score(s: Score) -> tuple[str, str, str]:
    """A score (marked provisional on under half its items), its coverage, and the
    range the unknown items leave open (schema 1.4)."""
    cover = _("{coverage} ({answered} of {applicable})").format(
        coverage=percent(s.coverage), answered=s.answered, applicable=s.applicable
    )
    value = labels.score(s.score)
    if s.provisional and s.score is not None:
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
    out += _table([_("Scope"), _("Score"), _("Coverage"), _("Range if the unknowns were met or missed")], "lrrr")
    value, cov, span = _score(a.overall)
    overall = _("Overall")
    out.append(f"| **{overall}** | **{value}** | {cov} | {span} |")
    for approach, s in a.approaches.items():
        value, cov, span = _score(s)
        out.append(f"| {cell(_(APPROACH_TITLES[approach]))} | {value} | {cov} | {span} |")
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


def _profile(a: Assessment, context: RunContext) -> list[str]:
    out = _scores(a) + _synergies(a) + _findings(a)
    for c in context.changes:
        if c.profile == a.profile.path:
            out += _changes(c)
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
        out += _table([_("Gate"), _("Profile"), _("Threshold"), _("Value"), _("Result")], "lllll")
        for g in context.gates:
            verdict = labels.gate_verdict(g.passed)
            verdict = verdict if g.passed else f"**{verdict}**"
            note = labels.gate_note(g)
            shown = f" ({cell(note)})" if note else ""
            threshold, value = cell(labels.gate_threshold(g)), cell(labels.gate_value(g))
            out.append(f"| {code(g.gate)} | {code(g.profile)} | {threshold} | {value} | {verdict}{shown} |")
        out.append("")
    return "\n".join(out)


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """The summary of the result documents alone."""
    return render_run(assessments, color, context if context is not None else RunContext())
