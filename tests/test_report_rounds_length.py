"""The shipped two-round example with every optional section a profile can fill
(the previous round, three respondents, dated sources) is still a brief: at most
14 pages in each language, as issue 14 asks of every shipped example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import Run
from paths import EXAMPLES, ROOT, rel
from test_report_brief import MAX_PAGES

ROUNDS = EXAMPLES / "rounds"
PROFILE = "northern-districts-clearance-programme.yaml"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_second_round_with_the_first_as_previous_is_a_short_report(
    assess: Callable[..., Run], tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "round-2.pdf"
    r = assess(
        "report",
        rel(ROUNDS / "round-2" / PROFILE),
        "--previous",
        rel(ROUNDS / "round-1" / PROFILE),
        "--lang",
        lang,
        "-o",
        out,
    )
    assert r.code == 0, r.stderr
    pages = PdfReader(out).pages
    assert len(pages) <= MAX_PAGES, len(pages)
    text = " ".join(page.extract_text() for page in pages)
    # Every optional section is there, so the length is measured with all of them.
    since, voices = (
        ("Depuis la dernière évaluation", "répondants divergent")
        if lang == "fr"
        else (
            "Since the last assessment",
            "Where respondents disagree",
        )
    )
    assert since in text and voices in text
