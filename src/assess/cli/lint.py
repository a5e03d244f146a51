"""``assess lint``: validate checklist files and action plan files."""

from __future__ import annotations

from pathlib import Path

import click

from assess.cli.common import EXIT_INPUT, EXIT_OK, echo_lines, print_problems
from assess.cli.examples import Command
from assess.i18n import _, ngettext


@click.command(
    cls=Command,
    examples=["assess lint", "assess lint my-org-checklist.yaml", "assess lint plans/liberia.plan.yaml"],
)
@click.argument("files", nargs=-1, type=str)
def lint(files: tuple[str, ...]) -> int:
    """Validate checklist FILES (default: the built-in checklists) and action
    plan files (named *.plan.yaml, or with action_plan at the top level)."""
    from assess.loading.checklists import lint as run_lint

    # --- PLANS: plan files are checked against the checklists given (default: the built-in ones) ---
    from assess.loading.plans import looks_like_plan

    plans = [Path(f) for f in files if looks_like_plan(Path(f))]
    checklist_files = tuple(f for f in files if Path(f) not in plans)
    compiled, problems = run_lint(checklist_files) if checklist_files or not plans else ([], [])
    plan_lines: list[str] = []
    if plans:
        from assess.loading.checklists import load_checklists
        from assess.loading.plans import lint_plan

        # The checklists of this call, else the built-in ones: the run the plan will be used in.
        known = compiled or load_checklists(())
        for path in plans:
            loaded, found, warnings = lint_plan(path, known)
            problems = [*problems, *found]
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
    items = sum(len(c.checklist.items) for c in compiled)
    for c in compiled:
        click.echo(
            _("ok  {id} {version}  ({count} items)").format(
                id=c.checklist.id, version=c.checklist.version, count=len(c.checklist.items)
            )
        )
    for line in plan_lines:
        click.echo(line)
    if compiled or not plans:
        click.echo(
            _("{checklists} checklist(s), {items} items: no problems.").format(checklists=len(compiled), items=items)
        )
    return EXIT_OK
