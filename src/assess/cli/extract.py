"""``assess extract``: the profile and result document a report carries (``assess report --embed``)."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import EXIT_OK
from assess.cli.options import lang_option, output_option
from assess.i18n import _


@click.command()
@click.argument("report", type=click.Path(path_type=Path))
@output_option("The folder to write the files into (made if missing).", required=True)
@lang_option
def extract(report: Path, output: Path, lang: str) -> int:
    """Write the files attached to the PDF REPORT into a folder: the profile and
    its result document, for a report made with 'assess report --embed'. Then
    'assess check' on the profile re-checks the scores."""
    del lang  # set by the option itself, for the messages
    from assess.app.extract import extract as extract_files

    for path in extract_files(report, output):
        click.echo(_("Extracted {path}").format(path=path))
    return EXIT_OK
