"""The report and portfolio PDFs are tagged: what a screen reader and an
archive need, read back with pikepdf (an implementation apart from the one
that wrote them).

Each PDF is rendered once for the module: Liberia in English, Nepal in
French, a two-programme portfolio page, and the small profile as PDF/UA-1 and
as PDF/A-3b. The HTML each PDF was laid out from is rendered too, to count
what the PDF must carry (table headers, charts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

from conftest import Run, run_process
from paths import EXAMPLES, PDF_DATA, ROOT

pytestmark = pytest.mark.slow


@dataclass
class Rendered:
    pdf: Path
    html: str
    run: Run
    #: Every structure element's type (/S), counted.
    tags: Counter[str] = field(default_factory=Counter)
    #: The /Alt of every /Figure element (None where it has none).
    figure_alts: list[str | None] = field(default_factory=list)


def _walk(node: object, out: Rendered) -> None:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, out)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return  # a marked-content id
    if "/S" in node:
        kind = str(node.S)
        out.tags[kind] += 1
        if kind == "/Figure":
            out.figure_alts.append(str(node.Alt) if "/Alt" in node else None)
    if "/K" in node:
        _walk(node.K, out)


def _render(tmp: Path, name: str, args: list[str]) -> Rendered:
    pdf, html = tmp / f"{name}.pdf", tmp / f"{name}.html"
    run = run_process([*args, "--format", "pdf", "-o", str(pdf)], cwd=ROOT)
    assert run.code == 0, run.stderr
    html_run = run_process([*args, "--format", "html", "-o", str(html)], cwd=ROOT)
    assert html_run.code == 0, html_run.stderr
    out = Rendered(pdf, html.read_text("utf-8"), run)
    with pikepdf.open(pdf) as doc:
        _walk(doc.Root.StructTreeRoot.K, out)
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Rendered]]:
    tmp = tmp_path_factory.mktemp("pdf-structure")
    yield {
        "en": _render(tmp, "liberia", ["report", str(EXAMPLES / "liberia.yaml")]),
        "fr": _render(tmp, "nepal-fr", ["report", str(EXAMPLES / "nepal.yaml"), "--lang", "fr"]),
        "portfolio": _render(
            tmp, "portfolio", ["portfolio", str(EXAMPLES / "liberia.yaml"), str(EXAMPLES / "moldova.yaml")]
        ),
    }


KINDS = ["en", "fr", "portfolio"]
LANG = {"en": "en", "fr": "fr", "portfolio": "en"}


def _title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found, "the page has no <title>"
    import html as html_module

    return html_module.unescape(found[1].strip())


@pytest.mark.parametrize("kind", KINDS)
def test_the_pdf_has_a_structure_tree(pdfs: dict[str, Rendered], kind: str) -> None:
    r = pdfs[kind]
    with pikepdf.open(r.pdf) as doc:
        assert doc.Root.MarkInfo.Marked is True
        assert doc.Root.StructTreeRoot.Type == "/StructTreeRoot"
    assert r.tags["/Document"] == 1
    # Headings, paragraphs and tables are there as such, not as anonymous spans.
    assert r.tags["/H1"] > 0 and r.tags["/P"] > 0 and r.tags["/Table"] > 0


@pytest.mark.parametrize("kind", KINDS)
def test_lang_and_title(pdfs: dict[str, Rendered], kind: str) -> None:
    r = pdfs[kind]
    with pikepdf.open(r.pdf) as doc:
        assert str(doc.Root.Lang) == LANG[kind]
        assert str(doc.docinfo.Title) == _title(r.html)
        assert doc.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_header_is_a_th(pdfs: dict[str, Rendered], kind: str) -> None:
    r = pdfs[kind]
    headers = len(re.findall(r"<th[\s>]", r.html))
    assert headers > 0
    # A header repeated on the next page is tagged again: at least as many.
    assert r.tags["/TH"] >= headers


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_and_image_has_a_text_alternative(pdfs: dict[str, Rendered], kind: str) -> None:
    r = pdfs[kind]
    images = re.findall(r"<img\b[^>]*>", r.html)
    charts = re.findall(r"<svg\b.*?</svg>", r.html, re.S)
    assert [i for i in images if not re.search(r'\balt="[^"]+"', i)] == []
    assert [c[:80] for c in charts if not re.search(r"<title>[^<]+</title>", c)] == []
    # Each one is a /Figure, and each /Figure carries its text as /Alt.
    assert len(r.figure_alts) == len(images) + len(charts) > 0
    assert all(alt and alt.strip() for alt in r.figure_alts), r.figure_alts


@pytest.mark.parametrize("kind", KINDS)
def test_tagging_left_no_complaint(pdfs: dict[str, Rendered], kind: str) -> None:
    """WeasyPrint logs an error for a missing lang or an image without alt text."""
    assert "error" not in pdfs[kind].run.stderr.lower(), pdfs[kind].run.stderr


# ------------------------------------------------------------------- variants


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("pdf-variants")
    out = {}
    for variant, extra in (("pdf/ua-1", []), ("pdf/a-3b", ["--embed"])):
        target = tmp / (variant.replace("/", "-") + ".pdf")
        run = run_process(
            ["report", str(PDF_DATA / "small.yaml"), "--pdf-variant", variant, *extra, "-o", str(target)], cwd=ROOT
        )
        assert run.code == 0, run.stderr
        assert "error" not in run.stderr.lower(), run.stderr
        out[variant] = target
    return out


def test_pdf_ua_1_declares_itself_and_stays_tagged(variants: dict[str, Path]) -> None:
    with pikepdf.open(variants["pdf/ua-1"]) as doc:
        meta = doc.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert doc.pdf_version == "1.7"
        assert "/StructTreeRoot" in doc.Root and str(doc.Root.Lang) == "en"
        assert str(meta["dc:title"]) == str(doc.docinfo.Title)


def test_pdf_a_3b_declares_itself_with_its_attachments(variants: dict[str, Path]) -> None:
    with pikepdf.open(variants["pdf/a-3b"]) as doc:
        meta = doc.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        assert doc.Root.OutputIntents[0].S == "/GTS_PDFA1"
        # PDF/A-3 associates each embedded file with the document, saying what it is.
        relationships = {str(f.UF): str(f.AFRelationship) for f in doc.Root.AF}
        assert relationships == {"small.yaml": "/Source", "small.result.json": "/Data"}
        assert "/StructTreeRoot" in doc.Root  # tagged too
