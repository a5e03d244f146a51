"""docs/action-plans.md: every command of its sh blocks, run as written from a
copy of the repository's examples, with the exit status the document gives
(``# exit N``, else 0), and the lines it quotes from their output."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from ci_support import run
from paths import ROOT

DOC = ROOT / "docs" / "action-plans.md"


def commands() -> list[tuple[list[str], str | None, int]]:
    """(arguments after ``assess``, the file stdout goes to, the exit status) per command."""
    text = DOC.read_text("utf-8")
    out = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        for line in block.splitlines():
            command, _hash, comment = line.partition("  #")
            expected = re.fullmatch(r"\s*exit (\d+)\s*", comment)
            words = shlex.split(command)
            assert words[0] == "assess", line
            target = None
            if ">" in words:
                target = words[words.index(">") + 1]
                words = words[: words.index(">")]
            out.append((words[1:], target, int(expected.group(1)) if expected else 0))
    return out


def quoted() -> list[str]:
    """The lines the document quotes in its text blocks."""
    text = DOC.read_text("utf-8")
    return [line for block in re.findall(r"^```text\n(.*?)^```", text, re.S | re.M) for line in block.splitlines()]


def test_the_document_has_the_worked_example() -> None:
    names = [c[0][:2] for c in commands()]
    for wanted in (["plan", "draft"], ["lint", "liberia.plan.yaml"], ["check", "examples/liberia.yaml"]):
        assert wanted in names
    assert any("--fail-on-overdue" in c[0] and c[2] == 1 for c in commands())


@pytest.mark.slow
def test_every_command_runs_as_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    for args, target, status in commands():
        r = run(*args)
        assert r.code == status, (args, r.err)
        assert "Traceback" not in r.err
        if target is not None:
            Path(target).write_text(r.out, "utf-8")
        said += r.out.splitlines() + r.err_lines
    for line in quoted():
        assert line in said, line
    assert Path("liberia-fr.pdf").read_bytes().startswith(b"%PDF")
    assert "Where the action plan stands" in Path("liberia-report.html").read_text("utf-8")
    row = "| UNMAS support to the handover of EOD from UNMIL to the Armed Forces of Liberia | 1 | 1 | 1 | 1 | 1 |"
    assert row in Path("portfolio.md").read_text("utf-8")
