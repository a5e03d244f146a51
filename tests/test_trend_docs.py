"""docs/trend.md: every ``$ assess ...`` command of its console blocks is run as
written, from a copy of the repository's trend data, and the lines shown after
it (``...`` stands for lines left out) must be in its output, in that order."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import MODEL, ROOT, TREND
from test_trend import _in_order

DOC = ROOT / "docs" / "trend.md"


def commands() -> list[tuple[str, list[str]]]:
    """Each command of the document with the output lines it shows."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", DOC.read_text("utf-8"), re.S | re.M):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif line != "...":
                out[-1][1].append(line)
    return out


COMMANDS = commands()


def test_the_document_has_commands() -> None:
    assert len(COMMANDS) >= 6


@pytest.mark.parametrize(
    ("command", "shown"),
    [pytest.param(c, s, marks=[pytest.mark.slow] if ".pdf" in c else []) for c, s in COMMANDS],
    ids=[c for c, _ in COMMANDS],
)
def test_command(
    command: str, shown: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    for folder in (TREND, MODEL):
        shutil.copytree(folder, tmp_path / folder.relative_to(ROOT))
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    assert words[0] == "assess"
    r = assess(*words[1:])
    expected = 2 if any(line.startswith("error: ") for line in shown) else 0
    assert r.code == expected, r.stderr
    assert _in_order(r.stdout.splitlines() + r.stderr.splitlines(), shown) == []
