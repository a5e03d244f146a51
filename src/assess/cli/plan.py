"""``assess plan draft``: draft an action plan from a profile's key gaps and recommendations."""

from __future__ import annotations

import os
from pathlib import Path

import click

from assess import __version__
from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import checklist_option, lang_option, output_option
from assess.cli.outputs import written
from assess.errors import UsageError
from assess.i18n import _


class _Group(Command, click.Group):
    """A command group whose ``--help`` ends with examples, as every command's does."""


@click.group(
    cls=_Group,
    examples=[
        "assess plan draft examples/liberia.yaml -o liberia.plan.yaml",
        "assess plan draft --help",
    ],
)
def plan() -> None:
    """Action plans: who closes which gap by when (see docs/action-plans.md)."""


@plan.command(
    cls=Command,
    examples=[
        "assess plan draft examples/liberia.yaml -o liberia.plan.yaml",
        "assess plan draft profiles/nepal.yaml --all -o plans/nepal.plan.yaml",
    ],
)
@click.argument("profile", type=click.Path(path_type=Path))
@output_option("Where to write the plan. Default: <profile>.plan.yaml here.")
@checklist_option
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="An action for every missed or partly met item (default: the ten most costly, as the report's plan).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists (never the profile or a checklist).")
@lang_option
def draft(profile: Path, output: Path | None, checklists: tuple[str, ...], every: bool, force: bool, lang: str) -> int:
    """Draft an action plan for PROFILE, for people to edit: one planned action
    per recommendation of the report's action plan, owned by the profile's
    actors where side and role fit, due dates left to fill."""
    from assess.app.plans import draft_plan
    from assess.core.evaluate import evaluate
    from assess.files import check_writable, write_atomic
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.render.plan import PLAN_ITEMS

    target = output if output is not None else Path(f"{profile.stem}.plan.yaml")
    check_writable(target, [profile])
    if target.exists() and not force:
        raise UsageError(_("{path} already exists; use --force to overwrite it").format(path=target))
    compiled = load_checklists(checklists, lang)
    loaded, source = load_profile(profile)
    check_writable(target)  # now that the checklists are read too: none of them either
    a = evaluate(loaded, compiled, source, __version__, language=lang)
    folder = target.parent if str(target.parent) else Path(".")
    ref = Path(os.path.relpath(profile, folder)).as_posix()
    text = draft_plan(a, ref, None if every else PLAN_ITEMS)
    write_atomic(target, text)
    written(_("Action plan written to {path}").format(path=target), None)
    if not target.name.endswith((".plan.yaml", ".plan.yml")):
        click.echo(
            _(
                "note: name the file after its profile, ending in .plan.yaml, so that a portfolio's folder scan leaves it out"
            ),
            err=True,
        )
    return EXIT_OK
