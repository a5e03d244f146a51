"""The first step of a portfolio run, taken before its heavy imports: find
the profiles, and start a reader on them (:mod:`assess.loading.readahead`)
that parses them on another core while the run imports its models and
compiles the checklists; from the command line, before click is imported
(:func:`read_ahead_early`). Light on purpose: nothing here imports pydantic,
click or the YAML reader."""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from assess.errors import Problem
from assess.loading.discovery import discover
from assess.loading.readahead import ReadAhead


@dataclass
class Found:
    """The profiles a run names, the problems finding them, and their reader
    (None: the workers read every profile themselves)."""

    files: list[Path]
    problems: list[Problem]
    ahead: ReadAhead | None = None
    frozen: bool = False

    @contextlib.contextmanager
    def lasting(self) -> Iterator[None]:
        """Around the run's heavy imports and its checklists, which build some
        hundred thousand objects that live as long as the run (modules,
        models, validators, compiled checklists) and little garbage: the
        collector is off meanwhile, and what they built is frozen after
        (:func:`gc.freeze`), so that no collection walks it again (the first
        ones after the imports took some 35 ms when it was not). Unfrozen
        when the run is closed."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            gc.freeze()
            self.frozen = True
            if collecting:
                gc.enable()

    def close(self) -> None:
        """Stop the reader, if it is still going, and free what it read;
        let the collector see what :meth:`lasting` froze again."""
        if self.ahead is not None:
            self.ahead.close()
        if self.frozen:
            self.frozen = False
            gc.unfreeze()

    def __enter__(self) -> Found:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


#: ``assess portfolio``'s options that take a value (a test holds this equal
#: to the command's): what :func:`portfolio_paths` must skip to find the paths.
VALUE_OPTIONS = frozenset(
    {
        "-o",
        "--output",
        "--checklist",
        "--date",
        "--fail-under",
        "--format",
        "--jobs",
        "--lang",
        "--min-evidence",
        "--pdf-variant",
        "--plans",
        "--previous",
        "--reports-dir",
        "--tailoring",
        "--template-dir",
        "--title",
    }
)
#: Its options that take none (``--help`` stops the guess: nothing is run).
FLAG_OPTIONS = frozenset({"-q", "--quiet"})


def portfolio_paths(args: Sequence[str]) -> list[Path] | None:
    """The PATHS of an ``assess portfolio`` command line (``args``: what
    follows ``assess``), read as click will read them, for a reader started
    before click is imported; None for any other command, for a run that
    writes programme reports (their workers read their own profiles), and
    for anything this does not read as click would (it then guesses nothing)."""
    if not args or args[0] != "portfolio":
        return None
    paths: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            paths.extend(Path(a) for a in rest)
        elif arg.startswith("-") and arg != "-":
            takes = _value_after(arg)
            if takes is None or (takes and next(rest, None) is None):
                return None
        else:
            paths.append(Path(arg))
    return paths or None


def _value_after(option: str) -> bool | None:
    """Whether ``option`` takes the next argument for its value; None when
    it is one that stops the guess (unknown, ``--help``, ``--reports-dir``)."""
    if option.startswith("--"):
        name, given, _ = option.partition("=")
        if name in VALUE_OPTIONS and name != "--reports-dir":
            return not given
        return False if name in FLAG_OPTIONS and not given else None
    if option[:2] == "-o":
        return len(option) == 2  # else its value is attached: -oout.json
    return False if option in FLAG_OPTIONS else None


#: The reader :func:`read_ahead_early` started, with the paths it guessed and what they named.
_EARLY: list[tuple[list[Path], Found]] = []


def read_ahead_early(args: Sequence[str]) -> None:
    """Start the reader of an ``assess portfolio`` command line
    (:func:`portfolio_paths`) at once, before click and the commands are
    imported (:mod:`assess.__main__`): it parses meanwhile, on another core.
    :func:`find_profiles` takes it when the run names the same paths; any
    other way the command ends, it is stopped on the way out."""
    paths = portfolio_paths(args)
    if paths is None:
        return
    try:
        files, problems = discover(paths)
        ahead = ReadAhead.start(files)
    except (OSError, ValueError):  # said, if it persists, by the run itself, in its words
        return
    if ahead is not None:
        _EARLY.append((paths, Found(files, problems, ahead)))


@atexit.register
def _discard_early() -> None:
    """Stop a reader started early that no run took (registered once, at import)."""
    while _EARLY:
        _EARLY.pop()[1].close()


def find_profiles(paths: Sequence[Path], read_ahead: bool = True) -> Found:
    """The profiles named by ``paths`` (:func:`~assess.loading.discovery.discover`),
    with a reader started on them when ``read_ahead`` and it can help (the
    one :func:`read_ahead_early` started, when it guessed these paths)."""
    if _EARLY:
        guessed, found = _EARLY.pop()
        _discard_early()
        if read_ahead and guessed == list(paths):
            if found.problems:  # worded before the command line set the language: again, in it
                found.problems = discover(paths)[1]
            return found
        found.close()
    files, problems = discover(paths)
    return Found(files, problems, ReadAhead.start(files) if read_ahead else None)
