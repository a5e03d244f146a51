"""docs/tailoring.md: the worked example's commands, run as written, and the
output it quotes, as the commands print it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import ROOT

DOC = ROOT / "docs" / "tailoring.md"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", DOC.read_text("utf-8"), flags=re.S)


def _commands() -> list[str]:
    return [line for line in _blocks("sh")[0].splitlines() if line.startswith("assess ")]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The examples as the repository holds them, outputs beside them.
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_worked_example_runs_as_written(assess: Callable[..., Run], here: Path) -> None:
    commands = _commands()
    assert len(commands) == 8
    outputs: dict[str, Run] = {}
    for command in commands:
        words = shlex.split(command)
        target = None
        if ">" in words:  # a shell redirection: the command's output to a file
            target = words[words.index(">") + 1]
            words = words[: words.index(">")]
        r = assess(*words[1:])
        assert r.code == 0, f"{command}\n{r.stderr}"
        if target is not None:
            (here / target).write_text(r.stdout, "utf-8")
        outputs[command] = r
    doc = json.loads((here / "liberia-tailored.json").read_text("utf-8"))
    assert doc["tailoring"]["id"] == "nmaa-national-assessment"
    assert doc["overall_base"]["score"] == 84.1
    html = (here / "liberia-tailored-fr.html").read_text("utf-8")
    assert "Adaptation appliquée" in html and doc["tailoring"]["digest"] in html
    assert "Aucune mission de l&#39;ONU n&#39;opère dans le pays" in html
    assert json.loads((here / "tailoring.schema.json").read_text("utf-8"))["title"] == "assess tailoring"
    assert "asked by nmaa-quality/NMA-01" in (here / "new-profile.yaml").read_text("utf-8")
    assert (here / "nmaa-form.xlsx").stat().st_size > 0
    # What the document quotes is what the commands print.
    assert outputs[commands[0]].stdout.splitlines()[0] == "ok  tailoring nmaa-national-assessment 1.0.0  (8 changes)"
    quoted = _blocks("text")[0].strip("\n")
    assert quoted in outputs[commands[1]].stdout
    assert "Untailored" in outputs[commands[4]].stdout
