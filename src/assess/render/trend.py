"""The trend page (HTML or PDF) and the report's "Since the last assessment" section.

The page shows one programme over time: a line chart of the scores per
approach at each assessment (an SVG of :mod:`assess.render.chart`, with a
text alternative and the same figures as a table beside it), then what moved
between each assessment and the next. Its words come from
:mod:`assess.reporters.trend`; the template is ``trend.html.j2`` in the
template folder, rendered with the report's sandboxed environment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assess.core.checklist import Approach
from assess.core.result import Score
from assess.core.trend import Movement, Trend
from assess.i18n import _, long_date, percent, set_language
from assess.render.chart import Series, SeriesText, as_image, series_chart
from assess.reporters import labels
from assess.reporters import trend as words

TEMPLATE = "trend.html.j2"


def movement_view(m: Movement) -> dict[str, Any]:
    """One movement as the templates show it: the period, the score lines,
    checklist changes, and each non-empty kind of movement with its lines."""
    return {
        "before": long_date(m.before),
        "after": long_date(m.after),
        "period": _("From {before} to {after}").format(before=long_date(m.before), after=long_date(m.after)),
        "checklists": words.checklist_moves(m),
        "scores": [
            {
                "scope": words.scope_title(s.scope) if s.scope == "overall" or s.scope in words.APPROACHES else s.scope,
                "before": labels.score(s.before),
                "after": labels.score(s.after),
                "change": labels.delta(s.before, s.after),
                "up": s.change is not None and s.change > 0,
                "down": s.change is not None and s.change < 0,
            }
            for s in m.scores
            if s.before is not None or s.after is not None
        ],
        "sections": list(words.sections(m, short=True)),
        "quiet": not m.items and not m.new_cautions and not m.cautions_lifted,
        "nothing": _("No item changed its result."),
    }


def _alt(trend: Trend) -> str:
    """The chart's text alternative: every score it draws, in words."""
    parts = []
    for scope in words.scopes(trend):
        values = []
        for x in trend.assessments:
            s = words.score_of(x.approaches, x.overall, scope)
            values.append(f"{long_date(x.date)} {labels.score(s.score if s is not None else None)}")
        parts.append(f"{words.scope_title(scope)}: " + ", ".join(values))
    return _("Scores over time (0-100).") + " " + "; ".join(parts) + "."


def _scores(trend: Trend, scope: str) -> list[Score | None]:
    """The score of ``scope`` at each assessment (None where one does not score it)."""
    return [words.score_of(x.approaches, x.overall, scope) for x in trend.assessments]


def _values(scores: list[Score | None], value: Callable[[Score], float | None]) -> list[float | None]:
    """One figure of each score (None where there is no score)."""
    return [value(s) if s is not None else None for s in scores]


def _series_label(scope: str) -> str:
    """A scope as the chart's legend names it: 'Overall' or the approach's short name."""
    from assess.render.report import CHART_LABEL  # it imports this module

    return _("Overall") if scope == "overall" else _(CHART_LABEL[Approach(scope)])


def _series(scope: str, scores: list[Score | None]) -> Series | None:
    """The chart's line of ``scope``, with the range band for the overall
    score only; None for an approach never scored (a line of nothing: the
    table still says so)."""
    overall = scope == "overall"
    if not overall and all(s is None or s.score is None for s in scores):
        return None
    return Series(
        _series_label(scope),
        _values(scores, lambda s: s.score),
        _values(scores, lambda s: s.low) if overall else (),
        _values(scores, lambda s: s.high) if overall else (),
        [s.provisional if s is not None else False for s in scores],
    )


def _chart_rows(trend: Trend, scopes: list[str]) -> list[Series]:
    """The chart's lines, overall first, then each approach ever scored."""
    return [row for scope in scopes if (row := _series(scope, _scores(trend, scope))) is not None]


def _chart_text() -> SeriesText:
    """The chart's title and legend in the page's language."""
    return SeriesText(
        _("Scores per approach over time (0-100)"),
        legend_range=_("overall: range if every unknown item were met or missed"),
        legend_provisional=_("hollow point: provisional (under half the items answered)"),
    )


def _table(trend: Trend, scopes: list[str]) -> list[dict[str, Any]]:
    """The table beside the chart: a row per scope (overall in bold), a cell per assessment."""
    return [
        {
            "scope": words.scope_title(scope),
            "strong": scope == "overall",
            "cells": [_cell(s) for s in _scores(trend, scope)],
        }
        for scope in scopes
    ]


def _sources(trend: Trend) -> list[dict[str, str]]:
    """Each assessment's date, file name and checklist versions."""
    return [
        {
            "date": long_date(x.date),
            "source": Path(x.source).name,
            "checklists": ", ".join(f"{k} {v}" for k, v in x.checklists.items()),
        }
        for x in trend.assessments
    ]


def build_context(trend: Trend, created: dt.datetime, pdf: bool) -> dict[str, Any]:
    """Everything the trend page shows."""
    scopes = words.scopes(trend)
    dates = [x.date.isoformat() for x in trend.assessments]
    return {
        "t": trend,
        "pdf": pdf,
        "lang": trend.language,
        "doc_title": _("Programme over time: {title}").format(title=trend.programme.title),
        "created_iso": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": long_date(created.date()),
        "summary": words.summary(trend, long_date),
        "dates": [long_date(x.date) for x in trend.assessments],
        "iso_dates": dates,
        "chart": as_image(series_chart(dates, _chart_rows(trend, scopes), _chart_text()), _alt(trend)),
        "table": _table(trend, scopes),
        "movements": [movement_view(m) for m in trend.movements],
        "sources": _sources(trend),
        "running_footer": _("Programme over time: SSR and mine action"),
    }


def _cell(s: Any) -> dict[str, Any]:
    if s is None:
        return {"score": _("not scored"), "detail": ""}
    detail = _("coverage {percent}").format(percent=percent(s.coverage))
    if s.low is not None and s.high is not None and s.score is not None and s.high > s.low:
        detail = f"{labels.score(s.low)}–{labels.score(s.high)} · " + detail
    if s.provisional:
        detail += " · " + _("provisional")
    return {"score": labels.score(s.score), "detail": detail}


def render_trend_html(trend: Trend, template_dir: Path, created: dt.datetime, pdf: bool, lang: str = "en") -> str:
    """The trend page as one HTML page in ``lang`` (the caller has checked the template folder)."""
    from assess.render.report import css_content, environment, render_template  # it imports this module

    set_language(lang)
    env = environment(template_dir, lang)
    context = build_context(trend, created, pdf)
    context["page_of"] = css_content(_("Page {page} of {pages}"))
    return render_template(env, template_dir, TEMPLATE, context)
