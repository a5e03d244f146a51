"""How the command line's own process ends (:func:`assess.cli._leave`): it skips
the interpreter's teardown, so these check what that must not lose — every byte
written to a pipe, the exit status, and silence towards a reader that left early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from paths import EXAMPLES, ROOT


def _env() -> dict[str, str]:
    # Buffered streams, as in a terminal-less CI job: what a hard exit could lose.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "ASSESS_DEBUG")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _assess(*args: str) -> list[str]:
    return [sys.executable, "-m", "assess", *args]


def test_every_byte_written_to_a_pipe_reaches_the_reader(tmp_path: Path) -> None:
    to_file = tmp_path / "portfolio.json"
    written = subprocess.run(
        _assess("portfolio", str(EXAMPLES), "--format", "json", "-o", str(to_file), "--jobs", "1"),
        cwd=ROOT,
        env=_env(),
        capture_output=True,
    )
    assert written.returncode == 0, written.stderr.decode()
    piped = subprocess.run(
        _assess("portfolio", str(EXAMPLES), "--format", "json", "--jobs", "1"),
        cwd=ROOT,
        env=_env(),
        capture_output=True,
    )
    assert piped.returncode == 0, piped.stderr.decode()
    assert len(piped.stdout) > 65_536  # more than a pipe holds: written while the reader reads
    assert piped.stdout == to_file.read_bytes()


def test_the_exit_status_of_a_failed_gate_is_kept() -> None:
    done = subprocess.run(
        _assess("check", str(EXAMPLES / "afghanistan.yaml"), "--fail-under", "100"),
        cwd=ROOT,
        env=_env(),
        capture_output=True,
    )
    assert done.returncode == 1
    assert done.stdout  # the findings were printed before the process ended


def test_a_reader_that_leaves_early_gets_no_noise_and_exit_0() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.buffer.read(10)"],
        stdin=subprocess.PIPE,
    )
    writer = subprocess.run(
        _assess("schema", "profile"),
        cwd=ROOT,
        env=_env(),
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert writer.returncode == 0
    assert writer.stderr == b""
