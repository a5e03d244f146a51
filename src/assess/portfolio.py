"""Running a portfolio: find the profiles, assess each (in parallel), build the portfolio.

Profiles are streamed: each one is loaded, evaluated and boiled down to a
:class:`~assess.core.portfolio.ProgrammeResult` in a worker, and only that
comes back. Results are added in input order whatever the number of workers,
so the output is the same for ``--jobs 1`` and ``--jobs 8``. A profile that
cannot be read is recorded as located problems; the others go on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assess.core.evaluate import CompiledChecklist
from assess.core.portfolio import Portfolio, PortfolioBuilder, ProgrammeResult, summarise_profile
from assess.errors import InputError, Problem
from assess.i18n import set_language
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile

PROFILE_SUFFIXES = (".yaml", ".yml")

#: Outcome of one profile: its result, or the problems that kept it out.
Outcome = ProgrammeResult | list[Problem]


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Profile files named by ``paths``: files as given, folders searched
    recursively for ``*.yaml``/``*.yml`` (sorted). Duplicates are dropped."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)

    for path in paths:
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*") if p.suffix in PROFILE_SUFFIXES and p.is_file()),
                key=lambda p: p.relative_to(path).parts,
            )
            if not files:
                problems.append(Problem(str(path), None, None, "no profiles (*.yaml, *.yml) in this folder"))
            for f in files:
                add(f)
        elif path.exists():
            add(path)
        else:
            problems.append(
                Problem(str(path), None, None, "no such file or folder; expected a profile or a folder of profiles")
            )
    return found, problems


def assess_one(path: Path, checklists: Sequence[CompiledChecklist], tool_version: str) -> Outcome:
    """Load, evaluate and summarise one profile; bad input gives its problems."""
    try:
        profile, source = load_profile(path)
    except InputError as e:
        return e.problems
    del tool_version  # the portfolio states it once, not per programme
    return summarise_profile(profile, checklists, source)


# Worker state: each worker process loads the checklists once.
_WORKER: tuple[list[CompiledChecklist], str] | None = None


def _init_worker(specs: tuple[str, ...], tool_version: str, lang: str = "en") -> None:
    global _WORKER
    set_language(lang)
    _WORKER = (load_checklists(specs, lang), tool_version)
    # Everything alive now (modules, models, checklists) lives as long as the
    # worker: keep the garbage collector from walking it again and again
    # (about a sixth of a worker's time on a large portfolio).
    gc.freeze()


def _work(path: Path) -> Outcome:
    assert _WORKER is not None, "worker not initialised"
    return assess_one(path, *_WORKER)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers fastest and they already hold the imported modules;
    # elsewhere use the platform's default.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def outcomes(
    files: Sequence[Path],
    specs: tuple[str, ...],
    checklists: Sequence[CompiledChecklist],
    tool_version: str,
    jobs: int,
    lang: str = "en",
) -> Iterator[Outcome]:
    """Assess ``files`` in order, with ``jobs`` worker processes (1: in this process)."""
    if jobs <= 1 or len(files) <= 1:
        for f in files:
            yield assess_one(f, checklists, tool_version)
        return
    workers = min(jobs, len(files))
    # Chunks amortise the inter-process hand-off; small enough to keep workers even.
    chunk = max(1, min(32, len(files) // (workers * 16)))
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_init_worker, initargs=(specs, tool_version, lang)
    ) as pool:
        yield from pool.map(_work, files, chunksize=chunk)


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_portfolio(
    files: Sequence[Path],
    specs: tuple[str, ...],
    checklists: Sequence[CompiledChecklist],
    *,
    tool_version: str,
    jobs: int = 1,
    problems: Sequence[Problem] = (),
    progress: Callable[[int], None] | None = None,
    lang: str = "en",
) -> tuple[Portfolio | None, list[Problem]]:
    """Assess ``files`` (from :func:`discover`) into a portfolio.

    ``checklists`` are the compiled ``specs`` (workers compile their own from
    ``specs``). ``problems`` are those already found (e.g. by discovery).
    Returns the portfolio (None when no profile could be assessed) and every
    problem, in input order. ``progress`` is called with 1 after each profile.
    """
    found = list(problems)
    builder = PortfolioBuilder(checklists, tool_version)
    for outcome in outcomes(files, specs, checklists, tool_version, jobs, lang):
        if isinstance(outcome, list):
            found.extend(outcome)
        else:
            builder.add(outcome)
        if progress is not None:
            progress(1)
    for p in found:
        builder.add_problem(p.path, p.line, p.column, p.message)
    return (builder.build() if builder.assessed else None), found
