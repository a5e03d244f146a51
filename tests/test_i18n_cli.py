"""French on the CI side of the CLI: gate verdicts, changes since a baseline,
and the Markdown views of check and portfolio. English stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess import i18n
from paths import ROOT
from test_report import run

NEPAL = ROOT / "examples" / "nepal.yaml"
NBSP, NNBSP = "\u00a0", "\u202f"

#: English interface strings of the gate, baseline and Markdown views, none of
#: which may be left in their French output.
ENGLISH = (
    "gate failed",
    "gate passed",
    "threshold:",
    "overall score",
    "in the baseline",
    "not worse than",
    "of applicable items unknown",
    "missed synerg",
    "changes since the baseline",
    "Changes since the baseline",
    "newly missed",
    "newly met",
    "status changed",
    "no item changed status",
    "items added",
    "checklists:",
    "| Scope |",
    "Coverage",
    "Overall",
    "Missed synergies",
    "Findings",
    "| Item |",
    "| Status |",
    "| Where |",
    "| Detail |",
    "Baseline",
    "| Now |",
    "| Change |",
    "## Gates",
    "| Gate |",
    "Threshold",
    "| Value |",
    "| Result |",
    "passed",
    "FAILED",
    "Results:",
    "unknown:",
    "not applicable",
    "n/a",
    "assess: programme assessment",
    " of 3 failed",
)


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    """Nepal's result document as it would have been with GOV-01 met and a higher score."""
    r = run("check", NEPAL, "--format", "json")
    doc = json.loads(r.out)
    for item in doc["items"]:
        if (item["checklist"], item["id"]) == ("good-governance", "GOV-01"):
            item["status"] = "met"
    doc["overall"]["score"] = 40.0
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(doc), "utf-8")
    return path


def test_failing_gate_in_french() -> None:
    r = run("check", NEPAL, "--fail-under", "50", "--lang", "fr")
    assert r.code == 1
    expected = (
        f"seuil non atteint{NBSP}: --fail-under 50{NBSP}: {NEPAL}{NBSP}: score global 37,5{NNBSP}; limite{NBSP}: 50\n"
    )
    assert r.err == expected
    r = run("check", NEPAL, "--fail-under", "50")
    assert r.err == f"gate failed: --fail-under 50: {NEPAL}: overall score 37.5; threshold: 50\n"


def test_every_gate_in_french() -> None:
    r = run(
        "check",
        NEPAL,
        "--lang",
        "fr",
        "--fail-under-approach",
        "good_governance=60",
        "--fail-on-synergy",
        "medium",
        "--max-unknown",
        "10",
    )
    assert r.code == 1
    lines = r.err.splitlines()
    assert f"score good_governance 20,8{NNBSP}; limite{NBSP}: 60" in lines[0]
    assert "3 synergies manquées (" in lines[1]
    assert lines[1].endswith(f"limite{NBSP}: aucune synergie manquée de priorité moyenne ou haute")
    assert lines[2].endswith(f"86,2{NBSP}% des éléments applicables inconnus{NNBSP}; limite{NBSP}: 10{NBSP}%")
    for english in ENGLISH:
        assert english not in r.err


def test_baseline_changes_in_french(baseline: Path) -> None:
    r = run("check", NEPAL, "--lang", "fr", "--baseline", baseline, "--fail-under", "50")
    assert r.code == 1
    lines = r.err.splitlines()
    assert lines[0] == f"changements depuis la référence pour {NEPAL}{NBSP}:"
    assert f"  nouvellement manqué{NBSP}: good-governance/GOV-01 Contrôle civil" in lines[1]
    assert lines[1].endswith("(atteint → manqué)")
    assert f"  score global{NBSP}: 40,0 → 37,5 (-2,5)" in lines
    assert lines[-1].endswith(f"limite{NBSP}: 50 (40,0 dans la référence)")
    for english in ENGLISH:
        assert english not in r.err
    r = run("check", NEPAL, "--baseline", baseline, "--fail-under", "50")
    lines = r.err.splitlines()
    assert lines[0] == f"changes since the baseline for {NEPAL}:"
    assert lines[1].startswith("  newly missed: good-governance/GOV-01 Civilian oversight")
    assert lines[1].endswith("(met → missed)")
    assert "  score overall: 40.0 → 37.5 (-2.5)" in lines
    assert (
        lines[-1] == f"gate failed: --fail-under 50: {NEPAL}: overall score 37.5; threshold: 50 (40.0 in the baseline)"
    )


def test_markdown_in_french(baseline: Path) -> None:
    r = run(
        "check",
        NEPAL,
        "--format",
        "markdown",
        "--lang",
        "fr",
        "--baseline",
        baseline,
        "--fail-under",
        "50",
        "--max-unknown",
        "90",
        "--fail-on-synergy",
        "high",
    )
    assert r.code == 1
    md = r.out
    lines = md.splitlines()
    assert lines[0] == f"# assess{NBSP}: évaluation de programme"
    assert "| Portée | Score | Couverture | Fourchette si les inconnus étaient atteints ou manqués |" in lines
    assert f"| **Global** | **37,5 (provisoire)** | 14{NBSP}% (8 sur 58) | 5,5–90,8 |" in lines
    assert "### Synergies manquées" in lines
    assert "### Changements depuis la référence" in lines
    assert "| Portée | Référence | Maintenant | Écart |" in lines
    assert "| global | 40,0 | 37,5 | -2,5 |" in lines
    assert "## Seuils" in lines
    assert "2 sur 3 non atteint(s)." in lines
    assert "| Seuil | Profil | Limite | Valeur | Résultat |" in lines
    assert any("| score global 37,5 | **NON ATTEINT** (40,0 dans la référence) |" in x for x in lines)
    assert any(f"86,2{NBSP}% des éléments applicables inconnus | atteint |" in x for x in lines)
    assert "<details><summary>Constats</summary>" in lines
    for english in ENGLISH:
        assert english not in md, english


def test_portfolio_markdown_in_french() -> None:
    r = run(
        "portfolio", ROOT / "examples" / "un-missions-2015", "--format", "markdown", "--lang", "fr", "--jobs", "1", "-q"
    )
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("# Portefeuille de 25 programmes (listes de contrôle")
    assert "## Synergies le plus souvent manquées" in lines
    assert any(x.startswith("| Rang | Programme | Pays | Global | Couverture | Appropriation |") for x in lines)
    assert any(
        x.startswith("| Synergie | Priorité | Manqué | Partiel | Inconnu | Applicable | Programmes |") for x in lines
    )
    assert any(x.startswith("|  | Nombre de missions | Chapitre VI de la Charte des Nations unies |") for x in lines)
    assert any(x.startswith("| Missions de maintien de la paix |") for x in lines)
    for english in (
        "Portfolio of",
        "Rank",
        "Country",
        "Coverage",
        "Synergies missed",
        "Number of missions",
        "Chapter VI UN Charter",
        "Peacekeeping missions",
        "UN mission mandates",
        "Mean score",
        "n/a",
        "| high |",
        "| medium |",
    ):
        assert english not in r.out, english
