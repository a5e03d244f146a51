"""Running a portfolio: find the profiles, assess each (in parallel), build the portfolio.

Profiles are streamed: each one is loaded, evaluated and boiled down to a
:class:`~assess.core.portfolio.ProgrammeResult` in a worker, and only that
comes back. Results are added in input order whatever the number of workers,
so the output is the same for ``--jobs 1`` and ``--jobs 8``. A profile that
cannot be read is recorded as located problems; the others go on.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from assess.core.evaluate import CompiledChecklist, ProfileSource
from assess.core.portfolio import Portfolio, PortfolioBuilder, ProgrammeResult, summarise, summarise_profile
from assess.core.profile import Profile
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


@dataclass(frozen=True)
class ReportSettings:
    """How each programme's own report is written (``--reports-dir``): the same
    template folder and date rule as ``assess report``."""

    template_dir: Path
    date: dt.date | None = None
    lang: str = "en"


@dataclass
class Assessed:
    """One profile's outcome, and its own report when one was asked for."""

    outcome: Outcome
    report: Path | None = None
    #: WeasyPrint's warnings and errors while laying the report out.
    messages: list[str] = field(default_factory=list)
    #: Problems writing the report (the programme is still in the portfolio).
    report_problems: list[Problem] = field(default_factory=list)


def report_targets(files: Sequence[Path], folder: Path) -> list[Path]:
    """Where each profile's report goes in ``folder``: its path below the
    profiles' common folder, with ``.pdf`` for its suffix (``a.yaml`` and
    ``a.yml`` side by side become ``a.pdf`` and ``a-yml.pdf``)."""
    if not files:
        return []
    absolute = [Path(os.path.abspath(f)) for f in files]
    root = Path(os.path.commonpath([a.parent for a in absolute]))
    used: set[Path] = set()
    out = []
    for a in absolute:
        rel = a.relative_to(root)
        name = rel.with_suffix(".pdf")
        n = 1
        while name in used:
            tail = rel.name.replace(".", "-") + ("" if n == 1 else f"-{n}")
            name = rel.with_name(tail + ".pdf")
            n += 1
        used.add(name)
        out.append(folder / name)
    return out


def _report(
    profile: Profile,
    source: ProfileSource,
    checklists: Sequence[CompiledChecklist],
    tool_version: str,
    target: Path,
    settings: ReportSettings,
) -> Assessed:
    """Assess one programme in full, write its own PDF report, and summarise it."""
    from assess.core.evaluate import evaluate
    from assess.files import write_atomic
    from assess.render.pdf import render_pdf
    from assess.render.report import creation_time, render_html

    assessment = evaluate(profile, checklists, source, tool_version, language=settings.lang)
    created = creation_time(settings.date, assessment.profile.assessment_date)
    html = render_html(assessment, settings.template_dir, created, pdf=True, lang=settings.lang)
    rendered = render_pdf(html, settings.template_dir, created)
    result = summarise(assessment, profile.context.un_mission)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # a profile's subfolder, mirrored
        write_atomic(target, rendered.data)
    except InputError as e:
        return Assessed(result, None, rendered.messages, e.problems)
    except OSError as e:
        return Assessed(
            result, None, rendered.messages, [Problem(str(target), None, None, f"cannot write: {e.strerror or e}")]
        )
    return Assessed(result, target, rendered.messages)


def assess_one(
    path: Path,
    checklists: Sequence[CompiledChecklist],
    tool_version: str,
    report: Path | None = None,
    settings: ReportSettings | None = None,
) -> Assessed:
    """Load, evaluate and summarise one profile; bad input gives its problems.
    With ``report`` (and ``settings``), also write the programme's own report there."""
    try:
        profile, source = load_profile(path)
    except InputError as e:
        return Assessed(e.problems)
    if report is not None and settings is not None:
        return _report(profile, source, checklists, tool_version, report, settings)
    return Assessed(summarise_profile(profile, checklists, source))


# Worker state: the compiled checklists, the tool version and the report
# settings, set once per worker process.
_WORKER: tuple[Sequence[CompiledChecklist], str, ReportSettings | None] | None = None


def _init_worker(specs: tuple[str, ...], tool_version: str, settings: ReportSettings | None, lang: str = "en") -> None:
    """Set up a worker started afresh (``spawn``): load the checklists itself.
    A forked worker has them already (see :func:`outcomes`) and keeps them."""
    global _WORKER
    set_language(lang)
    if _WORKER is None:
        _WORKER = (load_checklists(specs, lang), tool_version, settings)
    # Everything alive now (modules, models, checklists) lives as long as the
    # worker: keep the garbage collector from walking it again and again
    # (about a sixth of a worker's time on a large portfolio).
    gc.freeze()


def _work(path: Path, report: Path | None) -> Assessed:
    assert _WORKER is not None, "worker not initialised"
    checklists, tool_version, settings = _WORKER
    return assess_one(path, checklists, tool_version, report, settings)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers fastest and they already hold the imported modules
    # and the compiled checklists; elsewhere use the platform's default.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def outcomes(
    files: Sequence[Path],
    specs: tuple[str, ...],
    checklists: Sequence[CompiledChecklist],
    tool_version: str,
    jobs: int,
    reports: Sequence[Path] | None = None,
    settings: ReportSettings | None = None,
    lang: str = "en",
) -> Iterator[Assessed]:
    """Assess ``files`` in order, with ``jobs`` worker processes (1: in this
    process); with ``reports`` (one target per file), write each one's report."""
    global _WORKER
    targets: Sequence[Path | None] = reports if reports is not None else [None] * len(files)
    if jobs <= 1 or len(files) <= 1:
        for f, t in zip(files, targets, strict=True):
            yield assess_one(f, checklists, tool_version, t, settings)
        return
    workers = min(jobs, len(files))
    # Chunks amortise the inter-process hand-off; small enough to keep workers
    # even. A report takes long enough to be handed out one at a time.
    chunk = 1 if reports is not None else max(1, min(32, len(files) // (workers * 16)))
    context = _context()
    forked = context.get_start_method() == "fork"
    # A forked worker starts as a copy of this process: give it the compiled
    # checklists here rather than have each compile its own (a spawned one
    # does, from ``specs``). Freezing first keeps what is alive now out of
    # every later collection, here and in the copies (and so unshared pages
    # stay shared).
    if forked:
        _WORKER = (checklists, tool_version, settings)
        gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(specs, tool_version, settings, lang),
        ) as pool:
            yield from pool.map(_work, files, targets, chunksize=chunk)
    finally:
        if forked:
            _WORKER = None
            gc.unfreeze()


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: one per CPU core."""
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
    reports: Sequence[Path] | None = None,
    settings: ReportSettings | None = None,
    messages: Callable[[str], None] | None = None,
    lang: str = "en",
) -> tuple[Portfolio | None, list[Problem], dict[str, Path]]:
    """Assess ``files`` (from :func:`discover`) into a portfolio.

    ``checklists`` are the compiled ``specs`` (workers compile their own from
    ``specs``). ``problems`` are those already found (e.g. by discovery).
    With ``reports`` (from :func:`report_targets`) and ``settings``, each
    programme's own report is written too, in the workers. Returns the
    portfolio (None when no profile could be assessed), every problem in input
    order, and the reports written by profile path. ``progress`` is called
    with 1 after each profile, ``messages`` with each renderer message.
    """
    found = list(problems)
    unwritten: list[Problem] = []  # reports that could not be written: not the profile's fault
    written: dict[str, Path] = {}
    builder = PortfolioBuilder(checklists, tool_version)
    for done in outcomes(files, specs, checklists, tool_version, jobs, reports, settings, lang):
        outcome = done.outcome
        if isinstance(outcome, list):
            found.extend(outcome)
        else:
            builder.add(outcome)
            if done.report is not None:
                written[outcome.entry.path] = done.report
        unwritten.extend(done.report_problems)
        if messages is not None:
            for line in done.messages:
                messages(f"{done.report}: {line}")
        if progress is not None:
            progress(1)
    for p in found:
        builder.add_problem(p.path, p.line, p.column, p.message)
    return (builder.build() if builder.assessed else None), found + unwritten, written
