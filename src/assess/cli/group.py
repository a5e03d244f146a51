"""The ``assess`` command group, whose commands are imported when one is run.

A command's module is imported only when that command is looked up: running
``assess portfolio`` imports neither ``explain``'s modules nor ``schema``'s
(some 10 ms of every start); ``assess --help``, which lists them all, imports
each. :data:`COMMANDS` names every command's module; a test holds each
command's own name equal to its key.
"""

from __future__ import annotations

import click

#: Every command: its name, its module and the command object's name there.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("assess.cli.check", "check"),
    "report": ("assess.cli.report", "report"),
    "extract": ("assess.cli.extract", "extract"),
    "portfolio": ("assess.cli.portfolio", "portfolio"),
    "lint": ("assess.cli.lint", "lint"),
    "init": ("assess.cli.init", "init"),
    "schema": ("assess.cli.schema", "schema"),
    "xlsform": ("assess.cli.xlsform", "xlsform"),
    "import": ("assess.cli.importing", "import_"),
    "explain": ("assess.cli.explain", "explain"),
    "trend": ("assess.cli.trend", "trend"),
    "plan": ("assess.cli.plan", "plan"),
}


class ReaderGone(Exception):
    """The reader of standard output left early (``assess check x | head``)."""


class Group(click.Group):
    """The top-level group: commands of :data:`COMMANDS`, imported when looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name]
            # __import__ rather than importlib's: the same import, and one -X importtime shows.
            command = getattr(__import__(module, fromlist=[name]), name)
            assert isinstance(command, click.Command), f"{module}.{name} is not a command"
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            all_commands(self)  # a name not known: click suggests the nearest of those registered
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        # Click turns a broken pipe into exit status 1, which here means a
        # gate failed: taken out of its hands, it is status 0 (see _run).
        try:
            return super().invoke(ctx)
        except BrokenPipeError as e:
            raise ReaderGone() from e


def all_commands(group: click.Group) -> dict[str, click.Command]:
    """Every command of ``group``, each imported (``--help`` does the same)."""
    ctx = click.Context(group)
    found = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


__all__ = ["COMMANDS", "Group", "ReaderGone", "all_commands"]
