"""The portfolio report: a :class:`~assess.core.portfolio.Portfolio` rendered to HTML.

The same machinery as the single-programme report (:mod:`assess.render.report`):
a Jinja2 template from the template folder with autoescaping on, the project's
own inline SVG chart, a date given by the caller, and :mod:`assess.render.pdf`
to lay the page out. Everything shown comes from the portfolio document.

Interface strings are gettext calls (``{{ _("...") }}`` in the template, ``tr``
here) so that catalogues can be plugged in with ``translations``; without them
the null translations give the English text.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.portfolio import CrossTab, CrossTabCell, Portfolio, ProgrammeEntry, SynergyGap
from assess.core.result import Priority, Score
from assess.i18n import N_, language
from assess.render import RELATIVE_LINK, report
from assess.render.chart import Distribution, DistributionText, as_image, distribution_chart
from assess.render.report import CHART_LABEL, environment, file_name, long_date
from assess.reporters import labels
from assess.reporters.labels import ACTION_STATUS_LABEL

TEMPLATE = "portfolio.html.j2"

#: How many programmes a synergy row or a cross-tab cell names before "and N more".
NAMED_PROGRAMMES = 12

#: Short column heads for the approaches in the ranked table.
APPROACH_HEAD: dict[Approach, str] = {
    Approach.national_ownership: N_("Owner\u00adship"),
    Approach.good_governance: N_("Gover\u00adnance"),
    Approach.people_centred: N_("People-centred"),
    Approach.gender_diversity: N_("Gender"),
    Approach.operational_linkage: N_("Linkage"),
}

#: Column heads for the profile fields cross-tabs use.
DIMENSION_LABELS: dict[str, str] = {
    "context.un_mission.charter_chapter": "UN Charter chapter",
    "context.un_mission.ssr_mandate": "SSR mandate",
    "context.un_mission.mine_action_mandate": "Mine action mandate",
}


@dataclass(frozen=True)
class Named:
    """Programmes named in a row: the first few, and how many more."""

    shown: list[ProgrammeEntry]
    more: int


@dataclass(frozen=True)
class SynergyRow:
    gap: SynergyGap
    named: Named


@dataclass(frozen=True)
class ProgrammeLine:
    """One programme's summary line, with a pointer to its own report."""

    entry: ProgrammeEntry
    missed_titles: list[str]
    link: str | None
    link_text: str | None


def report_links(reports: Mapping[str, Path], page_folder: Path, pdf: bool) -> dict[str, tuple[str, str]]:
    """For each profile path, the link to its report relative to the folder the
    portfolio page is written to, and the text shown for it. In a PDF the link
    is marked so that :func:`~assess.render.pdf.render_pdf` keeps it relative."""
    out = {}
    for path, target in reports.items():
        rel = Path(os.path.relpath(target, page_folder)).as_posix()
        out[path] = ((RELATIVE_LINK if pdf else "") + rel, rel)
    return out


def shown_path(path: str) -> str:
    """A path as the portfolio page shows it: as typed when relative, else only
    its file name (no folder of the machine that made the page)."""
    p = path.replace("\\", "/")
    if p.startswith(("/", "~")) or (len(p) > 2 and p[1] == ":" and p[2] == "/"):
        return file_name(p)
    return path


def lost_weight(g: SynergyGap) -> float:
    """What a synergy costs across the portfolio: its weight times the programmes
    that miss it, a partial one counting half (the single report's rule)."""
    return g.weight * (g.missed + 0.5 * g.partial)


def _named(paths: Sequence[str], by_path: Mapping[str, ProgrammeEntry]) -> Named:
    entries = [by_path[p] for p in paths if p in by_path]
    return Named(entries[:NAMED_PROGRAMMES], max(0, len(entries) - NAMED_PROGRAMMES))


def _distributions(p: Portfolio, approaches: Sequence[Approach], tr: Callable[[str], str]) -> list[Distribution]:
    """The chart's rows: overall, then each approach's scores and how many are n/a."""
    scored = [e.overall.score for e in p.programmes if e.overall.score is not None]
    rows = [Distribution(tr("Overall"), scored, len(p.programmes) - len(scored), strong=True)]
    for a in approaches:
        values = [s.score for e in p.programmes if (s := e.approaches.get(a)) is not None and s.score is not None]
        applicable = sum(1 for e in p.programmes if (s := e.approaches.get(a)) is not None and s.applicable)
        rows.append(Distribution(tr(CHART_LABEL[a]), values, applicable - len(values)))
    return rows


def _chart_text(tr: Callable[[str], str]) -> DistributionText:
    return DistributionText(
        title=tr("Score distributions per approach (0-100)"),
        scored=tr("{n} scored"),
        unscored=tr("{n} n/a"),
        none=tr("no programme scored"),
        median=tr("median {x}"),
        legend_points=tr("one programme"),
        legend_box=tr("middle half of the scores, line at the median"),
    )


def _chart_alt(rows: Sequence[Distribution], text: DistributionText, tr: Callable[[str], str]) -> str:
    """The distribution chart's text alternative: each row's median and counts, in words."""
    parts = []
    for r in rows:
        if r.scores:
            median = _median(r.scores)
            words = text.median.format(x=f"{median:.1f}") + ", " + text.scored.format(n=len(r.scores))
        else:
            words = text.none
        if r.unscored:
            words += ", " + text.unscored.format(n=r.unscored)
        parts.append(f"{r.label}: {words}")
    return text.title + ". " + "; ".join(parts) + "."


def _programme_lines(p: Portfolio, links: Mapping[str, tuple[str, str]]) -> list[ProgrammeLine]:
    titles = {g.key: g.title for g in p.synergies}
    lines = []
    for e in p.programmes:
        link = links.get(e.path)
        lines.append(
            ProgrammeLine(
                entry=e,
                missed_titles=[titles.get(k, k) for k in e.missed_synergies],
                link=link[0] if link else None,
                link_text=link[1] if link else None,
            )
        )
    return lines


def _crosstabs(
    p: Portfolio, by_path: Mapping[str, ProgrammeEntry], tr: Callable[[str], str]
) -> list[tuple[CrossTab, list[str], list[tuple[CrossTabCell, Named]]]]:
    return [
        (
            t,
            [tr(DIMENSION_LABELS.get(d, d)) for d in t.dimensions],
            [(c, _named(c.programmes, by_path)) for c in t.cells],
        )
        for t in p.crosstabs
    ]


def build_context(
    p: Portfolio,
    *,
    title: str | None,
    sources: Sequence[str],
    created: dt.datetime,
    pdf: bool,
    links: Mapping[str, tuple[str, str]],
    reports_folder: str | None,
    tr: Callable[[str], str],
) -> dict[str, Any]:
    """Everything the portfolio template shows, derived from the portfolio document."""
    approaches = [a for a in Approach if a in p.approaches]
    by_path = {e.path: e for e in p.programmes}
    # Led by what matters: the weight lost across the programmes, then how often
    # it is missed outright, then how many it applies to; the id settles ties.
    missed = sorted(
        (g for g in p.synergies if g.missed + g.partial),
        key=lambda g: (-lost_weight(g), -g.missed, -g.applicable, g.key),
    )
    scored = [e.overall.score for e in p.programmes if e.overall.score is not None]
    return {
        "p": p,
        "pdf": pdf,
        "lang": language(),
        "page_of": report.css_content(tr("Page {page} of {pages}")),
        "title": title,
        "sources": list(sources),
        "created_iso": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": long_date(created.date()),
        "approaches": approaches,
        "approach_title": {a: tr(t) for a, t in APPROACH_TITLES.items()},
        "approach_head": {a: tr(t) for a, t in APPROACH_HEAD.items()},
        "programmes": p.programmes,
        "scored": len(scored),
        "median": _median(scored),
        "median_coverage": _median([e.overall.coverage for e in p.programmes]) or 0.0,
        "chart": _chart(p, approaches, tr),
        "synergies": [SynergyRow(g, _named(g.programmes, by_path)) for g in missed],
        "synergies_checked": len(p.synergies),
        "top": missed[0] if missed else None,
        "mandates": p.mandates,
        "crosstabs": _crosstabs(p, by_path, tr),
        "lines": _programme_lines(p, links),
        "reports_folder": reports_folder,
        "problems": p.problems,
        "priority_label": {
            Priority.high: tr("high priority"),
            Priority.medium: tr("medium priority"),
            Priority.low: tr("low priority"),
        },
        "tr": tr,
        # --- PLANS: each programme's action plan counted (--plans); empty without ---
        "plan_rows": [(by_path.get(x.path), x) for x in p.plans if x.path in by_path],
        "plans_judged_on": long_date(p.plans[0].judged_on) if p.plans else None,
        "action_status_label": {k: tr(v) for k, v in ACTION_STATUS_LABEL.items()},
        # TAILORING: the tailoring applied (None: none).
        "tailoring": _tailoring(p),
        # TREND: movement since a previous portfolio (None: no --previous).
        "movement": _movement(p, tr),
    }


def _movement(p: Portfolio, tr: Callable[[str], str]) -> dict[str, Any] | None:
    """The "Since the previous portfolio" section's heading, table and notes."""
    from assess.reporters import trend

    mv = p.movement
    if mv is None:
        return None
    return {
        "heading": trend.portfolio_heading(mv).replace(mv.previous, shown_path(mv.previous)),
        "heads": [tr(h) for h in trend.PORTFOLIO_MOVE_HEADS],
        "rows": trend.portfolio_rows(mv),
        "notes": trend.new_and_dropped(mv),
    }


def _tailoring(p: Portfolio) -> dict[str, Any] | None:
    """What the portfolio says about the tailoring applied: heading, chain, digest, changes in words."""
    if p.tailoring is None:
        return None
    from assess.reporters import tailoring as words

    record = p.tailoring
    return {
        "id": record.id,
        "version": record.version,
        "title": record.title,
        "digest": record.digest,
        "short_digest": words.short_digest(record),
        "chain": words.chain_words(record) if len(record.chain) > 1 else None,
        "changes": [
            (c.item, c.title or c.item, words.change_words(c))
            for c in record.changes
            if c.what != "text" or c.language == language()
        ],
    }


def _chart(p: Portfolio, approaches: Sequence[Approach], tr: Callable[[str], str]) -> Any:
    """The score distributions as an image with its alt text."""
    rows, text = _distributions(p, approaches, tr), _chart_text(tr)
    return as_image(distribution_chart(rows, text), _chart_alt(rows, text, tr))


def _median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def portfolio_environment(
    template_dir: Path, translations: gettext.NullTranslations | None = None, lang: str = "en"
) -> jinja2.Environment:
    """The report environment (autoescaping, filters, ``stylesheet``, the
    ``lang`` catalogue), or ``translations`` if given."""
    env = environment(template_dir, lang)
    if translations is not None:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    from assess.i18n import decimal

    env.filters.update(
        decimal=decimal,
        score_cov=lambda s: _score_cov(s),
        location=lambda pr: labels.problem_location(shown_path(pr.path), pr.line, pr.column),
        shown_path=shown_path,
        lost=lost_weight,
    )
    return env


def _score_cov(s: Score | None) -> tuple[str, str, bool]:
    """A cell's score, coverage and whether the score is provisional (on under half its items)."""
    if s is None:
        return ("", "", False)
    from assess.i18n import percent

    return (labels.score(s.score), percent(s.coverage), labels.marked_provisional(s))


def check_template_dir(template_dir: Path) -> None:
    """Raise a located InputError unless ``template_dir`` holds the portfolio template."""
    report.check_template_dir(template_dir, TEMPLATE)


def render_portfolio_html(
    p: Portfolio,
    template_dir: Path,
    created: dt.datetime,
    *,
    pdf: bool,
    title: str | None = None,
    sources: Sequence[str] = (),
    links: Mapping[str, tuple[str, str]] | None = None,
    reports_folder: str | None = None,
    translations: gettext.NullTranslations | None = None,
    lang: str = "en",
) -> str:
    """The portfolio report as one HTML page (``pdf`` adds the bundled fonts).

    ``links`` maps a programme's profile path to the link to its own report and
    the text shown for it (:func:`report_links`)."""
    from assess.i18n import set_language
    from assess.i18n import translations as catalogue

    set_language(lang)
    env = portfolio_environment(template_dir, translations, lang)
    tr = (translations or catalogue(lang)).gettext
    context = build_context(
        p,
        title=title,
        sources=sources,
        created=created,
        pdf=pdf,
        links=links or {},
        reports_folder=reports_folder,
        tr=tr,
    )
    return report.render_template(env, template_dir, TEMPLATE, context)
