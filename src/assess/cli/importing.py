"""``assess import``: turn form submissions into profiles."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import output_option
from assess.cli.outputs import written
from assess.errors import InputError
from assess.i18n import _, ngettext


@click.command(
    name="import",
    cls=Command,
    examples=[
        "assess import submissions.csv --form form.xlsx -o profiles/",
        "assess import submissions.json --form form.xlsx -o profiles/",
    ],
)
@click.argument("submissions", type=click.Path(path_type=Path))
@click.option(
    "--form", "form", type=click.Path(path_type=Path), required=True, help="The XLSForm the data was collected with."
)
@output_option("The folder to write the profiles to.", required=True)
@click.option(
    "--max-submissions",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Refuse an export with more submissions than this (each becomes a profile file).",
)
def import_(submissions: Path, form: Path, output: Path, max_submissions: int) -> int:
    """Turn a KoboToolbox or ODK Central export (CSV, JSON, or ODK Central's .zip) into one profile per submission.

    Nothing is written unless every submission converts; a profile of the same
    name in the folder is replaced.
    """
    from assess.files import write_atomic
    from assess.forms.submissions import import_submissions

    imported = import_submissions(submissions, form, max_submissions)
    if output.exists() and not output.is_dir():
        raise InputError.at(str(output), "is not a folder")
    output.mkdir(parents=True, exist_ok=True)
    for item in imported:
        write_atomic(output / item.name, item.text)
        written(_("Profile written to {path}").format(path=output / item.name))
    count = len(imported)
    written(
        ngettext("{n} profile written to {path}", "{n} profiles written to {path}", count).format(n=count, path=output)
    )
    return EXIT_OK
