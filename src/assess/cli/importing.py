"""``assess import``: turn form submissions into profiles."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import merge_options, output_option
from assess.cli.outputs import written
from assess.errors import InputError, UsageError
from assess.i18n import _, ngettext


@click.command(
    name="import",
    cls=Command,
    examples=[
        "assess import submissions.csv --form form.xlsx -o profiles/",
        "assess import submissions.json --form form.xlsx -o profiles/",
        "assess import round-1.csv --form form.xlsx --merge-by programme/title -o round-1/",
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
@merge_options
def import_(
    submissions: Path,
    form: Path,
    output: Path,
    max_submissions: int,
    merge_by: str | None,
    merge_rule: str,
    lead_respondent: str | None,
) -> int:
    """Turn a KoboToolbox or ODK Central export (CSV, JSON, or ODK Central's .zip) into one profile per submission.

    With --merge-by, the submissions that share a value of that column (several
    respondents about one programme) become one profile that keeps every answer
    and holds the merged one in each fact.

    Nothing is written unless every submission converts; a profile of the same
    name in the folder is replaced.
    """
    from assess.core.profile import MergeRule
    from assess.files import write_atomic
    from assess.forms.submissions import import_submissions

    rule = MergeRule(merge_rule)
    if merge_by is None and (rule is not MergeRule.majority or lead_respondent is not None):
        raise UsageError(_("--merge-rule and --lead-respondent go with --merge-by"))
    if rule is MergeRule.lead and lead_respondent is None:
        raise UsageError(_("--merge-rule lead needs --lead-respondent ID (r1, r2... in the order of the export)"))
    if lead_respondent is not None and rule is not MergeRule.lead:
        raise UsageError(_("--lead-respondent goes with --merge-rule lead"))
    if merge_by is not None:
        from assess.forms.merge import import_merged

        imported = import_merged(submissions, form, merge_by, rule, lead_respondent, max_submissions)
    else:
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
