"""Reading a baseline file: a result document from an earlier run.

A baseline file is what ``assess check --format json`` printed before: one
result document, or a JSON array of them when several profiles were checked.
Each is validated into a lenient :class:`~assess.core.baseline.BaselineDoc`
(only the parts compared, unknown keys ignored), so a baseline from an older or
newer minor ``schema_version`` still works; a newer *major* version is refused.
Every problem is an :class:`~assess.errors.InputError` located at file:line:col.
"""

from __future__ import annotations

import json
from collections.abc import Set
from pathlib import Path
from typing import Any

from assess.core.baseline import BaselineDoc
from assess.core.result import SCHEMA_VERSION
from assess.errors import InputError
from assess.loading import yamlsrc
from assess.loading.validate import validate

#: A baseline holds one result document per profile (about 150 kB each), so it
#: may be larger than a profile: up to this size (some 200 profiles).
MAX_BASELINE_BYTES = 32 * 1024 * 1024


def _major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(
            shown, "is UTF-16 encoded; write it as UTF-8 with `assess check --format json -o FILE`", 1, 1
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = yamlsrc.line_col(raw, e.start)
        raise InputError.at(
            shown, f"is not valid UTF-8 (byte 0x{raw[e.start]:02x}); expected a JSON result document", line, col
        ) from None


def _parse(text: str, shown: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        hint = ""
        if e.pos == len(text) - len(text.lstrip()):  # not JSON from the start
            hint = "; a baseline is the JSON that `assess check --format json -o FILE` writes"
        raise InputError.at(shown, f"is not valid JSON: {e.msg}{hint}", e.lineno, e.colno) from None
    except RecursionError:
        raise InputError.at(shown, "is nested too deeply to be a result document") from None


def _positioned(raw: bytes, text: str, data: Any, shown: str) -> yamlsrc.YamlDoc:
    # JSON is YAML 1.2: the located YAML reader gives positions for validation
    # messages. Should it balk at some JSON, the messages just lose their lines.
    # A baseline larger than a profile may be is read without positions.
    try:
        if len(raw) > yamlsrc.MAX_BYTES:
            raise InputError([])
        positioned = yamlsrc.parse(text, shown)
        return yamlsrc.YamlDoc(shown, data, positioned.keys, positioned.values, positioned.sha256)
    except (InputError, RecursionError):
        return yamlsrc.YamlDoc(shown, data, {}, {}, "")


def _bases(data: Any, shown: str) -> list[yamlsrc.DataPath]:
    if isinstance(data, dict):
        return [()]
    if isinstance(data, list) and data:
        return [(i,) for i in range(len(data))]
    raise InputError.at(
        shown,
        "is not a baseline: expected a result document (a JSON object, as printed by "
        "`assess check --format json`) or a non-empty array of them",
        1,
        1,
    )


def _check_version(doc: yamlsrc.YamlDoc, base: yamlsrc.DataPath) -> None:
    """Refuse a part that is no result document, or one of a newer major version."""
    shown = doc.path
    part = doc.data[base[0]] if base else doc.data
    line, col = doc.position(base) or (1, 1)
    if not isinstance(part, dict) or "schema_version" not in part:
        raise InputError.at(
            shown,
            "is not an assess result document: no 'schema_version' "
            "(make the baseline with `assess check --format json`)",
            line,
            col,
        )
    version = str(part["schema_version"])
    major, ours = _major(version), _major(SCHEMA_VERSION)
    vline, vcol = doc.position((*base, "schema_version")) or (line, col)
    if major is None:
        raise InputError.at(shown, f"schema_version '{version}' is not MAJOR.MINOR", vline, vcol)
    if ours is not None and major > ours:
        raise InputError.at(
            shown,
            f"schema_version {version} is newer than this assess reads ({SCHEMA_VERSION}); "
            "upgrade assess or make the baseline with this version",
            vline,
            vcol,
        )


def _check_overlap(doc: yamlsrc.YamlDoc, base: yamlsrc.DataPath, part: BaselineDoc, ids: Set[str]) -> None:
    """Refuse a result document made with none of the run's checklists: every
    comparison with it would be vacuous (a gate would pass "not worse than 0")."""
    if {c.id for c in part.checklists} & ids:
        return
    line, col = doc.position((*base, "checklists"), prefer_key=True) or doc.position(base) or (1, 1)
    made = ", ".join(sorted({c.id for c in part.checklists})) or "no checklist"
    raise InputError.at(
        doc.path,
        f"was made with {made}, none of the checklists of this run ({', '.join(sorted(ids))}); "
        "nothing could be compared: make the baseline with the same --checklist options",
        line,
        col,
    )


def load_baseline(path: Path, checklist_ids: Set[str] | None = None) -> list[BaselineDoc]:
    """Read a baseline file; raise InputError located at file:line:col. With
    ``checklist_ids`` (the run's checklists), each result document must share one."""
    shown = str(path)
    raw = yamlsrc.read_bytes(path, "baseline", MAX_BASELINE_BYTES)
    text = _decode(raw, shown)
    data = _parse(text, shown)
    doc = _positioned(raw, text, data, shown)
    bases = _bases(data, shown)
    # First every document's version (a newer major may not parse at all), then the parts.
    for base in bases:
        _check_version(doc, base)
    parts = [validate(BaselineDoc, doc, base) for base in bases]
    if checklist_ids is not None:
        for base, part in zip(bases, parts, strict=True):
            _check_overlap(doc, base, part, checklist_ids)
    return parts
