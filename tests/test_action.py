"""action.yml, the composite GitHub Action, run step by step as the runner would
(see ``action_support``): it installs assess from its own checkout, checks the
profiles once, writes the job summary, SARIF and the scores as outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from action_support import Runner, action, read_outputs, run_action
from ci_support import CHECKLIST, SARIF_SCHEMA
from paths import CI


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A runner temp folder whose assess-venv the Install step has made (once)."""
    temp = tmp_path_factory.mktemp("runner")
    runner = Runner(temp)
    spec = action()
    (install,) = [s for s in spec["runs"]["steps"] if s["name"] == "Install assess"]
    done = run_action({}, temp, runner, skip=tuple(s["name"] for s in spec["runs"]["steps"] if s is not install))
    proc = done["Install assess"]
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("assess, version ")
    # assess came from the action's checkout, into the action's own environment.
    assess = temp / "assess-venv" / "bin" / "assess"
    assert assess.is_file()
    return temp


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A repository with two profiles: a base commit, then weak.yaml made weaker."""
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    (repo / "checklists").mkdir()
    shutil.copy(CHECKLIST, repo / "checklists" / "ci-test.yaml")
    shutil.copy(CI / "gaps.yaml", repo / "profiles" / "gaps.yaml")
    shutil.copy(CI / "strong.yaml", repo / "profiles" / "weak.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    shutil.copy(CI / "weak.yaml", repo / "profiles" / "weak.yaml")
    _git(repo, "commit", "-q", "-am", "weaker")
    return repo, base


BASE_INPUTS = {"paths": "profiles/*.yaml", "checklists": "checklists/ci-test.yaml"}


def _run(installed: Path, cwd: Path, inputs: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], Runner]:
    runner = Runner(installed)
    done = run_action(BASE_INPUTS | inputs, cwd, runner, skip=("Install assess",))
    return done["Check"], runner


def test_action_declares_its_inputs_and_outputs() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"paths", "fail-under", "fail-under-approach", "fail-on-synergy", "max-unknown"} <= set(spec["inputs"])
    assert {"baseline-ref", "waivers", "soft-fail", "sarif", "summary"} <= set(spec["inputs"])
    assert set(spec["outputs"]) == {"scores", "min-score", "exit-code"}
    for name, out in spec["outputs"].items():
        assert out["value"] == f"${{{{ steps.check.outputs.{name} }}}}"


@pytest.mark.slow
def test_failed_gate_fails_the_step_with_summary_sarif_and_outputs(installed: Path, repo: tuple[Path, str]) -> None:
    cwd, _base = repo
    check, runner = _run(installed, cwd, {"fail-under": "10", "sarif": "assess.sarif"})
    assert check.returncode == 1, check.stderr
    assert "gate failed: --fail-under 10: profiles/weak.yaml: overall score 0.0; threshold: 10" in check.stderr
    lines = check.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert "::error title=assess gate failed%3A --fail-under 10::" in check.stdout
    assert "(unknown)" not in check.stdout  # counted in one notice instead
    assert any(line.startswith("::notice title=assess%3A unknown items::2 checklist items") for line in lines)
    outputs = read_outputs(runner.output)
    assert outputs["exit-code"] == "1"
    assert json.loads(outputs["scores"]) == {
        "profiles/gaps.yaml": {"overall": 50.0, "good_governance": 50.0},
        "profiles/weak.yaml": {"overall": 0.0, "good_governance": 0.0},
    }
    assert outputs["min-score"] == "0.0"
    summary = runner.summary.read_text()
    assert summary.startswith("# assess: programme assessment\n")
    assert "**FAILED**" in summary
    sarif = json.loads((cwd / "assess.sarif").read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]} == {
        "profiles/gaps.yaml",
        "profiles/weak.yaml",
    }


@pytest.mark.slow
def test_baseline_ref_gates_only_on_regressions(installed: Path, repo: tuple[Path, str]) -> None:
    cwd, base = repo
    # gaps.yaml (50) is below 60 at both commits: not a regression. weak.yaml fell from 100 to 0.
    check, runner = _run(installed, cwd, {"fail-under": "60", "baseline-ref": base})
    assert check.returncode == 1, check.stderr
    assert "changes since the baseline for profiles/weak.yaml:" in check.stderr
    failed = [line for line in check.stderr.splitlines() if line.startswith("gate failed")]
    assert failed == [
        "gate failed: --fail-under 60: profiles/weak.yaml: overall score 0.0; threshold: 60 (100.0 in the baseline)"
    ]
    assert "## Changes since the baseline" in runner.summary.read_text().replace("### ", "## ")
    # The base commit's worktree is gone again.
    assert _git(cwd, "worktree", "list").count("\n") == 0


@pytest.mark.slow
def test_soft_fail_and_bad_input(installed: Path, repo: tuple[Path, str]) -> None:
    cwd, _base = repo
    check, runner = _run(installed, cwd, {"fail-under": "10", "soft-fail": "true", "summary": "false"})
    assert check.returncode == 0, check.stderr
    assert "gate failed: --fail-under 10" in check.stderr
    assert read_outputs(runner.output)["exit-code"] == "0"
    assert runner.summary.read_text() == ""
    (cwd / "profiles" / "typo.yaml").write_text(
        "programme: {title: T, country: C}\ngovernance:\n  civilian_oversite: yes\n"
    )
    check, runner = _run(installed, cwd, {"fail-under": "10", "soft-fail": "true"})
    assert check.returncode == 2
    assert "error: profiles/typo.yaml:3:3: unknown key 'civilian_oversite'" in check.stderr
    assert read_outputs(runner.output)["exit-code"] == "2"
