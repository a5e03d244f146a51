"""docs/ci.md: the GitHub Actions and GitLab CI examples, run as written.

The workflows are read from the document's YAML code blocks and their shell
steps are run with bash in a scratch git repository (one commit as the base,
one as the change), as the CI services would: `pip` is a stand-in that does
nothing (assess is already installed beside this Python), `uses:` steps are
skipped, and GitHub's `${{ }}` expressions appear only in step `env:` values,
which the test fills in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from assess.core.profile import FACT_SECTIONS, Profile
from assess.loading import yamlsrc
from ci_support import ROOT, SARIF_SCHEMA

DOC = ROOT / "docs" / "ci.md"


def blocks() -> list[Any]:
    text = DOC.read_text(encoding="utf-8")
    found = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    return [yamlsrc.parse(b, f"{DOC.name} block {i}").data for i, b in enumerate(found)]


def github_workflow() -> dict[str, Any]:
    (wf,) = [b for b in blocks() if isinstance(b, dict) and "jobs" in b]
    return wf


def gitlab_job() -> dict[str, Any]:
    jobs = [v for b in blocks() if isinstance(b, dict) and "jobs" not in b for v in b.values()]
    (job,) = [j for j in jobs if isinstance(j, dict) and "script" in j]
    return job


def profile_text(answer: str) -> str:
    """A profile answering every fact with ``answer``, every activity under way."""
    from assess.core.profile import Activities, MineActionActivity, SSRComponent

    assert set(Activities.model_fields) == {"ssr", "mine_action"}
    lines = [
        "programme: {title: Doc example, country: Testland}",
        f"activities: {{ssr: [{', '.join(c.value for c in SSRComponent)}], "
        f"mine_action: [{', '.join(a.value for a in MineActionActivity)}]}}",
    ]
    for section in FACT_SECTIONS:
        lines.append(f"{section}:")
        model = Profile.model_fields[section].annotation
        assert model is not None
        lines += [f"  {name}: {answer}" for name in model.model_fields]
    return "\n".join(lines) + "\n"


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout.strip()


@dataclass
class Scenario:
    repo: Path
    base: str
    tmp: Path
    path: str


@pytest.fixture(params=["unchanged", "regression"])
def scenario(request: pytest.FixtureRequest, tmp_path: Path) -> Scenario:
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    (repo / "profiles" / "programme.yaml").write_text(profile_text("yes"))
    (repo / "profiles" / "other.yaml").write_text(profile_text("partial"))
    (repo / "waivers.yaml").write_text("waivers: []\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    if request.param == "regression":
        (repo / "profiles" / "programme.yaml").write_text(profile_text("no"))
    else:
        (repo / "profiles" / "programme.yaml").write_text("# reviewed\n" + profile_text("yes"))
    _git(repo, "commit", "-q", "-am", "change")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "pip").write_text("#!/bin/sh\nexit 0\n")
    (bindir / "pip").chmod(0o755)
    path = os.pathsep.join([str(bindir), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return Scenario(repo, base, tmp_path, path)


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_doc_has_both_workflows() -> None:
    steps = github_workflow()["jobs"]["assess"]["steps"]
    assert any("--format github" in s.get("run", "") for s in steps)
    assert any("--format sarif" in s.get("run", "") for s in steps)
    assert "--format junit" in "\n".join(gitlab_job()["script"])


@pytest.mark.slow
def test_github_actions_example(scenario: Scenario) -> None:
    job = github_workflow()["jobs"]["assess"]
    runner = scenario.tmp / "runner"
    runner.mkdir()
    github_env, summary = runner / "env", runner / "summary.md"
    github_env.touch()
    env = {**os.environ, "PATH": scenario.path, "RUNNER_TEMP": str(runner), "GITHUB_ENV": str(github_env)}
    env |= {"GITHUB_STEP_SUMMARY": str(summary), **{k: str(v) for k, v in job.get("env", {}).items()}}
    expressions = {"BASE_SHA": scenario.base}
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    for step in job["steps"]:
        if "run" not in step:
            assert "uses" in step
            continue
        assert "${{" not in step["run"], "keep expressions in step env, where the test can fill them in"
        step_env = dict(env)
        for key, value in step.get("env", {}).items():
            step_env[key] = expressions[key] if "${{" in str(value) else str(value)
        results[step["name"]] = _bash(step["run"], scenario.repo, step_env)
        for line in github_env.read_text().splitlines():
            key, _, value = line.partition("=")
            env[key] = value
    assert "BASELINE" in env, results["Baseline from the commit this change starts from"].stderr
    check = results["Check profiles (annotations and gates)"]
    assert "changes since the baseline for profiles/programme.yaml:" in check.stderr
    assert all(line.startswith("::") for line in check.stdout.splitlines())
    assert results["Job summary"].returncode == 0
    assert results["SARIF for code scanning"].returncode == 0
    sarif = json.loads((scenario.repo / "assess.sarif").read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    text = summary.read_text()
    assert "# assess: programme assessment" in text
    assert "## Gates" in text
    if scenario.repo.joinpath("profiles/programme.yaml").read_text().startswith("# reviewed"):
        assert check.returncode == 0, check.stderr
        assert "**FAILED**" not in text
    else:
        assert check.returncode == 1, check.stderr
        assert re.search(
            r"^gate failed: --fail-under 60: profiles/programme.yaml: .* \(\d+\.\d in the baseline\)$",
            check.stderr,
            re.M,
        )
        # other.yaml is below 60 too, but no worse than at the base commit.
        failed = [line for line in check.stderr.splitlines() if line.startswith("gate failed")]
        assert failed and not [line for line in failed if "profiles/other.yaml" in line]
        assert "**FAILED**" in text
        assert "::error title=assess gate failed" in check.stdout


@pytest.mark.slow
def test_gitlab_ci_example(scenario: Scenario) -> None:
    job = gitlab_job()
    script = "\n".join([*job.get("before_script", []), *job["script"]])
    tmpdir = scenario.tmp / "gitlab-tmp"
    tmpdir.mkdir()
    env = {**os.environ, "PATH": scenario.path, "TMPDIR": str(tmpdir), "CI_PROJECT_DIR": str(scenario.repo)}
    env |= {"CI_MERGE_REQUEST_DIFF_BASE_SHA": scenario.base, "CI_COMMIT_BEFORE_SHA": "0" * 40}
    env |= {k: str(v) for k, v in job.get("variables", {}).items()}
    proc = _bash(script, scenario.repo, env)
    report = scenario.repo / job["artifacts"]["reports"]["junit"]
    root = ET.fromstring(report.read_text())
    assert root.tag == "testsuites"
    assert {s.get("name", "").split(":")[0] for s in root.iter("testsuite")} == {
        "profiles/other.yaml",
        "profiles/programme.yaml",
    }
    for path in job["artifacts"]["paths"]:
        assert (scenario.repo / path).is_file(), path
    assert "changes since the baseline for profiles/programme.yaml:" in proc.stderr
    summary = (scenario.repo / "assess-summary.md").read_text()
    if scenario.repo.joinpath("profiles/programme.yaml").read_text().startswith("# reviewed"):
        assert proc.returncode == 0, proc.stderr
        assert "**FAILED**" not in summary
    else:
        assert proc.returncode == 1, proc.stderr
        assert "gate failed: --fail-under 60: profiles/programme.yaml" in proc.stderr
        assert int(root.get("failures", "0")) > 0
        assert "**FAILED**" in summary
