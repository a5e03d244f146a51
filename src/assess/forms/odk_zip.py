"""ODK Central's ``.zip`` export, read in memory and defensively.

ODK Central's "Download all data" gives a zip: the submissions in
``FORM_ID.csv`` at its top level, one ``FORM_ID-REPEAT.csv`` per repeat group
beside it, and the files attached to submissions under ``media/``. ``assess
import`` reads the main CSV straight from the archive, as if it had been given
that CSV; the repeats and media are not read (the form ``assess xlsform``
writes has neither repeats nor attachments).

An archive is untrusted input, so before a byte is unpacked every entry is
checked, and the whole archive is refused, with one message naming the entry,
when one has an unsafe name (absolute, a drive, ``..``, a NUL), is a symbolic
link, has a control character in its name, is encrypted, is itself a zip, or appears twice; when there are more
than :data:`MAX_ENTRIES` entries; when the entries declare more than
:data:`MAX_UNPACKED` bytes in all; or when an entry declares a compression
ratio above :data:`MAX_RATIO` (deflate cannot pack real text that tightly:
that is a zip bomb). The main CSV is then unpacked in bounded chunks, its
declared size not trusted, and refused past the size limit of a CSV export.
Nothing is ever written to disk.
"""

from __future__ import annotations

import io
import re
import stat
import unicodedata
import zipfile
from pathlib import Path

from assess.errors import InputError
from assess.forms.submissions import MAX_SUBMISSIONS, Export, _read_csv
from assess.loading.yamlsrc import MAX_BYTES, read_bytes

#: The archive itself: the submissions of a programme assessment are text,
#: and the form has no attachments, so an export of this size is already large.
MAX_ZIP_BYTES = 16 * 1024 * 1024
#: Entries in the archive (the CSVs, and media an export may hold).
MAX_ENTRIES = 1_000
#: What all entries together declare they unpack to.
MAX_UNPACKED = 64 * 1024 * 1024
#: Unpacked size over packed size of one entry; entries smaller than
#: :data:`RATIO_FLOOR` are not judged (a tiny file may pack very well).
MAX_RATIO = 200
RATIO_FLOOR = 64 * 1024
#: Read the main CSV this many bytes at a time.
_CHUNK = 64 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_DRIVE = re.compile(r"^[A-Za-z]:")


def _printable(name: str) -> str:
    """An entry name fit for a one-line message: control characters escaped."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in name)


def _unsafe_name(name: str) -> bool:
    """An entry name that could point outside a folder it were unpacked into."""
    if "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return ".." in re.split(r"[/\\]", name)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    # Unix archivers keep the file mode in the top 16 bits of the external attributes.
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_entries(shown: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse the archive if any entry is unsafe (see the module docstring)."""
    if len(infos) > MAX_ENTRIES:
        raise InputError.at(
            shown,
            f"holds {len(infos):,} entries; an ODK Central export is read with at most {MAX_ENTRIES:,} "
            "(download it without media files, or give its CSV)",
        )
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        quoted = f'entry "{_printable(name)}"'
        if _unsafe_name(name):
            raise InputError.at(
                shown, f'{quoted} has an unsafe name (an absolute path or ".."); the archive is refused'
            )
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
            # Never shown raw (it could drive the terminal), and no export writes one.
            raise InputError.at(shown, f"{quoted} has a control character in its name; the archive is refused")
        if _is_symlink(info):
            raise InputError.at(shown, f"{quoted} is a symbolic link; the archive is refused")
        if info.flag_bits & 0x1:
            raise InputError.at(
                shown, f"{quoted} is encrypted; download the submissions decrypted from ODK Central, or give its CSV"
            )
        if name.lower().endswith(".zip"):
            raise InputError.at(shown, f"{quoted} is itself a zip archive; nested archives are not read")
        if name in seen:
            raise InputError.at(shown, f"{quoted} appears twice; the archive is refused")
        seen.add(name)
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise InputError.at(
                shown,
                f"{quoted} unpacks to {ratio:,.0f} times its packed size (at most {MAX_RATIO} is read); "
                "the archive is refused as a zip bomb",
            )
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED:
        raise InputError.at(
            shown,
            f"unpacks to {declared / 1_048_576:.1f} MB; an ODK Central export is limited to "
            f"{MAX_UNPACKED // 1_048_576} MB unpacked (download it without media files, or give its CSV)",
        )


def _main_csv(shown: str, infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """The submissions CSV: the only CSV at the top level, or the one whose
    name every other top-level CSV extends with ``-REPEAT`` (ODK Central names
    the main file after the form id and each repeat ``FORM_ID-REPEAT.csv``)."""
    csvs = [i for i in infos if "/" not in i.filename and i.filename.lower().endswith(".csv")]
    if not csvs:
        raise InputError.at(
            shown,
            "holds no CSV file at its top level; expected ODK Central's export, with the submissions in FORM_ID.csv",
        )
    stems = {i.filename: i.filename[: -len(".csv")] for i in csvs}
    mains = [
        i
        for i in csvs
        if all(other == i.filename or s.startswith(stems[i.filename] + "-") for other, s in stems.items())
    ]
    if len(mains) != 1:
        names = ", ".join(sorted(stems))
        raise InputError.at(
            shown,
            f"holds several CSV files at its top level ({names}) and none is the main one, named after the form "
            "with the others as its repeats; give the CSV of the submissions itself",
        )
    return mains[0]


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> bytes:
    """The bytes of one entry, read in chunks up to the CSV limit (its declared size is not trusted)."""
    where = f"{shown}/{info.filename}"
    out = bytearray()
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > MAX_BYTES:
                    raise InputError.at(
                        where,
                        f"unpacks to more than {MAX_BYTES // 1_048_576} MB; submissions exports are limited "
                        f"to {MAX_BYTES // 1_048_576} MB",
                    )
                if len(out) >= RATIO_FLOOR and len(out) > MAX_RATIO * max(info.compress_size, 1):
                    raise InputError.at(
                        shown,
                        f'entry "{_printable(info.filename)}" unpacks to more than {MAX_RATIO} times its packed size; '
                        "the archive is refused as a zip bomb",
                    )
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError) as e:
        # A bad CRC, a truncated stream, an unsupported compression method.
        raise InputError.at(where, f"cannot be unpacked ({e}); download the export again") from None
    return bytes(out)


def read_odk_zip(path: Path, max_submissions: int = MAX_SUBMISSIONS) -> Export:
    """The submissions of an ODK Central ``.zip`` export, read from its main
    CSV in memory; located one-paragraph errors for an unsafe or malformed archive."""
    shown = str(path)
    raw = read_bytes(path, "submissions export", MAX_ZIP_BYTES)
    if not raw.startswith(_ZIP_MAGIC) and not raw.startswith(b"PK\x05\x06"):
        raise InputError.at(shown, "is not a zip archive; expected ODK Central's .zip export of the form's submissions")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as e:
        raise InputError.at(
            shown, f"is not a readable zip archive ({e}); expected ODK Central's .zip export of the form's submissions"
        ) from None
    with archive:
        infos = archive.infolist()
        _check_entries(shown, infos)
        main = _main_csv(shown, infos)
        data = _unpack(archive, main, shown)
    where = f"{shown}/{main.filename}"
    if data.startswith(_ZIP_MAGIC):
        raise InputError.at(shown, f'entry "{main.filename}" is itself a zip archive; nested archives are not read')
    if b"\x00" in data:
        raise InputError.at(where, "contains binary data (a NUL byte); expected a CSV text export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError.at(
            where, f"is not valid UTF-8 (byte 0x{data[e.start]:02x}); export it as UTF-8", line
        ) from None
    return _read_csv(where, text, max_submissions)


__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNPACKED", "MAX_ZIP_BYTES", "read_odk_zip"]
