"""Shared fixtures: run the CLI in-process or as a real process."""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from assess.cli import main

# The checklist cache (assess.loading.cache) lives in a folder of this test
# session, never in the user's home.
if "ASSESS_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="assess-test-cache-")
    os.environ["ASSESS_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

from paths import EXAMPLES as EXAMPLES  # re-exported: tests import them from here
from paths import ROOT as ROOT


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def assess() -> Callable[..., Run]:
    """Run ``assess ARGS`` in-process and return its exit code and output (:func:`run_here`)."""

    def run(*args: str | os.PathLike[str]) -> Run:
        return run_here(args)

    return run


def run_here(args: Sequence[str | os.PathLike[str]], cwd: Path | None = None) -> Run:
    """Run ``assess ARGS`` in this process from ``cwd`` (default: where it is),
    outside any fixture (so a module-level cache may call it). What only a
    separate process shows (exit, signals, imports) is what ``run_process`` is for."""
    out, err = io.StringIO(), io.StringIO()
    code = -1  # main always exits: a run that returns instead fails any code expected
    with contextlib.chdir(cwd or Path.cwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as e:
            code = int(e.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def run_process(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m assess ARGS`` as a separate process."""
    proc = subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


from hypothesis import HealthCheck, settings  # noqa: E402

# Bounded by default (CI); `make fuzz` selects the long profile.
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fast", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    """The quick lane (``-m "not slow"``, ``make test-fast``) searches each property
    on 25 examples instead of 150; ``make test`` keeps the full search."""
    if "HYPOTHESIS_PROFILE" not in os.environ and "not slow" in (config.option.markexpr or ""):
        settings.load_profile("fast")
