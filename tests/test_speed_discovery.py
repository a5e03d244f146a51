"""Finding a portfolio's profiles: what ``rglob`` found, in the same order,
each file once however it is named (folders given twice, a profile and its
folder, symlinks to profiles), without entering symlinked folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assess.app.portfolio import discover


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in ("b/x.yaml", "a/sub/y.yml", ".hidden/z.yaml", "c.YAML", "dir.yaml/w.yaml", "notes.txt", "a/.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x: 1\n", encoding="utf-8")
    if hasattr(os, "symlink"):
        try:
            (tmp_path / "link.yaml").symlink_to(tmp_path / "b" / "x.yaml")
            (tmp_path / "zlink").symlink_to(tmp_path / "a", target_is_directory=True)
            (tmp_path / "broken.yaml").symlink_to(tmp_path / "missing.yaml")
        except OSError:
            pytest.skip("symlinks not permitted here")
    return tmp_path


def _names(found: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in found]


def test_a_folder_gives_its_profiles_sorted_by_path_parts_each_once(tree: Path) -> None:
    found, problems = discover([tree])
    # link.yaml is x.yaml again; zlink is not entered; c.YAML and a/.yaml are not profiles.
    assert _names(found, tree) == [".hidden/z.yaml", "a/sub/y.yml", "b/x.yaml", "dir.yaml/w.yaml"]
    assert problems == []


def test_a_file_named_again_through_its_folder_or_a_symlink_counts_once(tree: Path) -> None:
    found, _ = discover([tree / "link.yaml", tree / "b", tree / ".." / tree.name / "b" / "x.yaml"])
    assert found == [tree / "link.yaml"]


def test_a_symlinked_folder_given_is_searched(tree: Path) -> None:
    found, _ = discover([tree / "zlink", tree / "a" / "sub" / "y.yml"])
    assert found == [tree / "zlink" / "sub" / "y.yml"]


def test_a_folder_without_profiles_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    found, problems = discover([tmp_path])
    assert found == []
    assert [p.message for p in problems] == ["no profiles (*.yaml, *.yml) in this folder"]
