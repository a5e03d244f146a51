"""Where the built-in checklists and templates live.

In a wheel they are packaged as ``assess/_data/{checklists,templates}``; in a
source checkout (editable install, tests) they are the repository's top-level
folders. ``importlib.resources`` finds the packaged copy first.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir(name: str) -> Path:
    packaged = Path(str(files("assess"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    return checkout


def checklists_dir() -> Path:
    """The folder of built-in checklists."""
    return _data_dir("checklists")


def templates_dir() -> Path:
    """The folder of built-in report templates."""
    return _data_dir("templates")


def builtin_checklists() -> list[Path]:
    """Built-in checklist files, sorted by name (the report order)."""
    return sorted(checklists_dir().glob("*.yaml"))
