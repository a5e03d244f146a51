"""Lines a reader would take for a layout fault: a single small word left alone
in the middle of a paragraph, and the cover's running title leaving its last
word on a line of its own.

WeasyPrint 70, breaking a line just before an inline element that follows a
space, can leave only the first word of a line on it (every French report
did so in its annex: "… la même version de l’outil" / "et" / "la même date …").
The templates keep such spaces inside the element, and the cover's title
breaks only at its middle dot."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import Run
from paths import EXAMPLES

pytestmark = pytest.mark.slow

#: A line holding one short word in lower case, between two long lines of the
#: same paragraph (a narrow table heading stacks its words legitimately).
LONE = re.compile(r"[a-zà-ÿ’']{1,4}")
LONG = 60


def _lines(pdf: Path) -> list[list[str]]:
    return [page.extract_text().split("\n") for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages]


def _lone_words(pages: list[list[str]]) -> list[str]:
    found = []
    for number, lines in enumerate(pages, start=1):
        for above, line, below in zip(lines, lines[1:], lines[2:], strict=False):
            if LONE.fullmatch(line.strip()) and below[:1].islower() and len(above) >= LONG <= len(below):
                found.append(f"page {number}: {line.strip()!r} above {below[:40]!r}")
    return found


def _title_lines(pages: list[list[str]], first: str) -> list[str]:
    """The cover's running title, line by line: the upper-case lines from the one starting ``first``."""
    lines = pages[0]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    title = []
    for line in lines[start:]:
        if line != line.upper():
            break
        title.append(line)
    return title


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_report_leaves_no_word_alone(assess: Callable[..., Run], tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"liberia-{lang}.pdf"
    r = assess("report", EXAMPLES / "liberia.yaml", "--lang", lang, "-o", out)
    assert r.code == 0, r.err
    pages = _lines(out)
    assert _lone_words(pages) == []
    if lang == "fr":
        # Too long for one line in French: it breaks at the dot, both halves whole.
        assert _title_lines(pages, "ÉVALUATION DE PROGRAMME") == [
            "ÉVALUATION DE PROGRAMME ·",
            "RÉFORME DU SECTEUR DE LA SÉCURITÉ ET ACTION CONTRE LES MINES",
        ]
    else:
        assert _title_lines(pages, "PROGRAMME ASSESSMENT") == [
            "PROGRAMME ASSESSMENT · SECURITY SECTOR REFORM AND MINE ACTION"
        ]


def test_the_portfolio_cover_breaks_its_title_at_the_dot(assess: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "portfolio-fr.pdf"
    r = assess(
        "portfolio", EXAMPLES / "liberia.yaml", EXAMPLES / "nepal.yaml", "--format", "pdf", "--lang", "fr", "-o", out
    )
    assert r.code == 0, r.err
    pages = _lines(out)
    assert _title_lines(pages, "ÉVALUATION DE PORTEFEUILLE") == [
        "ÉVALUATION DE PORTEFEUILLE ·",
        "RÉFORME DU SECTEUR DE LA SÉCURITÉ ET ACTION CONTRE LES MINES",
    ]
    assert _lone_words(pages) == []
