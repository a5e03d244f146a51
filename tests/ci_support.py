"""Helpers for the CI feature tests: run the CLI in-process, name the fixtures."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from assess.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ci"
CHECKLIST = FIXTURES / "checklist.yaml"
CHECKLIST_V2 = FIXTURES / "checklist-v2.yaml"
CHECKLIST_OTHER = FIXTURES / "checklist-other.yaml"
SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so fixture paths read as a user would type them."""
    monkeypatch.chdir(ROOT)


def profile(name: str) -> str:
    """Path of a fixture profile, relative to the repository root."""
    return f"tests/fixtures/ci/{name}.yaml"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run(*args: str | Path) -> Run:
    """Run ``assess ARGS`` in this process and return its exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    code = -1
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as e:
            code = int(e.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def check(*args: str | Path, checklist: Path = CHECKLIST) -> Run:
    """``assess check --checklist <fixture checklist> ARGS``."""
    return run("check", "--checklist", checklist, *args)
