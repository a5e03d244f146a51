"""A programme over time: the use case behind ``assess trend`` and ``--previous``.

Inputs are profiles (``.yaml``/``.yml``, assessed here) or result documents
(``.json``, as ``assess check --format json`` wrote them), mixed. Each must be
of the same programme (title and country, see
:func:`assess.core.trend.programme_key`) and carry its own assessment date
(``programme.assessment_date``), no two the same: that date orders the series.
Every input is read before any problem is raised, so that one run names them
all, each at file:line:column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.core.evaluate import CompiledChecklist, evaluate
from assess.core.portfolio import Portfolio
from assess.core.profile import Profile
from assess.core.result import Assessment
from assess.core.trend import InputKind, PreviousPortfolio, Trend, build_trend, compare_portfolios, programme_key
from assess.errors import InputError, Problem, UsageError
from assess.i18n import _

if TYPE_CHECKING:
    from assess.app.pdf_process import RenderPDF

#: What a file's suffix says it holds.
RESULT_SUFFIXES = (".json",)


@dataclass(frozen=True)
class TrendInput:
    """One assessment of a series, and where its title, country and date sit in its file."""

    assessment: Assessment
    shown: str
    kind: InputKind
    title_at: tuple[int, int]
    date_at: tuple[int, int]

    def problem(self, at: tuple[int, int], message: str) -> Problem:
        return Problem(self.shown, at[0], at[1], message)


def _from_profile(path: Path, compiled: Sequence[CompiledChecklist], lang: str, tool_version: str) -> TrendInput:
    from assess.loading.profiles import load_profile

    profile, source = load_profile(path)
    a = evaluate(profile, compiled, source, tool_version, language=lang)

    def at(dotted: str) -> tuple[int, int]:
        loc = source.locate(dotted)
        return (loc.line, loc.column) if loc is not None else (1, 1)

    return TrendInput(a, source.path, InputKind.profile, at("programme.title"), at("programme.assessment_date"))


def _from_results(path: Path) -> list[TrendInput]:
    from assess.loading.results import load_results

    return [
        TrendInput(
            r.assessment,
            r.doc.path,
            InputKind.result,
            r.position("profile", "title"),
            r.position("profile", "assessment_date"),
        )
        for r in load_results(path)
    ]


def load_inputs(paths: Sequence[Path], checklists: Sequence[str], lang: str, tool_version: str) -> list[TrendInput]:
    """Read every input (profiles assessed against ``checklists`` in ``lang``);
    the problems of all of them in one InputError."""
    compiled: Sequence[CompiledChecklist] | None = None
    out: list[TrendInput] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            if path.suffix.lower() in RESULT_SUFFIXES:
                out += _from_results(path)
            else:
                if compiled is None:  # only when a profile needs them
                    from assess.loading.checklists import load_checklists

                    compiled = load_checklists(checklists, lang)
                out.append(_from_profile(path, compiled, lang, tool_version))
        except InputError as e:
            problems += e.problems
    if problems:
        raise InputError(problems)
    return out


def _label(t: TrendInput) -> str:
    p = t.assessment.profile
    return _("'{title}' in {country}").format(title=p.title, country=p.country)


def check_series(inputs: Sequence[TrendInput]) -> None:
    """Raise a located InputError unless the inputs are one programme's, each
    with its own assessment date."""
    problems: list[Problem] = []
    first = inputs[0]
    key = programme_key(first.assessment.profile.title, first.assessment.profile.country)
    seen: dict[object, TrendInput] = {}
    for t in inputs:
        p = t.assessment.profile
        if programme_key(p.title, p.country) != key:
            problems.append(
                t.problem(
                    t.title_at,
                    _(
                        "is an assessment of another programme ({this}) than {file} ({that}); a trend follows "
                        "one programme, recognised by its title and country (letter case and spacing aside)"
                    ).format(this=_label(t), file=first.shown, that=_label(first)),
                )
            )
        if p.assessment_date is None:
            problems.append(
                t.problem(
                    t.date_at,
                    _("has no assessment date (programme.assessment_date): a trend orders assessments by it"),
                )
            )
        elif p.assessment_date in seen:
            problems.append(
                t.problem(
                    t.date_at,
                    _("has the assessment date {date} of {file} too: a trend needs one assessment per date").format(
                        date=p.assessment_date.isoformat(), file=seen[p.assessment_date].shown
                    ),
                )
            )
        else:
            seen[p.assessment_date] = t
    if problems:
        raise InputError(problems)


def run_trend(paths: Sequence[Path], checklists: Sequence[str] = (), *, lang: str = "en", tool_version: str) -> Trend:
    """The trend of ``paths`` (at least two assessments of one programme)."""
    inputs = load_inputs(paths, checklists, lang, tool_version)
    if len(inputs) < 2:
        raise UsageError(_("a trend needs at least two assessments of the programme; {n} given").format(n=len(inputs)))
    check_series(inputs)
    return build_trend([(t.assessment, t.shown, t.kind) for t in inputs], tool_version, lang)


def load_previous(
    path: Path, current: Profile, shown: str, checklists: Sequence[str], lang: str, tool_version: str
) -> Assessment:
    """The earlier assessment a ``--previous`` names (a profile, assessed here, or a
    result document), checked to be of the programme of ``current`` (the
    profile ``shown``) and dated before it where both carry a date."""
    inputs = load_inputs([path], checklists, lang, tool_version)
    if len(inputs) != 1:
        raise InputError.at(
            str(path),
            _("holds {n} result documents; --previous takes the one of the programme's earlier assessment").format(
                n=len(inputs)
            ),
            1,
            1,
        )
    before = inputs[0]
    p, q = before.assessment.profile, current.programme
    if programme_key(p.title, p.country) != programme_key(q.title, q.country):
        that = _("'{title}' in {country}").format(title=q.title, country=q.country)
        raise InputError(
            [
                before.problem(
                    before.title_at,
                    _(
                        "is an assessment of another programme ({this}) than {file} ({that}); --previous takes an "
                        "earlier assessment of the same programme, recognised by its title and country"
                    ).format(this=_label(before), file=shown, that=that),
                )
            ]
        )
    if p.assessment_date is not None and q.assessment_date is not None and p.assessment_date >= q.assessment_date:
        raise InputError(
            [
                before.problem(
                    before.date_at,
                    _("is dated {date}, not before {file} ({current}): --previous takes an earlier assessment").format(
                        date=p.assessment_date.isoformat(), file=shown, current=q.assessment_date.isoformat()
                    ),
                )
            ]
        )
    return before.assessment


@dataclass
class TrendPage:
    """The trend page, ready to write: a PDF's bytes or the HTML text."""

    data: bytes | str
    pages: int | None = None
    messages: list[str] | None = None


def build_trend_page(
    trend: Trend, template_dir: Path, date: dt.date | None, lang: str, *, pdf: bool, render: RenderPDF | None = None
) -> TrendPage:
    """Lay the trend out as an HTML page or a PDF; dated ``date``, else the last assessment's date.
    The template folder must hold ``trend.html.j2`` (checked here). ``render``
    lays the PDF out (default: in this process; see :mod:`assess.app.pdf_process`)."""
    from assess.app.report import check_templates
    from assess.render.report import creation_time
    from assess.render.trend import TEMPLATE, render_trend_html

    check_templates(template_dir, TEMPLATE)
    created = creation_time(date, trend.assessments[-1].date)
    html = render_trend_html(trend, template_dir, created, pdf, lang)
    if not pdf:
        return TrendPage(html)
    from assess.app.pdf_process import PDFRequest, render_here

    rendered = (render or render_here)(PDFRequest(html, template_dir, created))
    return TrendPage(rendered.data, rendered.pages, rendered.messages)


def load_previous_portfolio(path: Path) -> PreviousPortfolio:
    """The previous portfolio a ``portfolio --previous`` names; a located InputError when it is none."""
    from assess.loading.results import load_portfolio

    return load_portfolio(path)


def with_movement(portfolio: Portfolio, previous: PreviousPortfolio, shown: str) -> Portfolio:
    """``portfolio`` carrying what moved since ``previous`` (the file ``shown``),
    programmes matched by title and country."""
    return portfolio.model_copy(update={"movement": compare_portfolios(previous, portfolio, shown)})
