"""``assess trend``: one programme over time (issue 18, "Over time").

Data: tests/data/trend/ holds three rounds of one made-up programme (round1-3.yaml:
an improvement, two regressions, newly known items and a new caution), round 1's
result document against the CI checklist 1.0.0 (whose GOV-03 the split checklist
replaces), and the bad series; cases.yaml holds what each command must say.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import Run
from paths import MODEL, ROOT, TREND, rel

ROUNDS = [rel(TREND / f"round{n}.yaml") for n in (1, 2, 3)]
CASES: list[dict[str, Any]] = YAML(typ="safe").load((TREND / "cases.yaml").read_text("utf-8"))


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _in_order(lines: list[str], wanted: list[str]) -> list[str]:
    """The wanted lines not found in ``lines`` in that order."""
    missing, at = [], 0
    for w in wanted:
        try:
            at = lines.index(w, at) + 1
        except ValueError:
            missing.append(w)
    return missing


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], assess: Callable[..., Run]) -> None:
    r = assess("trend", *case["args"])
    assert r.code == case["exit"], r.stderr
    if "stderr" in case:
        assert r.stderr == case["stderr"]
        assert r.stdout == ""
    if "stdout" in case:
        assert _in_order(r.stdout.splitlines(), case["stdout"]) == []


def _trend(assess: Callable[..., Run], *args: str) -> dict[str, Any]:
    r = assess("trend", *args, "--format", "json")
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def _moves(movement: dict[str, Any], move: str) -> list[tuple[str, str, str]]:
    return [(m["id"], m["before"], m["after"]) for m in movement["items"] if m["move"] == move]


def test_json_orders_by_date_and_says_what_moved(assess: Callable[..., Run]) -> None:
    doc = _trend(assess, ROUNDS[2], ROUNDS[0], ROUNDS[1])
    assert doc["schema_version"] == "1.0"
    assert [p["date"] for p in doc["assessments"]] == ["2023-03-01", "2024-03-01", "2025-03-01"]
    assert [p["overall"]["score"] for p in doc["assessments"]] == [50.0, 50.0, 75.0]
    first, second = doc["movements"]
    assert _moves(first, "improved") == [("good-governance/GOV-01", "missed", "met")]
    assert _moves(first, "regressed") == [
        ("good-governance/GOV-02", "partial", "missed"),
        ("good-governance/GOV-03", "met", "missed"),
    ]
    assert _moves(first, "became_known") == [("national-ownership/OWN-04", "unknown", "met")]
    assert [c["id"] for c in first["new_cautions"]] == ["good-governance/GOV-03"]
    assert first["new_cautions"][0]["reason"].startswith("The security forces this work supports")
    assert _moves(second, "improved") == [("good-governance/GOV-02", "missed", "met")]
    assert second["new_cautions"] == [] and second["cautions_lifted"] == []
    good = {s["scope"]: s for s in first["scores"]}["good_governance"]
    assert (good["before"], good["after"], good["change"]) == (50.0, 37.5, -12.5)


def test_an_item_is_matched_across_versions_through_replaces(assess: Callable[..., Run]) -> None:
    doc = _trend(
        assess, rel(TREND / "round1-ci-1.0.0.json"), ROUNDS[1], "--checklist", rel(MODEL / "checklist-split.yaml")
    )
    assert [p["input"] for p in doc["assessments"]] == ["result", "profile"]
    (m,) = doc["movements"]
    assert m["checklists"] == [{"id": "ci-test", "before": "1.0.0", "after": "1.1.0"}]
    split = [(x["id"], x["before"], x["after"], x["was"]) for x in m["items"] if x["was"]]
    assert split == [
        ("ci-test/GOV-03A", "met", "missed", ["ci-test/GOV-03"]),
        ("ci-test/GOV-03B", "met", "missed", ["ci-test/GOV-03"]),
    ]


def test_the_trend_document_validates_against_its_shipped_schema(assess: Callable[..., Run]) -> None:
    r = assess("schema", "trend")
    assert r.code == 0
    schema = json.loads(r.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json.loads((ROOT / "schema" / "trend.schema.json").read_text("utf-8")), (
        "regenerate: assess schema trend > schema/trend.schema.json"
    )
    jsonschema.validate(_trend(assess, *ROUNDS), schema)


def test_markdown_has_a_column_per_date_and_a_section_per_movement(assess: Callable[..., Run]) -> None:
    r = assess("trend", *ROUNDS, "--format", "markdown")
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "# Trend: Clearance and stockpile safety in the east — Testland"
    assert "| Scope | 2023-03-01 | 2024-03-01 | 2025-03-01 |" in lines
    assert "## From 2023-03-01 to 2024-03-01" in lines
    assert "### New cautions" in lines
    assert "- good-governance/GOV-01 Civilian oversight of mine action: missed → met" in lines


def test_the_html_page_has_an_svg_chart_with_its_text_and_a_table(tmp_path: Path, assess: Callable[..., Run]) -> None:
    out = tmp_path / "trend.html"
    r = assess("trend", *ROUNDS, "-o", out)
    assert r.code == 0, r.stderr
    assert r.stderr == f"Trend written to {out}\n"
    page = out.read_text("utf-8")
    assert 'src="data:image/svg+xml;base64,' in page
    assert 'alt="Scores over time (0-100). Overall: 1 March 2023 50.0, 1 March 2024 50.0, 1 March 2025 75.0;' in page
    assert '<th class="r">1 March 2024</th>' in page
    # A reader's page names items by their own ids, without paths or checklist ids.
    assert "GOV-01 Civilian oversight of mine action: missed → met" in page
    assert "good-governance/GOV-01" not in page and "tests/data" not in page


def test_french(assess: Callable[..., Run]) -> None:
    r = assess("trend", *ROUNDS, "--lang", "fr")
    assert r.code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "3 évaluations, du 2023-03-01 au 2025-03-01" in lines
    assert "  Améliorés :" in lines
    assert "    - good-governance/GOV-01 Contrôle civil de l'action contre les mines : manqué → atteint" in lines
    assert "  Du 2023-03-01 au 2024-03-01" not in lines and "Du 2023-03-01 au 2024-03-01" in lines


def test_a_template_folder_without_the_trend_page_is_a_located_error(
    tmp_path: Path, assess: Callable[..., Run]
) -> None:
    r = assess("trend", *ROUNDS, "-o", tmp_path / "t.html", "--template-dir", tmp_path)
    assert r.code == 2
    assert r.stderr == f"error: {tmp_path}: the template folder has no 'trend.html.j2'\n"
    assert not (tmp_path / "t.html").exists()


@pytest.mark.slow
def test_the_pdf_has_the_chart_as_a_figure(tmp_path: Path, assess: Callable[..., Run]) -> None:
    out = tmp_path / "trend.pdf"
    r = assess("trend", *ROUNDS, "-o", out, "--lang", "fr")
    assert r.code == 0, r.stderr
    assert r.stderr.startswith(f"Tendance écrite dans {out} (") and r.stderr.endswith(" pages)\n")
    from pypdf import PdfReader  # the suite's PDF reader: no tool beyond what `make test` installs

    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Scores au fil du temps" in text
    assert "Améliorés" in text
