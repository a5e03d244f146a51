"""``assess lint``: validate checklist files, tailoring files and action plan files."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import EXIT_INPUT, EXIT_OK, echo_lines, print_problems
from assess.cli.examples import Command
from assess.i18n import _, ngettext


@click.command(
    cls=Command,
    examples=["assess lint", "assess lint my-org-checklist.yaml", "assess lint examples/plans/liberia.plan.yml"],
)
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist FILES (default: the built-in checklists), tailoring
    files (a top-level 'tailoring' key: its chain, the checklists it builds on
    and adds, every item and language it names) and action plan files (named
    *.plan.yaml, or with action_plan at the top level)."""
    from assess.loading.checklists import lint as run_lint
    from assess.loading.plans import looks_like_plan
    from assess.loading.tailoring import is_tailoring, lint_tailoring

    plans = [Path(f) for f in files if looks_like_plan(Path(f))]
    tailorings = [f for f in files if Path(f) not in plans and is_tailoring(Path(f))]
    problems = []
    records = []
    for name in tailorings:
        record, found = lint_tailoring(Path(name))
        problems += found
        if record is not None:
            records.append(record)
    rest = tuple(f for f in files if Path(f) not in plans and f not in tailorings)
    compiled, found = run_lint(rest) if rest or not (plans or tailorings) else ([], [])
    problems += found
    # --- PLANS: plan files are checked against the checklists given (default: the built-in ones) ---
    plan_lines: list[str] = []
    if plans:
        from assess.loading.checklists import load_checklists
        from assess.loading.plans import lint_plan

        # The checklists of this call, else the built-in ones: the run the plan will be used in.
        known = compiled or load_checklists(())
        for path in plans:
            loaded, found_here, warnings = lint_plan(path, known)
            problems = [*problems, *found_here]
            echo_lines(warnings)
            if loaded is not None:
                plan_lines.append(
                    ngettext(
                        "ok  plan {file}  ({count} action)",
                        "ok  plan {file}  ({count} actions)",
                        len(loaded.body.actions),
                    ).format(file=loaded.path, count=len(loaded.body.actions))
                )
    # --- end PLANS ---
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
    items = sum(len(c.checklist.items) for c in compiled)
    for c in compiled:
        click.echo(
            _("ok  {id} {version}  ({count} items)").format(
                id=c.checklist.id, version=c.checklist.version, count=len(c.checklist.items)
            )
        )
    for line in plan_lines:
        click.echo(line)
    if compiled:
        click.echo(
            _("{checklists} checklist(s), {items} items: no problems.").format(checklists=len(compiled), items=items)
        )
    return EXIT_OK
