"""The report of missed synergies: a result document rendered to HTML.

``render_html`` turns an :class:`~assess.core.result.Assessment` into one
self-contained HTML page (CSS inlined) with a Jinja2 template from the template
folder; :mod:`assess.render.pdf` lays that page out as a PDF. Everything the
report says comes from the result document; the only other thing read is the
profile model's own field descriptions, to phrase evidence gaps as questions.

Jinja2 autoescapes every value: a profile's text reaches the page as text,
never as markup.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from assess.core.checklist import APPROACH_TITLES, Approach, Kind
from assess.core.conditions import _kind_of
from assess.core.profile import Profile
from assess.core.result import Assessment, EvidenceRecord, ItemResult, Location, Score, Status
from assess.errors import InputError
from assess.render.chart import ChartRow, score_chart

TEMPLATE = "report.html.j2"

#: Result labels as a reader sees them, in the order the report counts them.
STATUS_LABEL: dict[Status, str] = {
    Status.met: "Met",
    Status.partial: "Partial",
    Status.missed: "Missed",
    Status.unknown: "Unknown",
    Status.not_applicable: "Not applicable",
    Status.waived: "Waived",
}
STATUS_MEANING: dict[Status, str] = {
    Status.met: "the profile shows the practice or link in place",
    Status.partial: "in place in part, or on paper only",
    Status.missed: "the profile shows it absent",
    Status.unknown: "the profile is silent: an evidence gap, not a failure",
    Status.not_applicable: "does not apply to this programme, for the reason given",
    Status.waived: "set aside by a reviewer, with a justification and an expiry date",
}
#: Approach names short enough for the chart's label column.
CHART_LABEL: dict[Approach, str] = {
    Approach.national_ownership: "National ownership",
    Approach.good_governance: "Good governance",
    Approach.people_centred: "People-centred, human rights",
    Approach.gender_diversity: "Gender and diversity",
    Approach.operational_linkage: "Operational linkage",
}
KIND_LABEL: dict[Kind, str] = {Kind.practice: "Practice", Kind.synergy: "Synergy", Kind.caution: "Caution"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: How many missed synergies the executive summary lists before "and N more".
SUMMARY_TOP = 5


def creation_time(
    explicit: dt.date | None, assessment_date: dt.date | None, environ: Mapping[str, str] = os.environ
) -> dt.datetime:
    """The report's date: ``--date``, else the assessment date, else
    ``SOURCE_DATE_EPOCH``, else now. Dates are taken at midnight UTC."""
    day = explicit or assessment_date
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError.at(
                "SOURCE_DATE_EPOCH", f"must be a whole number of seconds since 1970-01-01 UTC, not '{epoch}'"
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def field_question(dotted: str) -> str | None:
    """The profile model's description of a field (a question for facts)."""
    model: type[BaseModel] = Profile
    info = None
    for part in dotted.split("."):
        info = model.model_fields.get(part)
        if info is None:
            return None
        nested = _kind_of(info.annotation).model  # unwraps Optional[Model]
        if nested is not None:
            model = nested
    return info.description if info is not None else None


def long_date(day: dt.date | None) -> str:
    """'15 January 2016' (no locale involved), or 'not stated'."""
    if day is None:
        return "not stated"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_score(s: Score) -> str:
    return "n/a" if s.score is None else f"{s.score:.1f}"


def fmt_location(loc: Location | None) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}" if loc else ""


def fmt_weight(w: float) -> str:
    return f"{w:g}"


@dataclass(frozen=True)
class Gap:
    """An unknown item, as the question to answer next."""

    item: ItemResult
    silent: list[EvidenceRecord]


@dataclass(frozen=True)
class ApproachSection:
    approach: Approach
    title: str
    score: Score
    items: list[ItemResult]


def _silent(r: ItemResult) -> list[EvidenceRecord]:
    return [e for e in r.evidence if e.answer == "unknown"]


def build_context(a: Assessment, created: dt.datetime, pdf: bool) -> dict[str, Any]:
    """Everything the template shows, derived from the result document."""
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    synergies = [by_key[k] for k in a.missed_synergies]
    cautions = [by_key[k] for k in a.cautions]
    sections = [
        ApproachSection(approach, APPROACH_TITLES[approach], a.approaches[approach], items)
        for approach in Approach
        if (items := [r for r in a.items if r.approach is approach])
    ]
    gaps = [Gap(r, _silent(r)) for r in a.items if r.status is Status.unknown]
    rows = [ChartRow("Overall", a.overall.score, a.overall.coverage, a.overall.answered, a.overall.applicable, True)]
    rows += [
        ChartRow(
            CHART_LABEL.get(s.approach, s.title), s.score.score, s.score.coverage, s.score.answered, s.score.applicable
        )
        for s in sections
    ]
    p = a.profile
    title = f"Programme assessment: {p.title}"
    authors = [p.assessor] if p.assessor else (list(p.organisations) or ["assess"])
    return {
        "a": a,
        "p": p,
        "pdf": pdf,
        "doc_title": title,
        "authors": authors,
        "created": created,
        "created_iso": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": long_date(created.date()),
        "assessment_date": long_date(p.assessment_date),
        "sections": sections,
        "synergies": synergies,
        "summary_synergies": synergies[:SUMMARY_TOP],
        "cautions": cautions,
        "gaps": gaps,
        "counts": [(s, STATUS_LABEL[s], a.counts.get(s, 0)) for s in STATUS_LABEL],
        "chart": score_chart(rows, "Scores per approach (0-100) and coverage"),
        "status_label": STATUS_LABEL,
        "status_meaning": STATUS_MEANING,
        "kind_label": KIND_LABEL,
        "approach_title": APPROACH_TITLES,
        "weights": sorted(a.items, key=lambda r: (-r.weight, r.checklist, r.id)),
    }


#: Bidirectional controls that open an embedding, override or isolate, and what closes each.
_BIDI_OPENERS = {
    "\u202a": "\u202c",
    "\u202b": "\u202c",
    "\u202d": "\u202c",
    "\u202e": "\u202c",
    "\u2066": "\u2069",
    "\u2067": "\u2069",
    "\u2068": "\u2069",
}
_BIDI = frozenset(_BIDI_OPENERS) | {"\u202c", "\u2069"}


def close_bidi(text: str) -> str:
    """``text`` with every embedding, override or isolate it opens closed at its
    end: a right-to-left override typed in a profile reverses its own text, as
    typed, but never the report's words after it."""
    if _BIDI.isdisjoint(text):
        return text
    open_: list[str] = []
    for c in text:
        if c in _BIDI_OPENERS:
            open_.append(_BIDI_OPENERS[c])
        elif c == "\u202c" and open_ and open_[-1] == "\u202c":
            open_.pop()
        elif c == "\u2069" and "\u2069" in open_:
            while open_.pop() != "\u2069":  # an isolate's end also ends what it holds
                pass
    return text + "".join(reversed(open_))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return Markup(close_bidi(value))
    return close_bidi(value) if isinstance(value, str) else value


def environment(template_dir: Path) -> jinja2.Environment:
    """A Jinja2 environment on ``template_dir`` with autoescaping always on."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def stylesheet(name: str) -> Markup:
        # The template folder's own CSS, inserted as it is: not a template, so
        # not compiled (and a brace in CSS cannot be taken for Jinja syntax).
        assert env.loader is not None
        return Markup(env.loader.get_source(env, name)[0])

    env.globals["stylesheet"] = stylesheet
    env.filters.update(
        score=fmt_score,
        pct=lambda x: f"{x:.0%}",
        location=fmt_location,
        weight=fmt_weight,
        long_date=long_date,
        question=field_question,
    )
    return env


def check_template_dir(template_dir: Path) -> None:
    """Raise a located InputError unless ``template_dir`` holds the report template."""
    if not template_dir.is_dir():
        raise InputError.at(str(template_dir), "template folder not found (--template-dir)")
    if not (template_dir / TEMPLATE).is_file():
        raise InputError.at(str(template_dir), f"the template folder has no '{TEMPLATE}'")


def render_html(a: Assessment, template_dir: Path, created: dt.datetime, pdf: bool) -> str:
    """The report as one HTML page. ``pdf`` adds what only print needs (the
    bundled fonts, resolved inside the template folder)."""
    check_template_dir(template_dir)
    env = environment(template_dir)
    try:
        template = env.get_template(TEMPLATE)
        return template.render(build_context(a, created, pdf))
    except jinja2.TemplateSyntaxError as e:
        path = e.filename or str(template_dir / (e.name or TEMPLATE))
        raise InputError.at(path, f"template syntax error: {e.message}", e.lineno) from None
    except jinja2.TemplateNotFound as e:
        raise InputError.at(str(template_dir), f"template not found: {e.name}") from None
    except jinja2.UndefinedError as e:
        raise InputError.at(str(template_dir / TEMPLATE), f"template error: {e.message}") from None
