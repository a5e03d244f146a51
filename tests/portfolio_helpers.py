"""Running the CLI in-process for the portfolio tests, and watching the processes a run starts."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Sequence
from pathlib import Path

from assess.cli import main


def run_assess(args: Sequence[str], cwd: Path) -> tuple[int, str, str]:
    """Run ``assess ARGS`` in ``cwd``; return the exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0
            else:  # pragma: no cover - main always exits
                code = 0
    finally:
        os.chdir(before)
    return code, out.getvalue(), err.getvalue()


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, exited but not reaped, is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
