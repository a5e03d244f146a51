"""Errors a user can cause: located, one paragraph each, exit status 2."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file. Orders by file, line, column."""

    path: str
    line: int | None = None
    column: int | None = None
    message: str = field(default="", compare=True)

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
