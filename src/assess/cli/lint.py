"""``assess lint``: validate checklist files."""

from __future__ import annotations

import click

from assess.cli.common import EXIT_INPUT, EXIT_OK, print_problems
from assess.cli.examples import Command
from assess.i18n import _


@click.command(cls=Command, examples=["assess lint", "assess lint my-org-checklist.yaml"])
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist FILES (default: the built-in checklists)."""
    from assess.loading.checklists import lint as run_lint

    compiled, problems = run_lint(files)
    if problems:
        print_problems(problems)
        click.echo(_("{count} problem(s) found.").format(count=len(problems)), err=True)
        return EXIT_INPUT
    items = sum(len(c.checklist.items) for c in compiled)
    for c in compiled:
        click.echo(
            _("ok  {id} {version}  ({count} items)").format(
                id=c.checklist.id, version=c.checklist.version, count=len(c.checklist.items)
            )
        )
    click.echo(
        _("{checklists} checklist(s), {items} items: no problems.").format(checklists=len(compiled), items=items)
    )
    return EXIT_OK
