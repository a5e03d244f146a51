"""A cache of checklists already read and checked, keyed by their bytes.

Checklists change rarely and are read on every run. Parsing their YAML (the
built-ins carry French beside the English: about 285 KB) is a visible share of
a cold ``assess check``. So a checklist file that loaded with no problem is
kept as the JSON of its validated model, under a key made of the file's
SHA-256, the version of assess and the shape of the checklist model; the next
run that meets the same bytes validates that JSON with pydantic's JSON parser
instead of parsing the YAML again.

Nothing in the cache is ever executed: an entry is data, validated like any
input and checked again as its YAML was (conditions compiled, ids unique,
texts free of control characters). It is sealed with the SHA-256 of its
checklist file and of its own JSON, and read only from a folder and file the
user owns and no one else may write. A missing, unreadable, stale, corrupt,
edited or foreign entry is ignored and written anew; a cache that cannot be
written is skipped without a word. Problems in a
checklist are always reported from its YAML (with line and column), since
only clean files are cached.

Where: ``$ASSESS_CACHE_DIR``, else the user's cache folder as
``platformdirs`` finds it (``$XDG_CACHE_HOME/assess`` or ``~/.cache/assess``
on Linux, ``~/Library/Caches/assess`` on macOS, ``%LOCALAPPDATA%\\assess\\Cache``
on Windows); the home folder comes from the user database where ``HOME`` is
unset (a service account, a CI container), so the cache no longer turns off
there. ``ASSESS_CACHE_DIR=off`` turns the cache off, and so does a home that
cannot be found at all (never a folder named ``~`` under the working one).
"""

from __future__ import annotations

import hashlib
import os
import re
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
    # Imported here: only a run that uses the default folder pays for it.
    from platformdirs import user_cache_dir

    try:
        folder = Path(user_cache_dir("assess", appauthor=False))
    except (RuntimeError, KeyError, OSError):  # recent platformdirs: no home to be found
        return None
    # Without HOME and without an entry in the user database, older versions
    # leave "~" as it is: a relative folder a run would create wherever it was started.
    return folder if folder.is_absolute() else None


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


def trusted_folder(folder: Path) -> bool:
    """Whether entries in ``folder`` may be read: it is the user's own and no
    one else may write to it (another user could otherwise plant an entry
    that changes scores). Always true where there are no Unix owners."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return _owned(st)


def _owned(st: os.stat_result) -> bool:
    """Owned by the user running assess, and not writable by group or others."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


#: A control character other than tab and newline, as JSON writes it (escaped
#: below U+0020 and for DEL, raw for C1): what no checklist text may hold.
_CONTROL_IN_JSON = re.compile(
    r"(?<!\\)(?:\\\\)*\\(?:u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|[bfr])|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)

#: The raw characters of :data:`_CONTROL_IN_JSON`, and the escapes it starts with.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")


def _holds_control(body: str) -> bool:
    """Whether :data:`_CONTROL_IN_JSON` matches in ``body``. Its look-behind
    makes it slow on a whole entry (a few milliseconds for each built-in
    checklist, at every run); the raw characters alone are a fast search, and
    without one of the escapes it begins with, the escape part cannot match."""
    if _RAW_CONTROL.search(body):
        return True
    return any(e in body for e in _ESCAPES) and _CONTROL_IN_JSON.search(body) is not None


#: What follows an entry's checklist JSON: the digests it is checked against.
_SEAL = ',"_source_sha256":"{source}","_content_sha256":"{content}"}}'


def _seal(raw: bytes, body: str) -> str:
    """The entry text: the checklist JSON with the SHA-256 of the checklist
    file it came from and of the JSON itself added as two last keys."""
    content = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return body[:-1] + _SEAL.format(source=hashlib.sha256(raw).hexdigest(), content=content)


def _unseal(raw: bytes, text: str) -> tuple[str, str] | None:
    """The checklist JSON of an entry and its SHA-256, or None unless both
    digests agree: an entry edited by hand, or one written for other bytes,
    is not trusted."""
    at = text.rfind(',"_source_sha256":')
    if at < 0:
        return None
    body = text[:at] + "}"
    content = hashlib.sha256(body.encode("utf-8")).hexdigest()
    expected = _SEAL.format(source=hashlib.sha256(raw).hexdigest(), content=content)
    return (body, content) if text[at:] == expected else None


def get(raw: bytes) -> Checklist | None:
    """The checklist stored for these file bytes, if any, and only from an
    entry that is sealed for them (see :func:`_unseal`) in a folder and file
    only the user can write. The caller re-checks what loading checks."""
    sealed = sealed_body(raw)
    return checklist_of(sealed[0]) if sealed is not None else None


def sealed_body(raw: bytes) -> tuple[str, str] | None:
    """The checklist JSON stored for these file bytes, with its SHA-256 (the
    entry's seal): only from an entry sealed for them, in a folder and file
    only the user can write, and holding no control character. Not yet
    validated (:func:`checklist_of`)."""
    folder = cache_dir()
    if folder is None or not trusted_folder(folder):
        return None
    try:
        with open(_entry(folder, raw), "rb") as fh:
            if hasattr(os, "getuid") and not _owned(os.fstat(fh.fileno())):
                return None
            data = fh.read()
        sealed = _unseal(raw, data.decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if sealed is None or _holds_control(sealed[0]):
        return None
    return sealed


def checklist_of(body: str) -> Checklist | None:
    """The checklist of an entry's JSON (:func:`sealed_body`), validated; None if it is not one."""
    try:
        return Checklist.model_validate_json(body)
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
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted_folder(folder):
            return  # never write where others could read an entry back changed
        entry = _entry(folder, raw)
        write_atomic(entry, _seal(raw, data))
        os.chmod(entry, 0o600)  # get() reads only what no one else may write
    except (OSError, InputError):
        return
