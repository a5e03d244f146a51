"""``assess xlsform``: write the XLSForm asking what the checklists read."""

from __future__ import annotations

from pathlib import Path

import click

from assess import __version__
from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import checklist_option, output_option, tailoring_option
from assess.cli.outputs import written
from assess.i18n import _, ngettext


@click.command(
    cls=Command,
    examples=["assess xlsform -o form.xlsx", "assess xlsform --checklist good-governance -o governance-form.xlsx"],
)
@checklist_option
@output_option("The .xlsx file to write.", required=True)
@tailoring_option
def xlsform(checklists: tuple[str, ...], output: Path, tailoring: Path | None) -> int:
    """Write an XLSForm (KoboToolbox, ODK, Survey123) asking what the checklists read.

    Labels are in English and French; each question is shown only where an
    item that reads it can apply. Import the submissions with `assess import`.
    """
    from assess.files import write_atomic
    from assess.forms.xlsform import build_form, workbook_bytes
    from assess.loading.tailoring import checklists_for

    form = build_form(checklists_for(checklists, tailoring), __version__)
    for note in form.notes:
        click.echo(f"note: {note}", err=True)
    write_atomic(output, workbook_bytes(form))
    questions = sum(1 for row in form.survey if row["type"] == "select_one answer")
    written(
        _("Form written to {path}").format(path=output),
        ngettext("{n} fact question", "{n} fact questions", questions).format(n=questions),
    )
    return EXIT_OK
