"""Views of a portfolio: text, json, csv and markdown.

``PORTFOLIO_REPORTER_BY_NAME`` maps a ``--format`` name to a function that
turns a :class:`~assess.core.portfolio.Portfolio` into text. Each is a view of
the same document; the JSON is the document itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from enum import StrEnum

from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.movement import ProgrammeMovement, ProgrammeRef
from assess.core.portfolio import CrossTab, MandateRow, Portfolio, ProblemRecord, ProgrammeEntry, ProgrammePlan
from assess.core.result import Score
from assess.core.tailoring_record import TailoringRecord
from assess.errors import printable
from assess.i18n import N_, _, decimal, ngettext, percent
from assess.reporters.labels import marked_provisional, problem_location, score
from assess.reporters.markdown import cell, code
from assess.reporters.portfolio_json import render_json

PortfolioReporter = Callable[[Portfolio, bool], str]

#: Short column heads for the approaches, in report order.
APPROACH_SHORT: dict[Approach, str] = {
    Approach.national_ownership: N_("Ownership"),
    Approach.good_governance: N_("Governance"),
    Approach.people_centred: N_("People"),
    Approach.gender_diversity: N_("Gender"),
    Approach.operational_linkage: N_("Linkage"),
}

#: The mandate overview's columns, as in the paper's Table 1.
MANDATE_COLUMNS: list[tuple[str, str]] = [
    ("missions", N_("Number of missions")),
    ("chapter_vi", N_("Chapter VI UN Charter")),
    ("chapter_vii", N_("Chapter VII UN Charter")),
    ("ssr_explicit", N_("SSR explicit")),
    ("ssr_implicit", N_("SSR implicit")),
    ("mine_action_explicit", N_("Mine action explicit")),
    ("mine_action_implicit", N_("Mine action implicit")),
    ("ssr_and_mine_action", N_("SSR and mine action")),
]
MANDATE_SHORT = ["Missions", "Ch. VI", "Ch. VII", "SSR expl.", "SSR impl.", "MA expl.", "MA impl.", "SSR + MA"]
#: The same, in the text view (translated there).
MANDATE_SHORT_TEXT = [
    N_("Missions"),
    N_("Ch. VI"),
    N_("Ch. VII"),
    N_("SSR expl."),
    N_("SSR impl."),
    N_("MA expl."),
    N_("MA impl."),
    N_("SSR + MA"),
]


def _approaches(p: Portfolio) -> list[Approach]:
    return [a for a in Approach if a in p.approaches]


def _text_score(s: Score | None) -> str:
    return score(s.score if s is not None else None)


def _ranked_score(s: Score | None, marks: bool) -> str:
    """A score in the ranking, marked * when provisional (as on the PDF page);
    with ``marks`` (some score in the table is), the others get a space in
    its place so that the figures stay aligned."""
    if not marks:
        return _text_score(s)
    return _text_score(s) + ("*" if marked_provisional(s) else " ")


def _any_provisional(p: Portfolio, approaches: Sequence[Approach]) -> bool:
    return any(
        marked_provisional(s) for e in p.programmes for s in (e.overall, *(e.approaches.get(a) for a in approaches))
    )


def _text_coverage(s: Score | None) -> str:
    return "" if s is None else percent(s.coverage)


def _text_evidence(s: Score | None) -> str:
    """EVIDENCE (issue 18): a score's evidence strength ('25%'), '' when not worked out."""
    e = None if s is None else s.evidence
    if e is None:
        return ""
    return _("n/a") if e.share is None else percent(e.share)


def _with_evidence(p: Portfolio) -> bool:
    """True when some programme says how its answers are known: the views add a column."""
    return any(e.overall.evidence is not None for e in p.programmes)


def _text_headline(p: Portfolio) -> str:
    lists = ", ".join(f"{c.id} {c.version}" for c in p.checklists)
    n = len(p.programmes)
    headline = ngettext(
        "Portfolio of {count} programme (checklists: {lists})",
        "Portfolio of {count} programmes (checklists: {lists})",
        n,
    )
    return headline.format(count=n, lists=lists)


def _mandate_cells(row: MandateRow) -> list[str]:
    return [str(getattr(row, name)) for name, _ in MANDATE_COLUMNS]


# ---------------------------------------------------------------- text


def _table(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.rjust(w) if right[i] else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        out.append("  " + "  ".join(cells).rstrip())
    return out


def _bold(text: str, color: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if color else text


def _programme_name(e: ProgrammeEntry) -> str:
    return f"{e.title} — {e.country}"


def _where(pr: ProblemRecord) -> str:
    return problem_location(pr.path, pr.line, pr.column)


def _text_ranking(p: Portfolio, approaches: Sequence[Approach], color: bool) -> list[str]:
    out = [_bold(_("Programmes, best overall score first (score, coverage):"), color)]
    evidence = _with_evidence(p)
    # --- TAILORING --- with a tailoring, the untailored score beside the tailored one
    base = [_("Untailored")] if p.tailoring is not None else []
    head = [_("Rank"), _("Overall"), _("Cover"), *base, *(_(APPROACH_SHORT[a]) for a in approaches), _("Programme")]
    if evidence:
        head.insert(3, _("Evidence"))
    rows = [head]
    marks = _any_provisional(p, approaches)
    for e in p.programmes:
        row = [
            str(e.rank),
            _ranked_score(e.overall, marks),
            _text_coverage(e.overall),
            *([_text_score(e.overall_base)] if base else []),
            *(_ranked_score(e.approaches.get(a), marks) for a in approaches),
            printable(f"{_programme_name(e)}  [{e.path}]"),
        ]
        if evidence:
            row.insert(3, _text_evidence(e.overall))
        rows.append(row)
    table = _table(
        rows,
        [True, True, True, *([True] if evidence else []), *(True for _ in base), *(True for _ in approaches), False],
    )
    if marks:
        table.append("  " + _("A score marked * is provisional: it rests on under half of the applicable items."))
    return out + table


def _tailoring_lines(p: Portfolio) -> list[str]:
    if p.tailoring is None:
        return []
    from assess.reporters.tailoring import chain_line, heading

    chain = chain_line(p.tailoring)
    return [
        heading(p.tailoring),
        *([chain] if chain else []),
        _("Untailored: the overall score on the checklists without the tailoring, comparable with other portfolios."),
        "",
    ]


def _text_approaches(p: Portfolio, approaches: Sequence[Approach], color: bool) -> list[str]:
    if not approaches:
        return []
    heading = _("Approaches across the portfolio (mean score, lowest-highest, mean coverage):")
    out = ["", _bold(heading, color)]
    for a in approaches:
        s = p.approaches[a]
        spread = "" if s.lowest_score is None else f" ({decimal(s.lowest_score)}-{decimal(s.highest_score or 0)})"
        cover = "" if s.mean_coverage is None else _(", coverage {percent}").format(percent=percent(s.mean_coverage))
        line = _("{approach}: {mean}{spread}{cover}; {count} scored").format(
            approach=_(APPROACH_TITLES[a]),
            mean=score(s.mean_score),
            spread=spread,
            cover=cover,
            count=s.programmes_scored,
        )
        out.append(f"  {line}")
    return out


def _text_synergies(p: Portfolio, color: bool) -> list[str]:
    missed = [g for g in p.synergies if g.missed + g.partial]
    out = ["", _bold(_("Synergies missed most often:"), color)]
    if not missed:
        out.append("  " + _("none missed in any programme"))
    for g in missed:
        out.append(
            "  "
            + _(
                "{count} of {applicable}  {id} {title} [{priority}]  ({missed} missed, {partial} partial, {unknown} unknown)"
            ).format(
                count=g.missed + g.partial,
                applicable=g.applicable,
                id=g.id,
                title=g.title,
                priority=_(g.priority.value),
                missed=g.missed,
                partial=g.partial,
                unknown=g.unknown,
            )
        )
        shown = g.programmes[:5]
        more = _(" and {count} more").format(count=len(g.programmes) - 5) if len(g.programmes) > 5 else ""
        out.append("      " + _("in: {programmes}{more}").format(programmes=", ".join(shown), more=more))
    return out


def _text_mandates(p: Portfolio, color: bool) -> list[str]:
    m = p.mandates
    if not m.total.missions:
        return []
    out = ["", _bold(_("UN mission mandates (as in the paper's Table 1):"), color)]
    mrows = [["", *(_(h) for h in MANDATE_SHORT_TEXT)]]
    mrows += [[_(r.label), *_mandate_cells(r)] for r in [*m.rows, m.total]]
    out += _table(mrows, [False, *(True for _ in MANDATE_SHORT)])
    if m.programmes_without_mission:
        note = _("({count} programme(s) name no UN mission)").format(count=m.programmes_without_mission)
        out.append(f"  {note}")
    return out


def _text_crosstab(t: CrossTab, color: bool) -> list[str]:
    out = ["", _bold(_("{title}:").format(title=_(t.title)), color)]
    crows = [[*(_(_dimension(d)) for d in t.dimensions), _("Programmes"), _("Mean score")]]
    crows += [[*(_(v) for v in c.values), str(c.count), score(c.mean_score)] for c in t.cells]
    return out + _table(crows, [*(False for _ in t.dimensions), True, True])


def _text_problems(p: Portfolio, color: bool) -> list[str]:
    if not p.problems:
        return []
    out = ["", _bold(_("Not assessed ({count} problem(s)):").format(count=len(p.problems)), color)]
    return out + [printable(f"  {_where(pr)}: {pr.message}") for pr in p.problems]


def _text_movement(p: Portfolio, color: bool) -> list[str]:
    """With --previous: each programme's movement, then the new and dropped ones."""
    from assess.reporters import trend

    if p.movement is None:
        return []
    out = ["", _bold(printable(trend.portfolio_heading(p.movement)) + ":", color)]
    rows = trend.portfolio_rows(p.movement)
    if rows:
        heads = [_(h) for h in trend.PORTFOLIO_MOVE_HEADS]
        out += _table([heads, *[[printable(c) for c in r] for r in rows]], [False, *(True for _ in heads[1:])])
    out += [printable("  " + line) for line in trend.new_and_dropped(p.movement)]
    return [*out, ""]


# --- PLANS: each programme's action plan (--plans) ---


def _plan_rows(p: Portfolio) -> list[list[str]]:
    """Programme, actions by status, overdue: one row per programme with a plan."""
    from assess.reporters.labels import ACTION_STATUS_LABEL

    titles = {e.path: e.title for e in p.programmes}
    return [
        [titles.get(x.path, x.path), *(str(x.counts.get(s, 0)) for s in ACTION_STATUS_LABEL), str(len(x.overdue))]
        for x in p.plans
    ]


def _plan_head() -> list[str]:
    from assess.reporters.labels import ACTION_STATUS_LABEL

    return [_("Programme"), *(_(v) for v in ACTION_STATUS_LABEL.values()), _("Overdue")]


def _plans_title(p: Portfolio) -> str:
    from assess.i18n import long_date

    return _("Action plans (overdue as of {date})").format(date=long_date(p.plans[0].judged_on))


def _text_plans(p: Portfolio, color: bool) -> list[str]:
    if not p.plans:
        return []
    out = ["", _bold(_plans_title(p), color)]
    out += _table([_plan_head(), *_plan_rows(p)], [False, True, True, True, True, True])
    for x in p.plans:
        if x.overdue:
            out.append("  " + _("{path}: overdue: {ids}").format(path=x.path, ids=", ".join(x.overdue)))
    return out


# --- end PLANS ---


def render_text(p: Portfolio, color: bool = False) -> str:
    """A terminal summary: ranking, movement since a previous portfolio, missed synergies, mandates, problems."""
    approaches = _approaches(p)
    out = [_bold(_text_headline(p), color), ""]
    out += _tailoring_lines(p)
    out += _text_ranking(p, approaches, color)
    out += _text_movement(p, color)
    out += _text_approaches(p, approaches, color)
    out += _text_synergies(p, color)
    out += _text_mandates(p, color)
    for t in p.crosstabs:
        out += _text_crosstab(t, color)
    out += _text_plans(p, color)
    out += _text_problems(p, color)
    # One line each: a line break from a file is shown escaped (see reporters.text).
    return "".join(printable(line, keep_escape=color) + "\n" for line in out)


# ---------------------------------------------------------------- csv


#: With --previous, the CSV's last columns; the previous portfolio's programmes
#: that this one lacks follow as rows of their own, ``since_previous`` "dropped".
MOVEMENT_COLUMNS = [
    "since_previous",
    "previous_overall_score",
    "overall_change",
    "newly_missed_synergy_ids",
    "new_caution_ids",
]


def csv_header(movement: bool = False) -> list[str]:
    """The columns of the CSV view: one row per programme, fixed whatever the
    checklists; ``movement`` (with --previous) adds :data:`MOVEMENT_COLUMNS`."""
    cols = ["rank", "title", "country", "path", "overall_score", "overall_coverage"]
    for a in Approach:
        cols += [f"{a.value}_score", f"{a.value}_coverage"]
    cols += [
        "missed_synergies",
        "missed_synergy_ids",
        "un_mission",
        "mission_type",
        "charter_chapter",
        "ssr_mandate",
        "mine_action_mandate",
    ]
    # EVIDENCE (issue 18): evidence strength (0-1), empty where not worked out.
    cols += ["overall_evidence", *(f"{a.value}_evidence" for a in Approach)]
    return cols + (MOVEMENT_COLUMNS if movement else [])


#: The CSV's columns for action plans, added with --plans.
_PLAN_STATUSES = ("planned", "under_way", "done", "dropped")
PLAN_CSV_COLUMNS = [*(f"plan_{s}" for s in _PLAN_STATUSES), "plan_overdue", "plan_overdue_ids"]


def _share(s: Score | None) -> str:
    return "" if s is None or s.evidence is None else _num(s.evidence.share)


#: The columns a tailored portfolio's CSV adds at the end of each row.
TAILORING_CSV_COLUMNS = ["tailoring", "tailoring_version", "overall_base_score"]


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


#: What a spreadsheet may read as a formula at the start of a cell (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text from a file fit for a CSV cell: on one line (a line break shown
    as a space, so that no line of the file starts with text from a profile),
    and prefixed with ``'`` where a spreadsheet would read it as a formula."""
    text = " ".join(text.splitlines())
    return "'" + text if text.startswith(_FORMULA_START) else text


def _enum(value: StrEnum | None) -> str:
    """A profile's choice as the CSV spells it ('' when not given)."""
    return "" if value is None else value.value


def _csv_scores(e: ProgrammeEntry) -> list[str]:
    """The overall score and coverage, then each approach's (empty where not scored)."""
    row = [_num(e.overall.score), _num(e.overall.coverage)]
    for a in Approach:
        s = e.approaches.get(a)
        row += [_num(s.score if s else None), _num(s.coverage if s else None)]
    return row


def _csv_synergies_and_mission(e: ProgrammeEntry) -> list[str]:
    """The missed synergies (count and ids), then the UN mission's facts
    as the profile states them (empty without a mission)."""
    synergies = [str(len(e.missed_synergies)), csv_text(" ".join(e.missed_synergies))]
    m = e.un_mission
    if m is None:
        return synergies + [""] * 5
    choices: list[StrEnum | None] = [m.type, m.charter_chapter, m.ssr_mandate, m.mine_action_mandate]
    return [*synergies, csv_text(m.name), *(_enum(c) for c in choices)]


def _csv_movement(mv: ProgrammeMovement | None) -> list[str]:
    """MOVEMENT_COLUMNS for a programme of this portfolio: 'new' when the
    previous one lacks it, else its score then and the change."""
    if mv is None:
        return ["new", "", "", "", ""]
    return [
        "matched",
        _num(mv.overall.before),
        _num(mv.overall.change),
        csv_text(" ".join(mv.newly_missed_synergies)),
        csv_text(" ".join(mv.new_cautions)),
    ]


def _csv_plan(x: ProgrammePlan | None) -> list[str]:
    """PLAN_CSV_COLUMNS: the plan's actions by status and the overdue ones (empty without a plan)."""
    if x is None:
        return [""] * len(PLAN_CSV_COLUMNS)
    return [*(str(x.counts.get(s, 0)) for s in _PLAN_STATUSES), str(len(x.overdue)), " ".join(x.overdue)]


def _csv_tailoring(t: TailoringRecord, e: ProgrammeEntry) -> list[str]:
    """TAILORING_CSV_COLUMNS: the tailoring applied and the untailored overall score."""
    return [t.id, t.version, _num(e.overall_base.score if e.overall_base else None)]


class _CsvRows:
    """The CSV's rows for one portfolio: which optional column groups it has
    (movement with --previous, plans with --plans, tailoring) decides every row's width."""

    def __init__(self, p: Portfolio) -> None:
        self.p = p
        self.moved = {m.path: m for m in p.movement.programmes} if p.movement is not None else {}
        self.plans = {x.path: x for x in p.plans}

    def header(self) -> list[str]:
        """The columns, the optional groups last (movement, plans, tailoring)."""
        # With --plans, the plan's counts are six more columns (empty for a programme without a plan);
        # with a tailoring, three more.
        return (
            csv_header(self.p.movement is not None)
            + (PLAN_CSV_COLUMNS if self.plans else [])
            + (TAILORING_CSV_COLUMNS if self.p.tailoring is not None else [])
        )

    def programme(self, e: ProgrammeEntry) -> list[str]:
        """One assessed programme's row."""
        row = [str(e.rank), csv_text(e.title), csv_text(e.country), csv_text(e.path)]
        row += _csv_scores(e) + _csv_synergies_and_mission(e)
        row += [_share(e.overall), *(_share(e.approaches.get(a)) for a in Approach)]
        if self.p.movement is not None:
            row += _csv_movement(self.moved.get(e.path))
        if self.plans:
            row += _csv_plan(self.plans.get(e.path))
        if self.p.tailoring is not None:  # --- TAILORING ---
            row += _csv_tailoring(self.p.tailoring, e)
        return row

    def dropped(self, d: ProgrammeRef) -> list[str]:
        """A programme of the previous portfolio only: its names, 'dropped', every other cell empty."""
        blank = len(csv_header()) - 4
        return [
            "",
            csv_text(d.title),
            csv_text(d.country),
            csv_text(d.path),
            *[""] * blank,
            "dropped",
            "",
            "",
            "",
            "",
            *([""] * len(PLAN_CSV_COLUMNS) if self.plans else []),
            *([""] * len(TAILORING_CSV_COLUMNS) if self.p.tailoring is not None else []),
        ]


def render_csv(p: Portfolio, color: bool = False) -> str:
    """One row per programme, in rank order (RFC 4180, comma-separated). Texts
    from profiles pass :func:`csv_text`: no formula, no line break."""
    del color
    buf = io.StringIO()
    w = csv.writer(buf)
    rows = _CsvRows(p)
    w.writerow(rows.header())
    for e in p.programmes:
        w.writerow(rows.programme(e))
    if p.movement is not None:
        for d in p.movement.dropped:
            w.writerow(rows.dropped(d))
    return buf.getvalue()


# ---------------------------------------------------------------- markdown


def _md(text: str) -> str:
    """A table cell: as in ``check --format markdown``, no HTML, link, image or line break."""
    return cell(text)


def _md_table(head: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows]
    return out


#: Column heads for the profile fields cross-tabs use.
DIMENSION_LABELS: dict[str, str] = {
    "context.un_mission.charter_chapter": N_("UN Charter chapter"),
    "context.un_mission.ssr_mandate": N_("SSR mandate"),
    "context.un_mission.mine_action_mandate": N_("Mine action mandate"),
}


def _dimension(name: str) -> str:
    return DIMENSION_LABELS.get(name, name)


def _md_crosstab(t: CrossTab) -> list[str]:
    head = [*(_(_dimension(d)) for d in t.dimensions), _("Programmes"), _("Mean score")]
    rows = [[*(_(v) for v in c.values), str(c.count), score(c.mean_score)] for c in t.cells]
    return _md_table(head, "l" * len(t.dimensions) + "rr", rows)


def _md_ranking(p: Portfolio) -> list[str]:
    """The programmes table, in rank order: scores and coverage, the
    untailored score with a tailoring, the evidence strength where worked
    out, then each approach's score."""
    approaches = _approaches(p)
    base = [_("Untailored")] if p.tailoring is not None else []
    head = [
        _("Rank"),
        _("Programme"),
        _("Country"),
        _("Overall"),
        _("Coverage"),
        *base,
        *(_(APPROACH_SHORT[a]) for a in approaches),
    ]
    rows = [
        [
            str(e.rank),
            e.title,
            e.country,
            _text_score(e.overall),
            _text_coverage(e.overall),
            *([_text_score(e.overall_base)] if base else []),
            *(_text_score(e.approaches.get(a)) for a in approaches),
        ]
        for e in p.programmes
    ]
    align = "rllrr" + "r" * (len(base) + len(approaches))
    if _with_evidence(p):
        head.insert(5, _("Evidence strength"))
        for e, row in zip(p.programmes, rows, strict=True):
            row.insert(5, _text_evidence(e.overall))
        align += "r"
    return ["## " + _("Programmes"), "", *_md_table(head, align, rows)]


def _md_movement(p: Portfolio) -> list[str]:
    """With --previous: each matched programme's movement, then the programmes new and dropped."""
    if p.movement is None:
        return []
    from assess.reporters import trend

    out = ["", "## " + _md(trend.portfolio_heading(p.movement)), ""]
    moves = trend.portfolio_rows(p.movement)
    if moves:
        out += _md_table([_(h) for h in trend.PORTFOLIO_MOVE_HEADS], "lrrrrrrr", moves)
        out.append("")
    return out + [_md(line) for line in trend.new_and_dropped(p.movement)]


#: The synergy table's column heads.
_MD_SYNERGY_HEADS = [
    N_("Synergy"),
    N_("Priority"),
    N_("Missed"),
    N_("Partial"),
    N_("Unknown"),
    N_("Applicable"),
    N_("Programmes"),
]


def _md_synergies(p: Portfolio) -> list[str]:
    """The synergies missed or met in part somewhere, with the programmes that
    do so; a sentence when none is."""
    out = ["", "## " + _("Synergies missed most often"), ""]
    missed = [g for g in p.synergies if g.missed + g.partial]
    if not missed:
        return [*out, _("No synergy is missed in any programme.")]
    titles = {e.path: e.title for e in p.programmes}
    rows = [
        [
            f"{g.id} {g.title}",
            _(g.priority.value),
            str(g.missed),
            str(g.partial),
            str(g.unknown),
            str(g.applicable),
            "; ".join(titles.get(path, path) for path in g.programmes),
        ]
        for g in missed
    ]
    return out + _md_table([_(h) for h in _MD_SYNERGY_HEADS], "llrrrrl", rows)


def _md_mandates(p: Portfolio) -> list[str]:
    """The UN mission mandates, as in the paper's Table 1, and how many
    programmes name no mission; nothing when no programme names one."""
    m = p.mandates
    if not m.total.missions:
        return []
    out = ["", "## " + _("UN mission mandates"), ""]
    out += _md_table(
        ["", *(_(title) for _name, title in MANDATE_COLUMNS)],
        "l" + "r" * len(MANDATE_COLUMNS),
        [[_(r.label), *_mandate_cells(r)] for r in [*m.rows, m.total]],
    )
    if m.programmes_without_mission:
        count = m.programmes_without_mission
        out += ["", _("{count} programme(s) name no UN mission.").format(count=count)]
    return out


def _md_tail(p: Portfolio) -> list[str]:
    """The cross-tabs, the action plans (with --plans) and the profiles not
    assessed, each section only when the portfolio has it."""
    out: list[str] = []
    for t in p.crosstabs:
        out += ["", f"## {_(t.title)}", "", *_md_crosstab(t)]
    if p.plans:
        out += ["", "## " + _plans_title(p), "", *_md_table(_plan_head(), "lrrrrr", _plan_rows(p))]
    if p.problems:
        out += ["", "## " + _("Not assessed"), ""]
        out += [f"- {code(_where(pr))}: {_md(pr.message)}" for pr in p.problems]
    return out


def render_markdown(p: Portfolio, color: bool = False) -> str:
    """GitHub-flavoured Markdown: ranking, synergies, mandates, cross-tabs, problems.

    Labels and numbers are in the language of ``--lang``.
    """
    del color
    out = [f"# {_text_headline(p)}", ""]
    out += [_md(line) for line in _tailoring_lines(p)]
    out += _md_ranking(p)
    out += _md_movement(p)
    out += _md_synergies(p)
    out += _md_mandates(p)
    out += _md_tail(p)
    return "\n".join(out) + "\n"


PORTFOLIO_REPORTER_BY_NAME: dict[str, PortfolioReporter] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
