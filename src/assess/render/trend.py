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
from pathlib import Path
from typing import Any

from assess.core.checklist import Approach
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


def build_context(trend: Trend, created: dt.datetime, pdf: bool) -> dict[str, Any]:
    """Everything the trend page shows."""
    from assess.render.report import CHART_LABEL

    scopes = words.scopes(trend)
    rows = []
    for scope in scopes:
        scores = [words.score_of(x.approaches, x.overall, scope) for x in trend.assessments]
        if scope != "overall" and all(s is None or s.score is None for s in scores):
            continue  # never scored: a line of nothing (the table still says so)
        rows.append(
            Series(
                _("Overall") if scope == "overall" else _(CHART_LABEL[Approach(scope)]),
                [s.score if s is not None else None for s in scores],
                [s.low if s is not None else None for s in scores] if scope == "overall" else (),
                [s.high if s is not None else None for s in scores] if scope == "overall" else (),
                [s.provisional if s is not None else False for s in scores],
            )
        )
    dates = [x.date.isoformat() for x in trend.assessments]
    chart_text = SeriesText(
        _("Scores per approach over time (0-100)"),
        legend_range=_("overall: range if every unknown item were met or missed"),
        legend_provisional=_("hollow point: provisional (under half the items answered)"),
    )
    table = [
        {
            "scope": words.scope_title(scope),
            "strong": scope == "overall",
            "cells": [_cell(words.score_of(x.approaches, x.overall, scope)) for x in trend.assessments],
        }
        for scope in scopes
    ]
    p = trend.programme
    return {
        "t": trend,
        "pdf": pdf,
        "lang": trend.language,
        "doc_title": _("Programme over time: {title}").format(title=p.title),
        "created_iso": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": long_date(created.date()),
        "summary": words.summary(trend, long_date),
        "dates": [long_date(x.date) for x in trend.assessments],
        "iso_dates": dates,
        "chart": as_image(series_chart(dates, rows, chart_text), _alt(trend)),
        "table": table,
        "movements": [movement_view(m) for m in trend.movements],
        "sources": [
            {
                "date": long_date(x.date),
                "source": Path(x.source).name,
                "checklists": ", ".join(f"{k} {v}" for k, v in x.checklists.items()),
            }
            for x in trend.assessments
        ],
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
