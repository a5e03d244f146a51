"""The trend views: one programme over time, as text, Markdown or JSON.

All the wording of a trend is here (the HTML/PDF page takes its words from
this module too): the headings of each kind of movement, and the lines that
say a score or an item moved. Texts from files are made safe for their
output (terminal escapes shown as typed, Markdown neutralised).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections.abc import Callable, Iterator

from assess.core.baseline import ChecklistChange
from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.movement import PortfolioMovement
from assess.core.result import Score
from assess.core.trend import CautionRef, ItemMove, Move, Movement, Trend
from assess.errors import printable
from assess.i18n import N_, _, ngettext, percent
from assess.reporters import labels
from assess.reporters.markdown import cell

#: Each kind of movement as a heading, in the order the views list them.
MOVE_HEADINGS: dict[Move, str] = {
    Move.improved: N_("Improved"),
    Move.regressed: N_("Regressed"),
    Move.became_known: N_("Newly known"),
    Move.became_unknown: N_("No longer known"),
}
APPROACHES = frozenset(a.value for a in Approach)
NEW_CAUTIONS = N_("New cautions")
CAUTIONS_LIFTED = N_("Cautions no longer raised")


def scopes(trend: Trend) -> list[str]:
    """``overall``, then each approach any assessment scores, in the checklists' order."""
    present = {a for p in trend.assessments for a in p.approaches}
    return ["overall", *(a.value for a in Approach if a in present)]


def scope_title(scope: str) -> str:
    """A scope as a reader names it: 'Overall' or the approach's title."""
    return _("Overall") if scope == "overall" else _(APPROACH_TITLES[Approach(scope)])


def score_of(approaches: dict[Approach, Score], overall: Score, scope: str) -> Score | None:
    """The score of ``scope`` in one assessment (None: that assessment does not score it)."""
    return overall if scope == "overall" else approaches.get(Approach(scope))


def score_cell(s: Score | None) -> str:
    """'62.5 (50.0–75.0), coverage 80%' or 'n/a'; 'provisional' when it rests on under half its items."""
    if s is None:
        return _("not scored")
    text = labels.score(s.score)
    if s.low is not None and s.high is not None and s.score is not None and s.high > s.low:
        text += f" ({labels.score(s.low)}–{labels.score(s.high)})"
    text += ", " + _("coverage {percent}").format(percent=percent(s.coverage))
    if s.provisional:
        text += ", " + _("provisional")
    return text


def _shown(key: str, short: bool) -> str:
    # A page for readers names an item by its own id; the checklist's id is machinery.
    return key.split("/", 1)[-1] if short else key


def item_line(m: ItemMove, short: bool = False) -> str:
    """'good-governance/GOV-01 Title: missed → met', with the ids it replaces when
    matched across checklist versions; ``short``: item ids without the checklist."""
    text = _("{id} {title}: {before} → {after}").format(
        id=_shown(m.id, short), title=m.title, before=labels.status_word(m.before), after=labels.status_word(m.after)
    )
    if m.was:
        ids = ", ".join(_shown(k, short) for k in m.was)
        text += " " + _("(matched to {ids}, which it replaces)").format(ids=ids)
    return text


def caution_line(c: CautionRef, short: bool = False) -> str:
    """'good-governance/GOV-03 Title' with the reason when the checklist gives one."""
    return f"{_shown(c.id, short)} {c.title}" + (f" — {c.reason}" if c.reason else "")


def score_moves(m: Movement) -> list[str]:
    """'Overall: 40.0 → 52.5 (+12.5)', one per scope."""
    out = []
    for s in m.scores:
        if s.before is None and s.after is None:
            continue  # scored at neither date: nothing to say
        change = labels.delta(s.before, s.after)
        title = scope_title(s.scope) if s.scope == "overall" or s.scope in APPROACHES else s.scope
        text = _("{scope}: {before} → {after}").format(
            scope=title, before=labels.score(s.before), after=labels.score(s.after)
        )
        out.append(text + (f" ({change})" if change else ""))
    return out


def checklist_moves(m: Movement) -> list[str]:
    """A line per checklist whose version changed between the two assessments."""
    return [labels.checklist_change(ChecklistChange(c.id, c.before, c.after)) for c in m.checklists]


def sections(m: Movement, short: bool = False) -> Iterator[tuple[str, list[str]]]:
    """Each non-empty kind of movement: its heading and its lines."""
    for move, heading in MOVE_HEADINGS.items():
        lines = [item_line(i, short) for i in m.moved(move)]
        if lines:
            yield _(heading), lines
    if m.new_cautions:
        yield _(NEW_CAUTIONS), [caution_line(c, short) for c in m.new_cautions]
    if m.cautions_lifted:
        yield _(CAUTIONS_LIFTED), [caution_line(c, short) for c in m.cautions_lifted]


def period(m: Movement) -> str:
    """'From 2023-03-01 to 2024-03-01'."""
    return _("From {before} to {after}").format(before=m.before.isoformat(), after=m.after.isoformat())


def summary(trend: Trend, date: Callable[[dt.date], str] = dt.date.isoformat) -> str:
    """'3 assessments, from 2023-03-01 to 2025-03-01' (``date`` writes the dates)."""
    n = len(trend.assessments)
    first, last = trend.assessments[0].date, trend.assessments[-1].date
    return ngettext("{n} assessment, from {first} to {last}", "{n} assessments, from {first} to {last}", n).format(
        n=n, first=date(first), last=date(last)
    )


def render_text(trend: Trend, color: bool = False) -> str:
    """The trend for a terminal: the scores of each scope at each date, then
    what moved between each assessment and the next."""

    def bold(text: str) -> str:
        return f"\x1b[1m{text}\x1b[0m" if color else text

    p = trend.programme
    out = [bold(printable(f"{p.title} — {p.country}")), summary(trend), ""]
    out.append(bold(_("Scores over time (range if every unknown item were missed or met):")))
    for scope in scopes(trend):
        out.append("  " + scope_title(scope))
        for point in trend.assessments:
            s = score_of(point.approaches, point.overall, scope)
            out.append(f"    {point.date.isoformat()}  {score_cell(s)}")
    for m in trend.movements:
        out += ["", bold(period(m))]
        out += [f"  {line}" for line in checklist_moves(m)]
        out += [f"  {line}" for line in score_moves(m)]
        found = False
        for heading, lines in sections(m):
            found = True
            out.append("  " + _("{heading}:").format(heading=heading))
            for line in lines:
                out += textwrap.wrap(
                    printable(line), 96, initial_indent="    - ", subsequent_indent="      ", break_on_hyphens=False
                )
        if not found:
            out.append("  " + _("No item changed its result."))
    out += [
        "",
        _("Sources: {files}").format(files=", ".join(f"{x.source} ({x.date.isoformat()})" for x in trend.assessments)),
    ]
    # Each entry one line: a line break inside a title is shown escaped.
    return "".join(printable(line, keep_escape=color) + "\n" for line in out)


def render_markdown(trend: Trend) -> str:
    """The trend as Markdown: a table of scores (a column per date) and a
    section per movement."""
    p = trend.programme
    out = [f"# {cell(_('Trend: {title} — {country}').format(title=p.title, country=p.country))}", ""]
    out += [cell(summary(trend)), ""]
    dates = [x.date.isoformat() for x in trend.assessments]
    out.append("| " + " | ".join([_("Scope"), *dates]) + " |")
    out.append("| " + " | ".join(["---", *["---:"] * len(dates)]) + " |")
    for scope in scopes(trend):
        cells = [cell(score_cell(score_of(x.approaches, x.overall, scope))) for x in trend.assessments]
        out.append("| " + " | ".join([cell(scope_title(scope)), *cells]) + " |")
    out.append("")
    out.append(cell(_("Each score with the range every unknown item leaves open (all missed to all met).")))
    for m in trend.movements:
        out += ["", f"## {cell(period(m))}", ""]
        out += [f"- {cell(line)}" for line in checklist_moves(m)]
        out += [f"- {cell(line)}" for line in score_moves(m)]
        found = False
        for heading, lines in sections(m):
            found = True
            out += ["", f"### {cell(heading)}", ""]
            out += [f"- {cell(line)}" for line in lines]
        if not found:
            out += ["", cell(_("No item changed its result."))]
    return "\n".join(out) + "\n"


def render_json(trend: Trend) -> str:
    """The trend document (``assess schema trend``)."""
    return json.dumps(trend.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- portfolio movement

#: The portfolio movement table's columns, as each view heads them.
PORTFOLIO_MOVE_HEADS = (
    N_("Programme"),
    N_("Overall before"),
    N_("Overall now"),
    N_("Change"),
    N_("Synergies newly missed"),
    N_("Synergies no longer missed"),
    N_("New cautions"),
    N_("Cautions lifted"),
)


def portfolio_heading(mv: PortfolioMovement) -> str:
    """'Since the previous portfolio (previous.json)'."""
    return _("Since the previous portfolio ({file})").format(file=mv.previous)


def portfolio_rows(mv: PortfolioMovement) -> list[list[str]]:
    """One row per programme of both portfolios, in the PORTFOLIO_MOVE_HEADS order."""
    return [
        [
            f"{m.title} — {m.country}",
            labels.score(m.overall.before),
            labels.score(m.overall.after),
            labels.delta(m.overall.before, m.overall.after),
            str(len(m.newly_missed_synergies)),
            str(len(m.synergies_no_longer_missed)),
            str(len(m.new_cautions)),
            str(len(m.cautions_lifted)),
        ]
        for m in mv.programmes
    ]


def new_and_dropped(mv: PortfolioMovement) -> list[str]:
    """A line for the new programmes and one for the dropped ones, when there are any."""
    out = []
    if mv.new:
        out.append(
            _("New since the previous portfolio: {list}").format(
                list="; ".join(f"{r.title} — {r.country}" for r in mv.new)
            )
        )
    if mv.dropped:
        out.append(
            _("In the previous portfolio only (dropped): {list}").format(
                list="; ".join(f"{r.title} — {r.country}" for r in mv.dropped)
            )
        )
    if not mv.programmes:
        out.append(_("No programme is in both portfolios."))
    return out
