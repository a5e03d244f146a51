"""docs/evidence.md, run as written: every ``assess`` command of its ``sh`` blocks
exits as its ``# exit N`` comment says (0 otherwise), and every line of a ``text``
block right after a ``sh`` block is a line its last command prints. The error
messages the page quotes are those the bad-input cases of tests/data/evidence expect.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import Run
from paths import EVIDENCE, EXAMPLES, ROOT

DOC = ROOT / "docs" / "evidence.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text("utf-8"))]


def _command(line: str) -> tuple[list[str], int]:
    text, _, comment = line.partition("#")
    found = re.search(r"exit (\d)", comment)
    return shlex.split(text)[1:], int(found.group(1)) if found else 0


def test_the_commands_run_as_written(assess: Callable[..., Run], tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "evidence", tmp_path / "examples" / "evidence")
    before = Path.cwd()
    os.chdir(tmp_path)
    ran = 0
    try:
        last: Run | None = None
        for lang, body in _blocks():
            if lang == "sh":
                for line in body.splitlines():
                    if not line.startswith("assess "):
                        continue
                    args, code = _command(line)
                    last = assess(*args)
                    assert last.code == code, f"{line}\n{last.stderr}"
                    ran += 1
            elif lang == "text" and last is not None:
                printed = (last.stdout + last.stderr).splitlines()
                for shown in body.splitlines():
                    assert shown in printed, f"{shown!r} is not printed"
                last = None
            else:
                last = None
    finally:
        os.chdir(before)
    assert ran >= 7
    assert (tmp_path / "result.json").is_file() and (tmp_path / "field-report.html").is_file()
    assert (tmp_path / "form.xlsx").is_file() and (tmp_path / "portfolio.csv").is_file()


def test_the_quoted_errors_are_those_the_cases_expect() -> None:
    cases = yaml.safe_load((EVIDENCE / "cases.yaml").read_text("utf-8"))
    expected = {line for case in cases["commands"] for line in case.get("stderr", [])}
    quoted = [
        line for lang, body in _blocks() if lang == "text" for line in body.splitlines() if line.startswith("error: ")
    ]
    assert len(quoted) == 2
    for line in quoted:
        assert line in expected


@pytest.mark.parametrize("key", ["kind", "date", "confidence", "note"])
def test_the_table_names_every_key_of_a_source(key: str) -> None:
    from assess.core.profile import Source

    assert key in Source.model_fields
    assert f"| `{key}` |" in DOC.read_text("utf-8")
