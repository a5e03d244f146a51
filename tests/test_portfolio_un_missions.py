"""The paper's 2015 mandate review, shipped as a portfolio, reproduces Tables 1-3.

Source: DCAF SSR Paper 15, "SSR and mine action in the mandates of UN
peacekeeping missions" (p. 32), Tables 1, 2 and 3.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from paths import ROOT
from portfolio_helpers import run_assess

REPO = ROOT
FOLDER = "examples/un-missions-2015/"

# Tables 2 and 3 as printed: X where the paper marks the column, - where it does not.
# Columns: chapter VI, chapter VII, SSR explicit, SSR implicit, MA explicit, MA implicit, SSR and MA.
TABLES_2_AND_3 = """
MINUSCA   peacekeeping  - X X - - X X
MINUSMA   peacekeeping  - X X - X - X
MINUSTAH  peacekeeping  - X X - - - -
MONUSCO   peacekeeping  - X X - X - X
UNAMID    peacekeeping  - X - X X - X
UNMIK     peacekeeping  - X - X X - X
UNISFA    peacekeeping  - X - - X - -
UNMIL     peacekeeping  - X X - - X X
UNMISS    peacekeeping  - X - - X - -
UNOCI     peacekeeping  - X X - - X X
MINURSO   peacekeeping  X - - - X - -
UNDOF     peacekeeping  X - - - - - -
UNFICYP   peacekeeping  X - - - - - -
UNIFIL    peacekeeping  X - - - - X -
UNMOGIP   peacekeeping  X - - - - - -
UNTSO     peacekeeping  X - - - - - -
UNAMA     political     - - X - - X X
UNAMI     political     - - - X - - -
UNIOGBIS  political     - - X - - - -
UNOCA     political     - - - - - - -
UNOWA     political     - - X - - - -
UNRCCA    political     - - - - - - -
UNSCOL    political     - - - - - - -
UNSMIL    political     - X - X X - X
UNSOM     political     - X X - X - X
"""
MISSIONS = [line.split() for line in TABLES_2_AND_3.strip().splitlines()]

# Table 1: number, chapter VI, chapter VII, SSR explicit, SSR implicit, MA explicit, MA implicit, both.
TABLE_1 = {
    "peacekeeping": [16, 6, 10, 6, 2, 7, 4, 7],
    "political": [9, 0, 2, 4, 2, 2, 1, 3],
    "total": [25, 6, 12, 10, 4, 9, 5, 10],
}
COLUMNS = [
    "missions",
    "chapter_vi",
    "chapter_vii",
    "ssr_explicit",
    "ssr_implicit",
    "mine_action_explicit",
    "mine_action_implicit",
    "ssr_and_mine_action",
]


@pytest.fixture(scope="module")
def portfolio() -> dict[str, Any]:
    code, out, err = run_assess(["portfolio", FOLDER, "--format", "json"], cwd=REPO)
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_every_mission_is_a_programme(portfolio: dict[str, Any]) -> None:
    names = sorted(e["un_mission"]["name"] for e in portfolio["programmes"])
    assert names == sorted(m[0] for m in MISSIONS)
    assert portfolio["problems"] == []


@pytest.mark.parametrize("row", ["peacekeeping", "political", "total"])
def test_table_1(portfolio: dict[str, Any], row: str) -> None:
    mandates = portfolio["mandates"]
    rows = {r["mission_type"]: r for r in mandates["rows"]}
    got = mandates["total"] if row == "total" else rows[row]
    assert [got[c] for c in COLUMNS] == TABLE_1[row]
    assert mandates["programmes_without_mission"] == 0


def test_table_1_has_only_the_two_mission_types(portfolio: dict[str, Any]) -> None:
    assert [r["label"] for r in portfolio["mandates"]["rows"]] == [
        "Peacekeeping missions",
        "Special political/peacebuilding missions",
    ]


def _level(explicit: str, implicit: str) -> str:
    assert not (explicit == "X" and implicit == "X")
    return "explicit" if explicit == "X" else "implicit" if implicit == "X" else "none"


@pytest.mark.parametrize(("name", "kind", "vi", "vii", "ssr_x", "ssr_i", "ma_x", "ma_i", "both"), MISSIONS)
def test_tables_2_and_3_row(
    portfolio: dict[str, Any],
    name: str,
    kind: str,
    vi: str,
    vii: str,
    ssr_x: str,
    ssr_i: str,
    ma_x: str,
    ma_i: str,
    both: str,
) -> None:
    (entry,) = [e for e in portfolio["programmes"] if e["un_mission"]["name"] == name]
    m = entry["un_mission"]
    assert entry["path"] == f"{FOLDER}{name.lower()}.yaml"
    assert m["type"] == kind
    assert m["charter_chapter"] == ("VI" if vi == "X" else "VII" if vii == "X" else "none")
    assert m["ssr_mandate"] == _level(ssr_x, ssr_i)
    assert m["mine_action_mandate"] == _level(ma_x, ma_i)
    has_both = m["ssr_mandate"] != "none" and m["mine_action_mandate"] != "none"
    assert has_both == (both == "X")
    assert m["full_name"] and m["as_of"] == "2015-08-01"
    assert entry["title"].startswith(name)


# Missions whose mandates the paper quotes or describes in its text.
DESCRIBED = ["MINUSMA", "MONUSCO", "UNAMID", "UNMIK", "MINUSCA", "UNMIL", "UNOCI", "UNAMA", "UNSOM", "UNSMIL"]


@pytest.mark.parametrize("name", DESCRIBED)
def test_described_missions_carry_the_mandate_text(portfolio: dict[str, Any], name: str) -> None:
    (entry,) = [e for e in portfolio["programmes"] if e["un_mission"]["name"] == name]
    assert len(entry["un_mission"]["mandate_text"] or "") > 40
    source = (REPO / entry["path"]).read_text(encoding="utf-8")
    assert "notes " in source, "the footnotes the text comes from are cited in a comment"


def test_crosstab_counts_add_up(portfolio: dict[str, Any]) -> None:
    (tab,) = portfolio["crosstabs"]
    cells = {tuple(c["values"]): c["count"] for c in tab["cells"]}
    assert sum(cells.values()) == 25
    # Chapter VII missions with explicit SSR and explicit mine action mandates: MINUSMA, MONUSCO, UNSOM.
    assert cells[("VII", "explicit", "explicit")] == 3
    assert cells[("VI", "none", "none")] == 4
