"""A command whose ``--help`` ends with a few examples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from assess.i18n import _


class Command(click.Command):
    """``click.command(cls=Command, examples=[...])``: the examples are printed
    last in ``--help``, under a heading in the run's language (worked out when
    the help is shown, after the language is set)."""

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The epilog, then the examples, one per line, never rewrapped."""
        super().format_epilog(ctx, formatter)
        if self.examples:
            with formatter.section(_("Examples")):
                for line in self.examples:
                    formatter.write(" " * formatter.current_indent + line + "\n")
