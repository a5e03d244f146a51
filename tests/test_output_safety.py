"""Outputs are written atomically: an interrupted or failed write leaves any
existing file as it was and no temporary file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.files import write_atomic
from conftest import Run


@pytest.mark.parametrize("exc", [KeyboardInterrupt, SystemExit, OSError])
def test_failure_mid_write_keeps_old_file(
    exc: type[BaseException], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", "utf-8")

    def boom(*args: object) -> None:
        raise exc()

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(exc):
        write_atomic(target, "new")
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_sigterm_during_write_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", "utf-8")
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        from assess.cli import install_signal_handlers
        from assess.errors import Terminated
        from assess.files import write_atomic
        install_signal_handlers()
        real = os.fsync
        def slow(fd):
            print("writing", flush=True)
            time.sleep(30)
            real(fd)
        os.fsync = slow
        try:
            write_atomic(Path({str(target)!r}), "new")
        except Terminated:
            sys.exit(143)
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"
        assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 143
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_into_missing_folder_is_an_input_error(assess: Callable[..., Run], tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("programme: {title: T, country: C}\n", "utf-8")
    result = assess("check", profile, "-o", tmp_path / "nope" / "out.txt")
    assert result.code == 2
    assert (
        result.stderr
        == f"error: {tmp_path / 'nope' / 'out.txt'}: cannot write: the folder '{tmp_path / 'nope'}' does not exist\n"
    )


def test_two_processes_writing_different_outputs_do_not_interfere(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("programme: {title: T, country: C}\ngovernance: {civilian_oversight: no}\n", "utf-8")
    outs = [tmp_path / f"out{i}.{fmt}" for i, fmt in enumerate(["json", "txt"])]
    procs = [
        subprocess.Popen([sys.executable, "-m", "assess", "check", str(profile), "--format", fmt, "-o", str(out)])
        for fmt, out in zip(["json", "text"], outs, strict=True)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert outs[0].read_text("utf-8").startswith("{")
    assert "Overall score" in outs[1].read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out0.json", "out1.txt", "p.yaml"]
