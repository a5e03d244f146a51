"""``assess report``: one programme's report of missed synergies, as a PDF or an HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from assess import __version__
from assess.cli.common import EXIT_OK, echo_lines
from assess.cli.options import (
    checklist_option,
    date_option,
    detail_option,
    format_option,
    lang_option,
    output_option,
    template_dir_option,
)
from assess.i18n import _
from assess.reporters.names import PAGE_FORMATS


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@checklist_option
@output_option("Where to write. Default: <profile>-report.pdf here.")
@format_option(PAGE_FORMATS, "pdf")
@template_dir_option("A folder with report.html.j2 and its assets. Default: the built-in templates.")
@date_option("The report's date. Default: the profile's assessment date, else SOURCE_DATE_EPOCH, else today.")
@lang_option
@detail_option
def report(
    profile: Path,
    checklists: tuple[str, ...],
    output: Path | None,
    fmt: str,
    template_dir: Path | None,
    date: dt.date | None,
    lang: str,
    detail: str,
) -> int:
    """Write the report of missed synergies for PROFILE (PDF or HTML)."""
    from assess.app.report import (
        REPORT_TEMPLATE,
        ReportSettings,
        build_report,
        check_templates,
        template_folder,
        write_report,
    )
    from assess.files import check_writable
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile

    folder = template_folder(template_dir)
    target = output if output is not None else Path(f"{profile.stem}-report.{fmt}")
    check_templates(folder, REPORT_TEMPLATE)
    check_writable(target)  # before the slow part; written again when it writes
    compiled = load_checklists(checklists, lang)
    loaded, source = load_profile(profile)
    built = build_report(
        loaded,
        source,
        compiled,
        ReportSettings(folder, date, lang, detail=detail),
        tool_version=__version__,
        pdf=fmt == "pdf",
    )
    echo_lines(f"{folder}: {line}" for line in built.messages)
    write_report(target, built.data)
    if built.pages is None:
        click.echo(_("Report written to {path}").format(path=target))
    else:
        click.echo(_("Report written to {path} ({pages} pages)").format(path=target, pages=built.pages))
    return EXIT_OK
