"""``assess check``: score profiles, print the findings (in one format, or
several in one run), gate a CI run."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import EXIT_GATE, EXIT_INPUT, EXIT_OK, color, echo_lines, print_problems
from assess.cli.examples import Command
from assess.cli.gating import check_gates
from assess.cli.options import (
    checklist_option,
    docs_url_option,
    fail_on_overdue_option,
    format_option,
    gate_options,
    lang_option,
    min_evidence_option,
    output_option,
    plan_option,
    stale_after_option,
    tailoring_option,
)
from assess.cli.outputs import CHECK_SUFFIXES, check_targets, format_for, format_given, parse_output_formats
from assess.i18n import _
from assess.reporters.names import CHECK_CHOICES

if TYPE_CHECKING:
    from assess.app.check import CheckRun


def resolve_format(fmt: str) -> str:
    """``auto``: ``github`` under GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    if fmt != "auto":
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _print_findings(
    run: CheckRun,
    targets: Sequence[tuple[str, Path | None]],
    quiet: bool,
    annotate: bool,
    docs_url: str | None = None,
    annotate_partial: bool = False,
) -> None:
    """The result documents in each target's format, to its file or stdout.
    Every text is rendered before the first file is written."""
    from assess.files import write_atomic
    from assess.reporters import CheckReporter, check_reporter
    from assess.reporters.context import RunContext

    context = RunContext(
        gates=run.gates,
        changes=run.changes,
        warnings=run.warnings,
        annotate_unknown=annotate,
        annotate_partial=annotate_partial,
        docs_url=docs_url,
    )
    rendered: list[tuple[str, Path | None]] = []
    for fmt, path in targets:
        reporter: CheckReporter
        if quiet and fmt == "text":
            from assess.reporters import quiet as quiet_text

            reporter = quiet_text.render
        else:
            reporter = check_reporter(fmt)
        rendered.append((reporter(run.assessments, path is None and color(sys.stdout), context), path))
    for text, path in rendered:
        if path is not None:
            write_atomic(path, text)
        else:
            click.echo(text, nl=False)


def _print_verdicts(run: CheckRun) -> None:
    """Baseline changes, notes and gate verdicts on stderr, after the findings.
    (All the wording of gates and changes is printed here.)"""
    from assess.reporters.labels import change_lines, gate_line

    for c in run.changes:
        echo_lines(change_lines(c))
    echo_lines(run.notes)
    echo_lines(gate_line(r) for r in run.gates if not r.passed or r.compared)


@click.command(
    cls=Command,
    examples=[
        "assess check profiles/*.yaml --fail-under 60",
        "assess check profiles/*.yaml --format auto --output-format sarif=assess.sarif --soft-fail",
        "assess check profiles/*.yaml --format json -o baseline.json",
    ],
)
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@format_option(CHECK_CHOICES, "text")
@output_option("Write to FILE instead of stdout.")
@click.option(
    "--output-format",
    "outputs",
    multiple=True,
    metavar="FORMAT=FILE",
    callback=parse_output_formats,
    help="Also write FORMAT to FILE in the same run (repeatable), e.g. sarif=assess.sarif.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Text format: print only the score lines and the missed or partial items.",
)
@click.option(
    "--annotate-unknown",
    is_flag=True,
    help="SARIF, GitHub and GitLab formats: one finding per unknown item (default: left out, and counted in one note).",
)
@click.option(
    "--annotate-partial",
    is_flag=True,
    help="GitHub format: one warning per item met in part (default: counted in one notice, so that the few "
    "annotations GitHub lists are the missed items).",
)
@gate_options
@min_evidence_option
@click.option(
    "--soft-fail",
    is_flag=True,
    help="Print the gates' verdicts but exit 0 when a gate fails (invalid input still exits 2).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A result document (--format json) of an earlier run: report changes, gate only on regressions.",
)
@click.option(
    "--waivers",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A YAML file of waived items (justification, approver, expiry).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The date waiver expiry, overdue actions and the sources' age are judged on (default: today).",
)
@plan_option("An action plan file (repeatable): each is matched to the profile it names.")
@fail_on_overdue_option
@stale_after_option
@lang_option
@docs_url_option
@tailoring_option
def check(
    profiles: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    outputs: list[tuple[str, Path]],
    quiet: bool,
    annotate_unknown: bool,
    annotate_partial: bool,
    fail_under: float | None,
    fail_under_approach: dict[str, float],
    fail_on_synergy: str | None,
    max_unknown: float | None,
    min_evidence: float | None,
    soft_fail: bool,
    baseline: Path | None,
    waivers: Path | None,
    today: dt.datetime | None,
    plans: tuple[Path, ...],
    fail_on_overdue: bool,
    stale_after: int | None,
    lang: str,
    docs_url: str | None,
    tailoring: Path | None,
) -> int:
    """Score PROFILES against the checklists and print the findings.

    Gates (--fail-under, --fail-under-approach, --fail-on-synergy,
    --max-unknown, --min-evidence) exit 1 when a profile is past a threshold; with --baseline,
    only when it is also worse than the baseline. --format auto is github
    under GitHub Actions and text elsewhere.
    """
    from assess.app.check import run_check
    from assess.errors import UsageError

    if fail_on_overdue and not plans:
        raise UsageError(_("--fail-on-overdue needs an action plan (--plan FILE)"))
    fmt = format_for(output, fmt, format_given(), CHECK_SUFFIXES)  # -o x.sarif writes SARIF
    targets = check_targets(resolve_format(fmt), output, outputs)
    run = run_check(
        profiles,
        checklists,
        lang=lang,
        gates=check_gates(fail_under, fail_under_approach, fail_on_synergy, max_unknown, fail_on_overdue, min_evidence),
        baseline=baseline,
        waivers=waivers,
        today=today.date() if today is not None else None,
        plans=plans,
        stale_after=stale_after,
        tailoring=tailoring,
    )
    print_problems(run.problems)
    echo_lines(run.warnings)
    if run.assessments:
        _print_findings(run, targets, quiet, annotate_unknown, docs_url, annotate_partial)
    _print_verdicts(run)
    if run.gate_failed and soft_fail:
        echo_lines([_("note: --soft-fail: the exit status is 0 although a gate failed")])
    if run.problems:
        return EXIT_INPUT
    return EXIT_GATE if run.gate_failed and not soft_fail else EXIT_OK
