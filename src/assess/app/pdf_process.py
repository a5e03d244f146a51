"""A report's PDF laid out in a process started ahead of it.

Importing WeasyPrint takes about as long as everything ``assess report`` does
before it has a page to lay out: reading the checklists and the profile,
scoring, and writing the HTML (about 0.6 s each on the development machine).
The import does not need the page, so on Linux, with two cores or more,
``assess report`` (and ``assess trend`` for a PDF) forks a process at once that imports WeasyPrint while the
command does the rest; it then hands that process the page and takes back
the PDF. The two halves overlap, and the report is out about half a second
sooner. The PDF is the same, byte for byte: the same function lays it out
(:func:`render_here`), with the same inputs.

Nothing else changes for the user either:

- Errors: an exception in the process (WeasyPrint missing, a bad custom
  template) comes back and is raised here, as if raised in this process.
  A process that dies without answering is :class:`~assess.errors.LayoutLost`.
- Inputs: the files the layout read (a template folder's stylesheets and
  fonts) are noted as inputs here too, so no output may replace them.
- Signals: the process ignores Ctrl-C (it reaches the whole process group);
  the command stops it on any way out (:meth:`AheadRenderer.close`), and the
  CLI's last net (``_stop_children``) knows it as a multiprocessing child.

Elsewhere (macOS, Windows, one core, a process that already runs threads or
has WeasyPrint imported, ``ASSESS_DEBUG`` set for a local traceback) the page
is laid out in the command's own process, as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import LayoutLost
from assess.files import note_input, noted_inputs

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from assess.render.pdfdata import EmbeddedFile, RenderedPDF


@dataclass(frozen=True)
class PDFRequest:
    """A page to lay out as a PDF: its HTML, the template folder its relative
    URLs resolve in, the report's date, the PDF variant, the files to attach,
    and whether a page left nearly empty may be closed up by a second layout
    (a programme's report, a portfolio page: see :func:`assess.render.pdf.render_pdf`)."""

    html: str
    template_dir: Path
    created: dt.datetime
    variant: str | None = None
    embed: tuple[EmbeddedFile, ...] = ()
    close_up: bool = False


#: Lays a page out: :func:`render_here`, or an :class:`AheadRenderer`.
RenderPDF = Callable[[PDFRequest], "RenderedPDF"]


def render_here(request: PDFRequest, *, fonts_side_by_side: bool = False) -> RenderedPDF:
    """Lay ``request`` out in this process (with ``fonts_side_by_side``, one
    that runs no thread: the embedded fonts are subset in forked processes)."""
    from assess.render.pdf import chart_fetcher, render_pdf

    return render_pdf(
        request.html,
        request.template_dir,
        request.created,
        chart_fetcher(request.template_dir),
        variant=request.variant,
        embed=request.embed,
        fonts_side_by_side=fonts_side_by_side,
        close_up=request.close_up,
    )


def _sendable(error: BaseException) -> BaseException:
    """``error`` if it survives pickling whole, else a RuntimeError naming it."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _serve(conn: Connection, theirs: Connection) -> None:
    """The process started ahead: import WeasyPrint, then lay out the one page it is handed.
    ``theirs`` is the command's end of the pipe, which the fork copied: closed
    here, so that a command that dies (even by SIGKILL) leaves this process
    an end of file rather than waiting for ever."""
    theirs.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    failure: BaseException | None = None
    try:
        import assess.render.pdf  # noqa: F401  # WeasyPrint, while the command reads and scores
    except Exception as e:  # reported when the page arrives, as the command would have
        failure = e
    try:
        request = conn.recv()
    except EOFError:  # the command stopped before it had a page
        return
    before = set(noted_inputs())
    reply: tuple[str, Any]
    try:
        if failure is not None:
            raise failure
        reply = ("pdf", render_here(request, fonts_side_by_side=True))
    except Exception as e:
        reply = ("error", _sendable(e))
    inputs = [p for p in noted_inputs() if p not in before]
    conn.send((reply, inputs))


class AheadRenderer:
    """The process started ahead (see the module's text); call it with a
    :class:`PDFRequest`, once, then :meth:`close` it."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, theirs = context.Pipe()
        self._process: BaseProcess = context.Process(target=_serve, args=(theirs, self._conn), daemon=True)
        self._process.start()
        theirs.close()
        self._used = False

    @property
    def pid(self) -> int | None:
        """The process's id."""
        return self._process.pid

    def __call__(self, request: PDFRequest) -> RenderedPDF:
        if self._used:
            raise RuntimeError("a process started ahead lays out one page only")
        self._used = True
        try:
            self._conn.send(request)
            (kind, value), inputs = self._conn.recv()
        except (EOFError, OSError):  # the process ended without answering
            self._process.join()
            raise LayoutLost(self._process.exitcode) from None
        self._process.join()
        for path in inputs:
            note_input(Path(path))
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop the process if it is still alive (the command is leaving early)."""
        self._conn.close()
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2)
            if self._process.is_alive():  # pragma: no cover - SIGTERM is not caught there
                self._process.kill()
                self._process.join()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def ahead_wanted() -> bool:
    """Whether a process started ahead would make the report sooner here (see the module's text)."""
    return (
        sys.platform == "linux"
        and _cores() >= 2
        and threading.active_count() == 1
        and "weasyprint" not in sys.modules
        and not os.environ.get("ASSESS_DEBUG")
    )


@contextlib.contextmanager
def started_ahead(pdf: bool) -> Iterator[AheadRenderer | None]:
    """For a PDF, a process started ahead where it helps (:func:`ahead_wanted`),
    stopped on the way out; else None (lay the page out here)."""
    renderer = AheadRenderer() if pdf and ahead_wanted() else None
    try:
        yield renderer
    finally:
        if renderer is not None:
            renderer.close()
