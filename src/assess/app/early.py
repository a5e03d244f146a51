"""The first step of a portfolio run, taken before its heavy imports: find
the profiles, and start a reader on them (:mod:`assess.loading.readahead`)
that parses them on another core while the run imports its models and
compiles the checklists. Light on purpose: nothing here imports pydantic."""

from __future__ import annotations

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


def find_profiles(paths: Sequence[Path], read_ahead: bool = True) -> Found:
    """The profiles named by ``paths`` (:func:`~assess.loading.discovery.discover`),
    with a reader started on them when ``read_ahead`` and it can help."""
    files, problems = discover(paths)
    return Found(files, problems, ReadAhead.start(files) if read_ahead else None)
