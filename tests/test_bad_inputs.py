"""Every bad input gets its exact located message and exit status, no traceback.

The cases are data: ``bad_inputs/cases.yaml`` lists each command with the
exit code and the exact stderr it must produce.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run

HERE = Path(__file__).parent / "bad_inputs"
CASES: list[dict[str, Any]] = YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))["cases"]


def _fill(text: str, tmp: Path) -> str:
    return text.replace("{tmp}", str(tmp))


@pytest.mark.parametrize("case", CASES, ids=[" ".join(c["command"]) for c in CASES])
def test_bad_input(
    case: dict[str, Any], assess: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``{tmp}`` in a case stands for an empty folder made for it: outputs go
    there, and it must still be empty afterwards (no output, no temporary file)."""
    monkeypatch.chdir(HERE)
    before = sorted(p.name for p in HERE.iterdir())
    result = assess(*[_fill(a, tmp_path) for a in case["command"]])
    assert result.stderr == _fill(case["stderr"], tmp_path)
    assert result.code == case["exit"]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    for name in case.get("absent", []):
        assert not Path(_fill(name, tmp_path)).exists(), name
    assert list(tmp_path.iterdir()) == []
    assert sorted(p.name for p in HERE.iterdir()) == before, "a case left a file in the corpus folder"


def test_every_corpus_file_has_a_case() -> None:
    named = {arg for c in CASES for arg in c["command"]}
    files = {p.name for p in HERE.iterdir() if p.name not in ("cases.yaml", "regen.py", "__pycache__")}
    assert files <= named, f"files without a case: {sorted(files - named)}"


def test_bad_profile_among_good_ones_is_reported_and_the_rest_assessed(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("programme:\n  title: Good\n  country: Testland\n", "utf-8")
    result = assess("check", HERE / "profile_dup.yaml", good, "--format", "json")
    assert result.code == 2
    assert "duplicate key 'title'" in result.stderr
    assert '"title": "Good"' in result.stdout


def test_no_output_file_on_bad_input(assess: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    result = assess("check", HERE / "profile_tab.yaml", "-o", out, "--format", "json")
    assert result.code == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_huge_file_is_refused_before_parsing(assess: Callable[..., Run], tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"programme:\n  title: Big\n  country: Testland\nnotes: |\n")
        line = b"  " + b"x" * 1022 + b"\n"
        for _ in range(50 * 1024):
            fh.write(line)
    result = assess("check", big)
    assert result.code == 2
    assert result.stderr == f"error: {big}: is 50.0 MB; profile files are limited to 5 MB\n"
