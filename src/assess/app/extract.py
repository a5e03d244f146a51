"""``assess extract``: the files a report carries (``assess report --embed``), given back.

A report made with ``--embed`` carries the profile it assessed and its result
document; writing them out lets a reader re-check the scores from the PDF
alone (``assess check`` on the profile gives the same scores as the result).

Any PDF may be handed in, so its attachment names are hostile input: each
is reduced to a plain file name (its folder part dropped), and a name that
climbs out of the folder (``..``), holds a control character, starts with a
dot or is left empty is refused, as are two attachments with one name. All
are checked before anything is written; each file is written atomically,
inside the folder only, and never over the PDF read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from assess.errors import InputError, Problem
from assess.i18n import _

#: A PDF starts with this (after at most a few bytes of junk, which readers allow).
PDF_MAGIC = b"%PDF-"
#: Longest file name written (bytes of UTF-8; most file systems allow 255).
MAX_NAME = 255
#: Control characters, and the bidirectional controls that could make a name
#: read differently on a terminal from what it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Attachment:
    """One file a PDF carries: the name as the PDF gives it, and its bytes."""

    name: str
    data: bytes


def shown(name: str) -> str:
    """``name`` as a message shows it: each control character as ``\\xNN`` or ``\\uNNNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", name)


def safe_name(name: str) -> str | None:
    """The plain file name ``name`` is written as, or None if it is refused:
    the part after its last ``/`` or ``\\``, unless a part is ``..``, or it holds
    a control character, starts with a dot, or is empty or too long."""
    parts = re.split(r"[/\\]", name)
    base = parts[-1].strip()
    if ".." in parts or _CONTROL.search(name) or not base or base.startswith(".") or ":" in base:
        return None
    if len(base.encode("utf-8")) > MAX_NAME:
        return None
    return base


def read_attachments(pdf: Path) -> list[Attachment]:
    """The files embedded in the PDF ``pdf``, in the order it lists them.
    Raises a located InputError if ``pdf`` is missing, unreadable or not a PDF."""
    shown = str(pdf)
    try:
        with pdf.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError:
        raise InputError.at(shown, _("no such file; expected a PDF report")) from None
    except IsADirectoryError:
        raise InputError.at(shown, _("is a directory; expected a PDF report")) from None
    except OSError as e:
        raise InputError.at(shown, _("cannot be read: {reason}").format(reason=e.strerror or e)) from None
    if PDF_MAGIC not in head:
        raise InputError.at(shown, _("is not a PDF file"))
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs in a damaged file; the outcome is what counts.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(pdf)
        found = [Attachment(f.alternative_name or f.name, f.content) for f in reader.attachment_list]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise InputError.at(shown, _("is damaged: its attachments cannot be read")) from None
    return found


def plan_extraction(pdf: Path, folder: Path) -> list[tuple[Path, bytes]]:
    """Where each attachment of ``pdf`` goes in ``folder``, with its bytes.
    Raises InputError, naming every refused attachment, before anything is written."""
    found = read_attachments(pdf)
    if not found:
        raise InputError.at(str(pdf), _("carries no attached files (a report made with 'assess report --embed' does)"))
    problems: list[Problem] = []
    planned: list[tuple[Path, bytes]] = []
    seen: dict[str, str] = {}
    source = pdf.resolve()
    for a in found:
        name = shown(a.name)
        base = safe_name(a.name)
        if base is None:
            problems.append(
                Problem(
                    str(pdf), None, None, _("attachment '{name}': refused: not a plain file name").format(name=name)
                )
            )
            continue
        if base.casefold() in seen:
            problems.append(
                Problem(
                    str(pdf),
                    None,
                    None,
                    _("attachment '{name}': refused: another attachment is also named '{base}'").format(
                        name=name, base=base
                    ),
                )
            )
            continue
        seen[base.casefold()] = a.name
        target = folder / base
        if target.resolve() == source:
            problems.append(Problem(str(target), None, None, _("cannot write: it is the PDF being read")))
            continue
        if target.is_symlink() or (target.exists() and not target.is_file()):
            # Written through, a link or a device would put the bytes outside the folder.
            problems.append(Problem(str(target), None, None, _("cannot write: it is a link or a special file")))
            continue
        planned.append((target, a.data))
    if problems:
        raise InputError(problems)
    return planned


def extract(pdf: Path, folder: Path) -> list[Path]:
    """Write every file ``pdf`` carries into ``folder`` (made if missing); the paths written."""
    from assess.files import write_atomic

    planned = plan_extraction(pdf, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError.at(
            str(folder), _("cannot create the folder: {reason}").format(reason=e.strerror or e)
        ) from None
    for target, data in planned:
        try:
            write_atomic(target, data)
        except OSError as e:
            raise InputError.at(str(target), _("cannot write: {reason}").format(reason=e.strerror or e)) from None
    return [t for t, _data in planned]
