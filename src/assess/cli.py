"""The command line: a thin layer over loading, evaluation and the reporters.

Exit status: 0 ok; 1 a gate failed; 2 invalid input or usage; 3 internal error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from assess import __version__
from assess.errors import InputError, Problem, UsageError

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def _color(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def _print_problems(problems: Sequence[Problem]) -> None:
    for p in problems:
        click.echo(f"error: {p}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Assess SSR and mine action programmes against checklists derived from
    DCAF SSR Paper 15, "Linking Mine Action and SSR through Human Security"."""


checklist_option = click.option(
    "--checklist",
    "checklists",
    multiple=True,
    metavar="PATH_OR_ID",
    help="A checklist file or built-in id (repeatable). Default: all built-in checklists.",
)


@cli.command()
@click.argument("profiles", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 if a profile's overall score is below N (0-100).",
)
def check(
    profiles: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_under: float | None,
) -> int:
    """Score PROFILES against the checklists and print the findings."""
    from assess.core.evaluate import evaluate
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.output import write_atomic
    from assess.reporters import REPORTER_BY_NAME

    compiled = load_checklists(checklists)
    assessments = []
    problems: list[Problem] = []
    for path in profiles:
        try:
            profile, source = load_profile(path)
        except InputError as e:
            problems.extend(e.problems)
            continue
        assessments.append(evaluate(profile, compiled, source, __version__))
    _print_problems(problems)
    if assessments:
        text = REPORTER_BY_NAME[fmt](assessments, output is None and _color(sys.stdout))
        if output is not None:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    if problems:
        return EXIT_INPUT
    failed = []
    if fail_under is not None:
        for a in assessments:
            s = a.overall.score
            if s is None or s < fail_under:
                shown = "n/a" if s is None else f"{s:.1f}"
                failed.append(f"gate failed: --fail-under {fail_under:g}: {a.profile.path} scores {shown}")
    for line in failed:
        click.echo(line, err=True)
    return EXIT_GATE if failed else EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Assess in N parallel processes (default: the number of CPU cores; 1 runs in this process).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 naming each programme whose overall score is below N (0-100).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def portfolio(
    paths: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    jobs: int | None,
    fail_under: float | None,
    quiet: bool,
) -> int:
    """Assess many programmes and compare them: ranking, synergies missed most
    often, and UN mandates (as in the paper's Table 1).

    PATHS are profile files or folders, searched recursively for *.yaml and
    *.yml. A profile that cannot be read is reported and left out; the others
    are still assessed and written, and the exit status is 2.
    """
    from assess.loading.checklists import load_checklists
    from assess.output import write_atomic
    from assess.portfolio import default_jobs, discover, run_portfolio
    from assess.reporters.portfolio import PORTFOLIO_REPORTER_BY_NAME

    compiled = load_checklists(checklists)
    files, problems = discover(paths)
    show_progress = not quiet and _color(sys.stderr) and len(files) > 1
    with contextlib.ExitStack() as stack:
        progress = None
        if show_progress:
            progress = stack.enter_context(
                click.progressbar(length=len(files), label="Assessing", file=sys.stderr)
            ).update
        result, problems = run_portfolio(
            files,
            checklists,
            compiled,
            tool_version=__version__,
            jobs=jobs or default_jobs(),
            problems=problems,
            progress=progress,
        )
    _print_problems(problems)
    if result is not None:
        text = PORTFOLIO_REPORTER_BY_NAME[fmt](result, output is None and _color(sys.stdout))
        if output is not None:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
    failed = []
    if fail_under is not None and result is not None:
        for e in result.programmes:
            s = e.overall.score
            if s is None or s < fail_under:
                shown = "n/a" if s is None else f"{s:.1f}"
                failed.append(f"gate failed: --fail-under {fail_under:g}: {e.path} ({e.title}) scores {shown}")
    for line in failed:
        click.echo(line, err=True)
    if problems:
        assessed = len(result.programmes) if result is not None else 0
        click.echo(f"{len(problems)} problem(s); {assessed} programme(s) assessed.", err=True)
        return EXIT_INPUT
    return EXIT_GATE if failed else EXIT_OK


@cli.command()
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist FILES (default: the built-in checklists)."""
    from assess.loading.checklists import lint as run_lint

    compiled, problems = run_lint(files)
    if problems:
        _print_problems(problems)
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        return EXIT_INPUT
    items = sum(len(c.checklist.items) for c in compiled)
    for c in compiled:
        click.echo(f"ok  {c.checklist.id} {c.checklist.version}  ({len(c.checklist.items)} items)")
    click.echo(f"{len(compiled)} checklist(s), {items} items: no problems.")
    return EXIT_OK


@cli.command()
@click.argument("which", type=click.Choice(["profile", "checklist", "result", "portfolio"]))
def schema(which: str) -> int:
    """Print the JSON Schema of a profile, a checklist, a result or a portfolio document."""
    from assess.schemas import json_schema

    click.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the CLI and turn every outcome into an exit status."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="assess", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        code = 130
    except click.ClickException as e:
        e.show()
        code = EXIT_INPUT
    except InputError as e:
        _print_problems(e.problems)
        code = EXIT_INPUT
    except UsageError as e:
        click.echo(f"error: {e}", err=True)
        code = EXIT_INPUT
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as e:  # anything else is our bug, not the user's
        if os.environ.get("ASSESS_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(e).__name__}: {e}\n"
            "This is a bug in assess; please report it with the command you ran "
            "(set ASSESS_DEBUG=1 for a traceback).",
            err=True,
        )
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_OK)
