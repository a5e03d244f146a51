"""The report pipeline: one programme assessed, laid out as HTML, then as a PDF.

``assess report`` and the portfolio's workers (``--reports-dir``) both call
:func:`build_report`, so a programme's report is the same whichever wrote it.
The template folder is checked once by the caller, before the slow part
(:func:`check_report_templates`). WeasyPrint and Jinja2 are imported here on
first use, never by a command that only scores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assess.core.evaluate import CompiledChecklist, ProfileSource, evaluate
from assess.core.profile import Profile
from assess.core.result import Assessment
from assess.errors import InputError, UsageError
from assess.i18n import _

if TYPE_CHECKING:
    from assess.app.pdf_process import RenderPDF
    from assess.loading.tailoring import Tailored
    from assess.render.pdfdata import EmbeddedFile

#: The report's own template, in the template folder.
REPORT_TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class ReportSettings:
    """How a programme's report is laid out: the template folder, the
    ``--date`` (None: the assessment date first), the language and the
    ``--detail`` (``brief``: the brief and compact findings; ``full``: one
    card per finding as well); for a PDF also the ``--pdf-variant`` (None: a
    plain tagged PDF) and ``--embed`` (attach the profile and the result
    document)."""

    template_dir: Path
    date: dt.date | None = None
    lang: str = "en"
    detail: str = "brief"
    pdf_variant: str | None = None
    embed: bool = False
    #: ``assess portfolio --plans``: where each programme's action plan is (``<stem>.plan.yaml``).
    plans_dir: Path | None = None
    #: EVIDENCE (issue 18): ``--stale-after`` in days (None: the default, two years).
    stale_after: int | None = None


@dataclass
class BuiltReport:
    """One programme's report, ready to write."""

    assessment: Assessment
    #: The PDF's bytes, or the HTML page's text.
    data: bytes | str
    #: Pages of the PDF (None for HTML).
    pages: int | None = None
    #: WeasyPrint's warnings and errors while laying the PDF out.
    messages: list[str] = field(default_factory=list)
    #: The action plan's warnings (an owner who is not an actor), each a located line.
    warnings: list[str] = field(default_factory=list)


def template_folder(template_dir: Path | None) -> Path:
    """``--template-dir``, else the built-in templates."""
    from assess.resources import templates_dir

    if template_dir is not None:
        return template_dir
    builtin = templates_dir()
    if not builtin.is_dir():
        raise UsageError(
            _(
                "this installation of assess has no built-in report templates (its data files are missing): "
                "reinstall it, or give a folder of templates with --template-dir"
            )
        )
    return builtin


def check_templates(folder: Path, *names: str) -> None:
    """Raise a located InputError unless ``folder`` holds every template in ``names``."""
    from assess.render.report import check_template_dir

    for name in names:
        check_template_dir(folder, name)


def build_report(
    profile: Profile,
    source: ProfileSource,
    checklists: Sequence[CompiledChecklist],
    settings: ReportSettings,
    *,
    tool_version: str,
    pdf: bool = True,
    previous: Assessment | None = None,
    plan: Path | None = None,
    tailored: Tailored | None = None,
    render: RenderPDF | None = None,
) -> BuiltReport:
    """Assess ``profile`` in ``settings.lang`` and lay its report out (a PDF,
    or with ``pdf=False`` an HTML page). The template folder must have been
    checked (:func:`check_templates`). With ``tailored`` (whose checklists are
    ``checklists``), the result carries the tailoring and the base scores. With
    ``previous`` (the programme's earlier assessment), the report says what
    moved since; with ``plan``, an action plan file, it shows where the plan
    stands, judged on the report's date. ``render`` lays the page out (default:
    in this process; ``assess report`` hands it to a process started ahead,
    :mod:`assess.app.pdf_process`)."""
    from assess.core.evidence import DEFAULT_STALE_AFTER_DAYS, with_evidence
    from assess.core.voices import corroborated
    from assess.render.report import creation_time, render_html

    assessment = evaluate(profile, checklists, source, tool_version, language=settings.lang)
    if tailored is not None:
        assessment = tailored.onto(assessment, profile)
    created = creation_time(settings.date, assessment.profile.assessment_date)
    # EVIDENCE (issue 18): the answers' age is judged on the report's date.
    age = settings.stale_after if settings.stale_after is not None else DEFAULT_STALE_AFTER_DAYS
    assessment = with_evidence(
        assessment, profile, as_of=created.date(), stale_after_days=age, corroborated=corroborated(profile)
    )
    warnings: list[str] = []
    if plan is not None:
        from assess.app.plans import judge_plan

        assessment, warnings = judge_plan(assessment, profile, plan, checklists, created.date())
    since = None
    if previous is not None:
        from assess.core.trend import compare

        since = compare(previous, assessment)
    html = render_html(
        assessment, settings.template_dir, created, pdf=pdf, lang=settings.lang, detail=settings.detail, since=since
    )
    if not pdf:
        return BuiltReport(assessment, html, warnings=warnings)
    from assess.app.pdf_process import PDFRequest, render_here

    files = embedded_files(assessment, source) if settings.embed else []
    request = PDFRequest(html, settings.template_dir, created, settings.pdf_variant, tuple(files), close_up=True)
    rendered = (render or render_here)(request)
    return BuiltReport(assessment, rendered.data, rendered.pages, rendered.messages, warnings)


def result_file_name(profile_name: str) -> str:
    """The name of the embedded result document of the profile ``profile_name``."""
    return f"{Path(profile_name).stem}.result.json"


def embedded_files(assessment: Assessment, source: ProfileSource) -> list[EmbeddedFile]:
    """What ``--embed`` attaches: the profile's bytes as read, and the result
    document as ``assess check --format json`` writes it, so that a reader can
    re-check the scores from the PDF alone."""
    import hashlib

    from assess.render.pdfdata import EmbeddedFile
    from assess.reporters.json_report import render as render_json

    path = Path(source.path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError.at(source.path, _("cannot be read: {reason}").format(reason=e.strerror or e)) from None
    if hashlib.sha256(data).hexdigest() != source.sha256:
        raise InputError.at(source.path, _("the profile changed while the report was made; run the command again"))
    return [
        EmbeddedFile(path.name, data, "application/yaml", _("The assessed profile"), "Source"),
        EmbeddedFile(
            result_file_name(path.name),
            render_json([assessment]).encode("utf-8"),
            "application/json",
            _("The result document (assess check --format json)"),
            "Data",
        ),
    ]


def write_report(target: Path, data: str | bytes, *, make_folder: bool = False) -> None:
    """Write a report atomically; a failed write (disk full, read-only) is a
    located error. With ``make_folder``, the target's folder is created first."""
    from assess.files import write_atomic

    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as e:
        raise InputError.at(str(target), _("cannot write: {reason}").format(reason=e.strerror or e)) from None
