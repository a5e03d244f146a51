"""A folder searched by ``assess portfolio`` often holds, beside its profiles,
the checklists, tailorings and action plans that go with them: those are left
out, not reported as broken profiles; named one by one, they are still errors."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import Run
from paths import EXAMPLES, SMALL_CHECKLIST


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "programme"
    folder.mkdir()
    shutil.copy(EXAMPLES / "nepal.yaml", folder / "nepal.yaml")
    shutil.copy(SMALL_CHECKLIST, folder / "our-checklist.yaml")
    shutil.copy(EXAMPLES / "tailoring" / "nmaa-tailoring.yml", folder / "our-tailoring.yaml")
    (folder / "waivers.yaml").write_text("waivers: []\n", "utf-8")
    return folder


def test_other_kinds_of_file_in_a_folder_are_left_out(assess: Callable[..., Run], tmp_path: Path) -> None:
    run = assess("portfolio", _folder(tmp_path), "-q", "--format", "json")
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    assert '"path": "' in run.stdout and run.stdout.count('"rank":') == 1


def test_the_same_file_named_on_its_own_is_still_an_error(assess: Callable[..., Run], tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    run = assess("portfolio", folder / "nepal.yaml", folder / "our-tailoring.yaml", "-q", "--format", "json")
    assert run.code == 2
    assert "our-tailoring.yaml:6:1: looks like a tailoring ('tailoring' at the top level), not a profile" in run.stderr


def test_a_broken_profile_in_a_folder_is_still_reported(assess: Callable[..., Run], tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "broken.yaml").write_text("programme: {title: X, country: Y}\nnot_a_section: 1\n", "utf-8")
    run = assess("portfolio", folder, "-q", "--format", "json")
    assert run.code == 2
    assert "broken.yaml:2:1" in run.stderr
