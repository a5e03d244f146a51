"""`assess portfolio --format pdf|html` and `--reports-dir`: the portfolio report
and each programme's own report, deterministic and safe like `assess report`.

The PDFs are rendered once per case (module fixtures) and read back with pypdf.
"""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from assess.app.portfolio import report_targets
from assess.render import pdf as pdf_module
from assess.render.chart import Distribution, DistributionText, distribution_chart
from assess.render.pdf import FolderFetcher
from assess.resources import templates_dir
from paths import PORTFOLIO, REPORT, ROOT, rel
from portfolio_helpers import run_assess

REPO = ROOT
DATA = rel(PORTFOLIO)
GOOD = f"{DATA}/programmes"
BAD = f"{DATA}/bad"
CHECKLIST = ["--checklist", f"{REPO}/{DATA}/mini-governance.yaml"]
DATE = ["--date", "2016-01-15"]
#: The programmes rendered (two, to keep the suite quick; one in a subfolder).
PROGRAMMES = {
    "alpha.yaml": "Alpha demining support",
    "east/charlie.yml": 'Charlie, "security | governance"',
}


def pdf_text(data: bytes) -> str:
    """All text of the PDF with every run of whitespace made one space."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", re.sub(r"-\n", "-", text))


def link_uris(data: bytes) -> list[str]:
    """The URI of every link annotation, page by page."""
    uris = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
    return uris


@dataclass
class Rendered:
    code: int
    out: str
    err: str
    folder: Path

    @property
    def pdf(self) -> bytes:
        return (self.folder / "out" / "portfolio.pdf").read_bytes()


def _render(folder: Path, jobs: str) -> Rendered:
    """GOOD and BAD profiles copied into ``folder`` (relative paths, so two
    renders in two folders can be compared byte for byte), rendered there."""
    for name in PROGRAMMES:
        (folder / "profiles" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / GOOD / name, folder / "profiles" / name)
    shutil.copytree(REPO / BAD, folder / "bad")
    (folder / "out").mkdir()
    code, out, err = run_assess(
        [
            "portfolio",
            "profiles",
            "bad",
            *CHECKLIST,
            *DATE,
            "--format",
            "pdf",
            "-o",
            "out/portfolio.pdf",
            "--reports-dir",
            "out/reports",
            "--title",
            "Test portfolio",
            "--jobs",
            jobs,
        ],
        cwd=folder,
    )
    return Rendered(code, out, err, folder)


@pytest.fixture(scope="module")
def two_jobs(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("jobs2"), "2")


@pytest.fixture(scope="module")
def one_job(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return _render(tmp_path_factory.mktemp("jobs1"), "1")


@pytest.mark.slow
def test_bad_profiles_are_listed_with_locations_and_exit_is_2_at_the_end(two_jobs: Rendered) -> None:
    assert two_jobs.code == 2
    assert two_jobs.err.splitlines() == [
        "error: bad/broken.yaml:3:10: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
        "error: bad/typo.yaml:5:3: unknown key 'civilian_oversite' in 'governance'; did you mean 'civilian_oversight'?",
        "2 programme reports written to out/reports",
        "Portfolio report written to out/portfolio.pdf (4 pages)",  # sections closed up (report-tighter.css)
        "2 problem(s); 2 programme(s) assessed.",
    ]
    # Everything was still written: the portfolio and the good programmes' reports.
    assert two_jobs.out == ""
    text = pdf_text(two_jobs.pdf)
    assert "6 Profiles not assessed" in text
    assert "bad/broken.yaml:3:10 invalid YAML: did not find expected ',' or ']'" in text
    assert "bad/typo.yaml:5:3 unknown key 'civilian_oversite' in 'governance'" in text
    reports = sorted(
        p.relative_to(two_jobs.folder / "out/reports").as_posix() for p in (two_jobs.folder / "out/reports").rglob("*")
    )
    # Named after the profiles' paths below their common folder (no folder for the bad ones).
    assert reports == ["profiles", "profiles/alpha.pdf", "profiles/east", "profiles/east/charlie.pdf"]


@pytest.mark.slow
def test_the_portfolio_pdf_shows_every_part(two_jobs: Rendered) -> None:
    text = pdf_text(two_jobs.pdf)
    for phrase in [
        "Test portfolio",
        "2 programmes assessed · 2 profiles not assessed",
        "profiles, bad",  # the paths given
        "mini-governance 0.1.0",
        "15 January 2016",
        "1 Summary and score distributions",
        "Score distributions per approach",
        "2 Programmes ranked",
        "3 Missed synergies, weightiest first",
        "PSSM in the SSR strategy",
        "4 UN mission mandates",
        "Peacekeeping missions",
        "UN Charter chapter × SSR mandate × Mine action mandate",
        "5 Programme by programme",
        "Appendix: method and sources",
    ]:
        assert phrase in text, phrase
    for title in PROGRAMMES.values():
        assert text.count(title) >= 2, title  # ranked and one summary line each
    # Alpha's line: its scores and a pointer to its report.
    assert (
        "Alpha demining support (Liberia) — overall 100.0, coverage 100%; no missed synergy. Report: reports/profiles/alpha.pdf"
        in text
    )
    reader = PdfReader(io.BytesIO(two_jobs.pdf))
    assert reader.metadata is not None and reader.metadata.title == "Test portfolio"
    assert reader.metadata.creation_date is not None and str(reader.metadata.creation_date.date()) == "2016-01-15"


@pytest.mark.slow
def test_summary_lines_link_to_each_programme_report_by_relative_path(two_jobs: Rendered) -> None:
    uris = link_uris(two_jobs.pdf)
    expected = [f"reports/profiles/{Path(name).with_suffix('.pdf').as_posix()}" for name in PROGRAMMES]
    assert sorted(uris) == sorted(expected)
    for uri in uris:
        assert (two_jobs.folder / "out" / uri).is_file(), uri


@pytest.mark.slow
def test_each_programme_report_is_the_one_assess_report_writes(two_jobs: Rendered, tmp_path: Path) -> None:
    target = tmp_path / "alpha.pdf"
    code, _, err = run_assess(
        ["report", "profiles/alpha.yaml", *CHECKLIST, *DATE, "-o", str(target)], cwd=two_jobs.folder
    )
    assert code == 0, err
    assert (two_jobs.folder / "out/reports/profiles/alpha.pdf").read_bytes() == target.read_bytes()


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes_whatever_the_jobs(one_job: Rendered, two_jobs: Rendered) -> None:
    assert (one_job.code, one_job.out, one_job.err) == (two_jobs.code, two_jobs.out, two_jobs.err)
    assert one_job.pdf == two_jobs.pdf
    for name in PROGRAMMES:
        report = Path("out/reports/profiles") / Path(name).with_suffix(".pdf")
        assert (one_job.folder / report).read_bytes() == (two_jobs.folder / report).read_bytes(), name


def test_source_date_epoch_dates_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    pages = []
    for n in (1, 2):
        target = tmp_path / f"p{n}.html"
        code, _, err = run_assess(["portfolio", GOOD, *CHECKLIST, "--format", "html", "-o", str(target)], cwd=REPO)
        assert code == 0, err
        pages.append(target.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert '<meta name="dcterms.created" content="2017-07-14T02:40:00Z">' in pages[0]
    assert "<tr><th>Report date</th><td>14 July 2017</td></tr>" in pages[0]


def test_pdf_needs_an_output_file() -> None:
    code, out, err = run_assess(["portfolio", GOOD, *CHECKLIST, "--format", "pdf"], cwd=REPO)
    assert code == 2
    assert out == ""
    assert "--format pdf needs -o FILE" in err


def test_reports_dir_that_is_a_file_is_an_input_error(tmp_path: Path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    code, _, err = run_assess(["portfolio", GOOD, *CHECKLIST, "--reports-dir", str(blocker)], cwd=REPO)
    assert code == 2
    assert f"error: {blocker}: --reports-dir: not a folder" in err


# ---------------------------------------------------------------- safety


def _hostile_portfolio(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    shutil.copy(REPORT / "hostile.yaml", folder / "hostile.yaml")
    (folder / "bad.yaml").write_text(
        "programme:\n  title: X\n  country: Y\ngovernance:\n  '<img src=\"file:///etc/passwd\">': yes\n",
        encoding="utf-8",
    )
    return folder


def test_html_portfolio_escapes_profile_text(tmp_path: Path) -> None:
    folder = _hostile_portfolio(tmp_path)
    target = tmp_path / "p.html"
    code, _, err = run_assess(["portfolio", str(folder), "--format", "html", "-o", str(target), *DATE], cwd=REPO)
    assert code == 2, err
    html = target.read_text(encoding="utf-8")
    # The only image is the page's own chart, as a data URI the renderer made.
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1 and images[0].startswith('<img class="chart" src="data:image/svg+xml;base64,')
    assert "<script" not in html and "<link" not in html and "<b>" not in html
    assert "Hostile &lt;b&gt;markup&lt;/b&gt; &amp; &#34;quotes&#34;" in html
    assert "Testland &lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "unknown key &#39;&lt;img src=&#34;file:///etc/passwd&#34;&gt;&#39;" in html
    assert "@font-face" not in html


@pytest.mark.slow
def test_pdf_portfolio_and_reports_fetch_nothing_outside_the_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetchers: list[FolderFetcher] = []

    class Spy(FolderFetcher):
        def __init__(self, root: Path) -> None:
            super().__init__(root)
            fetchers.append(self)

    monkeypatch.setattr(pdf_module, "FolderFetcher", Spy)
    folder = _hostile_portfolio(tmp_path)
    target = tmp_path / "p.pdf"
    code, _, err = run_assess(
        [
            "portfolio",
            str(folder),
            *["--checklist", str(REPORT / "all-approaches.yaml")],
            "--format",
            "pdf",
            "-o",
            str(target),
            "--reports-dir",
            str(tmp_path / "r"),
            "--jobs",
            "1",
            *DATE,
        ],
        cwd=REPO,
    )
    assert code == 2, err
    assert len(fetchers) == 2  # the programme's report, then the portfolio
    root = templates_dir().resolve().as_uri() + "/"
    for fetcher in fetchers:
        assert fetcher.requested and fetcher.refused == []
        assert all(url.startswith(root) for url in fetcher.requested)
    text = pdf_text(target.read_bytes())
    assert 'Hostile <b>markup</b> & "quotes"' in text
    assert all(not uri.startswith(("file:", "http")) for uri in link_uris(target.read_bytes()))


def test_scoring_views_import_neither_jinja_nor_weasyprint() -> None:
    code = (
        "import sys\n"
        "from assess.cli import main\n"
        "try:\n"
        f"    main(['portfolio', {GOOD!r}, '--format', 'json', '--jobs', '1'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('jinja2', 'weasyprint', 'assess.render.portfolio') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


# ---------------------------------------------------------------- parts


def test_report_names_mirror_folders_and_keep_apart_equal_stems(tmp_path: Path) -> None:
    files = [Path("p/a.yaml"), Path("p/a.yml"), Path("p/sub/a.yaml"), Path("p/b.yaml")]
    assert [t.as_posix() for t in report_targets(files, Path("out"))] == [
        "out/a.pdf",
        "out/a-yml.pdf",
        "out/sub/a.pdf",
        "out/b.pdf",
    ]
    assert report_targets([Path("x/only.yaml")], Path("r")) == [Path("r/only.pdf")]


def test_distribution_chart_escapes_and_bounds_its_dots() -> None:
    text = DistributionText(title="<t>")
    svg = distribution_chart(
        [
            Distribution("<b>x</b> & y", [], unscored=3),
            Distribution("Many", [i % 1000 / 10 for i in range(10_000)]),
            Distribution("One", [42.0]),
        ],
        text,
    )
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in svg and "<b>" not in svg
    assert "no programme scored" in svg and "3 n/a" in svg
    assert "10000 scored" in svg and "median 42.0" in svg
    assert svg.count("<circle") <= 101 * 5 + 1 + 2  # bounded; plus One's dot and the legend


def test_translations_can_be_plugged_in() -> None:
    import datetime as dt
    import json

    from assess.core.portfolio import Portfolio
    from assess.render.portfolio import render_portfolio_html

    words = {"Programmes ranked": "Programmes classés", "Overall": "Global"}

    class French(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return words.get(message, message)

    code, out, _ = run_assess(["portfolio", GOOD, *CHECKLIST, "--format", "json"], cwd=REPO)
    assert code == 0
    doc = Portfolio.model_validate(json.loads(out))
    created = dt.datetime(2016, 1, 15, tzinfo=dt.UTC)
    html = render_portfolio_html(doc, templates_dir(), created, pdf=False, translations=French())
    assert "2</span> Programmes classés</h1>" in html
    assert ">Global<" in html  # a string made in Python (the chart)
    english = render_portfolio_html(doc, templates_dir(), created, pdf=False)
    assert "2</span> Programmes ranked</h1>" in english
