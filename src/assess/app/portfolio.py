"""Running a portfolio: find the profiles, assess each (in parallel), build the portfolio.

Profiles are streamed: each one is loaded, evaluated and boiled down to a
:class:`~assess.core.portfolio.ProgrammeResult` in a worker (this process
is one of them for summaries), and only that comes back. Results are added
in input order whatever the number of workers, so the output is the same
for ``--jobs 1`` and ``--jobs 8``. A profile that
cannot be read is recorded as located problems; the others go on.

The use case behind ``assess portfolio``, in three steps that print nothing:
:func:`plan_portfolio` checks every input before the slow part and finds the
profiles; :func:`assess_portfolio` runs them (writing each programme's own
report with the one pipeline of :mod:`assess.app.report` when asked);
:func:`build_page` lays the portfolio out as HTML or a PDF.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Collection, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from assess.app.early import Found
from assess.app.report import (
    REPORT_TEMPLATE,
    ReportSettings,
    build_report,
    check_templates,
    template_folder,
    write_report,
)
from assess.core.evaluate import CompiledChecklist, ProfileSource
from assess.core.fields import build_validators
from assess.core.portfolio import (
    PackedResult,
    Portfolio,
    PortfolioBuilder,
    ProgrammeEntry,
    ProgrammeResult,
    summarise,
    summarise_profile,
)
from assess.core.profile import Profile
from assess.errors import InputError, Problem, WorkerLost, raise_if_interrupted
from assess.files import check_writable, remove_leftovers
from assess.i18n import set_language
from assess.loading.checklists import load_checklists
from assess.loading.discovery import discover
from assess.loading.profiles import load_profile
from assess.loading.readahead import ReadAhead
from assess.loading.validate import is_another_kind
from assess.loading.yamlsrc import YamlDoc

if TYPE_CHECKING:  # imported where a run has plans or a tailoring: most have neither
    from assess.loading.plans import LoadedPlan
    from assess.loading.tailoring import Tailored

#: Outcome of one profile: its result (packed, as a worker hands it back, when
#: asked for: see :func:`outcomes`), or the problems that kept it out.
Outcome = ProgrammeResult | PackedResult | list[Problem]


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
    tailored: Tailored | None = None,
) -> Assessed:
    """Assess one programme in full, write its own PDF report, and summarise it."""
    plan = None
    if settings.plans_dir is not None:
        from assess.loading.plans import plan_for

        plan = plan_for(settings.plans_dir, Path(source.path))
    built = build_report(profile, source, checklists, settings, tool_version=tool_version, plan=plan, tailored=tailored)
    result = summarise(built.assessment, profile.context.un_mission)
    try:
        write_report(target, built.data, make_folder=True)  # a profile's subfolder, mirrored
    except InputError as e:
        return Assessed(result, None, built.messages, e.problems)
    return Assessed(result, target, built.messages)


def assess_one(
    path: Path,
    checklists: Sequence[CompiledChecklist],
    tool_version: str,
    report: Path | None = None,
    settings: ReportSettings | None = None,
    tailored: Tailored | None = None,
    parsed: YamlDoc | None = None,
) -> Assessed:
    """Load, evaluate and summarise one profile; bad input gives its problems.
    With ``report`` (and ``settings``), also write the programme's own report there.
    With ``tailored`` (whose checklists are ``checklists``), the base score is kept too.
    ``parsed``: the file as read ahead (:mod:`assess.loading.readahead`)."""
    try:
        # A summary reads no location unless the profile has a problem to word.
        profile, source = load_profile(path, positions=report is not None, parsed=parsed)
    except InputError as e:
        return Assessed(e.problems)
    if report is not None and settings is not None:
        return _report(profile, source, checklists, tool_version, report, settings, tailored)
    result = summarise_profile(profile, checklists, source, tailored.base if tailored is not None else None)
    if profile.sources or profile.responses:
        # EVIDENCE (issue 18): the evidence strength beside the programme's scores;
        # a fact two respondents answered counts as backed (VOICES).
        from assess.core.evidence import programme_with_evidence
        from assess.core.voices import corroborated

        day = settings.date if settings is not None and settings.date is not None else dt.date.today()
        result = programme_with_evidence(result, profile, checklists, as_of=day, corroborated=corroborated(profile))
    return Assessed(result)


# Worker state: the compiled checklists, the tool version, the report
# settings and the tailoring applied, set once per worker process.
_WORKER: tuple[Sequence[CompiledChecklist], str, ReportSettings | None, Tailored | None] | None = None
#: The profiles read ahead, in this process and in the workers forked from it.
_AHEAD: ReadAhead | None = None


class _Stopped(BaseException):
    """SIGTERM in a worker busy with a profile: unwinds it, so that a report
    half written is removed (:func:`assess.files.write_atomic`), then exits."""


#: Whether this worker is inside :func:`_work` (else SIGTERM exits at once).
_BUSY = False


def _on_sigterm_in_worker(signum: int, frame: FrameType | None) -> None:
    if _BUSY:
        if _in_finaliser(frame):
            # Raised inside a finaliser (WeasyPrint's font configuration
            # removes its folder in ``__del__``), the stop would be printed as
            # "Exception ignored in …" and lost: asked again once it is done.
            _ask_again()
            return
        raise _Stopped()
    os._exit(128 + signal.SIGTERM)  # waiting for work: nothing to clean up


def _in_finaliser(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


#: How soon a stop that arrived in a finaliser is asked again, in seconds.
_AGAIN_AFTER = 0.01


def _ask_again() -> None:
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, _AGAIN_AFTER)  # SIGALRM: the handler above again
    else:  # pragma: no cover - no interval timers (Windows, whose workers are not stopped by a signal)
        os.kill(os.getpid(), signal.SIGTERM)


def _stop_swallowed(unraisable: sys.UnraisableHookArgs) -> None:
    """A worker's hook for exceptions Python cannot raise (in a finaliser or a
    weak reference's callback): a stop among them is asked again, silently;
    anything else is printed as Python would."""
    if unraisable.exc_type is _Stopped:
        _ask_again()
        return
    sys.__unraisablehook__(unraisable)


def _init_worker(
    specs: tuple[str, ...],
    tool_version: str,
    settings: ReportSettings | None,
    lang: str = "en",
    tailoring: Path | None = None,
) -> None:
    """Set up a worker started afresh (``spawn``): load the checklists itself.
    A forked worker has them already (see :func:`outcomes`) and keeps them.

    Signals are the main process's business: a worker ignores SIGINT (Ctrl-C
    reaches the whole process group) and leaves on the SIGTERM the main
    process sends it when interrupted (:func:`_stop`)."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm_in_worker)
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, _on_sigterm_in_worker)  # a stop asked again (_ask_again)
    sys.unraisablehook = _stop_swallowed
    set_language(lang)
    if _WORKER is None:
        tailored = _load_tailored(specs, tailoring, lang)
        compiled = tailored.checklists if tailored is not None else load_checklists(specs, lang)
        _WORKER = (compiled, tool_version, settings, tailored)
    # Everything alive now (modules, models, checklists) lives as long as the
    # worker: keep the garbage collector from walking it again and again
    # (about a sixth of a worker's time on a large portfolio).
    gc.freeze()


def _read_ahead(ahead: ReadAhead | None, path: Path, report: Path | None) -> YamlDoc | None:
    """``path`` as the reader parsed it, for a summary (a programme report
    reads its own profile, positions and all); None: read it here."""
    return ahead.doc(path) if ahead is not None and report is None else None


def _assess(path: Path, report: Path | None = None) -> Assessed:
    """``path`` assessed with the worker's state (:data:`_WORKER`, :data:`_AHEAD`):
    in a worker, or in the main process when it is one (see :func:`outcomes`)."""
    assert _WORKER is not None, "worker not initialised"
    checklists, tool_version, settings, tailored = _WORKER
    return assess_one(path, checklists, tool_version, report, settings, tailored, _read_ahead(_AHEAD, path, report))


def _work(path: Path, report: Path | None) -> Assessed:
    done = _assess(path, report)
    if isinstance(done.outcome, ProgrammeResult):
        done.outcome = PackedResult.of(done.outcome)
    return done


def _unpacked(done: Assessed) -> Assessed:
    if isinstance(done.outcome, PackedResult):
        done.outcome = done.outcome.unpack()
    return done


def _guarded_work(path: Path, report: Path | None) -> Assessed:
    """:func:`_work`, marked busy for the SIGTERM handler: stopped, the worker
    unwinds (removing a report half written) and exits."""
    global _BUSY
    _BUSY = True
    try:
        return _work(path, report)
    except _Stopped:
        os._exit(128 + signal.SIGTERM)
    finally:
        _BUSY = False


def _serve(
    conn: Connection,
    specs: tuple[str, ...],
    tool_version: str,
    settings: ReportSettings | None,
    lang: str,
    tailoring: Path | None = None,
) -> None:
    """A worker's loop: read a chunk of (profile, report target) pairs from its
    own pipe, answer with their outcomes, until told to stop (``None``) or the
    main process is gone (end of file)."""
    _init_worker(specs, tool_version, settings, lang, tailoring)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        reply: list[Assessed] | BaseException
        try:
            reply = [_guarded_work(path, target) for path, target in task]
        except Exception as e:  # a bug: hand it to the main process, which reports it
            reply = e
        try:
            conn.send(reply)
        except (OSError, ValueError):
            break
        except Exception:  # the exception itself would not pickle
            conn.send(RuntimeError(f"{type(reply).__name__}: {reply}"))
    conn.close()


def _stop(processes: Sequence[BaseProcess]) -> None:
    """Stop workers at once: SIGTERM (a busy one removes the report it was
    writing, then exits), SIGKILL for any still there after a few seconds."""
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    deadline = time.monotonic() + 5
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AssertionError, AttributeError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1)


class _Pool:
    """Worker processes, each with a pipe of its own to the main process, and
    the chunks of work handed to each (at most two at a time)."""

    def __init__(self, tasks: Sequence[list[tuple[Path, Path | None]]]) -> None:
        self.tasks = tasks
        self.started: list[tuple[BaseProcess, Connection]] = []
        self.handed: dict[Connection, deque[int]] = {}
        self.waiting = iter(range(len(tasks)))
        self.answered: dict[int, list[Assessed]] = {}

    def start(
        self,
        workers: int,
        context: multiprocessing.context.BaseContext,
        initargs: tuple[tuple[str, ...], str, ReportSettings | None, str, Path | None],
    ) -> None:
        for _ in range(workers):
            mine, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, *initargs), daemon=True)  # type: ignore[attr-defined]
            process.start()
            theirs.close()
            self.started.append((process, mine))
            self.handed[mine] = deque()
        for _ in range(2):
            for _, conn in self.started:
                self.hand(conn)

    def hand(self, conn: Connection) -> None:
        """Give ``conn``'s worker the next chunk, if any is left."""
        i = next(self.waiting, None)
        if i is not None:
            conn.send(self.tasks[i])
            self.handed[conn].append(i)

    def answer(self, want: int, here: Callable[[Path], Assessed] | None) -> list[Assessed]:
        """The outcomes of chunk ``want``, reading replies until it has come.
        With ``here``, this process is a worker too: it assesses (with
        ``here``) the next chunk not yet handed out while it waits."""
        while want not in self.answered:
            raise_if_interrupted()
            if here is not None:
                self._take_replies(0)  # those in first: their workers get more at once
                if want in self.answered:
                    break
                # Chunks are taken in order: one neither answered nor handed
                # out is the next waiting, ``want`` first.
                i = next(self.waiting, None)
                if i is not None:
                    self.answered[i] = self._assess_here(self.tasks[i], here)
                    continue
            # A short timeout: an interrupt Python dropped (raised in a
            # finaliser) is raised again here within half a second.
            self._take_replies(0.5)
        return self.answered.pop(want)

    def _assess_here(self, task: list[tuple[Path, Path | None]], here: Callable[[Path], Assessed]) -> list[Assessed]:
        """``task`` assessed in this process, one profile at a time, taking
        the replies that come in meanwhile (a worker whose reply fills its
        pipe waits until it is read)."""
        out = []
        for path, _ in task:
            out.append(here(path))
            self._take_replies(0)
        return out

    def _take_replies(self, timeout: float) -> None:
        """Read the replies in within ``timeout`` seconds, handing each of
        their workers its next chunk."""
        busy = [c for c, queue in self.handed.items() if queue]
        for ready in wait(busy, timeout=timeout):
            assert isinstance(ready, Connection)
            self._receive(ready)

    def _receive(self, ready: Connection) -> None:
        try:
            reply = ready.recv()
        except (EOFError, OSError):
            lost = next(p for p, c in self.started if c is ready)
            lost.join(1)
            raise WorkerLost(lost.exitcode) from None
        if isinstance(reply, BaseException):
            raise reply
        self.answered[self.handed[ready].popleft()] = reply
        self.hand(ready)

    def finish(self) -> None:
        """Tell every worker to stop, and wait for them."""
        for _, conn in self.started:
            conn.send(None)
        for process, _ in self.started:
            process.join(5)

    def abort(self) -> None:
        """Stop the workers at once and remove what they were writing."""
        _stop([process for process, _ in self.started])
        # A worker killed outright (SIGKILL: the kernel short of memory)
        # could not remove the report it was half way through writing.
        _remove_half_written(self.tasks[i] for queue in self.handed.values() for i in queue)

    def close(self) -> None:
        for _, conn in self.started:
            conn.close()


def _in_workers(
    tasks: Sequence[list[tuple[Path, Path | None]]],
    workers: int,
    context: multiprocessing.context.BaseContext,
    initargs: tuple[tuple[str, ...], str, ReportSettings | None, str, Path | None],
    here: Callable[[Path], Assessed] | None = None,
    started: Callable[[], None] | None = None,
) -> Generator[list[Assessed], None, None]:
    """Yield the outcomes of ``tasks`` (chunks of work), in order, from
    ``workers`` processes, and from this one with ``here`` (see :meth:`_Pool.answer`);
    ``started`` is called once the workers are.

    Each worker has a pipe of its own to the main process: no queue, lock or
    thread is shared, so no worker can be left blocked on a lock another one
    held when it was stopped, and the main process starts no thread (a fork
    copies none). Each worker has at most two chunks handed to it at a time.
    Left early (an interrupt, SIGTERM, an error, the consumer closing this
    generator), the workers are stopped before the exception goes on."""
    pool = _Pool(tasks)
    finished = False
    try:
        pool.start(workers, context, initargs)
        if started is not None:
            started()
        for want in range(len(tasks)):
            yield pool.answer(want, here)
        pool.finish()
        finished = True
    finally:
        if not finished:
            pool.abort()
        pool.close()


def _remove_half_written(chunks: Iterable[list[tuple[Path, Path | None]]]) -> None:
    """Remove what a killed worker left of the reports it was writing."""
    for chunk in chunks:
        for _, target in chunk:
            if target is not None:
                remove_leftovers(target)


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
    packed: bool = False,
    tailored: Tailored | None = None,
    tailoring: Path | None = None,
    ahead: ReadAhead | None = None,
) -> Generator[Assessed, None, None]:
    """Assess ``files`` in order, with ``jobs`` worker processes (1: in this
    process); with ``reports`` (one target per file), write each one's report.
    With ``packed``, a worker's result may come as the :class:`PackedResult`
    it sent (for :class:`PortfolioBuilder`), not unpacked into models.
    ``ahead``: the reader started on ``files``, stopped here before any is
    assessed; forked workers (and this process) take what it read."""
    global _WORKER, _AHEAD
    targets: Sequence[Path | None] = reports if reports is not None else [None] * len(files)
    if jobs <= 1 or len(files) <= 1:
        if ahead is not None:
            ahead.stop()
        for f, t in zip(files, targets, strict=True):
            yield assess_one(f, checklists, tool_version, t, settings, tailored, _read_ahead(ahead, f, t))
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
        _WORKER = (checklists, tool_version, settings, tailored)
        _AHEAD = ahead
        # Once here, not on each worker's first profile (the portfolio
        # document's are built here once the workers are started, see below).
        build_validators(Profile)
        # What a caller froze (the command line's run: Found.lasting) is the
        # caller's to let go, when the run is closed, not this generator's.
        unfreeze = gc.get_freeze_count() == 0
        gc.freeze()
        thresholds = gc.get_threshold()
        gc.set_threshold(_YOUNGEST, *thresholds[1:])
    if ahead is not None:
        if forked and ahead.reading():
            # The workers will parse what it has not read: the parser imported
            # once, here, for all of them, while it reads on.
            import assess.loading.yamlparse
        ahead.stop()  # as late as can be: it reads on while this process gets ready
    if forked and (ahead is None or ahead.count() < len(files)):
        # The same where there was no reader, or it stopped short (a run whose
        # reader read every profile never needs the parser).
        import assess.loading.yamlparse  # noqa: F401
    pairs = list(zip(files, targets, strict=True))
    tasks = _chunks(pairs, chunk, workers)
    # Summaries: this process is one of the workers (it has all a forked one
    # has), so one fewer is forked and its share is neither packed, pickled
    # nor sent. Programme reports are all written in workers (WeasyPrint stays
    # out of this process, and a stop removes what a worker was writing).
    here = None
    if forked and reports is None:
        here = _assess  # with the state set above for the workers
        workers -= 1
    initargs = (specs, tool_version, settings, lang, tailoring)
    # The portfolio document's validators, which its build needs once the
    # profiles are done: built in this process while the workers assess.
    started = partial(build_validators, Portfolio)
    try:
        for answered in _in_workers(tasks, workers, context, initargs, here, started):
            yield from answered if packed else map(_unpacked, answered)
    finally:
        if forked:
            _WORKER = None
            _AHEAD = None
            if unfreeze:
                gc.unfreeze()
            gc.set_threshold(*thresholds)


#: The youngest generation's threshold while profiles are assessed (Python's
#: default: 700). A profile's models are alive while it is assessed; collected
#: every 700 objects, they were walked once or twice each, for nothing.
_YOUNGEST = 10_000


def _chunks(pairs: list[tuple[Path, Path | None]], most: int, workers: int) -> list[list[tuple[Path, Path | None]]]:
    """``pairs`` in chunks of at most ``most``, smaller towards the end (a
    quarter of each worker's share of what is left, at least one), so that
    the workers run out of work together rather than a chunk apart."""
    out = []
    at = 0
    while at < len(pairs):
        size = max(1, min(most, (len(pairs) - at) // (workers * 4)))
        out.append(pairs[at : at + size])
        at += size
    return out


def default_jobs() -> int:
    """Worker processes when ``--jobs`` is not given: one per CPU core."""
    return os.cpu_count() or 1


def _another_kind(problems: list[Problem], scanned: Collection[str]) -> bool:
    return bool(problems) and problems[0].path in scanned and is_another_kind(problems, "profile")


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
    tailored: Tailored | None = None,
    tailoring: Path | None = None,
    scanned: Collection[str] = (),
    ahead: ReadAhead | None = None,
) -> tuple[Portfolio | None, list[Problem], dict[str, Path]]:
    """Assess ``files`` (from :func:`discover`) into a portfolio.

    ``checklists`` are the compiled ``specs`` (workers compile their own from
    ``specs``). ``problems`` are those already found (e.g. by discovery).
    With ``reports`` (from :func:`report_targets`) and ``settings``, each
    programme's own report is written too, in the workers. Returns the
    portfolio (None when no profile could be assessed), every problem in input
    order, and the reports written by profile path. ``progress`` is called
    with 1 after each profile, ``messages`` with each renderer message.
    A file in ``scanned`` (found by searching a folder) that is recognisably
    another kind of document (a checklist, a tailoring, an action plan, a
    waiver list, a result document) is left out rather than reported: such
    files often sit beside the profiles they belong with. ``ahead``: a reader
    started on ``files`` (:func:`assess.app.early.find_profiles`).
    """
    found = list(problems)
    unwritten: list[Problem] = []  # reports that could not be written: not the profile's fault
    written: dict[str, Path] = {}
    builder = PortfolioBuilder(checklists, tool_version)
    # Closed on any exit from the loop (an error, Ctrl-C): the pool inside then
    # stops its workers at once, rather than when the generator is collected,
    # which at interpreter exit may be never (workers blocked on a dead pipe).
    with contextlib.closing(
        outcomes(
            files, specs, checklists, tool_version, jobs, reports, settings, lang, True, tailored, tailoring, ahead
        )
    ) as results:
        for done in results:
            outcome = done.outcome
            if isinstance(outcome, list):
                if not (scanned and _another_kind(outcome, scanned)):
                    found.extend(outcome)
            else:
                builder.add(outcome)
                if done.report is not None:
                    written[outcome.path if isinstance(outcome, PackedResult) else outcome.entry.path] = done.report
            unwritten.extend(done.report_problems)
            if messages is not None:
                for line in done.messages:
                    messages(f"{done.report}: {line}")
            if progress is not None:
                progress(1)
    for p in found:
        builder.add_problem(p.path, p.line, p.column, p.message)
    portfolio = builder.build() if builder.assessed else None
    if portfolio is not None and tailored is not None:
        portfolio = portfolio.model_copy(update={"tailoring": tailored.record})
    return portfolio, found + unwritten, written


# ---------------------------------------------------------------- the use case


@dataclass(frozen=True)
class PortfolioPlan:
    """What a portfolio run will do, every input checked before the slow part."""

    specs: tuple[str, ...]
    checklists: list[CompiledChecklist]
    #: The profiles found (:func:`discover`), and the problems finding them.
    files: list[Path]
    problems: list[Problem]
    lang: str = "en"
    #: The template folder (read only for a page or programme reports).
    template_dir: Path = field(default_factory=Path)
    #: The page's date, when a page or programme reports are written.
    created: dt.datetime | None = None
    reports_dir: Path | None = None
    #: Where each profile's own report goes (``--reports-dir``), one per file.
    targets: list[Path] | None = None
    settings: ReportSettings | None = None
    #: ``--pdf-variant`` of the page and of the programme reports (None: plain tagged PDF).
    pdf_variant: str | None = None
    #: ``--plans DIR``: each profile's action plan found there, read and checked, by profile path.
    plans: dict[Path, LoadedPlan] = field(default_factory=dict)
    #: The date the plans' overdue actions are judged on.
    plans_day: dt.date | None = None
    #: ``--tailoring`` and what it made of the checklists (None: none).
    tailoring: Path | None = None
    tailored: Tailored | None = None
    #: The files found by searching a folder (not named one by one).
    scanned: frozenset[str] = frozenset()
    #: The reader started on ``files`` (:func:`assess.app.early.find_profiles`), if any.
    ahead: ReadAhead | None = None


def _page_settings(
    template_dir: Path | None,
    page: bool,
    reports_dir: Path | None,
    day: dt.date | None,
    lang: str,
    pdf_variant: str | None = None,
    plans_dir: Path | None = None,
) -> tuple[Path, ReportSettings | None, dt.datetime | None]:
    """The template folder, checked once for what will be laid out with it;
    the programme reports' settings; the page's date."""
    if not page and reports_dir is None:
        return Path(), None, None
    from assess.render.portfolio import TEMPLATE as PORTFOLIO_TEMPLATE
    from assess.render.report import creation_time

    folder = template_folder(template_dir)
    if page:
        check_templates(folder, PORTFOLIO_TEMPLATE)
    settings = None
    if reports_dir is not None:
        check_templates(folder, REPORT_TEMPLATE)
        if reports_dir.exists() and not reports_dir.is_dir():
            raise InputError.at(str(reports_dir), "--reports-dir: not a folder")
        settings = ReportSettings(folder, day, lang, pdf_variant=pdf_variant, plans_dir=plans_dir)
    return folder, settings, creation_time(day, None)  # also checks SOURCE_DATE_EPOCH before the slow part


def _prepare_reports(files: Sequence[Path], reports_dir: Path | None) -> list[Path] | None:
    """Each profile's report target in ``reports_dir``, the folder made."""
    if reports_dir is None:
        return None
    import assess.render.pdf  # noqa: F401  # imported once here, inherited by the workers

    targets = report_targets(files, reports_dir)
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError.at(str(reports_dir), f"cannot create the reports folder: {err.strerror or err}") from None
    return targets


def plan_portfolio(
    paths: Sequence[Path],
    specs: tuple[str, ...],
    *,
    lang: str = "en",
    page: bool = False,
    output: Path | None = None,
    reports_dir: Path | None = None,
    template_dir: Path | None = None,
    day: dt.date | None = None,
    pdf_variant: str | None = None,
    plans_dir: Path | None = None,
    tailoring: Path | None = None,
    found: Found | None = None,
) -> PortfolioPlan:
    """Check every input of a portfolio run and find its profiles.

    ``page``: a portfolio page (PDF or HTML) will be laid out; ``reports_dir``:
    each programme's own report is written there; ``day``: ``--date``;
    ``pdf_variant``: ``--pdf-variant`` of the PDFs; ``plans_dir``: ``--plans``,
    the folder of the programmes' action plans (``<profile stem>.plan.yaml``).
    ``found``: the profiles as :func:`assess.app.early.find_profiles` found
    them, and their reader (else they are found here).
    Raises InputError (template folder, output, checklists) before anything
    slow has run."""
    folder, settings, created = _page_settings(template_dir, page, reports_dir, day, lang, pdf_variant, plans_dir)
    if output is not None:
        check_writable(output)
    tailored = _load_tailored(specs, tailoring, lang)
    compiled = tailored.checklists if tailored is not None else load_checklists(specs, lang)
    files, problems = (found.files, found.problems) if found is not None else discover(paths)
    if output is not None:
        check_writable(output, files)  # not one of the profiles (read later, maybe by workers)
    plans, plans_day = _read_plans(plans_dir, files, compiled, day)
    targets = _prepare_reports(files, reports_dir)
    return PortfolioPlan(
        specs,
        compiled,
        files,
        problems,
        lang,
        folder,
        created,
        reports_dir,
        targets,
        settings,
        pdf_variant,
        plans,
        plans_day,
        tailoring,
        tailored,
        frozenset(str(f) for f in files) - {str(p) for p in paths},
        found.ahead if found is not None else None,
    )


def _load_tailored(specs: tuple[str, ...], tailoring: Path | None, lang: str) -> Tailored | None:
    """:func:`assess.loading.tailoring.load_tailored`, imported only for a run with a tailoring."""
    if tailoring is None:
        return None
    from assess.loading.tailoring import load_tailored

    return load_tailored(specs, tailoring, lang)


# --- PLANS ---


def _read_plans(
    plans_dir: Path | None, files: Sequence[Path], checklists: Sequence[CompiledChecklist], day: dt.date | None
) -> tuple[dict[Path, LoadedPlan], dt.date | None]:
    """Each profile's plan in ``plans_dir``, checked before the slow part, and the day they are judged on."""
    if plans_dir is None:
        return {}, None
    from assess.loading.plans import load_plan, plan_for
    from assess.render.report import creation_time

    if not plans_dir.is_dir():
        raise InputError.at(str(plans_dir), "--plans: not a folder")
    found: dict[Path, LoadedPlan] = {}
    problems: list[Problem] = []
    for path in files:
        plan = plan_for(plans_dir, path)
        if plan is None:
            continue
        try:
            found[path] = load_plan(plan, checklists, profile_path=str(path))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return found, creation_time(day, None).date()


def _with_plans(portfolio: Portfolio, plan: PortfolioPlan) -> Portfolio:
    """The portfolio with each programme's plan counted (programmes without one are left out)."""
    if not plan.plans or plan.plans_day is None:
        return portfolio
    from assess.core.plans import status_counts
    from assess.core.portfolio import ProgrammePlan

    by_path = {str(p): lp for p, lp in plan.plans.items()}
    rows = []
    for e in portfolio.programmes:
        lp = by_path.get(e.path)
        if lp is None:
            continue
        counts, overdue = status_counts(lp.body, plan.plans_day)
        rows.append(ProgrammePlan(path=e.path, file=lp.file, judged_on=plan.plans_day, counts=counts, overdue=overdue))
    return portfolio.model_copy(update={"plans": rows})


# --- end PLANS ---


@dataclass
class PortfolioRun:
    """A portfolio run's outcome."""

    #: None when no profile could be assessed.
    portfolio: Portfolio | None
    #: Every problem, in input order (profiles left out, reports not written).
    problems: list[Problem]
    #: The programme reports written, by profile path.
    written: dict[str, Path]
    #: WeasyPrint's messages about the programme reports, each after its report's path.
    messages: list[str]


def assess_portfolio(
    plan: PortfolioPlan,
    *,
    tool_version: str,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> PortfolioRun:
    """Assess the planned profiles with ``jobs`` workers (default: one per
    core), writing their reports when planned; ``progress`` as for
    :func:`run_portfolio`."""
    messages: list[str] = []
    result, problems, written = run_portfolio(
        plan.files,
        plan.specs,
        plan.checklists,
        tool_version=tool_version,
        jobs=jobs or default_jobs(),
        problems=plan.problems,
        progress=progress,
        lang=plan.lang,
        reports=plan.targets,
        settings=plan.settings,
        messages=messages.append,
        tailored=plan.tailored,
        tailoring=plan.tailoring,
        scanned=plan.scanned,
        ahead=plan.ahead,
    )
    if result is not None:
        result = _with_plans(result, plan)
    return PortfolioRun(result, problems, written, messages)


def below(portfolio: Portfolio, threshold: float) -> list[ProgrammeEntry]:
    """The programmes whose overall score is below ``threshold`` or not known (``--fail-under``)."""
    return [e for e in portfolio.programmes if e.overall.score is None or e.overall.score < threshold]


@dataclass
class PortfolioPage:
    """The portfolio laid out as a page: HTML text, or a PDF's bytes."""

    data: str | bytes
    pages: int | None = None
    #: WeasyPrint's warnings and errors while laying the PDF out.
    messages: list[str] = field(default_factory=list)


def build_page(
    portfolio: Portfolio,
    plan: PortfolioPlan,
    written: dict[str, Path],
    *,
    pdf: bool,
    output: Path | None,
    title: str | None = None,
    sources: Sequence[Path] = (),
) -> PortfolioPage:
    """The portfolio as a PDF or an HTML page linking each programme's report
    (links relative to ``output``'s folder)."""
    from assess.render.portfolio import render_portfolio_html, report_links

    assert plan.created is not None, "plan_portfolio(page=True) dates the page"
    page_folder = output.parent if output is not None else Path(".")
    reports = plan.reports_dir
    shown_reports = Path(os.path.relpath(reports, page_folder)).as_posix() if reports is not None else None
    html = render_portfolio_html(
        portfolio,
        plan.template_dir,
        plan.created,
        pdf=pdf,
        title=title,
        sources=[p.as_posix() for p in sources],
        links=report_links(written, page_folder, pdf),
        reports_folder=shown_reports,
        lang=plan.lang,
    )
    if not pdf:
        return PortfolioPage(html)
    from assess.app.pdf_process import PDFRequest, render_here

    rendered = render_here(PDFRequest(html, plan.template_dir, plan.created, plan.pdf_variant, close_up=True))
    return PortfolioPage(rendered.data, rendered.pages, rendered.messages)
