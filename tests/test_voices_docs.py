"""docs/many-voices.md: every command of its console blocks run as written, from
the repository root (a scratch copy of examples/rounds), each printing the lines
the document shows; and the shipped merged profiles of examples/rounds are what
those commands write."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import EXAMPLES, ROOT

DOC = ROOT / "docs" / "many-voices.md"
ROUNDS = EXAMPLES / "rounds"


def steps() -> list[tuple[str, list[str]]]:
    """(command, the output lines shown under it) of every console block, in order."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", DOC.read_text("utf-8"), re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif line.strip():
                out[-1][1].append(line)
    return out


def _without_form_version(text: str) -> str:
    # The form's version follows the tool's version and the checklists; the rest must match.
    return re.sub(r"^# Form .*\n", "", text, flags=re.M)


def test_the_walkthrough_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    shutil.copytree(ROUNDS, tmp_path / "examples" / "rounds", ignore=shutil.ignore_patterns("round-1", "round-2"))
    monkeypatch.chdir(tmp_path)
    done = steps()
    assert len(done) >= 5
    for command, shown in done:
        words = shlex.split(command)
        assert words[0] == "assess"
        r = assess(*words[1:])
        assert r.code == 0, f"{command}\n{r.stderr}"
        printed = (r.stdout + r.stderr).splitlines()
        lines = iter(printed)
        for line in shown:
            assert any(p == line for p in lines), f"{command}: {line!r} not printed in this order\n" + "\n".join(
                printed
            )
    for folder in ("round-1", "round-2"):
        shipped = sorted((ROUNDS / folder).glob("*.yaml"))
        written = sorted((tmp_path / folder).glob("*.yaml"))
        assert [p.name for p in written] == [p.name for p in shipped]
        for mine, theirs in zip(written, shipped, strict=True):
            assert _without_form_version(mine.read_text("utf-8")) == _without_form_version(theirs.read_text("utf-8"))
