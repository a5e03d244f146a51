"""``assess portfolio``: assess many programmes and compare them."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess import __version__
from assess.cli import common
from assess.cli.common import EXIT_GATE, EXIT_INPUT, EXIT_OK, echo_lines, print_problems
from assess.cli.examples import Command
from assess.cli.gating import portfolio_evidence_failures, portfolio_score_failures
from assess.cli.options import (
    checklist_option,
    date_option,
    fail_under_option,
    format_option,
    lang_option,
    min_evidence_option,
    output_option,
    pdf_variant_option,
    previous_option,
    tailoring_option,
    template_dir_option,
)
from assess.cli.outputs import PORTFOLIO_SUFFIXES, format_for, format_given, written
from assess.i18n import _, ngettext
from assess.reporters.names import PAGE_FORMATS, PORTFOLIO_FORMATS

if TYPE_CHECKING:
    from assess.app.portfolio import PortfolioPlan, PortfolioRun
    from assess.core.portfolio import Portfolio
    from assess.reporters import PortfolioReporter


@contextlib.contextmanager
def _progress(files: int, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr, on a terminal only, for more than one profile."""
    if quiet or not common.terminal(sys.stderr) or files <= 1:
        yield None
        return
    with click.progressbar(length=files, label=_("Assessing"), file=sys.stderr) as bar:
        yield bar.update


def _print_run(run: PortfolioRun, reports_dir: Path | None) -> None:
    print_problems(run.problems)
    echo_lines(run.messages)
    if reports_dir is not None:
        count = len(run.written)
        written(
            ngettext("{n} programme report written to {path}", "{n} programme reports written to {path}", count).format(
                n=count, path=reports_dir
            )
        )


def _print_page(
    result: Portfolio,
    plan: PortfolioPlan,
    run: PortfolioRun,
    fmt: str,
    output: Path | None,
    title: str | None,
    paths: Sequence[Path],
) -> None:
    """The portfolio as a PDF or an HTML page linking each programme's report."""
    from assess.app.portfolio import build_page
    from assess.app.report import write_report

    page = build_page(result, plan, run.written, pdf=fmt == "pdf", output=output, title=title, sources=paths)
    if page.pages is None and output is None:
        click.echo(page.data, nl=False)
        return
    assert output is not None
    echo_lines(f"{plan.template_dir}: {line}" for line in page.messages)
    write_report(output, page.data)
    if page.pages is not None:
        written(
            _("Portfolio report written to {path}").format(path=output),
            ngettext("{n} page", "{n} pages", page.pages).format(n=page.pages),
        )


def _print_report(result: Portfolio, reporter: PortfolioReporter, output: Path | None) -> None:
    """The portfolio in a reporter's format, to ``output`` or stdout (in pieces:
    a large portfolio is never held as one string)."""
    from assess.files import write_atomic

    chunks = reporter(result, output is None and common.color(sys.stdout))
    if output is not None:
        write_atomic(output, chunks)
    else:
        for chunk in chunks:
            click.echo(chunk, nl=False)


@click.command(
    cls=Command,
    examples=[
        "assess portfolio examples/ --format markdown",
        "assess portfolio profiles/ --format pdf -o portfolio.pdf --reports-dir reports",
    ],
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@format_option(PORTFOLIO_FORMATS, "text")
@output_option("Write to FILE instead of stdout (required for pdf).")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Assess in N parallel processes (default: the number of CPU cores; 1 runs in this process).",
)
@fail_under_option("Exit 1 naming each programme whose overall score is below N (0-100).")
@click.option(
    "--reports-dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Also write each programme's own PDF report into DIR (in the worker processes); "
    "the pdf and html formats link to them.",
)
@click.option("--title", metavar="TEXT", help="The portfolio's name on the pdf/html report's cover.")
@template_dir_option(
    "A folder with portfolio.html.j2, report.html.j2 and their assets. Default: the built-in templates."
)
@date_option(
    "The reports' date. Default: SOURCE_DATE_EPOCH, else today (each programme's report: its assessment date first)."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@pdf_variant_option
@lang_option
@previous_option(
    "An earlier portfolio result (--format json): show each programme's movement since, "
    "and the programmes new or dropped."
)
@click.option(
    "--plans",
    "plans_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="A folder of action plans, one per programme named <profile stem>.plan.yaml: count each "
    "plan's actions by status and the overdue ones (judged on --date, else today).",
)
@min_evidence_option
@tailoring_option
def portfolio(
    paths: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    jobs: int | None,
    fail_under: float | None,
    reports_dir: Path | None,
    title: str | None,
    template_dir: Path | None,
    date: dt.date | None,
    quiet: bool,
    pdf_variant: str | None,
    lang: str,
    previous: Path | None,
    plans_dir: Path | None,
    min_evidence: float | None,
    tailoring: Path | None,
) -> int:
    """Assess many programmes and compare them: ranking, synergies missed most
    often, and UN mandates (as in the paper's Table 1).

    PATHS are profile files or folders, searched recursively for *.yaml and
    *.yml. A profile that cannot be read is reported and left out; the others
    are still assessed and written, and the exit status is 2.
    """
    # Found first, so that a reader parses them on another core while the
    # use case's modules are imported (programme reports are slow enough
    # for the workers to read their own profiles).
    from assess.app.early import find_profiles

    with find_profiles(paths, read_ahead=reports_dir is None) as found:
        fmt = format_for(output, fmt, format_given(), PORTFOLIO_SUFFIXES)  # -o x.pdf writes a PDF
        if fmt == "pdf" and output is None:
            raise click.UsageError("--format pdf needs -o FILE: a PDF is not written to the terminal.")
        page = fmt in PAGE_FORMATS
        with found.lasting():  # the use case's modules and checklists, out of the collector's way
            from assess.app.portfolio import assess_portfolio, plan_portfolio
            from assess.reporters import portfolio_reporter

            # The reporter imported now, while the reader reads, not once the run is done.
            reporter = None if page else portfolio_reporter(fmt)
            earlier = None
            if previous is not None:  # read before the slow part: a wrong file stops the run at once
                from assess.app.trend import load_previous_portfolio

                earlier = load_previous_portfolio(previous)
            plan = plan_portfolio(
                paths,
                checklists,
                lang=lang,
                page=page,
                output=output,
                reports_dir=reports_dir,
                template_dir=template_dir,
                day=date,
                pdf_variant=pdf_variant,
                plans_dir=plans_dir,
                tailoring=tailoring,
                found=found,
            )
        with _progress(len(plan.files), quiet) as progress:
            run = assess_portfolio(plan, tool_version=__version__, jobs=jobs, progress=progress)
        _print_run(run, reports_dir)
        if run.portfolio is not None and earlier is not None:
            from assess.app.trend import with_movement

            run.portfolio = with_movement(run.portfolio, earlier, str(previous))
        if run.portfolio is not None:
            if page:
                _print_page(run.portfolio, plan, run, fmt, output, title, paths)
            else:
                assert reporter is not None
                _print_report(run.portfolio, reporter, output)
        failed = portfolio_score_failures(run.portfolio, fail_under) + portfolio_evidence_failures(
            run.portfolio, min_evidence
        )
        echo_lines(failed)
        if run.problems:
            assessed = len(run.portfolio.programmes) if run.portfolio is not None else 0
            click.echo(
                _("{problems} problem(s); {assessed} programme(s) assessed.").format(
                    problems=len(run.problems), assessed=assessed
                ),
                err=True,
            )
            return EXIT_INPUT
        return EXIT_GATE if failed else EXIT_OK
