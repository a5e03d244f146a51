"""Errors a user can cause: located, one paragraph each, exit status 2."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: How a line break or control character inside data is shown on one line.
_SHOWN = {"\n": "\\n", "\r": "\\r"}


def printable(text: str, keep_escape: bool = False) -> str:
    """``text`` fit to be one line of a terminal or CI log: each line break and
    control character (C0, C1, DEL, the Unicode line and paragraph separators)
    shown escaped (``\\n``, ``\\u001b``), so that no line of output can start
    with text from a file and no escape sequence reaches the terminal. Tab is
    kept; ESC too with ``keep_escape`` (a view that paints its own colours:
    a text from a file cannot hold ESC, refused where it is loaded)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == "\t" or (keep_escape and char == "\x1b"):
            out.append(char)
        elif char in _SHOWN:
            out.append(_SHOWN[char])
        elif unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)  # format characters (Cf) such as joiners: harmless on one line
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file. Orders by file, line, column."""

    path: str
    line: int | None = None
    column: int | None = None
    message: str = field(default="", compare=True)

    def __post_init__(self) -> None:
        # One line, whatever the file held: a key or value quoted in the message
        # may carry a line break (YAML folds a multi-line plain key into one).
        if not self.message.isprintable():
            object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Bad input: one or more problems. The CLI prints them and exits 2."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.message))

    @classmethod
    def at(cls, path: str, message: str, line: int | None = None, column: int | None = None) -> InputError:
        return cls([Problem(path, line, column, message)])


class UsageError(Exception):
    """A command line that cannot be carried out (exit 2)."""


class WorkerLost(RuntimeError):
    """A worker process ended without answering (killed from outside, e.g. by
    the kernel short of memory, or crashed in a library); the portfolio cannot
    be complete. ``status`` is its exit status (minus a signal's number)."""

    def __init__(self, status: int | None) -> None:
        super().__init__(f"a worker process ended without answering (exit status {status})")
        self.status = status


class LayoutLost(WorkerLost):
    """The process laying a report's PDF out (:mod:`assess.app.pdf_process`)
    ended without answering; the report cannot be written."""


class Terminated(BaseException):
    """SIGTERM, raised as an exception so that clean-up (temporary files) runs."""


#: The signals (SIGINT, SIGTERM) that have interrupted this run, in order. A
#: signal becomes an exception wherever the main process happens to be; one
#: raised inside a finaliser or a ``__del__`` is printed and dropped by Python,
#: and the run would go on. Long loops therefore also check this list
#: (:func:`raise_if_interrupted`).
INTERRUPTED: list[int] = []


def raise_if_interrupted() -> None:
    """Raise again the interrupt this run received, if it received one."""
    if INTERRUPTED:
        import signal

        raise Terminated() if INTERRUPTED[-1] == signal.SIGTERM else KeyboardInterrupt()
