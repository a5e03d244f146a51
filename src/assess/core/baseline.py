"""Baselines as data: an earlier result document, paired with and compared to a run.

A baseline document is read leniently (:mod:`assess.loading.baseline`): only the
parts compared here, unknown keys ignored, so a document from an older or newer
minor ``schema_version`` still works. Items are matched by checklist id and item
id; a checklist whose version changed is a change, not an error. An item that
``replaces`` earlier ids (a split or a merge) is compared with the baseline's
entries for those ids: the change is a :class:`Replacement`, not an item
removed and others added, and the gates count the old item's miss as the
new items' own. What changed is
data (:class:`ProfileChanges`); :mod:`assess.reporters.labels` words it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assess.core.result import Assessment, Status

if TYPE_CHECKING:
    from assess.core.gates import BaselineMeasures


class _Lenient(BaseModel):
    # Python's json reads NaN and Infinity; a score never is one.
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False, defer_build=True)


class BaselineProfile(_Lenient):
    path: str
    title: str = ""


class BaselineChecklist(_Lenient):
    id: str
    version: str


class BaselineEvidence(_Lenient):
    share: float | None = None


class BaselineScore(_Lenient):
    score: float | None
    coverage: float
    answered: int
    applicable: int
    # EVIDENCE (issue 18): absent before 1.5 and where the profile said nothing of its sources.
    evidence: BaselineEvidence | None = None


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

    def measures(self, after: Assessment | None = None) -> BaselineMeasures:
        """What the gates compare against.

        With ``after`` (the current run), an item that replaces a baseline item
        missed there counts as missed in the baseline too: a split of a missed
        synergy is not a new miss."""
        from assess.core.gates import BaselineMeasures  # only a gated check needs it (not a portfolio)

        o = self.overall
        missed = {f"{i.checklist}/{i.id}" for i in self.items if i.status == Status.missed.value}
        synergies = {k for k in self.missed_synergies if k in missed}
        if after is not None:
            for old, new in _links(self, after):
                if old in missed:
                    synergies.add(new)
        return BaselineMeasures(
            overall=o.score,
            approaches={k: v.score for k, v in self.approaches.items()},
            unknown_percent=100.0 * (o.applicable - o.answered) / o.applicable if o.applicable else 0.0,
            missed_synergies=frozenset(synergies),
            evidence_percent=None if o.evidence is None or o.evidence.share is None else 100.0 * o.evidence.share,
        )


def _links(before: BaselineDoc, after: Assessment) -> list[tuple[str, str]]:
    """(baseline key, current key) of each current item that replaces an item of the
    baseline, where the baseline lacks the current item itself."""
    old = {f"{i.checklist}/{i.id}" for i in before.items}
    out = []
    for r in after.items:
        key = f"{r.checklist}/{r.id}"
        if key in old:
            continue
        out += [(f"{r.checklist}/{x}", key) for x in r.replaces if f"{r.checklist}/{x}" in old]
    return out


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


@dataclass(frozen=True)
class ChecklistChange:
    """A checklist added (``before`` None), removed (``after`` None) or at another version."""

    id: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class StatusChange:
    """An item whose status value changed (values as written, maybe from another version)."""

    key: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class ItemState:
    """One item on one side of a replacement: its key, title and status value."""

    key: str
    title: str
    status: str


@dataclass(frozen=True)
class Replacement:
    """Baseline items replaced by current ones: a split (one ``before``, several
    ``after``), a merge (several ``before``, one ``after``) or a renaming (one each)."""

    before: list[ItemState]
    after: list[ItemState]

    @property
    def is_split(self) -> bool:
        return len(self.before) == 1 and len(self.after) > 1

    @property
    def is_merge(self) -> bool:
        return len(self.before) > 1 and len(self.after) == 1


@dataclass(frozen=True)
class ScoreDelta:
    """A score before and now; ``scope`` is ``overall`` or an approach value."""

    scope: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class ProfileChanges:
    """What changed for one profile since the baseline."""

    profile: str
    checklists: list[ChecklistChange] = field(default_factory=list)
    items_added: list[str] = field(default_factory=list)
    items_removed: list[str] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    scores: list[ScoreDelta] = field(default_factory=list)
    #: Baseline items split or merged into current ones, in the current items' order.
    replacements: list[Replacement] = field(default_factory=list)

    @property
    def newly_missed(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after == Status.missed.value]

    @property
    def newly_met(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after == Status.met.value]

    @property
    def other_changes(self) -> list[StatusChange]:
        return [c for c in self.status_changes if c.after not in (Status.missed.value, Status.met.value)]


def _checklist_changes(before: BaselineDoc, after: Assessment) -> list[ChecklistChange]:
    old = {c.id: c.version for c in before.checklists}
    new = {c.id: c.version for c in after.checklists}
    out = [ChecklistChange(cid, old.get(cid), version) for cid, version in new.items() if old.get(cid) != version]
    return out + [ChecklistChange(cid, version, None) for cid, version in old.items() if cid not in new]


def _score_deltas(before: BaselineDoc, after: Assessment) -> list[ScoreDelta]:
    out = [ScoreDelta("overall", before.overall.score, after.overall.score)]
    for approach, s in after.approaches.items():
        old = before.approaches.get(approach.value)
        out.append(ScoreDelta(approach.value, old.score if old else None, s.score))
    now = {a.value for a in after.approaches}
    return out + [ScoreDelta(name, s.score, None) for name, s in before.approaches.items() if name not in now]


def _replacements(before: BaselineDoc, after: Assessment) -> list[Replacement]:
    """The baseline's items grouped with the current items that replace them.

    Groups are the connected parts of the old-to-new links; a checklist that
    loads makes each a split, a merge or a renaming (see
    :func:`assess.core.checklist.replaces_problems`)."""
    links = _links(before, after)
    if not links:
        return []
    # Union-find over keys: each link joins an old key and a new one.
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for old, new in links:
        parent[root(old)] = root(new)
    old_items = {f"{i.checklist}/{i.id}": i for i in before.items}
    groups: dict[str, Replacement] = {}
    for r in after.items:  # the current order decides the order of groups and of their parts
        key = f"{r.checklist}/{r.id}"
        if key in parent:
            group = groups.setdefault(root(key), Replacement([], []))
            group.after.append(ItemState(key, r.title, r.status.value))
    for key, i in old_items.items():
        if key in parent:
            groups[root(key)].before.append(ItemState(key, i.title, i.status))
    return list(groups.values())


def diff(before: BaselineDoc, after: Assessment) -> ProfileChanges:
    """Compare one profile's baseline document with its current assessment."""
    old_items = {f"{i.checklist}/{i.id}": i for i in before.items}
    new_items = {f"{r.checklist}/{r.id}": r for r in after.items}
    changes = [
        StatusChange(key, r.title, old_items[key].status, r.status.value)
        for key, r in new_items.items()
        if key in old_items and old_items[key].status != r.status.value
    ]
    replacements = _replacements(before, after)
    replaced = {s.key for g in replacements for s in (*g.before, *g.after)}
    return ProfileChanges(
        profile=after.profile.path,
        checklists=_checklist_changes(before, after),
        items_added=[k for k in new_items if k not in old_items and k not in replaced],
        items_removed=[k for k in old_items if k not in new_items and k not in replaced],
        status_changes=changes,
        scores=_score_deltas(before, after),
        replacements=replacements,
    )
