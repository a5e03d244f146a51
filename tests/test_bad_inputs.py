"""Every bad input gets its exact located message and exit status, no traceback.

The cases are data: ``tests/data/bad_inputs/cases.yaml`` lists each command with the
exit code and the exact stderr it must produce.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run
from paths import BAD_INPUTS

HERE = BAD_INPUTS
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


FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs too large to commit, written once: a 50 MB profile, a 4.9 MB
    profile of 600,000 values and a 200 kB one nested 100,000 levels deep."""
    folder = tmp_path_factory.mktemp("generated")
    with (folder / "big.yaml").open("wb") as fh:
        fh.write(b"programme:\n  title: Big\n  country: Testland\nnotes: |\n")
        line = b"  " + b"x" * 1021 + b"\n"
        while fh.tell() < FIFTY_MB:
            fh.write(line)
    with (folder / "many.yaml").open("w") as fh:
        fh.write("programme:\n  title: X\n  country: Y\n  organisations:\n")
        fh.write("    - o\n" * 612_000)
    deep = 100_000
    (folder / "deep.yaml").write_text("programme: {title: X, country: Y}\nnotes: " + "[" * deep + "]" * deep + "\n")
    return folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{big}"], "profile files are limited to 5 MB"),
        (["check", "ok_profile.yaml", "--waivers", "{big}"], "waivers files are limited to 5 MB"),
        (["check", "ok_profile.yaml", "--baseline", "{big}"], "baseline files are limited to 32 MB"),
        (["lint", "{big}"], "checklist files are limited to 5 MB"),
        (["report", "{big}", "-o", "{tmp}/r.pdf"], "profile files are limited to 5 MB"),
        (["portfolio", "--jobs", "1", "{big}", "-o", "{tmp}/p.txt"], "profile files are limited to 5 MB"),
    ],
)
def test_a_50_mb_file_is_refused_by_every_command(
    args: list[str],
    message: str,
    generated: Path,
    assess: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(HERE)
    big = generated / "big.yaml"
    result = assess(*[a.format(big=big, tmp=tmp_path) for a in args])
    assert result.code == 2
    assert result.stderr.splitlines()[0] == f"error: {big}: is 50.0 MB; {message}"
    assert list(tmp_path.iterdir()) == []


def _limited(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run assess in a process that may use at most 256 MB of address space and
    60 s of CPU: exceeding either kills it (no time is asserted)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (256 << 20, 256 << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        preexec_fn=limits,
        timeout=300,
    )


@pytest.mark.slow  # eight processes under memory and CPU limits: seconds in all
@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as on Linux")
@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["check", "ok_profile.yaml"], ""),  # the limits leave room for a normal run
        (["check", "profile_alias_bomb.yaml"], "1:34: expands to more than 200,000 values"),
        (["check", "profile_deep_nesting.yaml"], "4:72: is nested too deeply (more than 64 levels)"),
        (["check", "{deep}"], "2:71: is nested too deeply (more than 64 levels)"),
        (["check", "{many}"], "199996:7: holds more than 200,000 values"),
        (["check", "{big}"], ": is 50.0 MB; profile files are limited to 5 MB"),
        (["check", "ok_profile.yaml", "--baseline", "baseline_deep.json"], "is nested too deeply"),
        (["lint", "cl_cycle.yaml"], "7:19: an alias refers to the collection that contains it"),
    ],
)
def test_hostile_inputs_fail_cleanly_in_bounded_memory(args: list[str], stderr: str, generated: Path) -> None:
    proc = _limited(
        [
            a.format(deep=generated / "deep.yaml", many=generated / "many.yaml", big=generated / "big.yaml")
            for a in args
        ],
        HERE,
    )
    if not stderr:
        assert proc.returncode == 0, proc.stderr
        return
    assert proc.returncode == 2, proc.stderr
    assert stderr in proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
