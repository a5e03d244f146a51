"""One programme over time: its assessments in date order and what moved between them.

A trend is built from result documents (:class:`~assess.core.result.Assessment`),
whether just evaluated from a profile or read back from ``check --format json``.
Consecutive assessments are compared with :func:`assess.core.baseline.diff`, so
items are matched by checklist and id, and across checklist versions through
the ids an item ``replaces``. Each comparison is a :class:`Movement`: scores
per approach before and after, items that improved, regressed, became known
or fell silent, and cautions raised or lifted. The trend document is its own
versioned JSON (``assess schema trend``); all its wording is in the reporters.

Two assessments belong to the same programme when their programme title and
country are the same, ignoring letter case and runs of spaces
(:func:`programme_key`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from assess.core.baseline import BaselineDoc, BaselineScore, Replacement, diff
from assess.core.checklist import Approach
from assess.core.movement import PortfolioMovement, ProgrammeMovement, ProgrammeRef, ScoreMove
from assess.core.result import Assessment, Score, Status, ToolInfo

if TYPE_CHECKING:  # core.portfolio holds a PortfolioMovement: imported there, not here
    from assess.core.portfolio import Portfolio, ProgrammeEntry

#: Bumped on any change a reader of the trend JSON could notice (major: breaking).
TREND_SCHEMA_VERSION = "1.0"

#: How far along an answered item is: a move up this scale is an improvement.
_RANK = {Status.missed: 0, Status.partial: 1, Status.met: 2}


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class InputKind(StrEnum):
    """What an assessment of the trend was read from."""

    profile = "profile"
    result = "result"


class Move(StrEnum):
    """How an item's result changed between two assessments."""

    improved = "improved"
    regressed = "regressed"
    became_known = "became_known"
    became_unknown = "became_unknown"


class ItemMove(_Doc):
    """One item whose result moved between two assessments."""

    id: str = Field(description="'checklist/item' in the later assessment.")
    title: str
    move: Move
    before: Status = Field(description="The result in the earlier assessment (for a merge, the best of them).")
    after: Status
    was: list[str] = Field(
        default_factory=list,
        description="'checklist/item' ids of the earlier items it replaces, when the checklist version "
        "changed and the item was matched through 'replaces'; empty when matched by its own id.",
    )


class CautionRef(_Doc):
    """A caution raised in one assessment and not in the other."""

    id: str
    title: str
    reason: str | None = Field(None, description="Why it is a caution for the programme, where the checklist says.")


class ChecklistMove(_Doc):
    """A checklist whose version changed (null: absent on that side)."""

    id: str
    before: str | None
    after: str | None


class Movement(_Doc):
    """What moved between two consecutive assessments."""

    before: dt.date
    after: dt.date
    checklists: list[ChecklistMove]
    scores: list[ScoreMove]
    items: list[ItemMove] = Field(description="Items that improved, regressed, became known or fell silent.")
    new_cautions: list[CautionRef]
    cautions_lifted: list[CautionRef]

    def moved(self, move: Move) -> list[ItemMove]:
        """The items that moved in one way, in the later assessment's order."""
        return [m for m in self.items if m.move is move]


class Point(_Doc):
    """One assessment of the series."""

    date: dt.date
    source: str = Field(description="The file it was read from, as given.")
    input: InputKind
    checklists: dict[str, str] = Field(description="Checklist id -> version.")
    overall: Score
    approaches: dict[Approach, Score]
    counts: dict[Status, int]
    cautions: list[str]


class Programme(_Doc):
    title: str
    country: str


class Trend(_Doc):
    """A programme's assessments in date order and the movement between each and the next."""

    schema_version: str = TREND_SCHEMA_VERSION
    tool: ToolInfo
    programme: Programme
    language: str
    assessments: list[Point]
    movements: list[Movement] = Field(description="One per consecutive pair: assessments[i] to assessments[i+1].")


def programme_key(title: str, country: str) -> tuple[str, str]:
    """How a programme is recognised across assessments: its title and country,
    ignoring letter case and runs of white space."""
    return (" ".join(title.split()).casefold(), " ".join(country.split()).casefold())


def as_baseline(a: Assessment) -> BaselineDoc:
    """An assessment seen as an earlier run, as :func:`~assess.core.baseline.diff` compares it."""
    return BaselineDoc.model_validate(a.model_dump(mode="json"))


def _status(value: str) -> Status:
    return Status(value)


def _classify(before: Status, after: Status) -> Move | None:
    if before is after:
        return None
    if before is Status.unknown and after in _RANK:
        return Move.became_known
    if after is Status.unknown and before in _RANK:
        return Move.became_unknown
    if before in _RANK and after in _RANK:
        return Move.improved if _RANK[after] > _RANK[before] else Move.regressed
    return None  # to or from not applicable or waived: not a movement of the programme


def _group_moves(group: Replacement) -> list[ItemMove]:
    """Each later item of a split, merge or renaming against the earlier item(s) it replaces."""
    befores = [_status(s.status) for s in group.before]
    was = [s.key for s in group.before]
    known = [s for s in befores if s in _RANK]
    # A merge is compared with the best of what it merges: it improved only if
    # it is now better than every part was, and regressed only if worse than every part.
    if known:
        best, worst = max(known, key=_RANK.__getitem__), min(known, key=_RANK.__getitem__)
    out = []
    for s in group.after:
        after = _status(s.status)
        move: Move | None = None
        if not known:
            move = Move.became_known if after in _RANK and Status.unknown in befores else None
            shown = Status.unknown
        elif after is Status.unknown:
            move, shown = Move.became_unknown, best
        elif after in _RANK:
            if _RANK[after] > _RANK[best]:
                move, shown = Move.improved, best
            elif _RANK[after] < _RANK[worst]:
                move, shown = Move.regressed, worst
        if move is not None:
            out.append(ItemMove(id=s.key, title=s.title, move=move, before=shown, after=after, was=was))
    return out


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 1)


def compare(before: Assessment, after: Assessment) -> Movement:
    """What moved from the assessment ``before`` to the later ``after``."""
    changes = diff(as_baseline(before), after)
    order = {f"{r.checklist}/{r.id}": n for n, r in enumerate(after.items)}
    moves = []
    for c in changes.status_changes:
        move = _classify(_status(c.before), _status(c.after))
        if move is not None:
            moves.append(ItemMove(id=c.key, title=c.title, move=move, before=c.before, after=c.after))
    for g in changes.replacements:
        moves += _group_moves(g)
    moves.sort(key=lambda m: order.get(m.id, len(order)))
    # A caution raised now counts as new unless the item it replaces was raised before.
    replaced_by: dict[str, set[str]] = {}
    for g in changes.replacements:
        for s in g.after:
            replaced_by.setdefault(s.key, set()).update(b.key for b in g.before)
    earlier = set(before.cautions)
    later = set(after.cautions)
    now_items = {f"{r.checklist}/{r.id}": r for r in after.items}
    then_items = {f"{r.checklist}/{r.id}": r for r in before.items}
    new = [
        CautionRef(id=k, title=now_items[k].title, reason=now_items[k].caution_reason)
        for k in after.cautions
        if k not in earlier and not (replaced_by.get(k, set()) & earlier)
    ]
    carried = {old for k in later for old in replaced_by.get(k, set())}
    lifted = [
        CautionRef(id=k, title=then_items[k].title, reason=then_items[k].caution_reason)
        for k in before.cautions
        if k not in later and k not in carried
    ]
    return Movement(
        before=_date(before),
        after=_date(after),
        checklists=[ChecklistMove(id=c.id, before=c.before, after=c.after) for c in changes.checklists],
        scores=[
            ScoreMove(scope=d.scope, before=d.before, after=d.after, change=_change(d.before, d.after))
            for d in changes.scores
        ],
        items=moves,
        new_cautions=new,
        cautions_lifted=lifted,
    )


def _date(a: Assessment) -> dt.date:
    if a.profile.assessment_date is None:
        raise ValueError(f"{a.profile.path} has no assessment date")  # the loader refuses these first
    return a.profile.assessment_date


def build_trend(series: Sequence[tuple[Assessment, str, InputKind]], tool_version: str, language: str) -> Trend:
    """The trend of ``series`` (assessment, source as given, what it was read from),
    which must all be of one programme and carry distinct assessment dates
    (the application checks both, with locations); ordered here by date."""
    ordered = sorted(series, key=lambda s: _date(s[0]))
    points = [
        Point(
            date=_date(a),
            source=source,
            input=kind,
            checklists={c.id: c.version for c in a.checklists},
            overall=a.overall,
            approaches=a.approaches,
            counts=a.counts,
            cautions=a.cautions,
        )
        for a, source, kind in ordered
    ]
    last = ordered[-1][0].profile
    return Trend(
        tool=ToolInfo(version=tool_version),
        programme=Programme(title=last.title, country=last.country),
        language=language,
        assessments=points,
        movements=[compare(ordered[n][0], ordered[n + 1][0]) for n in range(len(ordered) - 1)],
    )


# ---------------------------------------------------------------- portfolios


class _Lenient(BaseModel):
    # An earlier portfolio document is read for the parts compared only, so that
    # one of an older or newer minor version still works.
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False, defer_build=True)


class PreviousProgramme(_Lenient):
    path: str
    title: str
    country: str
    overall: BaselineScore
    approaches: dict[str, BaselineScore] = {}
    missed_synergies: list[str] = []
    cautions: list[str] = []


class PreviousPortfolio(_Lenient):
    """The parts of an earlier portfolio document (``portfolio --format json``) that are compared."""

    schema_version: str
    kind: str
    programmes: list[PreviousProgramme]


def _pair_programmes(
    before: Sequence[PreviousProgramme], after: Sequence[ProgrammeEntry]
) -> tuple[list[tuple[PreviousProgramme, ProgrammeEntry]], list[ProgrammeEntry], list[PreviousProgramme]]:
    """Programmes matched by :func:`programme_key`; where a key names several on a
    side, those are matched by profile path, and the rest are new or dropped."""
    by_key: dict[tuple[str, str], list[PreviousProgramme]] = {}
    for b in before:
        by_key.setdefault(programme_key(b.title, b.country), []).append(b)
    count = Counter(programme_key(e.title, e.country) for e in after)
    pairs, new = [], []
    for e in after:
        key = programme_key(e.title, e.country)
        candidates = by_key.get(key, [])
        match = None
        if len(candidates) == 1 and count[key] == 1:
            match = candidates[0]
        else:
            match = next((b for b in candidates if b.path == e.path), None)
        if match is None:
            new.append(e)
        else:
            candidates.remove(match)
            pairs.append((match, e))
    left = {id(c) for group in by_key.values() for c in group}
    dropped = [b for b in before if id(b) in left]
    return pairs, new, dropped


def compare_portfolios(before: PreviousPortfolio, after: Portfolio, shown: str) -> PortfolioMovement:
    """Each programme's movement from the portfolio ``before`` (the file ``shown``) to ``after``."""
    pairs, new, dropped = _pair_programmes(before.programmes, after.programmes)
    moves = []
    for b, e in pairs:
        scopes = [a for a in Approach if a in e.approaches or a.value in b.approaches]
        approaches = []
        for a in scopes:
            old = b.approaches.get(a.value)
            now = e.approaches.get(a)
            was, is_ = (old.score if old else None), (now.score if now else None)
            approaches.append(ScoreMove(scope=a.value, before=was, after=is_, change=_change(was, is_)))
        earlier_missed, earlier_cautions = set(b.missed_synergies), set(b.cautions)
        now_missed, now_cautions = set(e.missed_synergies), set(e.cautions)
        moves.append(
            ProgrammeMovement(
                title=e.title,
                country=e.country,
                path=e.path,
                previous_path=b.path,
                overall=ScoreMove(
                    scope="overall",
                    before=b.overall.score,
                    after=e.overall.score,
                    change=_change(b.overall.score, e.overall.score),
                ),
                approaches=approaches,
                newly_missed_synergies=[k for k in e.missed_synergies if k not in earlier_missed],
                synergies_no_longer_missed=[k for k in b.missed_synergies if k not in now_missed],
                new_cautions=[k for k in e.cautions if k not in earlier_cautions],
                cautions_lifted=[k for k in b.cautions if k not in now_cautions],
            )
        )
    return PortfolioMovement(
        previous=shown,
        programmes=moves,
        new=[ProgrammeRef(title=e.title, country=e.country, path=e.path) for e in new],
        dropped=[ProgrammeRef(title=b.title, country=b.country, path=b.path) for b in dropped],
    )
