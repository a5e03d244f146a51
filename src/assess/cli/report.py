"""``assess report``: one programme's report of missed synergies, as a PDF or an HTML page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from assess import __version__
from assess.cli.common import EXIT_OK, echo_lines
from assess.cli.examples import Command
from assess.cli.options import (
    checklist_option,
    date_option,
    detail_option,
    format_option,
    lang_option,
    output_option,
    pdf_variant_option,
    plan_option,
    previous_option,
    stale_after_option,
    tailoring_option,
    template_dir_option,
)
from assess.cli.outputs import format_for, format_given, written
from assess.i18n import _, ngettext
from assess.reporters.names import PAGE_FORMATS


@click.command(
    cls=Command,
    examples=[
        "assess report examples/nepal.yaml",
        "assess report examples/nepal.yaml --lang fr -o nepal-fr.pdf",
        "assess report examples/nepal.yaml -o nepal.html",
    ],
)
@click.argument("profile", type=click.Path(path_type=Path))
@checklist_option
@output_option("Where to write. Default: <profile>-report.pdf here.")
@format_option(PAGE_FORMATS, "pdf")
@template_dir_option("A folder with report.html.j2 and its assets. Default: the built-in templates.")
@date_option("The report's date. Default: the profile's assessment date, else SOURCE_DATE_EPOCH, else today.")
@pdf_variant_option
@click.option(
    "--embed",
    is_flag=True,
    help="Attach the profile and its result document (JSON) to the PDF; assess extract gives them back.",
)
@lang_option
@detail_option
@previous_option(
    "The programme's earlier assessment (a profile, or a result document from check --format json): "
    "the report adds what moved since."
)
@plan_option("An action plan file of PROFILE: the report shows where it stands on the report's date.", multiple=False)
@stale_after_option
@tailoring_option
def report(
    profile: Path,
    checklists: tuple[str, ...],
    output: Path | None,
    fmt: str,
    template_dir: Path | None,
    date: dt.date | None,
    pdf_variant: str | None,
    embed: bool,
    lang: str,
    detail: str,
    previous: Path | None,
    plan: Path | None,
    stale_after: int | None,
    tailoring: Path | None,
) -> int:
    """Write the report of missed synergies for PROFILE (PDF or HTML)."""
    from assess.app.pdf_process import started_ahead

    fmt = format_for(output, fmt, format_given())  # -o x.html writes HTML
    if fmt != "pdf" and (embed or pdf_variant is not None):
        raise click.UsageError(_("--embed and --pdf-variant apply to a PDF only (--format pdf)."))
    # First, before the models are imported: WeasyPrint loads in a process of
    # its own while this one reads and scores (assess.app.pdf_process).
    with started_ahead(fmt == "pdf") as renderer:
        from assess.app import report as app
        from assess.files import check_writable
        from assess.loading.checklists import load_checklists
        from assess.loading.profiles import load_profile
        from assess.loading.tailoring import load_tailored

        folder = app.template_folder(template_dir)
        target = output if output is not None else Path(f"{profile.stem}-report.{fmt}")
        app.check_templates(folder, app.REPORT_TEMPLATE)
        inputs = [profile, *([plan] if plan is not None else []), *([previous] if previous is not None else [])]
        check_writable(target, inputs)  # before the slow part; written again when it writes
        tailored = load_tailored(checklists, tailoring, lang)
        compiled = tailored.checklists if tailored is not None else load_checklists(checklists, lang)
        loaded, source = load_profile(profile, today=date)
        earlier = None
        if previous is not None:
            from assess.app.trend import load_previous

            earlier = load_previous(previous, loaded, source.path, checklists, lang, __version__)
        settings = app.ReportSettings(
            folder, date, lang, detail=detail, pdf_variant=pdf_variant, embed=embed, stale_after=stale_after
        )
        built = app.build_report(
            loaded,
            source,
            compiled,
            settings,
            tool_version=__version__,
            pdf=fmt == "pdf",
            previous=earlier,
            plan=plan,
            tailored=tailored,
            render=renderer,
        )
        echo_lines(built.warnings)
        echo_lines(f"{folder}: {line}" for line in built.messages)
        app.write_report(target, built.data)
        pages = None if built.pages is None else ngettext("{n} page", "{n} pages", built.pages).format(n=built.pages)
        written(_("Report written to {path}").format(path=target), pages)
        return EXIT_OK
