"""``assess portfolio --previous``: movement per programme in every portfolio format (issue 18).

Data: tests/data/trend/portfolio-2023.json is the portfolio of round1.yaml and
other-programme.yaml (``portfolio --format json``); the later portfolio is
round2.yaml (the same programme: title and country match, case and spacing aside)
and newcomer.yaml. So one programme moves, one is new and one is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import ROOT, TREND, rel

PREVIOUS = rel(TREND / "portfolio-2023.json")
LATER = [rel(TREND / "round2.yaml"), rel(TREND / "newcomer.yaml")]


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _run(assess: Callable[..., Run], *args: str | Path) -> Run:
    r = assess("portfolio", *LATER, "--jobs", "1", "--previous", PREVIOUS, *args)
    assert r.code == 0, r.stderr
    return r


def test_json_carries_the_movement(assess: Callable[..., Run]) -> None:
    doc = json.loads(_run(assess, "--format", "json").stdout)
    assert doc["schema_version"] == "1.1"
    mv = doc["movement"]
    assert mv["previous"] == PREVIOUS
    (m,) = mv["programmes"]
    assert (m["path"], m["previous_path"]) == (LATER[0], rel(TREND / "round1.yaml"))
    assert (m["overall"]["before"], m["overall"]["after"]) == (50.0, 50.0)
    assert m["newly_missed_synergies"] == ["good-governance/GOV-02"]
    assert m["new_cautions"] == ["good-governance/GOV-03"]
    assert [r["title"] for r in mv["new"]] == ["Risk education in the north"]
    assert [r["title"] for r in mv["dropped"]] == ["Victim assistance in the west"]


def test_without_previous_there_is_no_movement(assess: Callable[..., Run]) -> None:
    r = assess("portfolio", *LATER, "--jobs", "1", "--format", "json")
    assert json.loads(r.stdout)["movement"] is None
    assert "Since the previous portfolio" not in assess("portfolio", *LATER, "--jobs", "1").stdout


def test_text(assess: Callable[..., Run]) -> None:
    lines = _run(assess).stdout.splitlines()
    assert f"Since the previous portfolio ({PREVIOUS}):" in lines
    row = next(x for x in lines if x.startswith("  Clearance  and stockpile safety in the East — Testland  "))
    assert row.split()[-7:] == ["50.0", "50.0", "+0.0", "1", "1", "1", "0"]
    assert "  New since the previous portfolio: Risk education in the north — Testland" in lines
    assert "  In the previous portfolio only (dropped): Victim assistance in the west — Testland" in lines


def test_markdown(assess: Callable[..., Run]) -> None:
    lines = _run(assess, "--format", "markdown").stdout.splitlines()
    assert f"## Since the previous portfolio ({PREVIOUS})" in lines
    assert "| Clearance  and stockpile safety in the East — Testland | 50.0 | 50.0 | +0.0 | 1 | 1 | 1 | 0 |" in lines


def test_csv_marks_each_row_and_lists_the_dropped(assess: Callable[..., Run]) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(assess, "--format", "csv").stdout)))
    assert [(r["title"], r["since_previous"]) for r in rows] == [
        ("Clearance  and stockpile safety in the East", "matched"),
        ("Risk education in the north", "new"),
        ("Victim assistance in the west", "dropped"),
    ]
    assert rows[0]["previous_overall_score"] == "50" and rows[0]["new_caution_ids"] == "good-governance/GOV-03"


def test_html_page_in_french(assess: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    _run(assess, "-o", out, "--lang", "fr")
    text = re.sub(r"<[^>]+>", " ", out.read_text("utf-8"))
    assert "Depuis le portefeuille précédent" in text
    assert "Nouveaux depuis le portefeuille précédent\xa0: Risk education in the north — Testland" in text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "round1-ci-1.0.0.json",
            "is not a portfolio document: --previous takes what `assess portfolio --format json -o FILE` wrote",
        ),
        ("missing.json", "no such file; expected a portfolio document file"),
    ],
)
def test_a_wrong_previous_file_stops_the_run(
    assess: Callable[..., Run], tmp_path: Path, name: str, message: str
) -> None:
    out = tmp_path / "p.json"
    r = assess("portfolio", *LATER, "--jobs", "1", "--previous", rel(TREND / name), "-o", out)
    assert r.code == 2
    where = f"{rel(TREND / name)}:1:1" if name != "missing.json" else rel(TREND / name)
    assert r.stderr == f"error: {where}: {message}\n"
    assert not out.exists()
