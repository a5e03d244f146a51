"""What every command shares: exit statuses, the colour decision, printing problems."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import click

from assess.errors import Problem, printable
from assess.i18n import _

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def terminal(stream: object) -> bool:
    """True when ``stream`` is a terminal (where a progress bar is shown)."""
    return bool(getattr(stream, "isatty", lambda: False)())


def color(stream: object) -> bool:
    """Colour only on a terminal, and not when NO_COLOR is set to a non-empty
    value (https://no-color.org); NO_COLOR leaves the progress bar alone."""
    return terminal(stream) and not os.environ.get("NO_COLOR")


def print_problems(problems: Sequence[Problem]) -> None:
    """Each problem as one ``error:`` paragraph on stderr, on one line: a line
    break or control character from a file is shown escaped (a CI runner reads
    a line starting with ``::`` as a command)."""
    for p in problems:
        click.echo(printable(_("error: {problem}").format(problem=p)), err=True)


def echo_lines(lines: Iterable[str]) -> None:
    """Each line on stderr, line breaks and control characters inside it escaped."""
    for line in lines:
        click.echo(printable(line), err=True)
