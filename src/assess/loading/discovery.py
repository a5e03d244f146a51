"""Finding the profiles a portfolio run names: files as given, folders searched.

Light on purpose (the standard library and :mod:`assess.errors`): a portfolio
run finds its profiles before it imports the models, so that a process can
start reading them meanwhile (:mod:`assess.loading.readahead`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from assess.errors import Problem


def _(message: str) -> str:
    """:func:`assess.i18n._`, imported only when a problem is worded: this
    module is imported before the command line's, and nearly every run has
    none to word."""
    from assess import i18n

    return i18n._(message)


PROFILE_SUFFIXES = (".yaml", ".yml")
#: How an action plan's file name ends (:mod:`assess.loading.plans`): such a
#: file beside its profile is not a profile.
PLAN_SUFFIXES = (".plan.yaml", ".plan.yml")


def _profiles_below(folder: Path) -> list[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """Every ``*.yaml``/``*.yml`` file below ``folder`` with its path parts
    relative to it: what ``folder.rglob("*")`` finds (symlinked folders are
    not entered; unreadable ones are skipped), from one ``scandir`` per folder
    rather than a ``Path`` and a ``stat`` per entry."""
    out: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    stack: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while stack:
        where, parts = stack.pop()
        try:
            with os.scandir(where) as it:
                entries = list(it)
        except PermissionError:
            continue
        for entry in entries:
            try:
                if entry.is_dir() and not entry.is_symlink():
                    stack.append((entry.path, (*parts, entry.name)))
                    continue
                name = entry.name
                if (
                    name.endswith(PROFILE_SUFFIXES)
                    and os.path.splitext(name)[1] in PROFILE_SUFFIXES
                    and not name.endswith(PLAN_SUFFIXES)  # an action plan beside its profile
                    and entry.is_file()
                ):
                    out.append(((*parts, name), entry))
            except OSError:
                continue
    out.sort(key=lambda found: found[0])
    return out


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Profile files named by ``paths``: files as given, folders searched
    recursively for ``*.yaml``/``*.yml`` (sorted). Duplicates are dropped."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(p: Path, key: str) -> None:
        if key not in seen:
            seen.add(key)
            found.append(p)

    for path in paths:
        if path.is_dir():
            files = _profiles_below(path)
            if not files:
                problems.append(Problem(str(path), None, None, _("no profiles (*.yaml, *.yml) in this folder")))
            # A file reached through real folders (no symlink on the way down)
            # resolves to the resolved folder joined with its parts: one
            # resolve per folder given, not one per file (a profile symlink is
            # resolved on its own), and duplicates are still found.
            root = str(path.resolve())
            for parts, entry in files:
                key = str(Path(entry.path).resolve()) if entry.is_symlink() else os.path.join(root, *parts)
                add(path.joinpath(*parts), key)
        elif path.exists():
            add(path, str(path.resolve()))
        else:
            problems.append(
                Problem(str(path), None, None, _("no such file or folder; expected a profile or a folder of profiles"))
            )
    return found, problems
