"""``assess report --previous``: the report's "Since the last assessment" section (issue 18).

Data: tests/data/trend/ (see tests/test_trend.py).
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import ROOT, TREND, rel
from template_blocks import without_blocks

ROUND1, ROUND2 = rel(TREND / "round1.yaml"), rel(TREND / "round2.yaml")


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _page(assess: Callable[..., Run], tmp_path: Path, *args: str) -> str:
    out = tmp_path / "r.html"
    r = assess("report", ROUND2, "-o", out, *args)
    assert r.code == 0, r.stderr
    return out.read_text("utf-8")


def _text(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html)))


def test_the_report_says_what_moved_since_the_previous_profile(assess: Callable[..., Run], tmp_path: Path) -> None:
    text = _text(_page(assess, tmp_path, "--previous", ROUND1))
    assert "1.6 Since the last assessment" in text
    assert "Good governance 50.0 37.5 -12.5" in text
    assert "Improved GOV-01 Civilian oversight of mine action: missed → met" in text
    assert "Newly known OWN-04 National operators in the field: unknown → met" in text
    assert "New cautions GOV-03 PSSM in the SSR strategy or defence policy" in text


def test_a_result_document_as_the_previous_one_across_checklist_versions(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    text = _text(
        _page(
            assess,
            tmp_path,
            "--previous",
            rel(TREND / "round1-ci-1.0.0.json"),
            "--checklist",
            rel(ROOT / "tests/data/model/checklist-split.yaml"),
        )
    )
    assert "checklist ci-test changed 1.0.0 → 1.1.0" in text
    assert "GOV-03A PSSM in the SSR strategy: met → missed (matched to GOV-03, which it replaces)" in text


def test_without_previous_there_is_no_such_section(assess: Callable[..., Run], tmp_path: Path) -> None:
    assert "Since the last assessment" not in _page(assess, tmp_path)


def test_french(assess: Callable[..., Run], tmp_path: Path) -> None:
    text = _text(_page(assess, tmp_path, "--previous", ROUND1, "--lang", "fr"))
    assert "Depuis la dernière évaluation" in text
    assert "Améliorés GOV-01 Contrôle civil de l'action contre les mines\xa0: manqué → atteint" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [ROUND1, "--previous", ROUND2],
            f"error: {ROUND2}:7:3: is dated 2024-03-01, not before {ROUND1} (2023-03-01): "
            "--previous takes an earlier assessment\n",
        ),
        (
            [ROUND1, "--previous", rel(TREND / "other-programme.yaml")],
            f"error: {rel(TREND / 'other-programme.yaml')}:3:3: is an assessment of another programme "
            f"('Victim assistance in the west' in Testland) than {ROUND1} ('Clearance and stockpile safety in the "
            "east' in Testland); --previous takes an earlier assessment of the same programme, recognised by its "
            "title and country\n",
        ),
    ],
    ids=["later", "another-programme"],
)
def test_bad_previous(assess: Callable[..., Run], tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "r.html"
    r = assess("report", *args, "-o", out)
    assert r.code == 2
    assert r.stderr == message
    assert not out.exists()


def test_a_template_folder_without_the_section_still_works(assess: Callable[..., Run], tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    source = (ROOT / "templates" / "report.html.j2").read_text("utf-8")
    (folder / "report.html.j2").write_text(without_blocks(source, "TREND"), "utf-8")
    for name in ("report.css", "fonts.css"):
        (folder / name).write_text((ROOT / "templates" / name).read_text("utf-8"), "utf-8")
    html = _page(assess, tmp_path, "--previous", ROUND1, "--template-dir", folder)
    assert "Since the last assessment" not in html and "The brief" in html
