"""docs/ci.md: the GitHub Actions (with the action and without) and GitLab CI
examples, run as written.

The workflows are read from the document's YAML code blocks and their shell
steps are run with bash in a scratch git repository (one commit as the base,
one as the change), as the CI services would. ``ASSESS_SOURCE`` points at a
wheel built from this checkout, and the documented ``pip install`` really
installs it, into a fresh environment whose ``bin`` comes first on the PATH
(``pip`` is this Python's pip aimed at that environment; dependencies resolve
from this test environment, offline). Third-party ``uses:`` steps are
skipped; the workflow's step that uses this repository's action runs
action.yml with the documented ``with:`` inputs. GitHub's ``${{ }}``
expressions appear only in ``env:`` and ``with:`` values, which the test fills in.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from action_support import EXPRESSION, Runner, bash, offline_pip_env, read_outputs, run_action
from assess.core.profile import FACT_SECTIONS, Profile
from assess.loading import yamlsrc
from ci_support import CODE_QUALITY, ROOT, SARIF_SCHEMA

DOC = ROOT / "docs" / "ci.md"


def blocks() -> list[Any]:
    text = DOC.read_text(encoding="utf-8")
    found = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    return [yamlsrc.parse(b, f"{DOC.name} block {i}").data for i, b in enumerate(found)]


#: How the docs name this repository's action: your copy, the commit you pin.
ACTION_USES = "OWNER/assess@COMMIT_SHA"


def _workflows() -> list[dict[str, Any]]:
    return [b for b in blocks() if isinstance(b, dict) and "jobs" in b]


def _uses_action(wf: dict[str, Any]) -> bool:
    return any(s.get("uses") == ACTION_USES for s in wf["jobs"]["assess"]["steps"])


def github_workflow() -> dict[str, Any]:
    """The workflow in plain steps."""
    (wf,) = [w for w in _workflows() if not _uses_action(w)]
    return wf


def action_workflow() -> dict[str, Any]:
    """The workflow that uses the action."""
    (wf,) = [w for w in _workflows() if _uses_action(w)]
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
    wheel: Path

    def env(self) -> dict[str, str]:
        """The job's environment: the fresh environment's bin first, offline pip."""
        return {**os.environ, **offline_pip_env(), "PATH": self.path}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of this checkout, what ASSESS_SOURCE names in the test."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = dist.glob("assess_ssr_mine_action-*.whl")
    return found


@pytest.fixture(params=["unchanged", "regression"])
def scenario(request: pytest.FixtureRequest, tmp_path: Path, wheel: Path) -> Scenario:
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
    # The job's Python: a fresh environment without assess; the documented
    # `pip install "$ASSESS_SOURCE"` puts it there.
    job_env = tmp_path / "job-venv"
    venv.EnvBuilder(with_pip=False).create(job_env)
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "pip").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pip --python "{job_env}/bin/python" "$@"\n')
    (bindir / "pip").chmod(0o755)
    system = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d != str(Path(sys.executable).parent)]
    path = os.pathsep.join([str(job_env / "bin"), str(bindir), *system])
    return Scenario(repo, base, tmp_path, path, wheel)


def test_doc_has_every_workflow() -> None:
    steps = github_workflow()["jobs"]["assess"]["steps"]
    (check,) = [s for s in steps if "assess check $PROFILES $WAIVERS" in s.get("run", "")]
    assert "--format github" in check["run"] and "sarif=assess.sarif" in check["run"]
    assert not [s for s in steps if "|| true" in s.get("run", "")]
    (uses,) = [s for s in action_workflow()["jobs"]["assess"]["steps"] if s.get("uses") == ACTION_USES]
    assert uses["with"]["sarif"] == "assess.sarif"
    script = "\n".join(gitlab_job()["script"])
    assert "junit=assess-junit.xml" in script and "gitlab=gl-code-quality-report.json" in script
    assert "|| true" not in script


def test_docs_name_no_package_or_ref_that_does_not_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"^```\w*\n(.*?)^```", text, re.S | re.M))
    installs = re.findall(r"pip install (\S+)", code)
    # PyPI's "assess" is another project: every install names the repository.
    assert installs and set(installs) <= {'"$ASSESS_SOURCE"', '"git+https://HOST/OWNER/assess.git@COMMIT_SHA"'}
    assert "v0.1.0" not in text
    assert "rev: COMMIT_SHA" in code


def _fill(value: Any, expressions: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: expressions[m.group(1)], str(value))


@pytest.mark.slow
def test_github_actions_example(scenario: Scenario) -> None:
    job = github_workflow()["jobs"]["assess"]
    runner = scenario.tmp / "runner"
    runner.mkdir()
    github_env, summary = runner / "env", runner / "summary.md"
    github_env.touch()
    expressions = {
        "vars.ASSESS_SOURCE": str(scenario.wheel),
        "github.event.pull_request.base.sha || github.event.before": scenario.base,
    }
    env = {**scenario.env(), "RUNNER_TEMP": str(runner), "GITHUB_ENV": str(github_env)}
    env |= {"GITHUB_STEP_SUMMARY": str(summary), **{k: _fill(v, expressions) for k, v in job.get("env", {}).items()}}
    results: dict[str, subprocess.CompletedProcess[str]] = {}
    failed = False
    for step in job["steps"]:
        if "run" not in step:
            assert "uses" in step
            continue
        assert "${{" not in step["run"], "keep expressions in env, where the test can fill them in"
        if failed and step.get("if") != "always()":
            continue  # after a failed step, only `if: always()` steps run
        step_env = dict(env) | {k: _fill(v, expressions) for k, v in step.get("env", {}).items()}
        proc = bash(step["run"], scenario.repo, step_env, timeout=300)
        results[step["name"]] = proc
        failed = failed or proc.returncode != 0
        for line in github_env.read_text().splitlines():
            key, _, value = line.partition("=")
            env[key] = value
    install = results["Install assess"]
    assert install.returncode == 0, install.stderr
    job_assess = Path(scenario.path.split(os.pathsep)[0]) / "assess"
    assert job_assess.is_file(), "the documented pip install put assess in the job's environment"
    assert "BASELINE" in env, results["Baseline from the commit this change starts from"].stderr
    check = results["Check profiles"]
    assert "changes since the baseline for profiles/programme.yaml:" in check.stderr
    assert all(line.startswith("::") for line in check.stdout.splitlines())
    assert results["Job summary"].returncode == 0
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
def test_github_action_example(scenario: Scenario) -> None:
    """The workflow with the action: its `with:` inputs, run through action.yml."""
    steps = action_workflow()["jobs"]["assess"]["steps"]
    (step,) = [s for s in steps if s.get("uses") == ACTION_USES]
    runner = Runner(scenario.tmp / "runner")
    expressions = {"github.event.pull_request.base.sha || github.event.before": scenario.base}
    done = run_action(step["with"], scenario.repo, runner, expressions=expressions)
    assert done["Install assess"].returncode == 0, done["Install assess"].stderr
    check = done["Check"]
    assert "changes since the baseline for profiles/programme.yaml:" in check.stderr
    outputs = read_outputs(runner.output)
    scores = json.loads(outputs["scores"])
    assert set(scores) == {"profiles/other.yaml", "profiles/programme.yaml"}
    sarif = json.loads((scenario.repo / "assess.sarif").read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    text = runner.summary.read_text()
    if scenario.repo.joinpath("profiles/programme.yaml").read_text().startswith("# reviewed"):
        assert check.returncode == 0, check.stderr
        assert outputs["exit-code"] == "0"
        assert "**FAILED**" not in text
    else:
        assert check.returncode == 1, check.stderr
        assert outputs["exit-code"] == "1"
        assert scores["profiles/programme.yaml"]["overall"] == 0.0
        assert outputs["min-score"] == "0.0"
        assert "**FAILED**" in text


@pytest.mark.slow
def test_gitlab_ci_example(scenario: Scenario) -> None:
    job = gitlab_job()
    script = "\n".join([*job.get("before_script", []), *job["script"]])
    tmpdir = scenario.tmp / "gitlab-tmp"
    tmpdir.mkdir()
    env = {**scenario.env(), "TMPDIR": str(tmpdir), "CI_PROJECT_DIR": str(scenario.repo)}
    env |= {"CI_MERGE_REQUEST_DIFF_BASE_SHA": scenario.base, "CI_COMMIT_BEFORE_SHA": "0" * 40}
    env["ASSESS_SOURCE"] = str(scenario.wheel)  # a CI/CD variable, set in the project's settings
    env |= {k: str(v) for k, v in job.get("variables", {}).items()}
    proc = bash(script, scenario.repo, env, timeout=300)
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
    quality = json.loads((scenario.repo / job["artifacts"]["reports"]["codequality"]).read_text())
    jsonschema.validate(quality, CODE_QUALITY)
    assert {i["location"]["path"] for i in quality} <= {"profiles/other.yaml", "profiles/programme.yaml"}
    # --quiet: the log has the score lines and failures, no unknown items.
    assert "profiles/programme.yaml: Doc example — Testland: overall" in proc.stdout
    assert "unknown " not in proc.stdout
    summary = (scenario.repo / "assess-summary.md").read_text()
    if scenario.repo.joinpath("profiles/programme.yaml").read_text().startswith("# reviewed"):
        assert proc.returncode == 0, proc.stderr
        assert "**FAILED**" not in summary
    else:
        assert proc.returncode == 1, proc.stderr
        assert "gate failed: --fail-under 60: profiles/programme.yaml" in proc.stderr
        assert int(root.get("failures", "0")) > 0
        assert "**FAILED**" in summary
        assert quality, "a regression shows in the Code Quality report"
