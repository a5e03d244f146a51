"""The checklist cache: same results from the cache as from the YAML, and a
cache that is off, corrupt or stale changes nothing a user sees."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assess.core.evaluate import compile_checklist
from assess.loading import cache
from assess.loading.checklists import load_checklists
from conftest import EXAMPLES, Run
from paths import SMALL_CHECKLIST

SMALL = SMALL_CHECKLIST


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(folder))
    return folder


def test_second_run_reads_the_cache_and_agrees(
    cache_folder: Path, assess: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = assess("check", EXAMPLES / "nepal.yaml", "--format", "json")
    entries = sorted(cache_folder.glob("checklist-*.json"))
    assert len(entries) == 5  # one per built-in checklist
    second = assess("check", EXAMPLES / "nepal.yaml", "--format", "json")
    assert first.code == second.code
    assert first.stdout == second.stdout
    cached = [cc.checklist for cc in load_checklists()]
    monkeypatch.setenv("ASSESS_CACHE_DIR", "off")
    assert cached == [cc.checklist for cc in load_checklists()]


def test_a_corrupt_entry_is_ignored_and_rewritten(cache_folder: Path) -> None:
    load_checklists([str(SMALL)])
    (entry,) = cache_folder.glob("checklist-*.json")
    entry.write_text('{"id": "tampered"', "utf-8")
    (loaded,) = load_checklists([str(SMALL)])
    assert loaded.checklist.id != "tampered"
    assert json.loads(entry.read_text("utf-8"))["id"] == loaded.checklist.id


def test_an_entry_is_only_read_for_the_same_bytes(cache_folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(SMALL.read_bytes())
    load_checklists([str(copy)])
    copy.write_bytes(SMALL.read_bytes() + b"\n")
    load_checklists([str(copy)])
    assert len(list(cache_folder.glob("checklist-*.json"))) == 2


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSESS_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_dir() is None
    load_checklists([str(SMALL)])
    assert not list(tmp_path.rglob("*.json"))


def test_an_unwritable_cache_is_skipped_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(blocker / "cache"))
    (loaded,) = load_checklists([str(SMALL)])
    assert loaded.checklist.items


def test_a_tampered_entry_changes_no_problem_report(cache_folder: Path, assess: Callable[..., Run]) -> None:
    """lint never reads the cache: its findings come from the YAML itself; and
    an entry edited by hand is not read either (issue 15: its seal breaks)."""
    load_checklists([str(SMALL)])
    (entry,) = cache_folder.glob("checklist-*.json")
    data = json.loads(entry.read_text("utf-8"))
    data["version"] = "9.9.9"
    entry.write_text(json.dumps(data), "utf-8")
    (cached,) = load_checklists([str(SMALL)])
    assert cached.checklist.version == "1.2.3"  # the edited entry is ignored
    result = assess("lint", SMALL)
    assert result.code == 0, result.stderr
    assert "9.9.9" not in result.stdout
    assert "1.2.3" in result.stdout


def test_a_process_compiles_each_cached_checklist_once_per_language(
    cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program that loads the same checklists again (the test suite, a service
    calling assess) compiles them once; an entry that changes is compiled anew."""
    import assess.loading.checklists as loading

    load_checklists([str(SMALL)])  # from the YAML: the entry is written
    first = load_checklists([str(SMALL)])  # from the entry: compiled, and kept
    first_fr = load_checklists([str(SMALL)], "fr")
    compiled: list[str] = []

    def counted(checklist: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(checklist.id)
        return compile_checklist(checklist, *args, **kwargs)

    monkeypatch.setattr(loading, "compile_checklist", counted)
    assert load_checklists([str(SMALL)]) == first
    assert load_checklists([str(SMALL)], "fr") == first_fr
    assert compiled == []
    # The same file's entry, rewritten by the user with another version and resealed.
    (entry,) = cache_folder.glob("checklist-*.json")
    raw = SMALL.read_bytes()
    sealed = cache._unseal(raw, entry.read_text("utf-8"))
    assert sealed is not None
    body, _digest = sealed
    entry.write_text(cache._seal(raw, body.replace('"version":"1.2.3"', '"version":"1.2.4"')), "utf-8")
    (changed,) = load_checklists([str(SMALL)])
    assert changed.checklist.version == "1.2.4"
    assert len(compiled) == 1
