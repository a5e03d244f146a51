"""The GitLab Code Quality view: the subset of the CodeClimate issue format
that GitLab reads (``artifacts: reports: codequality:``), shown on the merge
request beside the changed profile lines.

One issue per missed or partial item (and per unknown item when the run
context asks for them, ``--annotate-unknown``; waived items are left out, as
the format has no way to mark them accepted). Each issue has:

- ``description``: the item, its status and criterion, and the programme;
- ``check_name``: ``assess/<checklist>/<item id>``;
- ``fingerprint``: a hash of the profile path and the item, so that an issue
  keeps its identity when lines move, and GitLab can tell new issues from
  fixed ones between the merge request and its target;
- ``severity``: ``major`` for a missed high-priority item, ``minor`` for any
  other missed or partial item, ``info`` for an unknown one;
- ``location.path`` (relative to the working folder) and
  ``location.lines.begin`` (the line of the field, 1 when the profile does not
  write it).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from assess.core.result import Assessment, ItemResult, Priority, Status
from assess.reporters.labels import skip_reason

if TYPE_CHECKING:
    from assess.reporters.context import RunContext


def severity(r: ItemResult) -> str:
    """The Code Quality severity of a finding."""
    if r.status is Status.missed and r.priority is Priority.high:
        return "major"
    if r.status is Status.unknown:
        return "info"
    return "minor"


def relative_path(path: str, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (the working folder), with forward slashes."""
    here = (base or Path.cwd()).resolve()
    p = Path(path)
    if p.is_absolute():
        p = Path(os.path.relpath(p.resolve(), here))
    return PurePath(os.path.normpath(p)).as_posix()


def fingerprint(profile_path: str, key: str) -> str:
    """A stable identity for one item of one profile (not its line, which moves)."""
    return hashlib.sha256(f"{relative_path(profile_path)}\0{key}".encode()).hexdigest()


def _issue(r: ItemResult, a: Assessment) -> dict[str, Any]:
    loc = r.location
    key = f"{r.checklist}/{r.id}"
    text = f"{r.status.value}: {r.criterion}" if r.status is not Status.unknown else skip_reason(r, english=True)
    return {
        "type": "issue",
        "description": f"{r.id} {r.title} — {text} [{a.profile.title}]",
        "check_name": f"assess/{key}",
        "fingerprint": fingerprint(a.profile.path, key),
        "severity": severity(r),
        "location": {
            "path": relative_path(loc.path if loc else a.profile.path),
            "lines": {"begin": loc.line if loc else 1},
        },
    }


def build(assessments: Sequence[Assessment], *, annotate_unknown: bool = False) -> list[dict[str, Any]]:
    """The Code Quality issues as JSON-ready data."""
    shown = (Status.missed, Status.partial) + ((Status.unknown,) if annotate_unknown else ())
    return [_issue(r, a) for a in assessments for r in a.items if r.status in shown]


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """The Code Quality report as JSON text."""
    del color
    annotate = context is not None and context.annotate_unknown
    return json.dumps(build(assessments, annotate_unknown=annotate), indent=2, ensure_ascii=False) + "\n"
