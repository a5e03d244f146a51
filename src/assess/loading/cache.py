"""A cache of checklists already read and checked, keyed by their bytes.

Checklists change rarely and are read on every run. Parsing their YAML (the
built-ins carry French beside the English: about 285 KB) is a visible share of
a cold ``assess check``. So a checklist file that loaded with no problem is
kept as the JSON of its validated model, under a key made of the file's
SHA-256, the version of assess and the shape of the checklist model; the next
run that meets the same bytes validates that JSON with pydantic's JSON parser
instead of parsing the YAML again.

Nothing in the cache is ever executed: an entry is data, validated like any
input. A missing, unreadable, stale or corrupt entry is ignored and written
anew; a cache that cannot be written is skipped without a word. Problems in a
checklist are always reported from its YAML (with line and column), since
only clean files are cached.

Where: ``$ASSESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/assess``, else
``~/.cache/assess``. ``ASSESS_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import typing
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assess import __version__
from assess.core.checklist import Checklist
from assess.errors import InputError

#: Bump when the stored form changes.
FORMAT = "1"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    configured = os.environ.get("ASSESS_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "no") else Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "assess"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "assess" if home else None


@cache
def _model_shape() -> str:
    """A digest of the checklist model's fields, recursively: an entry written
    by a build with another model is never read back as this one."""
    seen: set[type[BaseModel]] = set()
    parts: list[str] = []

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            parts.append(f"{model.__name__}.{name}:{info.annotation}:{info.default!r}")
            stack = [info.annotation]
            while stack:
                ann = stack.pop()
                if isinstance(ann, type) and issubclass(ann, BaseModel):
                    walk(ann)
                stack.extend(typing.get_args(ann))

    walk(Checklist)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _entry(folder: Path, raw: bytes) -> Path:
    key = hashlib.sha256(raw)
    key.update(f"\0{FORMAT}\0{__version__}\0{_model_shape()}".encode())
    return folder / f"checklist-{key.hexdigest()}.json"


def get(raw: bytes) -> Checklist | None:
    """The checklist stored for these file bytes, if any."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = _entry(folder, raw).read_bytes()
    except OSError:
        return None
    try:
        return Checklist.model_validate_json(data)
    except ValidationError:
        return None


def put(raw: bytes, checklist: Checklist) -> None:
    """Store a checklist that loaded cleanly from these bytes (best effort)."""
    folder = cache_dir()
    if folder is None:
        return
    from assess.files import write_atomic

    data = checklist.model_dump_json()
    # Conditions are free-form data (``Any``): a value JSON cannot carry as it
    # is (a date, say) would come back as something else. Such a checklist is
    # simply not cached.
    if Checklist.model_validate_json(data) != checklist:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(_entry(folder, raw), data)
    except (OSError, InputError):
        return
