"""A page asked to be closed up (a programme's report, a portfolio page: ``close_up``) with a page
that would hold only a few lines (its last page, or the page before a new section) is laid out
again with the template folder's report-tighter.css, and kept that way only if that saves a page
(assess.render.pdf)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from assess.render.pdf import NEARLY_EMPTY, TIGHTER, render_pdf
from assess.resources import templates_dir

pytestmark = pytest.mark.slow

CREATED = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
#: One page and a little: paragraphs that fill the first page, then two short lines.
PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>@page {{ size: A6; margin: 10mm }}"
    " p {{ font-size: 10pt; margin: 0 0 2mm }} .tail {{ font-size: 10pt }}</style></head><body>"
    + "<p>Filler text that takes up room on the page.</p>" * 18
    + '<h1 id="appendix">Annex</h1><p class="tail">{tail}</p></body></html>'
)


def _folder(tmp_path: Path, tighter: str | None) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(parents=True)
    if tighter is not None:
        (folder / TIGHTER).write_text(tighter, "utf-8")
    return folder


def test_a_nearly_empty_last_page_is_saved_by_the_tighter_stylesheet(tmp_path: Path) -> None:
    html = PAGE.format(tail="The last line.")
    plain = render_pdf(html, _folder(tmp_path / "a", None), CREATED, close_up=True)
    assert plain.pages == 2
    tight = render_pdf(html, _folder(tmp_path / "b", "p { font-size: 8pt; margin: 0 }"), CREATED, close_up=True)
    assert tight.pages == 1


def test_the_second_layout_is_dropped_when_it_saves_no_page(tmp_path: Path) -> None:
    html = PAGE.format(tail="The last line.")
    without = render_pdf(html, _folder(tmp_path / "a", None), CREATED, close_up=True)
    useless = render_pdf(html, _folder(tmp_path / "b", "p { color: #333 }"), CREATED, close_up=True)
    assert useless.pages == without.pages == 2
    assert useless.data == without.data


def test_a_full_enough_last_page_is_left_as_it_is(tmp_path: Path) -> None:
    html = PAGE.format(tail="A longer ending. " * 60)
    without = render_pdf(html, _folder(tmp_path / "a", None), CREATED, close_up=True)
    with_file = render_pdf(html, _folder(tmp_path / "b", "p { font-size: 4pt; margin: 0 }"), CREATED, close_up=True)
    assert without.pages == with_file.pages == 2
    assert with_file.data == without.data  # never laid out again


def test_the_built_in_templates_ship_the_tighter_stylesheet() -> None:
    css = (templates_dir() / TIGHTER).read_text("utf-8")
    assert "h1.new-page" in css and "ol.gaps" in css and 0 < NEARLY_EMPTY < 0.5


def test_a_folder_copy_without_it_still_renders(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    (folder / TIGHTER).unlink()
    html = PAGE.format(tail="The last line.")
    assert render_pdf(html, folder, CREATED, close_up=True).pages == 2


def test_a_nearly_empty_page_before_a_new_section_is_saved_too(tmp_path: Path) -> None:
    # The brief's last lines alone on a page, then the findings on a new page.
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>@page { size: A6; margin: 10mm }"
        " p { font-size: 10pt; margin: 0 0 2mm } h1.new-page { break-before: page }</style></head><body>"
        + "<p>Filler text that takes up room on the page.</p>" * 21
        + "<p>The brief's last line.</p><h1 class='new-page'>Findings</h1>"
        + "<p>A finding.</p>" * 4
        + '<h1 id="appendix">Annex</h1><p>Method.</p></body></html>'
    )
    plain = render_pdf(html, _folder(tmp_path / "a", None), CREATED, close_up=True)
    assert plain.pages == 3
    flowing = render_pdf(html, _folder(tmp_path / "b", "h1.new-page { break-before: auto }"), CREATED, close_up=True)
    assert flowing.pages == 2


def test_a_portfolio_page_is_closed_up_the_same_way(tmp_path: Path) -> None:
    # A small portfolio: each section starting a new page would leave pages nearly empty.
    sections = "".join(f"<h1 class='new-page'>Section {n}</h1>" + "<p>A line of the section.</p>" for n in range(1, 4))
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>@page { size: A6; margin: 10mm }"
        " p { font-size: 10pt; margin: 0 0 2mm } h1.new-page { break-before: page }</style></head>"
        '<body class="portfolio"><h1>Cover</h1>' + sections + "</body></html>"
    )
    tighter = "h1.new-page { break-before: auto }"
    assert render_pdf(html, _folder(tmp_path / "a", None), CREATED, close_up=True).pages == 4
    assert render_pdf(html, _folder(tmp_path / "b", tighter), CREATED, close_up=True).pages == 1
    # A page not asked to be closed up (a trend) is laid out once, as it comes.
    assert render_pdf(html, _folder(tmp_path / "c", tighter), CREATED).pages == 4
