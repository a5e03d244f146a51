"""`assess report`: the PDF and HTML report of missed synergies.

PDFs are rendered once per case (module fixtures) and read back with pypdf: a
test checks what a reader of the PDF would see. Every render must leave
WeasyPrint silent (no warning or error beyond the machine notice about
HarfBuzz-Subset), which the CLI would otherwise print on stderr.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess import __version__
from assess.core.evaluate import evaluate
from assess.core.result import Assessment, Status, WaiverRecord
from assess.i18n import dashes
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile
from assess.render import pdf as pdf_module
from assess.render.chart import ChartRow, score_chart
from assess.render.pdf import MACHINE_NOTICES, FolderFetcher, chart_fetcher, render_pdf
from assess.render.report import creation_time, long_date, render_html
from assess.resources import templates_dir
from conftest import run_here
from paths import REPORT, ROOT

DATA = REPORT
NEPAL = ROOT / "examples" / "nepal.yaml"
LIBERIA = ROOT / "examples" / "liberia.yaml"
HOSTILE = DATA / "hostile.yaml"
QUIET = DATA / "quiet.yaml"
FIXTURE_CHECKLIST = DATA / "all-approaches.yaml"
SECTIONS = [
    "The brief",
    "Findings by approach",
    "Evidence gaps: questions to ask",
    "Annex: method and sources",
]
A4 = (595.28, 841.89)


@dataclass
class Run:
    code: int
    out: str
    err: str


class _WeasyPrintSpy(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(MACHINE_NOTICES):
            self.messages.append(message)


@contextlib.contextmanager
def weasyprint_silent() -> Iterator[_WeasyPrintSpy]:
    """Fail if WeasyPrint logs anything unexpected inside the block."""
    spy = _WeasyPrintSpy()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(spy)
    try:
        yield spy
    finally:
        logger.removeHandler(spy)
    assert spy.messages == [], f"unexpected WeasyPrint messages: {spy.messages}"


def run(*args: str | Path) -> Run:
    """Run the CLI in this process (WeasyPrint is imported once for all tests)."""
    done = run_here(args)
    return Run(done.code, done.stdout, done.stderr)


def assess(profile: Path, *checklists: str) -> Assessment:
    loaded, source = load_profile(profile)
    return evaluate(loaded, load_checklists(checklists), source, __version__)


def pdf_text(data: bytes) -> str:
    """The PDF's text without the running header and footer (the last two
    lines of each numbered page), so phrases that cross a page break are found."""
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        if lines and re.search(r"Page \d+ of \d+$", lines[-1]):
            lines = lines[:-2]
        pages.append("\n".join(lines))
    return "\n".join(pages)


def flat(text: str) -> str:
    """Text with all runs of whitespace made one space, for phrase search, and
    a hyphen set as a dash made an en dash as the report sets it (so that a
    checklist's own text is found in the page)."""
    # A hyphen at a line end ("non-\nsensitive") belongs to the word.
    return re.sub(r"\s+", " ", dashes(re.sub(r"-\n", "-", text)))


def squash(text: str) -> str:
    """Text without any whitespace: for paths and URLs the layout may wrap."""
    return re.sub(r"\s+", "", text)


def between(text: str, start: str, *ends: str) -> str:
    """The body text from ``start`` (unique body text) to the first of ``ends``
    after it: slices a section without the running headers' section names."""
    i = text.index(start)
    stops = [j for e in ends if (j := text.find(e, i)) >= 0]
    return text[i : min(stops)] if stops else text[i:]


def outline(data: bytes) -> list[tuple[str, list[str]]]:
    """The PDF's bookmarks: (title, [child titles]) for each top-level entry."""
    entries: list[tuple[str, list[str]]] = []
    for entry in PdfReader(io.BytesIO(data)).outline:
        if isinstance(entry, list):
            entries[-1][1].extend(e.title for e in entry if not isinstance(e, list))
        else:
            entries.append((entry.title, []))
    return entries


FINDINGS = "The items the profile answers, grouped by"
GAPS = ("The profile is silent on these items", "None: the profile answers every applicable item.")
ANNEX = "Annex: method and sources Method"


@dataclass
class Rendered:
    assessment: Assessment
    data: bytes
    text: str
    run: Run


def _render(tmp: Path, profile: Path, *checklists: str) -> Rendered:
    target = tmp / f"{profile.stem}.pdf"
    args: list[str | Path] = ["report", profile, "-o", target]
    for c in checklists:
        args += ["--checklist", c]
    with weasyprint_silent():
        result = run(*args)
    assert result.code == 0, result.err
    # The one status line (on stderr since the CI output work), and no WeasyPrint message.
    assert (
        result.err
        == f"Report written to {target} ({PdfReader(io.BytesIO(target.read_bytes())).get_num_pages()} pages)\n"
    )
    data = target.read_bytes()
    return Rendered(assess(profile, *checklists), data, pdf_text(data), result)


@pytest.fixture(scope="module")
def nepal(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("nepal"), NEPAL)


@pytest.fixture(scope="module")
def liberia(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("liberia"), LIBERIA)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("hostile"), HOSTILE, str(FIXTURE_CHECKLIST))


@pytest.fixture(scope="module")
def quiet(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("quiet"), QUIET, str(FIXTURE_CHECKLIST))


@pytest.fixture(params=["nepal", "liberia", "hostile", "quiet"])
def rendered(request: pytest.FixtureRequest) -> Rendered:
    value: Rendered = request.getfixturevalue(request.param)
    return value


# ---------------------------------------------------------------- contents


@pytest.mark.slow
def test_every_section_is_a_bookmark_in_order(rendered: Rendered) -> None:
    numbered = [f"{n} {s}" for n, s in enumerate(SECTIONS[:-1], 1)] + SECTIONS[-1:]
    assert [title for title, _ in outline(rendered.data)] == numbered
    text = flat(rendered.text)
    for title in numbered:
        assert text.count(title) >= 2  # in the contents and as a heading


@pytest.mark.slow
def test_every_score_of_the_result_document_appears(rendered: Rendered) -> None:
    a = rendered.assessment
    text = flat(rendered.text)
    doc = json.loads(a.model_dump_json())
    scores = [doc["overall"], *doc["approaches"].values()]
    for s in scores:
        shown = "n/a" if s["score"] is None else f"{s['score']:.1f}"
        assert shown in text
        assert f"coverage {s['coverage']:.0%}" in text
        assert f"{s['answered']} of {s['applicable']} applicable items answered" in text
        if s["high"] is not None and s["high"] > s["low"]:
            assert f"{s['low']:.1f}–{s['high']:.1f}" in text
    overall = doc["overall"]
    if overall["provisional"] and overall["score"] is not None:
        assert "PROVISIONAL" in text and "This verdict is provisional:" in text  # the cover's mark is in capitals
    elif overall["score"] is not None:
        assert "This verdict is provisional" not in text
    for status in Status:
        assert str(a.counts[status]) in text


@pytest.mark.slow
def test_key_gaps_and_the_plan_lead_the_brief(rendered: Rendered) -> None:
    from assess.render.plan import PLAN_ITEMS, plan_items

    a = rendered.assessment
    text = flat(rendered.text)
    brief = between(text, "1 The brief", "2 Findings by approach The items")
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    key_gaps = between(brief, "1.3 Key gaps", "1.4 Cautions")
    for g in a.key_gaps:
        r = by_key[g.id]
        assert flat(r.title) in key_gaps and flat(r.criterion) in key_gaps
        assert ("SYNERGY" in between(key_gaps, flat(r.title), r.id).upper()) == g.synergy
        for ref in r.references:
            assert f"p. {ref.page}" in key_gaps
            if ref.case:
                assert ref.case in key_gaps
    plan = between(brief, "1.5 Action plan")
    for r in plan_items(a)[:PLAN_ITEMS]:
        for phrase in [*r.recommendations.ssr, *r.recommendations.mine_action]:
            assert flat(phrase) in plan, phrase
        assert r.id in plan


@pytest.mark.slow
def test_every_item_appears_in_its_approach_section(rendered: Rendered) -> None:
    text = flat(rendered.text)
    findings = between(text, FINDINGS, *GAPS)
    for r in rendered.assessment.items:
        if r.status in (Status.unknown, Status.not_applicable):
            # Listed by title in a running paragraph (which a page break, and the
            # running header the text extraction puts inside it, may cut).
            assert f"({r.id})" in findings
        else:
            assert f"{r.id} ·" in findings
            assert flat(r.title) in findings


@pytest.mark.slow
def test_cover_and_appendix_identify_the_inputs(rendered: Rendered) -> None:
    a = rendered.assessment
    text = flat(rendered.text)
    assert a.profile.sha256 in re.sub(r"\s+", "", rendered.text)
    assert f"assess {__version__}" in text
    assert a.scoring[:60] in text
    for c in a.checklists:
        assert f"{c.id} {c.version}" in text
    assert f"{Path(a.profile.path).name} (SHA-256 {a.profile.sha256[:12]}" in text  # on the cover
    assert str(ROOT) not in squash(rendered.text) and a.profile.path not in text
    assert long_date(a.profile.assessment_date) in text


@pytest.mark.slow
def test_evidence_is_quoted_with_its_source_and_location(rendered: Rendered) -> None:
    text = squash(rendered.text)
    for r in rendered.assessment.items:
        if r.status in (Status.not_applicable, Status.unknown):
            continue
        for e in r.evidence:
            if e.answer == "unknown":
                continue
            if e.evidence and r.status in (Status.missed, Status.partial):
                assert squash(f"“{e.evidence}”") in text
            if e.source:
                assert squash(e.source) in text
            if e.location:
                assert squash(f"{Path(e.location.path).name}:{e.location.line}") in text
    assert not re.search(r"\.yaml:\d+:\d+", text), "locations are file:line"


@pytest.mark.slow
def test_gaps_are_phrased_as_questions(rendered: Rendered) -> None:
    text = flat(rendered.text)
    unknown = [r for r in rendered.assessment.items if r.status is Status.unknown]
    if not unknown:
        assert "None: the profile answers every applicable item." in text
        return
    gaps = between(text, GAPS[0], ANNEX)
    for r in unknown:
        assert flat(r.question) in gaps
        for e in r.evidence:
            if e.answer == "unknown":
                assert e.question and flat(e.question) in gaps
                assert e.field not in gaps


@pytest.mark.slow
def test_empty_sections_say_none(quiet: Rendered) -> None:
    a = quiet.assessment
    assert a.missed_synergies == [] and a.cautions == []
    assert {r.status for r in a.items} == {Status.met, Status.not_applicable}
    text = flat(quiet.text)
    assert "1.3 Key gaps None: the profile shows no applicable item missing." in text
    assert "Nothing to do yet: no item is missed or met only in part, and no caution is raised." in text
    assert "None: the profile answers every applicable item." in text
    assert "None: no caution item applies to this programme and is left unhandled." in text
    assert (
        "The programme does not employ former combatants: Former combatants employed as deminers without vetting (TST-03)"
        in text
    )
    assert "100.0" in text


@pytest.mark.slow
def test_every_result_kind_and_caution_in_the_fixture(hostile: Rendered) -> None:
    a = hostile.assessment
    text = flat(hostile.text)
    assert {Status.met, Status.partial, Status.missed, Status.unknown} <= {r.status for r in a.items}
    assert "Joint gender and diversity work SYNERGY" in between(text, "1.3 Key gaps", "1.4 Cautions")
    assert "comparable case: Uganda" in text
    gaps = between(text, GAPS[0], ANNEX)
    assert "Is there a forum where SSR and mine action actors plan or coordinate together?" in gaps
    assert "linkage.coordination_mechanism" not in text
    assert a.cautions == ["report-fixture/TST-03"]
    cautions = between(text, "1.4 Cautions", "1.5 Action plan")
    assert "Former combatants employed as deminers without vetting" in cautions
    assert "Former combatants are employed without vetting." in cautions
    plan = between(text, "1.5 Action plan", "2 Findings by approach The items")
    assert "Vet former combatants before hiring them." in plan


@pytest.mark.slow
def test_pdf_is_a4_with_metadata_outline_and_page_numbers(rendered: Rendered) -> None:
    reader = PdfReader(io.BytesIO(rendered.data))
    p = rendered.assessment.profile
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"Programme assessment: {p.title}"
    assert meta.author == (p.assessor or ", ".join(p.organisations))
    assert meta.creation_date is not None and meta.creation_date.date() == p.assessment_date
    n = len(reader.pages)
    assert f"Page {n} of {n}" in reader.pages[-1].extract_text()
    assert f"Page 2 of {n}" in reader.pages[1].extract_text()
    assert "Page 1" not in reader.pages[0].extract_text()  # the cover has no running furniture


@pytest.mark.slow
def test_synergies_and_approaches_are_bookmarked_under_their_section(hostile: Rendered) -> None:
    children = dict(outline(hostile.data))
    assert children["2 Findings by approach"] == [
        "2.1 National ownership and capacity development",
        "2.2 Good governance",
        "2.3 People-centred approach and human rights",
        "2.4 Gender and diversity",
        "2.5 Operational linkage",
    ]
    assert children["1 The brief"] == [
        "1.1 The programme",
        "1.2 Verdict and scores",
        "1.3 Key gaps",
        "1.4 Cautions",
        "1.5 Action plan",
    ]


# ---------------------------------------------------------------- safety


@pytest.mark.slow
def test_hostile_text_appears_as_text_and_fetches_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fetchers: list[FolderFetcher] = []

    class Spy(FolderFetcher):
        def __init__(self, root: Path) -> None:
            super().__init__(root)
            fetchers.append(self)

    monkeypatch.setattr(pdf_module, "FolderFetcher", Spy)
    target = tmp_path / "hostile.pdf"
    with weasyprint_silent():
        result = run("report", HOSTILE, "--checklist", FIXTURE_CHECKLIST, "-o", target)
    assert result.code == 0, result.err
    [fetcher] = fetchers
    root = templates_dir().resolve()
    assert fetcher.requested, "the bundled fonts are read through the fetcher"
    assert fetcher.refused == []
    for url in fetcher.requested:
        assert url.startswith(root.as_uri() + "/"), url
    text = squash(pdf_text(target.read_bytes()))
    for phrase in [
        'Testland <img src="file:///etc/passwd">',
        '<img src="http://127.0.0.1:9/x.png">',
        "url(file:///etc/shadow)",
        '@import url("http://example.invalid/x.css");',
        "<script>alert(1)</script>",
        'Hostile <b>markup</b> & "quotes"',
    ]:
        assert squash(phrase) in text, phrase


def test_html_report_escapes_profile_text(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    result = run("report", HOSTILE, "--format", "html", "-o", target)
    assert result.code == 0, result.err
    html = target.read_text()
    # The only images are the report's own charts, as data URIs the renderer made.
    images = re.findall(r"<img [^>]*>", html)
    assert images and all(re.match(r'<img class="chart[^"]*" src="data:image/svg\+xml;base64,', i) for i in images)
    assert "<script" not in html and "<link" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "@font-face" not in html  # a standalone page needs no bundled font files


@pytest.mark.slow
def test_fetcher_refuses_everything_outside_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    root.mkdir()
    (root / "ok.css").write_text("p { color: red }")
    (tmp_path / "secret.css").write_text("p { color: blue }")
    (root / "escape.css").symlink_to(tmp_path / "secret.css")
    fetcher = FolderFetcher(root)
    assert fetcher.inside((root / "ok.css").as_uri()) == (root / "ok.css").resolve()
    for url in [
        (tmp_path / "secret.css").as_uri(),
        (root / "escape.css").as_uri(),
        root.as_uri() + "/../secret.css",
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "data:text/css,p{}",
        (root / "missing.css").as_uri(),
    ]:
        assert fetcher.inside(url) is None, url
    html = (
        '<html><head><link rel="stylesheet" href="ok.css"><link rel="stylesheet" href="../secret.css">'
        '<style>body { background: url("file:///etc/passwd") }</style></head>'
        '<body><img src="http://127.0.0.1:9/x.png"><img src="escape.css"></body></html>'
    )
    rendered = render_pdf(html, root, dt.datetime(2020, 1, 1, tzinfo=dt.UTC), fetcher)
    assert sorted(fetcher.refused) == sorted(
        [
            (tmp_path / "secret.css").as_uri(),
            "http://127.0.0.1:9/x.png",
            (root / "escape.css").as_uri(),
            "file:///etc/passwd",
        ]
    )
    assert set(fetcher.requested) - set(fetcher.refused) == {(root / "ok.css").as_uri()}
    assert rendered.messages, "refusals are reported, not silent"


# ---------------------------------------------------------------- determinism


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(tmp_path: Path, nepal: Rendered) -> None:
    again = tmp_path / "again.pdf"
    assert run("report", NEPAL, "-o", again).code == 0
    assert again.read_bytes() == nepal.data
    html1, html2 = tmp_path / "1.html", tmp_path / "2.html"
    assert run("report", NEPAL, "--format", "html", "-o", html1).code == 0
    assert run("report", NEPAL, "--format", "html", "-o", html2).code == 0
    assert html1.read_bytes() == html2.read_bytes()


def test_date_option_sets_the_report_date(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    assert run("report", QUIET, "--format", "html", "--date", "2017-03-04", "-o", target).code == 0
    html = target.read_text()
    assert '<meta name="dcterms.created" content="2017-03-04T00:00:00Z">' in html
    assert "<tr><th>Report date</th><td>4 March 2017</td></tr>" in html
    assert "<tr><th>Assessment date</th><td>30 June 2021</td></tr>" in html


def test_creation_time_precedence() -> None:
    env = {"SOURCE_DATE_EPOCH": "1500000000"}
    d1, d2 = dt.date(2020, 1, 2), dt.date(2019, 5, 6)
    assert creation_time(d1, d2, env) == dt.datetime(2020, 1, 2, tzinfo=dt.UTC)
    assert creation_time(None, d2, env) == dt.datetime(2019, 5, 6, tzinfo=dt.UTC)
    assert creation_time(None, None, env) == dt.datetime(2017, 7, 14, 2, 40, tzinfo=dt.UTC)
    now = creation_time(None, None, {})
    assert abs((dt.datetime.now(dt.UTC) - now).total_seconds()) < 3600


# ---------------------------------------------------------------- bad input


def _no_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2016-13-01"], "'2016-13-01' is not a date of the form YYYY-MM-DD"),
        (["--template-dir", "{tmp}/nowhere"], "nowhere: template folder not found (--template-dir)"),
        (["--template-dir", "{tmp}"], "the template folder has no 'report.html.j2'"),
        (["-o", "{tmp}/missing/r.pdf"], "r.pdf: cannot write: the folder"),
        (["-o", "{tmp}"], "cannot write: it is a directory"),
        (["--checklist", "no-such-checklist"], "no-such-checklist: unknown checklist id"),
    ],
)
def test_bad_input_is_one_located_message(tmp_path: Path, args: list[str], message: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = run("report", NEPAL, "-o", work / "r.pdf", *[a.format(tmp=work) for a in args])
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert _no_files(work) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a folder even root cannot write to")
def test_unwritable_output_is_one_message() -> None:
    result = run("report", QUIET, "--format", "html", "-o", "/sys/kernel/assess-report.html")
    assert result.code == 2
    assert result.err.startswith("error: /sys/kernel/assess-report.html: cannot write: ")
    assert result.err.count("\n") == 1
    assert not Path("/sys/kernel/assess-report.html").exists()


def test_failed_write_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "r.html"
    result = run("report", QUIET, "--format", "html", "-o", target)
    assert result.code == 2
    assert f"error: {target}: cannot write: No space left on device" in result.err
    assert _no_files(tmp_path) == []


def test_bad_profile_is_located_and_leaves_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("programme:\n  title: X\n  country: Y\ngovernance:\n  civilian_oversigth: yes\n")
    result = run("report", bad, "-o", tmp_path / "bad.pdf")
    assert result.code == 2
    assert re.search(r"bad\.yaml:5:3: .*civilian_oversigth", result.err), result.err
    assert not (tmp_path / "bad.pdf").exists()
    assert run("report", tmp_path / "absent.yaml", "-o", tmp_path / "a.pdf").code == 2
    assert not (tmp_path / "a.pdf").exists()


def test_bad_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    undated = tmp_path / "undated.yaml"
    undated.write_text("programme:\n  title: X\n  country: Y\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("report", undated, "--format", "html", "-o", tmp_path / "u.html")
    assert result.code == 2
    assert "SOURCE_DATE_EPOCH: must be a whole number of seconds" in result.err
    assert not (tmp_path / "u.html").exists()


def test_template_error_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    shutil.copytree(templates_dir(), folder)
    (folder / "report.html.j2").write_text("<html>\n{% for x in %}\n</html>\n")
    result = run("report", NEPAL, "--template-dir", folder, "-o", tmp_path / "r.pdf")
    assert result.code == 2
    assert f"{folder / 'report.html.j2'}:2:1: template syntax error" in result.err
    assert not (tmp_path / "r.pdf").exists()


def test_failure_while_rendering_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(pdf_module, "render_pdf", broken)
    result = run("report", NEPAL, "-o", tmp_path / "r.pdf")
    assert result.code == 3
    assert "internal error: RuntimeError: layout exploded" in result.err
    assert _no_files(tmp_path) == []


def test_default_output_name_is_the_profile_stem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", NEPAL, "--format", "html")
    assert result.code == 0, result.err
    assert result.out == ""  # status lines go to stderr
    assert result.err == "Report written to nepal-report.html\n"
    assert _no_files(tmp_path) == ["nepal-report.html"]


# ---------------------------------------------------------------- any number of items


@pytest.mark.slow
def test_many_items_with_waivers_render(tmp_path: Path) -> None:
    source = FIXTURE_CHECKLIST.read_text()
    items = source.split("\n  - id: ")
    head, bodies = items[0], items[1:]
    copies = [f"{body.replace('TST-', f'T{n}-', 1)}" for n in range(1, 9) for body in bodies]
    big = tmp_path / "big.yaml"
    big.write_text(head.replace("id: report-fixture", "id: big") + "".join("\n  - id: " + b for b in copies))
    profile, source_info = load_profile(HOSTILE)
    waivers = {
        "big/T1-06": WaiverRecord(
            justification="No forum is possible before the elections.",
            approver="Programme board",
            expires=dt.date(2030, 1, 31),
        )
    }
    a = evaluate(profile, load_checklists([str(big)]), source_info, __version__, waivers)
    assert len(a.items) == 48
    created = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    html = render_html(a, templates_dir(), created, pdf=True, detail="full")
    with weasyprint_silent():
        rendered = render_pdf(html, templates_dir(), created, chart_fetcher(templates_dir()))
    assert rendered.messages == []
    text = flat(pdf_text(rendered.data))
    for r in a.items:
        assert f"{r.id} ·" in text
    assert (
        "Waived until 31 January 2030, approved by Programme board: No forum is possible before the elections." in text
    )
    # The full report has a card for each missed synergy, then each met in part (schema 1.3).
    listed = len(a.missed_synergies) + len(a.partial_synergies)
    assert f"4.{listed} " in text and f"4.{listed + 1} " not in text
    assert rendered.pages > 10


def test_chart_escapes_labels_and_shows_na() -> None:
    svg = score_chart([ChartRow("<b>x</b> & y", None, 0.0, 0, 3), ChartRow("Good", 62.5, 0.5, 1, 2)], "t")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg
    assert "n/a" in svg and "62.5" in svg
    assert "<b>" not in svg


def test_scoring_commands_import_neither_jinja_nor_weasyprint() -> None:
    code = (
        "import sys\n"
        "from assess.cli import main\n"
        "try:\n"
        f"    main(['check', {str(NEPAL)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('jinja2', 'weasyprint', 'assess.render.report') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.stderr.strip() == "[]", proc.stderr
