"""``assess trend``: one programme over time, from its profiles or result documents."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from assess import __version__
from assess.cli.common import EXIT_OK, color, echo_lines
from assess.cli.examples import Command
from assess.cli.options import (
    checklist_option,
    date_option,
    format_option,
    lang_option,
    output_option,
    template_dir_option,
)
from assess.cli.outputs import format_for, format_given, written
from assess.i18n import _, ngettext

#: ``assess trend --format``: the views, then the pages.
TREND_FORMATS = ("text", "json", "markdown", "html", "pdf")
#: ``assess trend -o``: the format each suffix names.
TREND_SUFFIXES = {".json": "json", ".md": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "text"}


@click.command(
    cls=Command,
    examples=[
        "assess trend round1.yaml round2.yaml round3.yaml",
        "assess trend round1.json round2.yaml --format markdown",
        "assess trend round1.yaml round2.yaml round3.yaml -o trend.pdf",
    ],
)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@checklist_option
@format_option(TREND_FORMATS, "text")
@output_option("Write to FILE instead of stdout (a PDF needs a file). The suffix names the format.")
@template_dir_option("A folder with trend.html.j2 and its assets. Default: the built-in templates.")
@date_option("The page's date. Default: the last assessment's date.")
@lang_option
def trend(
    inputs: tuple[Path, ...],
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    template_dir: Path | None,
    date: dt.date | None,
    lang: str,
) -> int:
    """Follow one programme over time: INPUTS are its profiles (.yaml) or result
    documents (.json, from check --format json), in any order and mixed.

    Each must be of the same programme (title and country) and carry its own
    programme.assessment_date. Shows the scores per approach at each date with
    their coverage and range, and between each assessment and the next the items
    that improved, regressed or became known, and the new cautions."""
    from assess.app.pdf_process import started_ahead
    from assess.errors import UsageError

    fmt = format_for(output, fmt, format_given(), TREND_SUFFIXES)
    if fmt == "pdf" and output is None:
        raise UsageError(_("a PDF is written to a file: add -o FILE.pdf"))
    # As for a report: WeasyPrint loads in a process of its own meanwhile (assess.app.pdf_process).
    with started_ahead(fmt == "pdf") as renderer:
        from assess.app.report import template_folder, write_report
        from assess.app.trend import build_trend_page, run_trend
        from assess.files import check_writable
        from assess.reporters import trend as views

        if output is not None:
            check_writable(output, list(inputs))
        result = run_trend(inputs, checklists, lang=lang, tool_version=__version__)
        if fmt in ("html", "pdf"):
            page = build_trend_page(
                result, template_folder(template_dir), date, lang, pdf=fmt == "pdf", render=renderer
            )
            if output is None:
                click.echo(page.data, nl=False)
                return EXIT_OK
            echo_lines(page.messages or [])
            write_report(output, page.data)
            pages = None if page.pages is None else ngettext("{n} page", "{n} pages", page.pages).format(n=page.pages)
            written(_("Trend written to {path}").format(path=output), pages)
            return EXIT_OK
        if fmt == "json":
            text = views.render_json(result)
        elif fmt == "markdown":
            text = views.render_markdown(result)
        else:
            text = views.render_text(result, output is None and color(sys.stdout))
        if output is None:
            click.echo(text, nl=False)
        else:
            write_report(output, text)
            written(_("Trend written to {path}").format(path=output))
        return EXIT_OK
