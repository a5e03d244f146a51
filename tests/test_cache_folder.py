"""Where the checklist cache lives (issue 16): the user's cache folder as
platformdirs finds it, also where HOME is unset; ASSESS_CACHE_DIR still wins."""

from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path
from typing import Any

import pytest

from assess.loading import cache
from assess.loading.checklists import load_checklists
from paths import SMALL_CHECKLIST

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the folders named here are Linux's")


@pytest.fixture
def default_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """No override: the folder is the platform's default."""
    for name in ("ASSESS_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)


def _user_database_home(monkeypatch: pytest.MonkeyPatch, home: Path | None) -> None:
    """The home folder the user database gives (None: the user has no entry,
    as in a container started with a bare numeric uid)."""
    real = pwd.getpwuid

    def getpwuid(uid: int) -> Any:
        if home is None:
            raise KeyError(f"getpwuid(): uid not found: {uid}")
        entry = real(uid)
        return pwd.struct_passwd((*entry[:5], str(home), *entry[6:]))

    monkeypatch.setattr(pwd, "getpwuid", getpwuid)


@pytest.mark.usefixtures("default_folder")
def test_without_home_the_cache_is_in_the_users_home_from_the_user_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user_database_home(monkeypatch, tmp_path)
    assert cache.cache_dir() == tmp_path / ".cache" / "assess"
    load_checklists([str(SMALL_CHECKLIST)])
    (entry,) = (tmp_path / ".cache" / "assess").glob("checklist-*.json")
    assert oct(entry.stat().st_mode & 0o777) == oct(0o600)
    # And the next run reads it back.
    assert cache.get(SMALL_CHECKLIST.read_bytes()) is not None


@pytest.mark.usefixtures("default_folder")
def test_home_and_xdg_are_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "assess"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "assess"


@pytest.mark.usefixtures("default_folder")
def test_the_override_wins_and_off_turns_it_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("ASSESS_CACHE_DIR", "off")
    assert cache.cache_dir() is None


@pytest.mark.usefixtures("default_folder")
def test_with_no_home_at_all_the_cache_is_off_not_a_folder_named_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _user_database_home(monkeypatch, None)
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    (loaded,) = load_checklists([str(SMALL_CHECKLIST)])
    assert loaded.checklist.items
    assert os.listdir(tmp_path) == []
