"""The Action's ``docs-url`` input reaches ``assess check --docs-url``: the
SARIF it writes links each built-in item's page (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_action import _run, installed, repo

__all__ = ["installed", "repo"]

URL = "https://github.com/OWNER/assess/blob/COMMIT_SHA/docs/checklists/"


@pytest.mark.slow
def test_docs_url_input_links_the_sarif_rules(installed: Path, repo: tuple[Path, str]) -> None:
    cwd, _base = repo
    inputs = {"checklists": "", "sarif": "assess.sarif", "summary": "false"}
    check, _runner = _run(installed, cwd, inputs | {"docs-url": URL})
    assert check.returncode == 0, check.stderr
    rules = json.loads((cwd / "assess.sarif").read_text())["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) > 60 and all(r["helpUri"].startswith(URL) for r in rules)
    check, _runner = _run(installed, cwd, inputs)
    assert check.returncode == 0, check.stderr
    rules = json.loads((cwd / "assess.sarif").read_text())["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any("helpUri" in r for r in rules)
