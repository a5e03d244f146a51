"""Every status, score, delta, gate and baseline-change word the outputs say, once.

The core judges and compares (:mod:`assess.core.gates`, :mod:`assess.core.baseline`)
and returns figures; this module says them. Words are English catalogue msgids,
translated when said into the language of ``--lang`` (:mod:`assess.i18n`).
Functions that take ``english=True`` say the same thing in English whatever the
language, with English numbers: the machine formats (JUnit, SARIF, GitHub
workflow commands) are read by tools and by people searching logs, so they stay
English.

Outputs word a status differently, and each keeps its words: see
:data:`STATUS_WORDS`, one table with a column per way of saying it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from assess.core.baseline import ChecklistChange, ItemState, ProfileChanges, Replacement, ScoreDelta, StatusChange
from assess.core.checklist import Approach
from assess.core.gates import (
    EvidenceGateResult,
    GateResult,
    GateSyntax,
    GateSyntaxError,
    OverdueGateResult,
    Regression,
    ScoreGateResult,
    SynergyGateResult,
    UnknownGateResult,
)
from assess.core.result import ItemResult, PlanState, Score, Status
from assess.i18n import N_, _, decimal, language, ngettext, number, percent


def _english(message: str) -> str:
    return message


def _say(english: bool) -> Callable[[str], str]:
    """How to say a msgid: as it is (English), or translated."""
    return _english if english else _


# ---------------------------------------------------------------- statuses


@dataclass(frozen=True)
class StatusWords:
    """One status as each kind of output words it."""

    #: Lower case, in running text: baseline changes, the Markdown counts.
    word: str
    #: A table cell (Markdown): short, "n/a" for not applicable.
    mark: str
    #: The terminal's status column: "MISSED" stands out, "n/a" is short.
    terminal: str
    #: The HTML/PDF report's badges and counts: capitalised.
    title: str


#: The one status table. Outputs that always said a status differently keep
#: their words, as a column each.
STATUS_WORDS: dict[Status, StatusWords] = {
    Status.met: StatusWords(N_("met"), N_("met"), N_("met"), N_("Met")),
    Status.partial: StatusWords(N_("partial"), N_("partial"), N_("partial"), N_("Partial")),
    Status.missed: StatusWords(N_("missed"), N_("missed"), N_("MISSED"), N_("Missed")),
    Status.not_applicable: StatusWords(N_("not applicable"), N_("n/a"), N_("n/a"), N_("Not applicable")),
    Status.unknown: StatusWords(N_("unknown"), N_("unknown"), N_("unknown"), N_("Unknown")),
    Status.waived: StatusWords(N_("waived"), N_("waived"), N_("waived"), N_("Waived")),
}

#: The order the HTML/PDF report counts statuses in (gaps before exclusions).
REPORT_STATUS_ORDER: tuple[Status, ...] = (
    Status.met,
    Status.partial,
    Status.missed,
    Status.unknown,
    Status.not_applicable,
    Status.waived,
)

_BY_VALUE = {s.value: s for s in Status}

StatusVariant = Literal["word", "mark", "terminal", "title"]


def status_word(status: Status, variant: StatusVariant = "word") -> str:
    """``status`` as the ``variant`` column of :data:`STATUS_WORDS` says it, in the language of ``--lang``."""
    words: str = getattr(STATUS_WORDS[status], variant)
    return _(words)


def status_value(value: str) -> str:
    """A status value as written in a result document (maybe another version's):
    in English the value itself ('not_applicable'), else its word translated."""
    status = _BY_VALUE.get(value)
    if language() == "en" or status is None:
        return value
    return status_word(status)


# ---------------------------------------------------------------- scores


def score(value: float | None, *, english: bool = False) -> str:
    """A score: '62.5' ('62,5' in French), or 'n/a' when it is not a number."""
    if value is None:
        return "n/a" if english else _("n/a")
    return decimal(value, 1, "en" if english else None)


def marked_provisional(s: Score | None) -> bool:
    """Whether a view marks ``s`` provisional: it rests on under half of its
    applicable items and has a score to mark (n/a needs no mark)."""
    return s is not None and s.provisional and s.score is not None


def score_line(s: Score) -> str:
    """'62.5/100, coverage 80% (12 of 15 answered)', and the evidence strength where
    the profile says how its answers are known; a score resting on under half
    of its items says it is provisional ('100.0/100 (provisional), coverage 6% ...'),
    as the report does, so that it is not read as settled."""
    value = score(s.score) if s.score is None else f"{score(s.score)}/100"
    if marked_provisional(s):
        value = _("{score} (provisional)").format(score=value)
    line = _("{score}, coverage {coverage} ({answered} of {applicable} answered)").format(
        score=value, coverage=percent(s.coverage), answered=s.answered, applicable=s.applicable
    )
    evidence = evidence_words(s)
    return line if evidence is None else _("{line}, {evidence}").format(line=line, evidence=evidence)


# ---------------------------------------------------------------- evidence strength (EVIDENCE, issue 18)


def evidence_value(s: Score) -> str | None:
    """'25%' (the share of answered facts backed), 'n/a', or None when not worked out."""
    e = s.evidence
    if e is None:
        return None
    return _("n/a") if e.share is None else percent(e.share)


def evidence_words(s: Score) -> str | None:
    """'evidence strength 25% (1 of 4 answered facts backed; 2 stale)', or None when the
    profile says nothing of how its answers are known."""
    e = s.evidence
    if e is None:
        return None
    if e.share is None:
        return _("evidence strength n/a (no answered fact)")
    text = ngettext(
        "evidence strength {percent} ({backed} of {answered} answered fact backed by a document or several respondents",
        "evidence strength {percent} ({backed} of {answered} answered facts backed by a document or several "
        "respondents",
        e.answered,
    ).format(percent=percent(e.share), backed=e.backed, answered=e.answered)
    if e.stale:
        text += ngettext("; {count} stale", "; {count} stale", e.stale).format(count=e.stale)
    return text + ")"


def stale_heading(days: int, day: str) -> str:
    """The heading of the stale answers: 'Stale answers (source over 730 days old on 2026-12-01):'."""
    return ngettext(
        "Stale answers (source over {days} day old on {date}):",
        "Stale answers (source over {days} days old on {date}):",
        days,
    ).format(days=days, date=day)


def delta(before: float | None, after: float | None) -> str:
    """The signed change of a score, '+2.5', or '' when either is n/a."""
    if before is None or after is None:
        return ""
    d = after - before
    if language() == "en":
        return f"{d:+.1f}"
    return ("+" if d >= 0 else "") + decimal(d)


def problem_location(path: str, line: int | None, column: int | None) -> str:
    """Where a profile that could not be assessed went wrong: 'a.yaml:3:1', or the path alone."""
    return path + (f":{line}:{column or 1}" if line is not None else "")


# ---------------------------------------------------------------- items


def skip_reason(r: ItemResult, *, english: bool = False) -> str:
    """Why an item is not scored: not applicable, unknown, or waived (with the waiver)."""
    say = _say(english)
    if r.status is Status.waived and r.waiver is not None:
        date = r.waiver.expires.isoformat()
        if r.waiver.approver:
            return say(N_("waived until {date} by {approver}: {justification}")).format(
                date=date, approver=r.waiver.approver, justification=r.waiver.justification
            )
        return say(N_("waived until {date}: {justification}")).format(date=date, justification=r.waiver.justification)
    if r.status is Status.not_applicable:
        return say(N_("not applicable: {criterion}")).format(criterion=r.criterion)
    return say(N_("unknown: {criterion}")).format(criterion=r.criterion)


# ---------------------------------------------------------------- gates


def _pct(x: float, english: bool, digits: int | None = 1) -> str:
    lang = "en" if english else None
    shown = number(x, lang) if digits is None else decimal(x, digits, lang)
    return _say(english)(N_("{number}%")).format(number=shown)


def _measure(g: ScoreGateResult, english: bool) -> str:
    say = _say(english)
    if g.approach is None:
        return say(N_("overall score"))
    if g.scored:
        return say(N_("{approach} score")).format(approach=g.approach.value)
    return say(N_("{approach} (no items in the checklists run):")).format(approach=g.approach.value)


_SYNERGY_THRESHOLD = {
    "any": N_("no missed synergy"),
    "medium": N_("no missed synergy of priority medium or high"),
    "high": N_("no missed synergy of priority high"),
}


def gate_threshold(g: GateResult, *, english: bool = False) -> str:
    """What the gate holds the profile to: '60', 'no missed synergy', '10%'."""
    if isinstance(g, ScoreGateResult):
        return number(g.threshold, "en" if english else None)
    if isinstance(g, SynergyGateResult):
        return _say(english)(_SYNERGY_THRESHOLD[g.level])
    if isinstance(g, OverdueGateResult):
        return _say(english)(N_("no overdue action"))
    if isinstance(g, EvidenceGateResult):
        return _pct(g.limit, english, None)
    assert isinstance(g, UnknownGateResult)
    return _pct(g.limit, english, None)


def gate_value(g: GateResult, *, english: bool = False) -> str:
    """The measure found: 'overall score 55.0', '2 missed synergies (a/1, b/2)'."""
    say = _say(english)
    if isinstance(g, ScoreGateResult):
        return say(N_("{measure} {score}")).format(measure=_measure(g, english), score=score(g.score, english=english))
    if isinstance(g, SynergyGateResult):
        n, keys = len(g.missed), ", ".join(g.missed)
        if n == 0:
            return say(N_("0 missed synergies"))
        if n == 1:
            return say(N_("1 missed synergy ({keys})")).format(keys=keys)
        return say(N_("{count} missed synergies ({keys})")).format(count=n, keys=keys)
    if isinstance(g, OverdueGateResult):
        return overdue_value(g, english=english)
    if isinstance(g, EvidenceGateResult):
        if g.percent is None:
            return say(N_("evidence strength n/a (no answer says how it is known)"))
        return say(N_("evidence strength {percent}")).format(percent=_pct(g.percent, english))
    assert isinstance(g, UnknownGateResult)
    return say(N_("{percent} of applicable items unknown")).format(percent=_pct(g.percent, english))


def overdue_value(g: OverdueGateResult, *, english: bool = False) -> str:
    """'2 overdue actions (A1, A2)', or 'no action plan' for a profile given none."""
    say = _say(english)
    n, ids = len(g.overdue), ", ".join(g.overdue)
    if not g.has_plan:
        return say(N_("no action plan"))
    if n == 0:
        return say(N_("0 overdue actions"))
    if n == 1:
        return say(N_("1 overdue action ({ids})")).format(ids=ids)
    return say(N_("{count} overdue actions ({ids})")).format(count=n, ids=ids)


def gate_note(g: GateResult, *, english: bool = False) -> str:
    """How the baseline entered the verdict, or '' when it did not."""
    say = _say(english)
    worse = g.regression is Regression.worse
    if g.regression is Regression.unjudged:
        return ""
    if isinstance(g, ScoreGateResult):
        before = score(g.baseline_score, english=english)
        template = N_("{score} in the baseline") if worse else N_("not worse than the baseline's {score}")
        return say(template).format(score=before)
    if isinstance(g, SynergyGateResult):
        if worse:
            return say(N_("newly missed: {keys}")).format(keys=", ".join(g.newly_missed))
        return say(N_("all were missed in the baseline too"))
    if isinstance(g, EvidenceGateResult) and g.baseline_percent is not None:
        template = N_("{percent} in the baseline") if worse else N_("not worse than the baseline's {percent}")
        return say(template).format(percent=_pct(g.baseline_percent, english))
    assert isinstance(g, UnknownGateResult) and g.baseline_percent is not None
    template = N_("{percent} in the baseline") if worse else N_("not worse than the baseline's {percent}")
    return say(template).format(percent=_pct(g.baseline_percent, english))


def gate_line(g: GateResult, *, english: bool = False) -> str:
    """The verdict line: 'gate failed: --fail-under 60: a.yaml: overall score 55.0; threshold: 60'."""
    say = _say(english)
    template = (
        N_("gate passed: {gate}: {profile}: {value}; threshold: {threshold}{note}")
        if g.passed
        else N_("gate failed: {gate}: {profile}: {value}; threshold: {threshold}{note}")
    )
    note = gate_note(g, english=english)
    return say(template).format(
        gate=g.gate,
        profile=g.profile,
        value=gate_value(g, english=english),
        threshold=gate_threshold(g, english=english),
        note=say(N_(" ({note})")).format(note=note) if note else "",
    )


def portfolio_gate_line(threshold: float, path: str, title: str, value: float | None) -> str:
    """A programme of a portfolio below ``--fail-under``: 'gate failed: --fail-under 60: a.yaml (A) scores 55.0'."""
    return _("gate failed: --fail-under {threshold}: {path} ({title}) scores {score}").format(
        threshold=f"{threshold:g}", path=path, title=title, score=score(value)
    )


def portfolio_evidence_gate_line(threshold: float, path: str, title: str, share: float | None) -> str:
    """EVIDENCE (issue 18): a programme under ``--min-evidence``:
    'gate failed: --min-evidence 50: a.yaml (A): evidence strength 37.5%'."""
    value = (
        _("evidence strength n/a (no answer says how it is known)")
        if share is None
        else _("evidence strength {percent}").format(percent=_pct(100.0 * share, False))
    )
    return _("gate failed: --min-evidence {threshold}: {path} ({title}): {value}").format(
        threshold=f"{threshold:g}", path=path, title=title, value=value
    )


def gate_verdict(passed: bool) -> str:
    """'passed' or 'FAILED', for a table of gates."""
    return _("passed") if passed else _("FAILED")


def gate_syntax_message(e: GateSyntaxError) -> str:
    """Why an ``--fail-under-approach`` value cannot be read (English, as click's own messages)."""
    known = ", ".join(a.value for a in Approach)
    if e.reason is GateSyntax.not_a_pair:
        return f"'{e.text}' is not APPROACH=N (e.g. good_governance=60); approaches are: {known}"
    if e.reason is GateSyntax.unknown_approach:
        return f"'{e.part}' is not an approach; approaches are: {known}"
    if e.reason is GateSyntax.not_a_number:
        return f"'{e.part}' in '{e.text}' is not a number from 0 to 100"
    return f"{e.value:g} in '{e.text}' is not a number from 0 to 100"


# ---------------------------------------------------------------- changes since a baseline


def checklist_change(c: ChecklistChange) -> str:
    """'checklist ssr-ma added (1.2)', '... changed 1.1 → 1.2', '... removed (1.1)'."""
    if c.before is None:
        return _("checklist {id} added ({version})").format(id=c.id, version=c.after)
    if c.after is None:
        return _("checklist {id} removed ({version})").format(id=c.id, version=c.before)
    return _("checklist {id} changed {before} → {after}").format(id=c.id, before=c.before, after=c.after)


def items_added(keys: Iterable[str]) -> str:
    return _("items added: {items}").format(items=", ".join(keys))


def items_removed(keys: Iterable[str]) -> str:
    return _("items removed: {items}").format(items=", ".join(keys))


def no_status_change() -> str:
    return _("no item changed status")


def status_change(c: StatusChange, key: str | None = None, title: str | None = None) -> str:
    """'newly missed: gov/GOV-01 Oversight (met → missed)'; ``key`` and ``title``
    replace the change's own (escaped for Markdown, say)."""
    if c.after == Status.missed.value:
        template = N_("newly missed: {key} {title} ({before} → {after})")
    elif c.after == Status.met.value:
        template = N_("newly met: {key} {title} ({before} → {after})")
    else:
        template = N_("status changed: {key} {title} ({before} → {after})")
    return _(template).format(
        key=c.key if key is None else key,
        title=c.title if title is None else title,
        before=status_value(c.before),
        after=status_value(c.after),
    )


def _same(text: str) -> str:
    return text


def replacement(g: Replacement, key: Callable[[str], str] = _same, title: Callable[[str], str] = _same) -> str:
    """'split: c/LNK-09 Old (missed) → c/LNK-09A A (met), c/LNK-09B B (missed)';
    ``key`` and ``title`` prepare keys and titles for the output (Markdown code, say)."""

    def one(s: ItemState) -> str:
        return _("{key} {title} ({status})").format(key=key(s.key), title=title(s.title), status=status_value(s.status))

    if g.is_split:
        template = N_("split: {before} → {after}")
    elif g.is_merge:
        template = N_("merged: {before} → {after}")
    else:
        template = N_("replaced: {before} → {after}")
    return _(template).format(before=", ".join(one(s) for s in g.before), after=", ".join(one(s) for s in g.after))


def status_changes_in_order(c: ProfileChanges) -> list[StatusChange]:
    """Status changes as shown: newly missed, then newly met, then the others."""
    return [*c.newly_missed, *c.newly_met, *c.other_changes]


def scope_word(scope: str) -> str:
    """'overall' (translated), or an approach's value as it is."""
    return _(N_("overall")) if scope == "overall" else scope


def score_change(d: ScoreDelta) -> str:
    """'overall: 50.0 → 62.5 (+12.5)'."""
    change = delta(d.before, d.after)
    text = _("{scope}: {before} → {after}").format(
        scope=scope_word(d.scope), before=score(d.before), after=score(d.after)
    )
    return text + (f" ({change})" if change else "")


def change_lines(changes: ProfileChanges) -> list[str]:
    """The changes as plain text lines, for the terminal, in the language of ``--lang``."""
    out = [_("changes since the baseline for {profile}:").format(profile=changes.profile)]
    out += [f"  {checklist_change(c)}" for c in changes.checklists]
    if changes.items_added:
        out.append("  " + items_added(changes.items_added))
    if changes.items_removed:
        out.append("  " + items_removed(changes.items_removed))
    out += ["  " + replacement(g) for g in changes.replacements]
    out += ["  " + status_change(c) for c in status_changes_in_order(changes)]
    if not changes.status_changes and not changes.replacements:
        out.append("  " + no_status_change())
    out += ["  " + _("score {change}").format(change=score_change(s)) for s in changes.scores]
    return out


# ---------------------------------------------------------------- action plans (PLANS)

#: An action's status as the outputs say it (a table head, a report's count).
ACTION_STATUS_LABEL: dict[str, str] = {
    "planned": N_("Planned"),
    "under_way": N_("Under way"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
}


def plan_lines(plan: PlanState) -> list[str]:
    """Where an action plan stands, in a few lines: the heading, the counts, then
    what is overdue, done while the assessment still finds the gap open, and the
    key gaps no action closes (each line only when there is something to say)."""
    counts = ", ".join(f"{_(ACTION_STATUS_LABEL[s]).lower()} {plan.counts.get(s, 0)}" for s in ACTION_STATUS_LABEL)
    out = [
        _("Action plan {file} (judged on {date}): {counts}.").format(
            file=plan.file, date=plan.judged_on.isoformat(), counts=counts
        )
    ]
    by_id = {x.id: x for x in plan.actions}
    if plan.overdue:
        shown = ", ".join(f"{i} ({due.isoformat()})" if (due := by_id[i].due) is not None else i for i in plan.overdue)
        out.append(_("  Overdue: {actions}").format(actions=shown))
    for i in plan.done_but_open:
        x = by_id[i]
        items = ", ".join(f"{k} {status_word(Status(x.item_status[k]))}" for k in x.still_open if k in x.item_status)
        out.append(_("  Done, but the assessment still finds it open: {id}: {items}").format(id=i, items=items))
    if plan.gaps_without_action:
        out.append(_("  Key gaps without an action: {keys}").format(keys=", ".join(plan.gaps_without_action)))
    unknown_owners = [x for x in plan.actions if not x.owner_is_actor]
    if unknown_owners:
        shown = ", ".join(f"{x.id} ({x.owner})" for x in unknown_owners)
        out.append(_("  Owners who are none of the profile's actors: {actions}").format(actions=shown))
    return out
