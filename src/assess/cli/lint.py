"""``assess lint``: validate checklist files."""

from __future__ import annotations

import click

from assess.cli.common import EXIT_INPUT, EXIT_OK, print_problems
from assess.cli.examples import Command
from assess.i18n import _


@click.command(
    cls=Command,
    examples=["assess lint", "assess lint my-org-checklist.yaml", "assess lint examples/tailoring/nmaa-tailoring.yaml"],
)
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist and tailoring FILES (default: the built-in checklists).

    A file with a top-level 'tailoring' key is a tailoring file: its chain, the
    checklists it builds on and adds, and every item and language it names are checked."""
    from pathlib import Path

    from assess.loading.checklists import lint as run_lint
    from assess.loading.tailoring import is_tailoring, lint_tailoring

    tailorings = [f for f in files if is_tailoring(Path(f))]
    records = []
    problems = []
    for name in tailorings:
        record, found = lint_tailoring(Path(name))
        problems += found
        if record is not None:
            records.append(record)
    rest = tuple(f for f in files if f not in tailorings)
    compiled, found = run_lint(rest) if rest or not tailorings else ([], [])
    problems += found
    if problems:
        print_problems(problems)
        click.echo(_("{count} problem(s) found.").format(count=len(problems)), err=True)
        return EXIT_INPUT
    for record in records:
        click.echo(
            _("ok  tailoring {id} {version}  ({count} changes)").format(
                id=record.id, version=record.version, count=len(record.changes)
            )
        )
    if not compiled:
        return EXIT_OK
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
