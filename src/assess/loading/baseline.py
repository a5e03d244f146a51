"""Baselines: compare a run with a result document from an earlier run.

A baseline file is what ``assess check --format json`` printed before: one
result document, or a JSON array of them when several profiles were checked.
It is read leniently (only the parts compared here, unknown keys ignored) so
a baseline from an older or newer minor ``schema_version`` still works; a
newer *major* version is refused. Items are matched by checklist id and item
id; a checklist whose version changed is reported, not treated as an error.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assess.core.gates import BaselineMeasures, Said
from assess.core.result import SCHEMA_VERSION, Assessment, Status
from assess.errors import InputError
from assess.i18n import N_, _, decimal, language
from assess.loading import yamlsrc
from assess.loading.validate import validate


class _Lenient(BaseModel):
    # Python's json reads NaN and Infinity; a score never is one.
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False, defer_build=True)


class BaselineProfile(_Lenient):
    path: str
    title: str = ""


class BaselineChecklist(_Lenient):
    id: str
    version: str


class BaselineScore(_Lenient):
    score: float | None
    coverage: float
    answered: int
    applicable: int


class BaselineItem(_Lenient):
    checklist: str
    id: str
    title: str = ""
    status: str
    kind: str = ""
    priority: str = ""


class BaselineDoc(_Lenient):
    """The parts of an earlier result document that a baseline compares."""

    schema_version: str
    profile: BaselineProfile
    checklists: list[BaselineChecklist]
    overall: BaselineScore
    approaches: dict[str, BaselineScore]
    items: list[BaselineItem]
    missed_synergies: list[str] = []

    def measures(self) -> BaselineMeasures:
        """What the gates compare against."""
        o = self.overall
        missed = {f"{i.checklist}/{i.id}" for i in self.items if i.status == Status.missed.value}
        return BaselineMeasures(
            overall=o.score,
            approaches={k: v.score for k, v in self.approaches.items()},
            unknown_percent=100.0 * (o.applicable - o.answered) / o.applicable if o.applicable else 0.0,
            missed_synergies=frozenset(k for k in self.missed_synergies if k in missed),
        )


#: A baseline holds one result document per profile (about 150 kB each), so it
#: may be larger than a profile: up to this size (some 200 profiles).
MAX_BASELINE_BYTES = 32 * 1024 * 1024


def _major(version: str) -> int | None:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def load_baseline(path: Path) -> list[BaselineDoc]:
    """Read a baseline file; raise InputError located at file:line:col."""
    shown = str(path)
    raw = yamlsrc.read_bytes(path, "baseline", MAX_BASELINE_BYTES)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at(
            shown, "is UTF-16 encoded; write it as UTF-8 with `assess check --format json -o FILE`", 1, 1
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, col = yamlsrc.line_col(raw, e.start)
        raise InputError.at(
            shown, f"is not valid UTF-8 (byte 0x{raw[e.start]:02x}); expected a JSON result document", line, col
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        hint = ""
        if e.pos == len(text) - len(text.lstrip()):  # not JSON from the start
            hint = "; a baseline is the JSON that `assess check --format json -o FILE` writes"
        raise InputError.at(shown, f"is not valid JSON: {e.msg}{hint}", e.lineno, e.colno) from None
    except RecursionError:
        raise InputError.at(shown, "is nested too deeply to be a result document") from None
    # JSON is YAML 1.2: the located YAML reader gives positions for validation
    # messages. Should it balk at some JSON, the messages just lose their lines.
    # A baseline larger than a profile may be is read without positions.
    try:
        if len(raw) > yamlsrc.MAX_BYTES:
            raise InputError([])
        positioned = yamlsrc.parse(text, shown)
        doc = yamlsrc.YamlDoc(shown, data, positioned.keys, positioned.values, positioned.sha256)
    except (InputError, RecursionError):
        doc = yamlsrc.YamlDoc(shown, data, {}, {}, "")
    if isinstance(data, dict):
        bases: list[yamlsrc.DataPath] = [()]
    elif isinstance(data, list) and data:
        bases = [(i,) for i in range(len(data))]
    else:
        raise InputError.at(
            shown,
            "is not a baseline: expected a result document (a JSON object, as printed by "
            "`assess check --format json`) or a non-empty array of them",
            1,
            1,
        )
    ours = _major(SCHEMA_VERSION)
    # First every document's version (a newer major may not parse at all), then the parts.
    for base in bases:
        part = data[base[0]] if base else data
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
        major = _major(version)
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
    return [validate(BaselineDoc, doc, base) for base in bases]


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def pair(baselines: Sequence[BaselineDoc], assessments: Sequence[Assessment]) -> dict[str, BaselineDoc | None]:
    """Match each assessment (by profile path) with its baseline document.

    Paths are compared after normalisation; one profile checked against a
    baseline of one document are paired whatever their paths.
    """
    if len(baselines) == 1 and len(assessments) == 1:
        return {assessments[0].profile.path: baselines[0]}
    by_path: dict[str, BaselineDoc] = {}
    for b in baselines:
        by_path.setdefault(_norm(b.profile.path), b)
    return {a.profile.path: by_path.get(_norm(a.profile.path)) for a in assessments}


#: Status values as said to a reader (a value from another version stays itself).
STATUS_LABEL: dict[str, str] = {
    Status.met.value: N_("met"),
    Status.partial.value: N_("partial"),
    Status.missed.value: N_("missed"),
    Status.not_applicable.value: N_("not applicable"),
    Status.unknown.value: N_("unknown"),
    Status.waived.value: N_("waived"),
}


def status_label(value: str) -> str:
    """A status value in the language of ``--lang`` (English: the value itself)."""
    if language() == "en" or value not in STATUS_LABEL:
        return value
    return _(STATUS_LABEL[value])


def shown_score(score: float | None) -> str:
    """A score in the language of ``--lang``: '62.5', '62,5', 'n/a'."""
    return _("n/a") if score is None else decimal(score)


def shown_delta(before: float | None, after: float | None) -> str:
    """The signed change of a score, '+2.5', or '' when either is n/a."""
    if before is None or after is None:
        return ""
    d = after - before
    if language() == "en":
        return f"{d:+.1f}"
    return ("+" if d >= 0 else "") + decimal(d)


@dataclass(frozen=True)
class StatusChange:
    key: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class ScoreDelta:
    scope: str
    before: float | None
    after: float | None

    def __str__(self) -> str:
        delta = shown_delta(self.before, self.after)
        scope = _(N_("overall")) if self.scope == "overall" else self.scope
        text = _("{scope}: {before} → {after}").format(
            scope=scope, before=shown_score(self.before), after=shown_score(self.after)
        )
        return text + (f" ({delta})" if delta else "")


@dataclass(frozen=True)
class ProfileChanges:
    """What changed for one profile since the baseline."""

    profile: str
    checklists: list[Said] = field(default_factory=list)
    items_added: list[str] = field(default_factory=list)
    items_removed: list[str] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    scores: list[ScoreDelta] = field(default_factory=list)

    @property
    def newly_missed(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after == Status.missed.value]

    @property
    def newly_met(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after == Status.met.value]

    @property
    def other_changes(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after not in (Status.missed.value, Status.met.value)]

    def lines(self) -> list[str]:
        """The changes as plain text lines, for the terminal, in the language of ``--lang``."""
        out = [_("changes since the baseline for {profile}:").format(profile=self.profile)]
        out += [f"  {c.local()}" for c in self.checklists]
        if self.items_added:
            out.append("  " + _("items added: {items}").format(items=", ".join(self.items_added)))
        if self.items_removed:
            out.append("  " + _("items removed: {items}").format(items=", ".join(self.items_removed)))
        for label, changes in (
            (N_("newly missed: {key} {title} ({before} → {after})"), self.newly_missed),
            (N_("newly met: {key} {title} ({before} → {after})"), self.newly_met),
            (N_("status changed: {key} {title} ({before} → {after})"), self.other_changes),
        ):
            out += [
                "  "
                + _(label).format(key=c.key, title=c.title, before=status_label(c.before), after=status_label(c.after))
                for c in changes
            ]
        if not self.status_changes:
            out.append("  " + _("no item changed status"))
        out += ["  " + _("score {change}").format(change=s) for s in self.scores]
        return out


def diff(before: BaselineDoc, after: Assessment) -> ProfileChanges:
    """Compare one profile's baseline document with its current assessment."""
    old_lists = {c.id: c.version for c in before.checklists}
    new_lists = {c.id: c.version for c in after.checklists}
    checklists = []
    for cid, version in new_lists.items():
        if cid not in old_lists:
            checklists.append(Said(N_("checklist {id} added ({version})"), {"id": cid, "version": version}))
        elif old_lists[cid] != version:
            checklists.append(
                Said(
                    N_("checklist {id} changed {before} → {after}"),
                    {"id": cid, "before": old_lists[cid], "after": version},
                )
            )
    checklists += [
        Said(N_("checklist {id} removed ({version})"), {"id": cid, "version": v})
        for cid, v in old_lists.items()
        if cid not in new_lists
    ]
    old_items = {f"{i.checklist}/{i.id}": i for i in before.items}
    new_items = {f"{r.checklist}/{r.id}": r for r in after.items}
    changes = [
        StatusChange(key, r.title, old_items[key].status, r.status.value)
        for key, r in new_items.items()
        if key in old_items and old_items[key].status != r.status.value
    ]
    scores = [ScoreDelta("overall", before.overall.score, after.overall.score)]
    for approach, s in after.approaches.items():
        old = before.approaches.get(approach.value)
        scores.append(ScoreDelta(approach.value, old.score if old else None, s.score))
    scores += [
        ScoreDelta(name, s.score, None)
        for name, s in before.approaches.items()
        if name not in {a.value for a in after.approaches}
    ]
    return ProfileChanges(
        profile=after.profile.path,
        checklists=checklists,
        items_added=[k for k in new_items if k not in old_items],
        items_removed=[k for k in old_items if k not in new_items],
        status_changes=changes,
        scores=scores,
    )
