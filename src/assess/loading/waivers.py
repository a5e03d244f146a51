"""Waivers: accepted gaps, each with a justification, an approver and an expiry.

A waivers file is YAML::

    waivers:
      - item: good-governance/GOV-01     # or GOV-01 when only one checklist has it
        profile: profiles/nepal*.yaml     # optional: a path or glob; default every profile
        justification: The army keeps oversight until the 2026 law passes.
        approver: Programme board, 2025-03-01 meeting
        expires: 2026-06-30

A waiver is in force up to and including its ``expires`` date. An expired
waiver is not honoured and is reported; a waiver naming an item that no
checklist in the run has is an input error.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assess.core.evaluate import CompiledChecklist, item_key
from assess.core.result import WaiverRecord
from assess.errors import InputError, Problem
from assess.loading import yamlsrc
from assess.loading.validate import validate


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class WaiverEntry(_Strict):
    item: str = Field(min_length=1, description="checklist/ITEM-ID, or ITEM-ID when only one checklist has it.")
    profile: str | None = Field(None, description="Path or glob of the profiles it applies to; default all.")
    justification: str = Field(min_length=1, description="Why the gap is accepted.")
    approver: str = Field(min_length=1, description="Who accepted it.")
    expires: dt.date = Field(description="Last day the waiver is in force (YYYY-MM-DD).")


class WaiverFile(_Strict):
    waivers: list[WaiverEntry] = Field(default_factory=list)


@dataclass(frozen=True)
class Waiver:
    """One waiver, resolved to an item key, with where it is written."""

    key: str
    profile: str | None
    record: WaiverRecord
    path: str
    line: int
    column: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def applies_to(self, profile_path: str) -> bool:
        """True when this waiver covers the profile at ``profile_path``."""
        if self.profile is None:
            return True
        pattern, target = _norm(self.profile), _norm(profile_path)
        return target == pattern or fnmatch.fnmatchcase(target, pattern)


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def load_waivers(path: Path, checklists: Sequence[CompiledChecklist]) -> list[Waiver]:
    """Load and check a waivers file against the items of ``checklists``."""
    doc = yamlsrc.load(path, "waivers")
    parsed = validate(WaiverFile, doc, what="list of waivers")
    keys = {item_key(cc.checklist.id, ci.item.id) for cc in checklists for ci in cc.items}
    by_id: dict[str, list[str]] = {}
    for key in sorted(keys):
        by_id.setdefault(key.split("/", 1)[1], []).append(key)
    problems: list[Problem] = []
    out: list[Waiver] = []
    first: dict[tuple[str, str | None], int] = {}  # (item key, profile) -> line of its waiver
    for i, entry in enumerate(parsed.waivers):
        line, col = doc.position(("waivers", i)) or (1, 1)
        iline, icol = doc.position(("waivers", i, "item")) or (line, col)
        if "/" in entry.item:
            key = entry.item
            if key not in keys:
                problems.append(
                    Problem(doc.path, iline, icol, f"waiver for unknown item '{entry.item}'{_hint(key, keys)}")
                )
                continue
        else:
            found = by_id.get(entry.item, [])
            if not found:
                problems.append(
                    Problem(doc.path, iline, icol, f"waiver for unknown item '{entry.item}'{_hint(entry.item, by_id)}")
                )
                continue
            if len(found) > 1:
                problems.append(
                    Problem(
                        doc.path,
                        iline,
                        icol,
                        f"item '{entry.item}' is in several checklists ({', '.join(found)}); write checklist/{entry.item}",
                    )
                )
                continue
            key = found[0]
        scope = (key, _norm(entry.profile) if entry.profile is not None else None)
        if scope in first:
            # Which one would count is not for the order of the file to decide.
            where = "" if entry.profile is None else f" and profile '{entry.profile}'"
            problems.append(
                Problem(
                    doc.path,
                    iline,
                    icol,
                    f"a second waiver for {key}{where} (the first is at line {first[scope]}); keep one",
                )
            )
            continue
        first[scope] = iline
        record = WaiverRecord(justification=entry.justification, approver=entry.approver, expires=entry.expires)
        out.append(Waiver(key, entry.profile, record, doc.path, line, col))
    if problems:
        raise InputError(problems)
    return out


def _hint(name: str, known: Sequence[str] | Mapping[str, object] | set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(name, sorted(known), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    return "; no checklist in this run has it"


@dataclass(frozen=True)
class WaiverDecision:
    """The waivers in force for one profile, and the expired ones that would apply."""

    in_force: dict[str, WaiverRecord]
    expired: list[Waiver]


def for_profile(waivers: Sequence[Waiver], profile_path: str, today: dt.date) -> WaiverDecision:
    """Pick the waivers for one profile; the first in force for an item wins."""
    in_force: dict[str, WaiverRecord] = {}
    expired: list[Waiver] = []
    for w in waivers:
        if not w.applies_to(profile_path):
            continue
        if w.record.expires < today:
            expired.append(w)
        else:
            in_force.setdefault(w.key, w.record)
    return WaiverDecision(in_force, expired)


def expired_message(w: Waiver, today: dt.date) -> str:
    """The warning for an expired waiver, naming where it is written."""
    return (
        f"warning: {w.where}: waiver for {w.key} expired on {w.record.expires.isoformat()} "
        f"(today is {today.isoformat()}); not honoured"
    )
