"""``assess init``: write a commented profile scaffold."""

from __future__ import annotations

import os
from pathlib import Path

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import checklist_option, output_option, tailoring_option
from assess.cli.outputs import written
from assess.errors import InputError
from assess.i18n import _


def _schema_ref(output: Path | None) -> str:
    """The default ``$schema`` line: schema/profile.schema.json here, relative
    to the output file (with a note when that file does not exist yet)."""
    target = Path("schema") / "profile.schema.json"
    folder = output.parent if output is not None else Path(".")
    if not target.is_file():
        click.echo(
            f"note: the $schema line points at {target.as_posix()}, which does not exist; "
            f"write it with: assess schema profile > {target.as_posix()}",
            err=True,
        )
    return Path(os.path.relpath(target, folder)).as_posix()


@click.command(
    cls=Command,
    examples=["assess init -o profiles/new.yaml", "assess init --checklist good-governance -o profiles/new.yaml"],
)
@output_option("Write the profile to FILE (default: stdout).")
@checklist_option
@click.option(
    "--schema-ref",
    metavar="PATH_OR_URL",
    help="What the yaml-language-server $schema line points at "
    "(default: schema/profile.schema.json in the working folder, relative to the output file).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@tailoring_option
def init(
    output: Path | None, checklists: tuple[str, ...], schema_ref: str | None, force: bool, tailoring: Path | None
) -> int:
    """Write a commented profile scaffold: every question as a comment beside its field."""
    from assess.files import write_atomic
    from assess.forms.scaffold import scaffold
    from assess.loading.tailoring import checklists_for

    if output is not None and output.exists() and not force:
        raise InputError.at(str(output), "already exists; use --force to overwrite it")
    if schema_ref is None:
        schema_ref = _schema_ref(output)
    text = scaffold(checklists_for(checklists, tailoring), schema_ref)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        written(_("Profile written to {path}").format(path=output))
    return EXIT_OK
