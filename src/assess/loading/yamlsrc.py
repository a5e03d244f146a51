"""Reading YAML with locations: the files, their text, and the parsed
document (:class:`YamlDoc`).

The parsing itself is :mod:`assess.loading.yamlparse` (ruamel.yaml), imported
when a text is first parsed: a portfolio's main process, whose profiles a
reader parsed ahead (:mod:`assess.loading.readahead`) and whose checklists
come from the cache, never imports ruamel.yaml (some 15 ms of its start).
Every failure becomes an :class:`~assess.errors.InputError` naming
file:line:column.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from assess.errors import InputError
from assess.files import note_input
from assess.i18n import N_, _

#: What a file is expected to hold, as messages name it.
WHAT: dict[str, str] = {
    "profile": N_("profile"),
    "checklist": N_("checklist"),
    "waivers": N_("waivers"),
    "plan": N_("plan"),
}


def what_noun(what: str) -> str:
    """How messages name a kind of file (:data:`WHAT`), in the run's language."""
    return _(WHAT[what]) if what in WHAT else what


DataPath = tuple[str | int, ...]

#: Inputs larger than this are refused before parsing (bounded time and memory).
MAX_BYTES = 5 * 1024 * 1024
#: Nodes visited while building data; stops alias-expansion ("billion laughs") bombs.
MAX_NODES = 200_000
#: Nesting deeper than this is refused (no profile or checklist needs it).
MAX_DEPTH = 64


class YamlDoc:
    """A parsed YAML file: its data and where each key and value sits (1-based).

    ``may_hold_control`` is False only where the text cannot spell a control
    character in its data: raw ones are refused before parsing, a line break
    (CR included) reaches the data as a newline, so only an escape (a
    backslash in a quoted scalar) or a NEL (U+0085) can;
    :func:`assess.loading.validate.check_controls` then walks every text.

    With ``positions_from`` (the plain text the data was read from, see
    :func:`parse`), ``keys`` and ``values`` are read from it when first asked
    for: a valid profile in a portfolio never is."""

    __slots__ = ("_keys", "_text", "_values", "data", "may_hold_control", "path", "sha256")

    def __init__(
        self,
        path: str,
        data: Any,
        keys: dict[DataPath, tuple[int, int]],
        values: dict[DataPath, tuple[int, int]],
        sha256: str,
        may_hold_control: bool = True,
        *,
        positions_from: str | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.sha256 = sha256
        self.may_hold_control = may_hold_control
        self._keys = keys
        self._values = values
        self._text = positions_from

    def _read_positions(self) -> None:
        text, self._text = self._text, None
        if text is not None:
            from assess.loading.yamlparse import plain_document

            plain = plain_document(text)
            assert plain is not None, "a plain text stays plain"
            _, self._keys, self._values = plain

    @property
    def unread_text(self) -> str | None:
        """The text the positions are still to be read from (None: read, or
        given when the document was made)."""
        return self._text

    @property
    def keys(self) -> dict[DataPath, tuple[int, int]]:
        """Data path -> (line, column) of each key in the file."""
        if self._text is not None:
            self._read_positions()
        return self._keys

    @property
    def values(self) -> dict[DataPath, tuple[int, int]]:
        """Data path -> (line, column) of each value in the file."""
        if self._text is not None:
            self._read_positions()
        return self._values

    def position(self, path: DataPath, prefer_key: bool = False) -> tuple[int, int] | None:
        """Position of ``path`` or of its nearest ancestor present in the file."""
        while True:
            first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            pos = first.get(path) or second.get(path)
            if pos is not None or not path:
                return pos
            path = path[:-1]
            prefer_key = True


def read_bytes(path: Path, what: str, limit: int = MAX_BYTES) -> bytes:
    """Read a whole input file of at most ``limit`` bytes, turning OS errors
    into located input errors."""
    shown = str(path)
    try:
        # One open and one fstat (not a stat for the kind, one for the size
        # and the read's own), unbuffered (no buffer, terminal check or seek
        # for a file read whole): this runs for every profile of a portfolio.
        with open(path, "rb", buffering=0) as f:
            st = os.fstat(f.fileno())
            size = st.st_size
            if size > limit:
                raise InputError.at(
                    shown,
                    f"is {size / 1_048_576:.1f} MB; {what} files are limited to {limit // 1_048_576} MB",
                )
            note_input(path, st)  # an output may not replace it (assess.files.check_writable)
            return f.read()
    except IsADirectoryError:
        raise InputError.at(shown, _("is a directory; expected a {what} file").format(what=what_noun(what))) from None
    except FileNotFoundError:
        raise InputError.at(shown, _("no such file; expected a {what} file").format(what=what_noun(what))) from None
    except PermissionError:
        if path.is_dir():  # what opening a folder raises on Windows
            raise InputError.at(
                shown, _("is a directory; expected a {what} file").format(what=what_noun(what))
            ) from None
        raise InputError.at(shown, _("cannot be read: permission denied")) from None
    except OSError as e:
        raise InputError.at(shown, _("cannot be read: {reason}").format(reason=e.strerror or e)) from None


def line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 text, refusing BOMs, UTF-16 and binary data with a location."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(shown, _("is UTF-16 encoded; save it as UTF-8 (without a byte-order mark)"), 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raise InputError.at(shown, _("starts with a byte-order mark (BOM); save it as UTF-8 without a BOM"), 1, 1)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = line_col(raw, nul)
        raise InputError.at(shown, "contains binary data (a NUL byte); expected a YAML text file", line, col)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = line_col(raw, e.start)
        raise InputError.at(
            shown,
            _("is not valid UTF-8 (byte 0x{byte}); save it as UTF-8").format(byte=f"{raw[e.start]:02x}"),
            line,
            col,
        ) from None
    bad = _CONTROL.search(text) if _may_hold_control(raw) else None
    if bad:
        before = text[: bad.start()]
        line = before.count("\n") + 1
        col = bad.start() - (before.rfind("\n") + 1) + 1
        raise InputError.at(
            shown, f"contains the control character U+{ord(bad.group()):04X}, which YAML does not allow", line, col
        )
    return text


#: Characters YAML 1.2 does not allow in a stream (it allows tab, LF, CR, NEL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
#: Bytes that are not such a character by themselves: tab, LF, CR, printable
#: ASCII, and the bytes of multi-byte sequences (looked at apart, below).
_PLAIN_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])


def _may_hold_control(raw: bytes) -> bool:
    """Whether decoded ``raw`` may hold a character of :data:`_CONTROL`: an
    ASCII control byte, or the lead bytes of U+0080-U+00BF or U+FFFE/U+FFFF
    (UTF-8 decoding has refused surrogates already). Deleting the plain bytes
    is some ten times faster than searching the text, and settles nearly every file."""
    if raw.translate(None, _PLAIN_BYTES):
        return True
    return not raw.isascii() and (b"\xc2" in raw or b"\xef\xbf" in raw)


def parse(
    text: str, shown: str, raw: bytes | None = None, what: str = "YAML document", positions: bool = True
) -> YamlDoc:
    """Parse one YAML document into data with locations. Without
    ``positions``, a plain text's locations are read only when asked for
    (see :class:`YamlDoc`): for a caller that needs them only to word a problem."""
    from assess.loading.yamlparse import parse_text

    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    return parse_text(text, shown, digest, what, positions)


#: What a file holds, where the kind of file is not a noun ("waivers").
_DOCUMENT = {"waivers": "list of waivers"}


def load(path: Path, what: str, positions: bool = True, limit: int = MAX_BYTES) -> YamlDoc:
    """Read, decode and parse the YAML file at ``path`` (``positions``: see
    :func:`parse`), of at most ``limit`` bytes."""
    raw = read_bytes(path, what, limit)
    return parse(decode(raw, str(path)), str(path), raw, _DOCUMENT.get(what, what), positions)
