"""Helpers for the CI feature tests: run the CLI in-process, name the fixtures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_here
from paths import CI, rel
from paths import ROOT as ROOT  # re-exported for the CI tests
from paths import SARIF_SCHEMA as SARIF_SCHEMA

FIXTURES = CI
#: The fixtures folder as assess prints it when run from the root (see ``at_root``).
CI_DIR = rel(CI)
CHECKLIST = FIXTURES / "checklist.yaml"
CHECKLIST_V2 = FIXTURES / "checklist-v2.yaml"
CHECKLIST_OTHER = FIXTURES / "checklist-other.yaml"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so fixture paths read as a user would type them."""
    monkeypatch.chdir(ROOT)


def profile(name: str) -> str:
    """Path of a fixture profile, relative to the repository root."""
    return rel(CI / f"{name}.yaml")


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
    done = run_here(args)
    return Run(done.code, done.stdout, done.stderr)


def check(*args: str | Path, checklist: Path = CHECKLIST) -> Run:
    """``assess check --checklist <fixture checklist> ARGS``."""
    return run("check", "--checklist", checklist, *args)


#: The fields GitLab's Code Quality widget reads, each required, as GitLab's
#: documentation lists them (severity: info, minor, major, critical, blocker).
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}
