"""The pre-commit hooks in .pre-commit-hooks.yaml, run by pre-commit itself.

Most tests write a ``repo: local`` config that copies each hook (id, entry,
files, types) with ``language: system``, runs the ``assess`` installed beside
this Python, and drives it with the real ``pre-commit run`` in a scratch git
repository. Two tests let pre-commit install the hooks as a user's would
(``language: python``: a new virtualenv with this repository pip-installed
into it), offline: dependencies resolve from this test environment
(``PYTHONPATH``) and pip looks at no index. One runs the config docs/ci.md
shows, against a clone of this repository at its commit; one runs
``pre-commit try-repo`` on this checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from action_support import offline_pip_env
from assess.loading import yamlsrc
from ci_support import CHECKLIST, ROOT, profile

HOOK_KEYS = ("id", "name", "entry", "files", "types", "args", "pass_filenames")


def hooks() -> list[dict[str, object]]:
    doc = yamlsrc.load(ROOT / ".pre-commit-hooks.yaml", "pre-commit hooks")
    assert isinstance(doc.data, list)
    return doc.data


def test_hooks_are_declared() -> None:
    found = {h["id"]: h for h in hooks()}
    assert set(found) == {"assess-check", "assess-lint"}
    assert found["assess-check"]["entry"] == "assess check --quiet"
    assert found["assess-lint"]["entry"] == "assess lint"
    assert all(h["language"] == "python" for h in found.values())


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run pre-commit")
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    (repo / "checklists").mkdir()
    shutil.copy(ROOT / profile("strong"), repo / "profiles" / "strong.yaml")
    shutil.copy(CHECKLIST, repo / "checklists" / "ci-test.yaml")
    (repo / "README.md").write_text("not a profile\n")
    local = []
    for h in hooks():
        kept = {k: h[k] for k in HOOK_KEYS if k in h}
        kept["language"] = "system"
        local.append(kept)
    config = {"repos": [{"repo": "local", "hooks": local}]}
    # JSON is YAML: no YAML writer needed.
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2))
    _git(repo, "init", "-q")
    return repo


def pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")
    bindir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_hooks_pass_on_valid_files(repo: Path, tmp_path: Path) -> None:
    proc = pre_commit(repo, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "assess check (programme profiles)" in proc.stdout
    assert "assess lint (checklists)" in proc.stdout
    assert proc.stdout.count("Passed") == 2


@pytest.mark.slow
def test_check_hook_fails_on_a_bad_profile(repo: Path, tmp_path: Path) -> None:
    (repo / "profiles" / "typo.yaml").write_text(
        "programme: {title: T, country: C}\ngovernance:\n  civilian_oversite: yes\n"
    )
    proc = pre_commit(repo, tmp_path)
    assert proc.returncode == 1
    assert (
        "profiles/typo.yaml:3:3: unknown key 'civilian_oversite' in 'governance'; did you mean 'civilian_oversight'?"
        in proc.stdout
    )
    assert "assess lint (checklists)" in proc.stdout


@pytest.mark.slow
def test_lint_hook_fails_on_a_bad_checklist(repo: Path, tmp_path: Path) -> None:
    path = repo / "checklists" / "ci-test.yaml"
    path.write_text(path.read_text().replace("weight: 3", "weight: 30", 1))
    proc = pre_commit(repo, tmp_path)
    assert proc.returncode == 1
    assert "checklists/ci-test.yaml:" in proc.stdout
    assert "weight" in proc.stdout


def _doc_config() -> dict[str, object]:
    """The .pre-commit-config.yaml of docs/ci.md."""
    import re

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = text[text.index("## pre-commit") :]
    block = re.search(r"^```yaml\n(.*?)^```", section, re.S | re.M)
    assert block is not None
    doc = yamlsrc.parse(block.group(1), "docs/ci.md pre-commit block").data
    assert isinstance(doc, dict)
    return doc


def _installing_env(tmp_path: Path) -> dict[str, str]:
    """pre-commit installing hooks into its own virtualenvs, without the network."""
    return {
        **os.environ,
        **offline_pip_env(),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }


def _failing_profile(repo: Path) -> None:
    (repo / "profiles" / "weak.yaml").write_text((ROOT / profile("weak")).read_text())


@pytest.mark.slow
def test_documented_config_installs_and_runs_both_hooks(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "assess-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True, capture_output=True, text=True)
    config = _doc_config()
    (entry,) = config["repos"]  # type: ignore[index]
    assert entry["rev"] == "COMMIT_SHA" and entry["repo"] == "https://HOST/OWNER/assess"
    # The two placeholders the docs ask the user to fill: the address and the commit.
    entry |= {"repo": str(clone), "rev": sha.stdout.strip()}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config, indent=2))
    _failing_profile(repo)
    _git(repo, "add", "-A")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=_installing_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "assess lint (checklists)" in proc.stdout
    # The --fail-under 50 of the docs' args fails the weak profile; --quiet keeps it short.
    assert "gate failed: --fail-under 50: profiles/weak.yaml: overall score" in proc.stdout
    hook = proc.stdout[proc.stdout.index("assess check (programme profiles)") : proc.stdout.index("assess lint")]
    assert "unknown " not in hook
    assert len(hook.splitlines()) < 40, hook


@pytest.mark.slow
def test_try_repo_runs_both_hooks_from_this_checkout(repo: Path, tmp_path: Path) -> None:
    (repo / ".pre-commit-config.yaml").unlink()
    _git(repo, "add", "-A")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--color", "never"],
        cwd=repo,
        env=_installing_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "assess check (programme profiles)" in proc.stdout
    assert "assess lint (checklists)" in proc.stdout
    assert proc.stdout.count("Passed") == 2
