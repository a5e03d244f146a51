"""``assess check``: score profiles, print the findings in one format, gate a CI run."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import EXIT_GATE, EXIT_INPUT, EXIT_OK, color, echo_lines, print_problems
from assess.cli.options import checklist_option, format_option, gate_options, lang_option, output_option
from assess.reporters.names import CHECK_FORMATS

if TYPE_CHECKING:
    from assess.app.check import CheckRun
    from assess.core.gates import Gates


def _gates(
    fail_under: float | None,
    fail_under_approach: dict[str, float],
    fail_on_synergy: str | None,
    max_unknown: float | None,
) -> Gates:
    from assess.core.checklist import Approach
    from assess.core.gates import Gates

    return Gates(
        fail_under=fail_under,
        fail_under_approach={Approach(k): v for k, v in fail_under_approach.items()},
        fail_on_synergy=fail_on_synergy,
        max_unknown=max_unknown,
    )


def _print_findings(run: CheckRun, fmt: str, output: Path | None) -> None:
    """The result documents in ``fmt``, to ``output`` or stdout."""
    from assess.files import write_atomic
    from assess.reporters import check_reporter
    from assess.reporters.context import RunContext

    context = RunContext(gates=run.gates, changes=run.changes, warnings=run.warnings)
    text = check_reporter(fmt)(run.assessments, output is None and color(sys.stdout), context)
    if output is not None:
        write_atomic(output, text)
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


@click.command()
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@format_option(CHECK_FORMATS, "text")
@output_option("Write to FILE instead of stdout.")
@gate_options
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
    help="The date waiver expiry is judged on (default: today).",
)
@lang_option
def check(
    profiles: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_under: float | None,
    fail_under_approach: dict[str, float],
    fail_on_synergy: str | None,
    max_unknown: float | None,
    baseline: Path | None,
    waivers: Path | None,
    today: dt.datetime | None,
    lang: str,
) -> int:
    """Score PROFILES against the checklists and print the findings.

    Gates (--fail-under, --fail-under-approach, --fail-on-synergy,
    --max-unknown) exit 1 when a profile is past a threshold; with --baseline,
    only when it is also worse than the baseline.
    """
    from assess.app.check import run_check

    run = run_check(
        profiles,
        checklists,
        lang=lang,
        gates=_gates(fail_under, fail_under_approach, fail_on_synergy, max_unknown),
        baseline=baseline,
        waivers=waivers,
        today=today.date() if today is not None else None,
    )
    print_problems(run.problems)
    echo_lines(run.warnings)
    if run.assessments:
        _print_findings(run, fmt, output)
    _print_verdicts(run)
    if run.problems:
        return EXIT_INPUT
    return EXIT_GATE if run.gate_failed else EXIT_OK
