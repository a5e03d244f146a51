"""The GitHub Actions view: workflow commands that annotate the profile YAML.

Each missed, partial, unknown or waived item becomes ``::error``,
``::warning`` or ``::notice`` at the profile line of the field it concerns
(levels as in SARIF: missed high-priority items are errors). Each profile gets
a notice with its score; with a run context, each failed gate an error.
Unknown items, and items met in part, are counted in one notice each for the
run unless the context asks for them one by one (``--annotate-unknown``,
``--annotate-partial``): GitHub shows only a few annotations of each level per
step, and hundreds of evidence gaps or partial links would crowd out the
missed items.

GitHub lists at most :data:`LIMIT` annotations of each level for a step and
drops the rest from the list, so the order decides what a reader sees: every
finding of the run is sorted by level, then missed before partial, then by
priority (profiles in their order last), and the run's own notes (too many
to list, unknown items counted) open the notices. Scores are a notice per
profile where they all fit under the limit beside those notes; otherwise one
notice lists every profile's score. Nothing is left out of the log itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.result import Assessment, ItemResult, Priority, Status
from assess.reporters.ci_notes import overflow_note, partial_note, unknown_note
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
#: Annotations of one level GitHub lists for a step.
LIMIT = 10
_STATUS_RANK = {Status.missed: 0, Status.partial: 1, Status.waived: 2, Status.unknown: 3}
_PRIORITY_RANK = {Priority.high: 0, Priority.medium: 1, Priority.low: 2}


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


#: A finding's place in the output: level, then status, then priority, then the profile's number.
_Rank = tuple[int, int, int, int]


def _gate_errors(context: RunContext) -> list[str]:
    """One error per gate that failed, in the gates' order."""
    return [
        command("error", gate_line(g, english=True), title=f"assess gate failed: {g.gate}")
        for g in context.gates
        if not g.passed
    ]


def _annotated_statuses(context: RunContext) -> tuple[Status, ...]:
    """The statuses annotated one by one: missed and waived always, partial
    and unknown only when the context asks for them."""
    return (
        (Status.missed, Status.waived)
        + ((Status.partial,) if context.annotate_partial else ())
        + ((Status.unknown,) if context.annotate_unknown else ())
    )


def _ranked_findings(assessments: Sequence[Assessment], shown: tuple[Status, ...]) -> list[tuple[_Rank, str, str]]:
    """(rank, level, command) for every item of a status in ``shown``, most
    severe first; a profile's items keep their order within a rank."""
    ranked: list[tuple[_Rank, str, str]] = []
    for number, a in enumerate(assessments):
        for r in a.items:
            if r.status in shown:
                level, text = _item(r, a)
                rank = (_ORDER[level], _STATUS_RANK[r.status], _PRIORITY_RANK.get(r.priority, 3), number)
                ranked.append((rank, level, text))
    ranked.sort(key=lambda f: f[0])  # stable
    return ranked


def _run_notes(
    assessments: Sequence[Assessment], context: RunContext, gates: int, ranked: Sequence[tuple[_Rank, str, str]]
) -> list[str]:
    """The run's own notices: more annotations of a level than GitHub lists
    (gates count as errors), and the unknown and partial items counted where
    they are not annotated one by one."""
    counts = {level: 0 for level in _ORDER}
    counts["error"] += gates
    for _rank, level, _text in ranked:
        counts[level] += 1
    return [
        command("notice", note, title=title)
        for note, title in (
            (overflow_note(counts, LIMIT), "assess: more annotations than GitHub lists"),
            (None if context.annotate_unknown else unknown_note(assessments), "assess: unknown items"),
            (None if context.annotate_partial else partial_note(assessments), "assess: items met in part"),
        )
        if note is not None
    ]


def _score_notices(assessments: Sequence[Assessment], notes: int) -> list[str]:
    """A notice per profile with its score where they all fit under the limit
    beside the ``notes`` run notices; otherwise one notice listing them all."""
    scores = [
        command(
            "notice",
            f"{a.profile.title} — {a.profile.country}: overall {score_line(a.overall)}",
            file=a.profile.path,
            title=f"assess score: {a.profile.path}",
        )
        for a in assessments
    ]
    if notes + len(scores) <= LIMIT:
        return scores
    listing = "\n".join(f"{a.profile.path}: overall {score_line(a.overall)}" for a in assessments)
    return [command("notice", listing, title=f"assess scores: {len(assessments)} profiles")]


def _of_level(ranked: Sequence[tuple[_Rank, str, str]], level: str) -> list[str]:
    """The commands of one level, in rank order."""
    return [text for _rank, lvl, text in ranked if lvl == level]


def render_run(assessments: Sequence[Assessment], color: bool, context: RunContext) -> str:
    """Workflow commands for every finding, score and failed gate, the most
    severe of each level first (see the module docstring)."""
    del color
    gates = _gate_errors(context)
    ranked = _ranked_findings(assessments, _annotated_statuses(context))
    notes = _run_notes(assessments, context, len(gates), ranked)
    scores = _score_notices(assessments, len(notes))
    errors = gates + _of_level(ranked, "error")
    notices = notes + scores + _of_level(ranked, "notice")
    return "".join(line + "\n" for line in [*errors, *_of_level(ranked, "warning"), *notices])


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """Workflow commands for every finding and score."""
    return render_run(assessments, color, context if context is not None else RunContext())
