"""``assess lint``: validate checklist files, tailoring files and action plan files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import EXIT_INPUT, EXIT_OK, echo_lines, print_problems
from assess.cli.examples import Command
from assess.i18n import _, ngettext

if TYPE_CHECKING:
    from assess.core.evaluate import CompiledChecklist
    from assess.core.tailoring import TailoringRecord
    from assess.errors import Problem


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

    plans, tailorings, rest = _kinds(files)
    records, problems = _lint_tailorings(tailorings)
    compiled, found = run_lint(rest) if rest or not (plans or tailorings) else ([], [])
    problems += found
    plan_lines, found = _lint_plans(plans, compiled)
    problems = [*problems, *found]
    if problems:
        print_problems(problems)
        click.echo(_("{count} problem(s) found.").format(count=len(problems)), err=True)
        return EXIT_INPUT
    _echo_ok(records, compiled, plan_lines)
    return EXIT_OK


def _kinds(files: Sequence[str]) -> tuple[list[Path], list[str], tuple[str, ...]]:
    """``files`` sorted by kind: the action plans, the tailorings, and the rest (checklists)."""
    from assess.loading.plans import looks_like_plan
    from assess.loading.tailoring import is_tailoring

    plans = [Path(f) for f in files if looks_like_plan(Path(f))]
    tailorings = [f for f in files if Path(f) not in plans and is_tailoring(Path(f))]
    rest = tuple(f for f in files if Path(f) not in plans and f not in tailorings)
    return plans, tailorings, rest


def _lint_tailorings(tailorings: Sequence[str]) -> tuple[list[TailoringRecord], list[Problem]]:
    """The record of each tailoring file that passes, and every problem of the others."""
    from assess.loading.tailoring import lint_tailoring

    problems: list[Problem] = []
    records = []
    for name in tailorings:
        record, found = lint_tailoring(Path(name))
        problems += found
        if record is not None:
            records.append(record)
    return records, problems


# --- PLANS: plan files are checked against the checklists given (default: the built-in ones) ---
def _lint_plans(plans: Sequence[Path], compiled: Sequence[CompiledChecklist]) -> tuple[list[str], list[Problem]]:
    """The 'ok' line of each plan file that passes, and every problem of the others;
    each plan's warnings are printed as it is checked."""
    if not plans:
        return [], []
    from assess.loading.checklists import load_checklists
    from assess.loading.plans import lint_plan

    # The checklists of this call, else the built-in ones: the run the plan will be used in.
    known = compiled or load_checklists(())
    lines: list[str] = []
    problems: list[Problem] = []
    for path in plans:
        loaded, found, warnings = lint_plan(path, known)
        problems += found
        echo_lines(warnings)
        if loaded is not None:
            count = len(loaded.body.actions)
            lines.append(
                ngettext("ok  plan {file}  ({count} action)", "ok  plan {file}  ({count} actions)", count).format(
                    file=loaded.path, count=count
                )
            )
    return lines, problems


# --- end PLANS ---


def _echo_ok(
    records: Sequence[TailoringRecord], compiled: Sequence[CompiledChecklist], plan_lines: Sequence[str]
) -> None:
    """The 'ok' lines: each tailoring, each checklist, each plan, then the checklists' total."""
    for record in records:
        click.echo(
            _("ok  tailoring {id} {version}  ({count} changes)").format(
                id=record.id, version=record.version, count=len(record.changes)
            )
        )
    for c in compiled:
        click.echo(
            _("ok  {id} {version}  ({count} items)").format(
                id=c.checklist.id, version=c.checklist.version, count=len(c.checklist.items)
            )
        )
    for line in plan_lines:
        click.echo(line)
    if compiled:
        items = sum(len(c.checklist.items) for c in compiled)
        click.echo(
            _("{checklists} checklist(s), {items} items: no problems.").format(checklists=len(compiled), items=items)
        )
