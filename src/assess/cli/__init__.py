"""The command line: a thin layer over the application layer (:mod:`assess.app`).

Each command is a module here (``check``, ``report``, ``portfolio``, ``lint``,
``schema``, ``init``, ``xlsform``, ``importing`` for ``import``, ``explain``, ``extract``),
imported when it is run (:mod:`assess.cli.group`); options shared by several
commands are declared once in :mod:`assess.cli.options`.
A command parses its options, calls one use case, prints what it returns and
gives an exit status; :func:`main` maps every error to one.

Exit status: 0 ok; 1 a gate failed; 2 invalid input or usage; 3 internal error.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Sequence

import click

from assess import __version__
from assess.cli.common import EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, print_problems
from assess.cli.group import Group, ReaderGone
from assess.cli.options import use_language
from assess.errors import INTERRUPTED, InputError, LayoutLost, Terminated, UsageError, WorkerLost, printable
from assess.i18n import LANGUAGES, _


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="assess")
def cli() -> None:
    """Assess SSR and mine action programmes against checklists derived from
    DCAF SSR Paper 15, "Linking Mine Action and SSR through Human Security"."""


def _on_sigterm(signum: int, frame: object) -> None:
    INTERRUPTED.append(signum)
    raise Terminated()


def _on_sigint(signum: int, frame: object) -> None:
    INTERRUPTED.append(signum)
    raise KeyboardInterrupt()


def install_signal_handlers() -> None:
    """Turn SIGTERM into an exception: an interrupted run leaves any existing
    output as it was and no temporary file behind (SIGINT already raises).
    Both are also noted in :data:`assess.errors.INTERRUPTED`, for the loops
    that check it. A SIGINT the caller ignores (``nohup``, a background job)
    stays ignored."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)


def _worker_lost(status: int | None, layout: bool = False) -> str:
    if status is not None and status < 0:
        how = _("was stopped from outside by signal {number} ({name})").format(
            number=-status, name=signal.Signals(-status).name if -status in signal.valid_signals() else "?"
        )
    else:
        how = _("ended without answering (exit status {status})").format(status=status)
    if layout:
        return _("error: the process laying out the PDF {how}; the report was not written.").format(how=how)
    return (
        _("error: a worker process {how}; the portfolio was not written.").format(how=how)
        + " "
        + _("If the machine is short of memory (the kernel stops a process with SIGKILL), run again with fewer --jobs.")
    )


def _internal_error(e: Exception) -> int:
    if os.environ.get("ASSESS_DEBUG"):
        raise e
    click.echo(
        printable(_("internal error: {kind}: {error}").format(kind=type(e).__name__, error=e))
        + "\n"
        + _("This is a bug in assess; please report it with the command you ran (set ASSESS_DEBUG=1 for a traceback)."),
        err=True,
    )
    return EXIT_INTERNAL


def _stop_children() -> None:
    """Stop any worker process still alive after an interrupt. The portfolio's
    pool stops its own; this is the net under it for a race in which the main
    process got here first and left workers blocked on a lock, holding the
    terminal's or the CI runner's pipes open."""
    mp = sys.modules.get("multiprocessing")
    if mp is None:  # nothing was ever started
        return
    children = mp.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(2)
        if child.is_alive():
            child.kill()
            child.join(1)


def _quiet_stdout() -> None:
    """After a broken pipe: what is left in stdout's buffer goes nowhere, so
    that flushing it at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test's capture)
        pass


def _run(argv: Sequence[str] | None) -> int:
    """Run the CLI; every outcome as an exit status."""
    from assess.files import forget_inputs

    forget_inputs()  # each run (also in one test process) has its own inputs
    INTERRUPTED.clear()
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="assess", standalone_mode=False)
    except click.exceptions.Abort:
        _stop_children()
        if INTERRUPTED and INTERRUPTED[-1] == signal.SIGTERM:
            click.echo(_("Terminated."), err=True)
            return 143
        click.echo(_("Aborted."), err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return EXIT_INPUT
    except InputError as e:
        print_problems(e.problems)
        return EXIT_INPUT
    except UsageError as e:
        click.echo(printable(_("error: {problem}").format(problem=e)), err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        _stop_children()
        if INTERRUPTED and INTERRUPTED[-1] == signal.SIGTERM:
            click.echo(_("Terminated."), err=True)
            return 143
        click.echo(_("Interrupted."), err=True)
        return 130
    except Terminated:
        _stop_children()
        click.echo(_("Terminated."), err=True)
        return 143
    except (BrokenPipeError, ReaderGone):
        _quiet_stdout()
        return EXIT_OK
    except WorkerLost as e:
        _stop_children()
        click.echo(_worker_lost(e.status, isinstance(e, LayoutLost)), err=True)
        return EXIT_INTERNAL
    except Exception as e:  # anything else is our bug, not the user's
        return _internal_error(e)
    return code if isinstance(code, int) else EXIT_OK


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the CLI and turn every outcome into an exit status."""
    # pydantic looks for plugins of its own in every installed distribution's
    # entry points when it builds the first model (some 6% of a `check` run's
    # instructions with 82 distributions installed, more in a larger
    # environment); assess uses none. A value set by the user is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv is None:  # the command line's process (assess.__main__): what it imported lasts, unwalked
        gc.freeze()
        gc.enable()
    install_signal_handlers()
    # Before the command line is read, so that its errors are in the language too;
    # --lang, where a command has it, sets it again.
    env_lang = os.environ.get("ASSESS_LANG", "en")
    use_language(env_lang if env_lang in LANGUAGES else "en")
    code = _run(argv)
    if argv is None and not os.environ.get("ASSESS_DEBUG"):
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> None:
    """End the process now that the command is done, as :func:`sys.exit` would
    but for tearing the interpreter down: the exit functions run and the
    standard streams are flushed, then the process ends without freeing every
    module, class and object one by one (some 40-80 ms after a large
    portfolio, for nothing: the process is going). Every output was written
    and closed by then (:func:`assess.files.write_atomic`). Only for the
    process the command line started (``argv`` not given): a caller running
    :func:`main` in its own process keeps it."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            # A reader that left early (``| head``): what Python does at exit
            # is to say nothing more on that stream.
            pass
        except OSError:
            code = code or EXIT_INTERNAL
    os._exit(code)


__all__ = [
    "EXIT_GATE",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "Terminated",
    "cli",
    "install_signal_handlers",
    "main",
]
