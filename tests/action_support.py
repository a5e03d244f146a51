"""Running a composite GitHub Action's steps locally, as the runner would.

Each ``run:`` step is run with ``bash --noprofile --norc -eo pipefail`` (the
runner's ``shell: bash``), with ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY``
set to files and ``RUNNER_TEMP`` to a folder. Expressions are allowed only in
a step's ``env:`` values, where this module fills in ``inputs.*`` (the given
inputs over the action's defaults), ``github.action_path`` and any other
expression the caller maps. ``pip`` installs without the network: dependencies
resolve from this test environment (``PYTHONPATH``), and the build backend
too (no build isolation).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.loading import yamlsrc
from paths import ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    """action.yml as data."""
    doc = yamlsrc.load(ACTION, "action")
    assert isinstance(doc.data, dict)
    return doc.data


def offline_pip_env() -> dict[str, str]:
    """Environment for a ``pip install`` of this repository without the network."""
    site = sysconfig.get_paths()["purelib"]
    return {"PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "false", "PYTHONPATH": site}


def bash(script: str, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """A step's script (or a documented shell block), as ``shell: bash`` runs it."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def read_outputs(path: Path) -> dict[str, str]:
    """``name=value`` lines of a GITHUB_OUTPUT file (the one-line form)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        assert sep, f"not name=value: {line!r}"
        out[key] = value
    return out


@dataclass
class Runner:
    """The files and folder a runner gives a job."""

    temp: Path
    output: Path = field(init=False)
    summary: Path = field(init=False)

    def __post_init__(self) -> None:
        self.temp.mkdir(parents=True, exist_ok=True)
        self.output = self.temp / "github_output"
        self.summary = self.temp / "step_summary.md"
        self.output.write_text("")
        self.summary.write_text("")

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            **offline_pip_env(),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_OUTPUT": str(self.output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_ACTIONS": "true",
        }


def _fill(value: Any, inputs: dict[str, str], expressions: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("inputs."):
            return inputs[name.removeprefix("inputs.")]
        if name == "github.action_path":
            return str(ROOT)
        return expressions[name]

    return EXPRESSION.sub(one, str(value))


def run_action(
    inputs: dict[str, Any],
    cwd: Path,
    runner: Runner,
    *,
    expressions: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every step of action.yml (but those named in ``skip``) in ``cwd``;
    the processes by step name."""
    spec = action()
    declared = spec["inputs"]
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs the action does not declare: {unknown}"
    given = {k: str(v.get("default", "")) for k, v in declared.items()}
    given |= {k: _fill(v, {}, expressions or {}) for k, v in inputs.items()}
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    for step in spec["runs"]["steps"]:
        assert step.get("shell") == "bash", step.get("name")
        assert "${{" not in step["run"], "expressions belong in env:, not in the script"
        if step["name"] in skip:
            continue
        env = runner.env() | {k: _fill(v, given, expressions or {}) for k, v in step.get("env", {}).items()}
        proc = bash(step["run"], cwd, env)
        done[step["name"]] = proc
        if proc.returncode != 0:
            break
    return done
