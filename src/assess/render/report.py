"""The report of missed synergies: a result document rendered to HTML.

``render_html`` turns an :class:`~assess.core.result.Assessment` into one
self-contained HTML page (CSS inlined) with a Jinja2 template from the template
folder; :mod:`assess.render.pdf` lays that page out as a PDF. Everything the
report says comes from the result document, evidence gaps included: each
evidence record carries its field's question in the document's language.

Jinja2 autoescapes every value: a profile's text reaches the page as text,
never as markup.

Languages: the template's strings are English ``{{ _("...") }}`` calls
(jinja2.ext.i18n) looked up in the gettext catalogue of ``lang``; dates and
numbers are formatted for the locale, and in French every text the page shows
(labels, checklist and profile texts alike) is set with French spacing by
:func:`assess.i18n.french_typography`, applied to each ``{{ }}`` output. In
either language a hyphen set as a dash becomes an en dash (:func:`assess.i18n.dashes`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from assess.core.checklist import APPROACH_TITLES, Approach, Kind
from assess.core.result import (
    Assessment,
    EvidenceRecord,
    EvidenceStrength,
    ItemResult,
    Location,
    ProfileSummary,
    Score,
    Status,
)
from assess.core.trend import Movement
from assess.errors import InputError
from assess.files import note_input
from assess.i18n import N_, _, dashes, number, percent, set_language, translations
from assess.i18n import french_typography as typography
from assess.i18n import long_date as locale_date
from assess.render.audiences import AUDIENCE_TITLE, Audience, audience_of
from assess.render.chart import ChartRow, CountSegment, ScoreChartText, as_image, counts_chart, score_chart
from assess.render.plan import (
    ACTION_STATUS_LABEL,
    HORIZON_LABEL,
    HORIZON_MEANING,
    PLAN_ITEMS,
    SIDE_LABEL,
    Horizon,
    action_plan,
    plan_items,
    plan_state_view,
)
from assess.render.trend import movement_view
from assess.render.voices import voices_view
from assess.reporters import labels

TEMPLATE = "report.html.j2"
_K = TypeVar("_K")

#: Result labels as a reader sees them, in the order the report counts them.
STATUS_LABEL: dict[Status, str] = {s: labels.STATUS_WORDS[s].title for s in labels.REPORT_STATUS_ORDER}
STATUS_MEANING: dict[Status, str] = {
    Status.met: N_("the profile shows the practice or link in place"),
    Status.partial: N_("in place in part, or on paper only"),
    Status.missed: N_("the profile shows it absent"),
    Status.unknown: N_("the profile is silent: an evidence gap, not a failure"),
    Status.not_applicable: N_("does not apply to this programme, for the reason given"),
    Status.waived: N_("set aside by a reviewer, with a justification and an expiry date"),
}
#: Approach names short enough for the chart's label column.
CHART_LABEL: dict[Approach, str] = {
    Approach.national_ownership: N_("National ownership"),
    Approach.good_governance: N_("Good governance"),
    Approach.people_centred: N_("People-centred, human rights"),
    Approach.gender_diversity: N_("Gender and diversity"),
    Approach.operational_linkage: N_("Operational linkage"),
}
KIND_LABEL: dict[Kind, str] = {Kind.practice: N_("Practice"), Kind.synergy: N_("Synergy"), Kind.caution: N_("Caution")}
#: Answers and phases as the report shows them (the profile's values are English).
VALUE_LABEL: dict[str, str] = {
    "yes": N_("yes"),
    "partial": N_("partial"),
    "no": N_("no"),
    "unknown": N_("unknown"),
    "emergency": N_("emergency"),
    "stabilisation": N_("stabilisation"),
    "reconstruction": N_("reconstruction"),
    "development": N_("development"),
}
#: Instruments as the brief names them, and a state's standing under each.
TREATY_LABEL: dict[str, str] = {
    "apmbc": N_("the Mine Ban Convention (APMBC)"),
    "ccm": N_("the Convention on Cluster Munitions"),
    "ccw_amended_protocol_ii": N_("CCW Amended Protocol II"),
    "ccw_protocol_v": N_("CCW Protocol V"),
    "att": N_("the Arms Trade Treaty"),
}
TREATY_STATUS: dict[str, str] = {
    "party": N_("party to {treaty}"),
    "signatory": N_("signatory of {treaty}"),
    "not_party": N_("not party to {treaty}"),
    "withdrawn": N_("withdrawn from {treaty}"),
}
#: How many missed synergies the executive summary lists before "and N more".
SUMMARY_TOP = 5
#: The report's levels of detail: the brief with compact findings, or one card per finding too.
DETAILS = ("brief", "full")
#: Colours of each result in the counts chart (fill, ink), as the badges have them.
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.met: ("#7fb98a", "#1e6b2a"),
    Status.partial: ("#e8b35a", "#8a5200"),
    Status.missed: ("#d9665c", "#a3231a"),
    Status.unknown: ("#a9bfd3", "#35536e"),
    Status.not_applicable: ("#d3d7da", "#5b6770"),
    Status.waived: ("#b7a3d1", "#5e3f86"),
}
#: The verdict in words, by the lowest score of each band.
VERDICTS: tuple[tuple[float, str], ...] = (
    (75.0, N_("the links and practices the paper calls for are largely in place")),
    (50.0, N_("the links and practices the paper calls for are in place in part")),
    (25.0, N_("the links and practices the paper calls for are weak")),
    (0.0, N_("the links and practices the paper calls for are largely absent")),
)


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
            # Digits only, as reproducible-builds.org specifies it: no sign
            # (a negative time is before 1970), no '_' or spaces (int() takes them).
            if not (epoch.isascii() and epoch.isdigit()):
                raise ValueError(epoch)
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise InputError.at(
                "SOURCE_DATE_EPOCH", f"must be a whole number of seconds since 1970-01-01 UTC, not '{epoch}'"
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@jinja2.pass_context
def field_question(context: jinja2.runtime.Context, dotted: str) -> str | None:
    """The ``question`` filter: the question of a field the result document's
    evidence names, or None (the bundled template reads ``e.question``; the
    filter keeps older custom templates working)."""
    questions: Mapping[str, str | None] = context.get("questions", {})
    return questions.get(dotted)


def long_date(day: dt.date | None) -> str:
    """'15 January 2016' ('15 janvier 2016' in French), or 'not stated'."""
    if day is None:
        return _("not stated")
    return locale_date(day)


def fmt_score(s: Score | float | None) -> str:
    """A score as the report shows it: a Score's value, or a bare figure (a range's end)."""
    return labels.score(s.score if isinstance(s, Score) else s)


def file_name(path: str) -> str:
    """The last part of a path as the profile gave it: the report names the
    profile by its file name, never by a folder of the machine that made it."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def fmt_location(loc: Location | None) -> str:
    """'liberia.yaml:113': the profile's file name and the line."""
    return f"{file_name(loc.path)}:{loc.line}" if loc else ""


def fmt_weight(w: float) -> str:
    return number(w)


class Verbatim(Markup):
    """Markup that French typography leaves alone (the stylesheets)."""


def css_content(text: str) -> Markup:
    """A CSS ``content`` value from a sentence with ``{page}``/``{pages}``:
    'Page {page} of {pages}' -> "Page " counter(page) " of " counter(pages)."""
    out = []
    for n, part in enumerate(text.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")):
        if n % 2:
            out.append(f"counter({part})")
        elif part:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            out.append(f'"{quoted}"')
    return Verbatim(" ".join(out))


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

    @property
    def answered(self) -> list[ItemResult]:
        """The items with a finding: met, partial, missed or waived."""
        return [r for r in self.items if r.status not in (Status.unknown, Status.not_applicable)]

    @property
    def unknown(self) -> list[ItemResult]:
        return [r for r in self.items if r.status is Status.unknown]

    @property
    def not_applicable(self) -> list[ItemResult]:
        return [r for r in self.items if r.status is Status.not_applicable]

    @property
    def not_applicable_by_reason(self) -> list[tuple[str, list[ItemResult]]]:
        """The items that do not apply, grouped by their reason (often one fact rules out several)."""
        grouped: dict[str, list[ItemResult]] = {}
        for r in self.not_applicable:
            grouped.setdefault(r.criterion.strip().rstrip("."), []).append(r)
        return list(grouped.items())


@dataclass(frozen=True)
class GapGroup:
    """The evidence gaps one body can answer."""

    audience: Audience
    title: str
    gaps: list[Gap]


@dataclass(frozen=True)
class KeyGapRow:
    item: ItemResult
    synergy: bool


def verdict(s: Score) -> str | None:
    """The verdict in words for a score, or None when there is no score."""
    if s.score is None:
        return None
    return next(_(words) for floor, words in VERDICTS if s.score >= floor)


def gap_groups(gaps: list[Gap]) -> list[GapGroup]:
    """The evidence gaps grouped by who can answer them, in the order of :data:`AUDIENCE_TITLE`."""
    grouped: dict[Audience, list[Gap]] = {}
    for g in gaps:
        fields = [e.field for e in g.silent] or [e.field for e in g.item.evidence]
        who = audience_of(fields[0]) if fields else Audience.authority
        grouped.setdefault(who, []).append(g)
    return [GapGroup(who, _(AUDIENCE_TITLE[who]), grouped[who]) for who in AUDIENCE_TITLE if who in grouped]


def _score_alt(rows: list[ChartRow]) -> str:
    """The score chart's text alternative: every figure it draws, in words."""
    parts = []
    for r in rows:
        if r.score is None:
            parts.append(
                _("{label}: no score, coverage {coverage}").format(label=r.label, coverage=percent(r.coverage))
            )
            continue
        text = _("{label}: {score} out of 100 (could be {low} to {high}), coverage {coverage}").format(
            label=r.label,
            score=labels.score(r.score),
            low=labels.score(r.low),
            high=labels.score(r.high),
            coverage=percent(r.coverage),
        )
        if r.provisional:
            text += " " + _("(provisional)")
        parts.append(text)
    return _("Scores per approach.") + " " + "; ".join(parts) + "."


def _silent(r: ItemResult) -> list[EvidenceRecord]:
    return [e for e in r.evidence if e.answer == "unknown"]


def _questions(a: Assessment) -> dict[str, str | None]:
    """The question of each field the result's evidence names (for the ``question`` filter)."""
    return {e.field: e.question for r in a.items for e in r.evidence}


# --- TAILORING ---
@dataclass(frozen=True)
class TailoringRow:
    """One item a tailoring changed: its id, title and each change in words."""

    id: str
    title: str
    changes: list[str]


@dataclass(frozen=True)
class TailoringView:
    """What the report says about the tailoring applied (cover and annex)."""

    id: str
    version: str
    title: str
    digest: str
    short_digest: str
    chain: str | None
    rows: list[TailoringRow]
    left_out: list[TailoringRow]
    base: Score | None
    #: (approach title, tailored score, untailored score) per approach.
    approaches: list[tuple[str, Score, Score | None]]
    #: A short mark for each item changed, by id, for the findings tables.
    marks: dict[str, str]


def tailoring_view(a: Assessment) -> TailoringView | None:
    """The report's view of ``a.tailoring``, in the report's language; None without one."""
    from assess.reporters import tailoring as words

    record = a.tailoring
    if record is None:
        return None
    titles = {(c.checklist, c.item): c.title for c in record.changes}
    gone = {(c.checklist, c.item) for c in words.deselected(record)}
    rows = [
        TailoringRow(item, titles.get((cid, item), item), changes)
        for cid, item, changes in words.changes_by_item(record, a.language)
        if (cid, item) not in gone
    ]
    left_out = [TailoringRow(c.item, c.title or c.item, [words.change_words(c)]) for c in words.deselected(record)]
    base = a.approaches_base or {}
    return TailoringView(
        id=record.id,
        version=record.version,
        title=record.title,
        digest=record.digest,
        short_digest=words.short_digest(record),
        chain=words.chain_words(record) if len(record.chain) > 1 else None,
        rows=rows,
        left_out=left_out,
        base=a.overall_base,
        approaches=[(_(APPROACH_TITLES[k]), v, base.get(k)) for k, v in a.approaches.items()],
        marks=words.item_marks(record),
    )


def _translated(words: Mapping[_K, str]) -> dict[_K, str]:
    """A table of words (marked ``N_``) in the report's language."""
    return {k: _(v) for k, v in words.items()}


def _sections(a: Assessment) -> list[ApproachSection]:
    """A section per approach that has items, in the order of :class:`Approach`."""
    return [
        ApproachSection(approach, _(APPROACH_TITLES[approach]), a.approaches[approach], items)
        for approach in Approach
        if (items := [r for r in a.items if r.approach is approach])
    ]


def _gaps(a: Assessment) -> list[Gap]:
    """The unknown items as questions to answer next, the heaviest first."""
    gaps = [Gap(r, _silent(r)) for r in a.items if r.status is Status.unknown]
    gaps.sort(key=lambda g: (-g.item.weight, g.item.checklist, g.item.id))
    return gaps


def _chart_row(label: str, s: Score, strong: bool = False) -> ChartRow:
    """One bar of the score chart: a score's figures under ``label``."""
    return ChartRow(label, s.score, s.coverage, s.answered, s.applicable, strong, s.low, s.high, s.provisional)


def _chart_label(section: ApproachSection) -> str:
    """A section as the chart's label column names it: the approach's short name, else its title."""
    return _(CHART_LABEL[section.approach]) if section.approach in CHART_LABEL else section.title


def _score_image(a: Assessment, sections: list[ApproachSection]) -> Markup:
    """The score chart (overall in bold, then a bar per section) with its text alternative."""
    rows = [_chart_row(_("Overall"), a.overall, True)]
    rows += [_chart_row(_chart_label(s), s.score) for s in sections]
    text = ScoreChartText(
        _("Scores per approach (0-100), their range and coverage"),
        coverage=_("coverage {percent}"),
        provisional=_("provisional"),
        legend_score=_("score (0–100)"),
        legend_range=_("range if every unknown item were met or missed"),
        legend_coverage=_("coverage"),
    )
    return as_image(score_chart(rows, text), _score_alt(rows))


def _counts(a: Assessment) -> list[tuple[Status, str, int]]:
    """(result, its label, how many items have it), in the order the report counts them."""
    return [(s, _(STATUS_LABEL[s]), a.counts.get(s, 0)) for s in STATUS_LABEL]


def _counts_image(counts: list[tuple[Status, str, int]]) -> Markup:
    """The counts chart with its text alternative."""
    segments = [CountSegment(label, n, *STATUS_COLOURS[s]) for s, label, n in counts]
    alt = _("Results by count:") + " " + ", ".join(f"{label} {n}" for _s, label, n in counts) + "."
    return as_image(counts_chart(segments, _("Results by count")), alt, "chart counts")


def _authors(p: ProfileSummary) -> list[str]:
    """Who the report names as its authors: the assessor, else the organisations, else assess."""
    return [p.assessor] if p.assessor else (list(p.organisations) or ["assess"])


def _treaties(p: ProfileSummary) -> list[str]:
    """The state's standing under each instrument the report knows, in words."""
    return [
        _(TREATY_STATUS[status]).format(treaty=_(TREATY_LABEL[name]))
        for name, status in p.treaties.items()
        if name in TREATY_LABEL and status in TREATY_STATUS
    ]


def _plan(a: Assessment, detail: str) -> dict[str, Any]:
    """The action plan the report proposes: every item in full detail, the
    first :data:`PLAN_ITEMS` in the brief, with how many it leaves out."""
    if detail == "full":
        return {"plan": action_plan(a, None), "plan_left_out": 0}
    return {"plan": action_plan(a, PLAN_ITEMS), "plan_left_out": max(0, len(plan_items(a)) - PLAN_ITEMS)}


def _label_tables() -> dict[str, Any]:
    """The tables of words the template looks its labels up in."""
    return {
        "status_label": _translated(STATUS_LABEL),
        "status_meaning": _translated(STATUS_MEANING),
        "kind_label": _translated(KIND_LABEL),
        "approach_title": _translated(APPROACH_TITLES),
        "chart_label": _translated(CHART_LABEL),
        "horizon_label": _translated(HORIZON_LABEL),
        "horizon_meaning": _translated(HORIZON_MEANING),
        "horizons": list(Horizon),
        "side_label": _translated(SIDE_LABEL),
    }


def build_context(
    a: Assessment, created: dt.datetime, pdf: bool, detail: str = "brief", since: Movement | None = None
) -> dict[str, Any]:
    """Everything the template shows, derived from the result document (and, with
    ``since``, what moved since the programme's previous assessment)."""
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    # Missed synergies first, then those met in part (each shows its status).
    synergies = [by_key[k] for k in (*a.missed_synergies, *a.partial_synergies)]
    sections = _sections(a)
    gaps = _gaps(a)
    counts = _counts(a)
    p = a.profile
    return {
        "a": a,
        "p": p,
        "pdf": pdf,
        "detail": detail,
        "doc_title": _("Programme assessment: {title}").format(title=p.title),
        "authors": _authors(p),
        "created": created,
        "created_iso": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "report_date": long_date(created.date()),
        "assessment_date": long_date(p.assessment_date),
        "profile_file": file_name(p.path),
        "sections": sections,
        "synergies": synergies,
        # Counted apart: a synergy met in part is not a missed one.
        "missed_count": len(a.missed_synergies),
        "partial_count": len(a.partial_synergies),
        "summary_synergies": synergies[:SUMMARY_TOP],
        "key_gaps": [KeyGapRow(by_key[g.id], g.synergy) for g in a.key_gaps if g.id in by_key],
        "cautions": [by_key[k] for k in a.cautions],
        "gaps": gaps,
        "gap_groups": gap_groups(gaps),
        "treaties": _treaties(p),
        **_plan(a, detail),
        "verdict": verdict(a.overall),
        "counts": counts,
        "chart": _score_image(a, sections),
        "counts_chart": _counts_image(counts),
        **_label_tables(),
        "lang": a.language,
        "scoring": _(a.scoring),
        "running_footer": _("Assessment of missed synergies between SSR and mine action"),
        "page_of": css_content(_("Page {page} of {pages}")),
        "weights": sorted(a.items, key=lambda r: (-r.weight, r.checklist, r.id)),
        "questions": _questions(a),
        # TAILORING: the tailoring applied (None: none).
        "tailoring": tailoring_view(a),
        # TREND: the "Since the last assessment" section (None: no --previous).
        "since": movement_view(since) if since is not None else None,
        # --- PLANS: the profile's own action plan (None without --plan) ---
        "plan_state": plan_state_view(a),
        "action_status_label": _translated(ACTION_STATUS_LABEL),
        # EVIDENCE (issue 18): None when the profile says nothing of how its answers are known.
        "evidence": _evidence(a, sections),
        # VOICES (issue 18): who answered and where they disagree; None without responses.
        "voices": voices_view(a),
    }


#: How an answer is known, as a finding's evidence line says it (EVIDENCE, issue 18).
SOURCE_KIND_LABEL: dict[str, str] = {
    "document": N_("from a document"),
    "interview": N_("from an interview"),
    "focus_group": N_("from a focus group"),
    "survey": N_("from a survey"),
    "observation": N_("observed"),
}


@dataclass(frozen=True)
class EvidenceRow:
    """One score's evidence strength, as the report's table shows it."""

    label: str
    strength: EvidenceStrength


def _evidence(a: Assessment, sections: list[ApproachSection]) -> dict[str, Any] | None:
    """The evidence strength of every score and the stale answers by question."""
    basis = a.evidence_basis
    if basis is None or a.overall.evidence is None:
        return None
    rows = [EvidenceRow(_("Overall"), a.overall.evidence)]
    rows += [EvidenceRow(s.title, s.score.evidence) for s in sections if s.score.evidence is not None]
    asked = {e.field: e.question for r in a.items for e in r.evidence}
    # By question, never by field name: the reader sees no machine paths.
    stale = [q for path in basis.stale if (q := asked.get(path))]
    kinds = {k: _(v) for k, v in SOURCE_KIND_LABEL.items()}
    return {
        "rows": rows,
        "stale": stale,
        "days": basis.stale_after_days,
        "as_of": long_date(basis.as_of),
        "kinds": kinds,
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


def title_halves(text: str) -> Markup:
    """A running title of two halves joined by " · " (a cover's), each half
    kept on one line: a long translation then breaks at the dot and leaves no
    word alone."""
    halves = escape(text).split(" · ")
    last = len(halves) - 1
    return Markup(" ").join(
        Markup('<span class="nw">{}{}</span>').format(half, " ·" if i < last else "") for i, half in enumerate(halves)
    )


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
    """Every ``{{ }}`` output of an English report: a hyphen set as a dash made
    an en dash (:func:`assess.i18n.dashes`), bidirectional controls closed."""
    if isinstance(value, Verbatim) or not isinstance(value, str):
        return value
    value = dashes(value)
    return Markup(close_bidi(value)) if isinstance(value, Markup) else close_bidi(value)


def _finalize_french(value: Any) -> Any:
    """The same, after French typography."""
    if isinstance(value, Verbatim) or not isinstance(value, str):
        return value
    return _finalize(typography(value))


def value_label(value: str) -> str:
    """An answer or phase as the report shows it ('oui' for 'yes' in French)."""
    return _(VALUE_LABEL[value]) if value in VALUE_LABEL else value


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string (inside <style>, where HTML escaping does not apply)."""
    quoted = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return Verbatim(f'"{quoted}"')


class FolderLoader(jinja2.FileSystemLoader):
    """Templates (and the stylesheets ``stylesheet()`` inserts) from one folder
    only: a name that resolves outside it, through '..' or a symbolic link,
    is refused with a located error, never read."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.shown = str(root)  # as the user gave it: no absolute path in a message
        self.root = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        target = (self.root / template).resolve()
        if not target.is_relative_to(self.root):
            raise InputError.at(
                self.shown,
                f"'{template}' resolves outside the template folder (through '..' or a symbolic link); "
                "a template folder may use only its own files",
            )
        note_input(Path(self.shown) / template)  # so that no output of the run may replace it
        return super().get_source(environment, template)

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        """The template, from the code compiled ahead of time where that was
        made from this very source (:mod:`assess.render.ahead`), else compiled."""
        from assess.render import ahead

        source, filename, uptodate = self.get_source(environment, name)
        namespace = globals if globals is not None else {}
        ready = ahead.load(environment, name, source, namespace)
        if ready is not None:
            return ready
        # What jinja2.BaseLoader.load does (no bytecode cache here), from the source already read.
        code = environment.compile(source, name, filename)
        return environment.template_class.from_code(environment, code, namespace, uptodate)


def environment(template_dir: Path, lang: str = "en") -> jinja2.Environment:
    """A sandboxed Jinja2 environment on ``template_dir`` (a template from a
    --template-dir is not trusted: it calls no Python and reads no file
    outside its folder), with autoescaping always on and the gettext calls of
    jinja2.ext.i18n answered from the ``lang`` catalogue."""
    env = SandboxedEnvironment(
        extensions=["jinja2.ext.i18n"],
        finalize=_finalize_french if lang == "fr" else _finalize,
        loader=FolderLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def stylesheet(name: str) -> Markup:
        # The template folder's own CSS, inserted as it is: not a template, so
        # not compiled (and a brace in CSS cannot be taken for Jinja syntax).
        assert env.loader is not None
        return Verbatim(env.loader.get_source(env, name)[0])

    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["stylesheet"] = stylesheet
    env.filters.update(
        score=fmt_score,
        pct=percent,
        typo=typography,
        bidi=close_bidi,
        value=value_label,
        css_string=css_string,
        location=fmt_location,
        weight=fmt_weight,
        long_date=long_date,
        question=field_question,
        title_halves=title_halves,
    )
    return env


def check_template_dir(template_dir: Path, name: str = TEMPLATE) -> None:
    """Raise a located InputError unless ``template_dir`` holds the template ``name``."""
    if not template_dir.is_dir():
        raise InputError.at(str(template_dir), "template folder not found (--template-dir)")
    if not (template_dir / name).is_file():
        raise InputError.at(str(template_dir), f"the template folder has no '{name}'")


def render_template(env: jinja2.Environment, template_dir: Path, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; a broken custom template is a located input error."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        path = e.filename or str(template_dir / (e.name or name))
        raise InputError.at(path, f"template syntax error: {e.message}", e.lineno) from None
    except jinja2.TemplateNotFound as e:
        raise InputError.at(str(template_dir), f"template not found: {e.name}") from None
    except jinja2.UndefinedError as e:
        raise InputError.at(str(template_dir / name), f"template error: {e.message}") from None
    except SecurityError as e:
        raise InputError.at(str(template_dir / name), f"template error: not allowed: {e}") from None


def render_html(
    a: Assessment,
    template_dir: Path,
    created: dt.datetime,
    pdf: bool,
    lang: str = "en",
    detail: str = "brief",
    since: Movement | None = None,
) -> str:
    """The report as one HTML page in ``lang``. ``pdf`` adds what only print
    needs (the bundled fonts, resolved inside the template folder); ``detail``
    is ``brief`` (the brief, compact findings) or ``full`` (one card per finding too).

    The caller checks the template folder first (:func:`check_template_dir`),
    once, not once per report."""
    set_language(lang)
    if a.language != lang:
        a = a.model_copy(update={"language": lang})
    env = environment(template_dir, lang)
    return render_template(env, template_dir, TEMPLATE, build_context(a, created, pdf, detail, since))
