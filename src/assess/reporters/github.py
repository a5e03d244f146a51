"""The GitHub Actions view: workflow commands that annotate the profile YAML.

Each missed, partial, unknown or waived item becomes ``::error``,
``::warning`` or ``::notice`` at the profile line of the field it concerns
(levels as in SARIF: missed high-priority items are errors). Each profile gets
a notice with its score; with a run context, each failed gate an error.
Unknown items are counted in one notice for the run unless the context asks
for them one by one (``--annotate-unknown``): GitHub shows only a few
annotations of each level per step, and hundreds of evidence gaps would crowd
out the errors.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.result import Assessment, ItemResult, Priority, Status
from assess.reporters.ci_notes import unknown_note
from assess.reporters.context import RunContext
from assess.reporters.labels import gate_line, score_line, skip_reason


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ':' and ',')."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int | None) -> str:
    """One workflow command line, e.g. ``::error file=a.yaml,line=3::text``."""
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{' ' + shown if shown else ''}::{escape_data(message)}"


_ORDER = {"error": 0, "warning": 1, "notice": 2}


def _level(r: ItemResult) -> str:
    if r.status is Status.missed:
        return "error" if r.priority is Priority.high else "warning"
    if r.status is Status.partial:
        return "warning"
    return "notice"


def _message(r: ItemResult) -> str:
    if r.status in (Status.unknown, Status.waived):
        return f"{r.id} {r.title}: {skip_reason(r, english=True)}"
    lines = [f"{r.id} {r.title}: {r.status.value}: {r.criterion}"]
    lines += [f"SSR actors could: {x}" for x in r.recommendations.ssr]
    lines += [f"Mine action actors could: {x}" for x in r.recommendations.mine_action]
    return "\n".join(lines)


def _item(r: ItemResult, a: Assessment) -> tuple[str, str]:
    loc = r.location
    lvl = _level(r)
    return lvl, command(
        lvl,
        _message(r),
        file=loc.path if loc else a.profile.path,
        line=loc.line if loc else 1,
        col=loc.column if loc else None,
        title=f"assess {r.checklist}/{r.id} ({r.status.value.replace('_', ' ')})",
    )


def render_run(assessments: Sequence[Assessment], color: bool, context: RunContext) -> str:
    """Workflow commands for every finding, score and failed gate."""
    del color
    lines = [
        command("error", gate_line(g, english=True), title=f"assess gate failed: {g.gate}")
        for g in context.gates
        if not g.passed
    ]
    shown = (Status.missed, Status.partial, Status.waived) + ((Status.unknown,) if context.annotate_unknown else ())
    for a in assessments:
        findings = [_item(r, a) for r in a.items if r.status in shown]
        findings.sort(key=lambda f: _ORDER[f[0]])
        lines += [text for _, text in findings]
        lines.append(
            command(
                "notice",
                f"{a.profile.title} — {a.profile.country}: overall {score_line(a.overall)}",
                file=a.profile.path,
                title=f"assess score: {a.profile.path}",
            )
        )
    note = None if context.annotate_unknown else unknown_note(assessments)
    if note is not None:
        lines.append(command("notice", note, title="assess: unknown items"))
    return "".join(line + "\n" for line in lines)


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """Workflow commands for every finding and score."""
    return render_run(assessments, color, context if context is not None else RunContext())
