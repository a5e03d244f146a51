"""Writing outputs atomically: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from assess.errors import InputError
from assess.i18n import _

#: The files this process has read as inputs, by (device, inode): an output
#: that is one of them, under any name (a symbolic or hard link), is refused.
_INPUTS: dict[tuple[int, int], str] = {}


def note_input(path: Path, st: os.stat_result | None = None) -> None:
    """Remember ``path`` (whose ``os.stat`` is ``st``, when known) as an input
    of this run: the file it leads to."""
    if st is None:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return  # what cannot be found cannot be overwritten; the reader reports it
    _INPUTS.setdefault((st.st_dev, st.st_ino), str(path))


def noted_inputs() -> list[str]:
    """The paths noted so far (:func:`note_input`), as given."""
    return list(_INPUTS.values())


def forget_inputs() -> None:
    """Forget every input noted so far (a new run in the same process)."""
    _INPUTS.clear()


def check_writable(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Raise a located InputError unless ``path`` can be written as a file:
    its folder exists, it is not itself a folder, and it is none of the inputs
    (``inputs``, and every file read so far), also not through a link.
    Commands call it before their slow part; :func:`write_atomic` calls it
    again when it writes."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError.at(str(path), _("cannot write: the folder '{folder}' does not exist").format(folder=folder))
    if path.is_dir():
        raise InputError.at(str(path), _("cannot write: it is a directory"))
    for given in inputs:
        note_input(given)
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return
    same = _INPUTS.get((st.st_dev, st.st_ino))
    if same is not None and not (path.exists() and not path.is_file()):
        # Named as it was given; a name made absolute by a reader is not shown.
        shown = same if not os.path.isabs(same) or os.path.isabs(str(path)) else os.path.basename(same)
        raise InputError.at(
            str(path),
            _("cannot write: it is an input of this run ({input}); write the output to another file").format(
                input=shown
            ),
        )


def _temporary(path: Path) -> tuple[str, str]:
    """The prefix and suffix of the temporary files :func:`write_atomic` writes for ``path``."""
    return f".{path.name}.", ".tmp"


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files :func:`write_atomic` leaves beside ``path``
    when its writer is killed before it can clean up (SIGKILL)."""
    prefix, suffix = _temporary(path)
    for left in path.parent.glob(glob.escape(prefix) + "*" + glob.escape(suffix)):
        with contextlib.suppress(OSError):
            left.unlink()


def write_atomic(path: Path, data: bytes | str | Iterable[bytes | str]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.
    ``data`` may come in pieces (an iterable), written one after the other."""
    chunks = [data] if isinstance(data, bytes | str) else data
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not path.is_file():
        # A device or pipe (e.g. /dev/null, /dev/stdout): write through it;
        # renaming over it would replace the device with a regular file.
        with path.open("wb") as fh:
            _write(fh, chunks)
        return
    try:
        prefix, suffix = _temporary(path)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    except OSError as e:
        raise InputError.at(str(path), _("cannot write: {reason}").format(reason=e.strerror or e)) from None
    try:
        # A large buffer: a document written in thousands of pieces (a
        # portfolio's JSON) then takes a handful of system calls, not one per 8 KB.
        with os.fdopen(fd, "wb", buffering=_BUFFER) as fh:
            _write(fh, chunks)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            # Keep the permissions an ordinary new file would get.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_BUFFER = 1 << 20


def _write(fh: BinaryIO, chunks: Iterable[bytes | str]) -> None:
    for chunk in chunks:
        fh.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
