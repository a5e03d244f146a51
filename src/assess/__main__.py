"""``python -m assess`` and the ``assess`` command (see ``pyproject.toml``).

The command line's modules (click, the commands, their options) build some
tens of thousands of objects that live as long as the process, and no
garbage: they are imported with the garbage collector off, and
:func:`assess.cli.main` freezes them (:func:`gc.freeze`) before it turns it
on again, so that no collection walks them (a tenth of the time before a
portfolio's reader starts, when they were collected as they were built).
A portfolio's reader is started before they are imported
(:func:`assess.app.early.read_ahead_early`)."""

import gc
import sys


def run() -> None:
    """The command line, as the ``assess`` command starts it."""
    gc.disable()
    from assess.app.early import read_ahead_early

    read_ahead_early(sys.argv[1:])
    from assess.cli import main

    main()


if __name__ == "__main__":
    run()
