"""Cautions from facts: support to the stockpiles of forces under an arms embargo, or
with a record of grave abuses, is a risk to weigh first, not a gap to close.

Data: tests/data/model/pssm-embargo.yaml, pssm-abuses.yaml and pssm-silent.yaml (the
same PSSM programme with the embargo, with abuse reports, and with neither stated),
and two checklists that get caution_reason wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ci_support import at_root, run
from paths import MODEL, rel

__all__ = ["at_root"]

PSSM_ITEMS = ["good-governance/GOV-03", "operational-linkage/LNK-05", "operational-linkage/LNK-06"]
REASON = "The security forces this work supports are under an arms embargo, or are reported to have committed grave"


def result(name: str, lang: str = "en") -> dict[str, Any]:
    r = run(
        "check",
        *("--checklist", "good-governance", "--checklist", "operational-linkage"),
        rel(MODEL / f"{name}.yaml"),
        *("--format", "json", "--lang", lang),
    )
    assert r.code in (0, 1), r.err
    doc: dict[str, Any] = json.loads(r.out)
    return doc


def by_key(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{i['checklist']}/{i['id']}": i for i in doc["items"]}


@pytest.mark.parametrize("name", ["pssm-embargo", "pssm-abuses"])
def test_pssm_support_to_such_forces_is_a_caution_not_a_missed_synergy(name: str) -> None:
    doc = result(name)
    items = by_key(doc)
    assert [k for k in PSSM_ITEMS if k in doc["cautions"]] == PSSM_ITEMS
    assert doc["missed_synergies"] == []
    for key in PSSM_ITEMS:
        assert items[key]["status"] == "missed"
        assert items[key]["kind"] == "caution"
        assert items[key]["caution_reason"].startswith(REASON)


def test_the_fact_that_makes_the_caution_is_in_its_evidence() -> None:
    gov03 = by_key(result("pssm-embargo"))["good-governance/GOV-03"]
    embargo = next(e for e in gov03["evidence"] if e["field"] == "context.arms_embargo")
    assert embargo["answer"] == "yes"
    assert embargo["evidence"] == "A Security Council arms embargo covers the national army."
    assert embargo["location"]["line"] == 6
    # Where the caution does not hold, the item's evidence is its own facts only.
    silent = by_key(result("pssm-silent"))["good-governance/GOV-03"]
    assert [e["field"] for e in silent["evidence"]] == [
        "linkage.pssm_in_ssr_strategy",
        "linkage.pssm_in_defence_policy",
    ]


def test_silence_on_embargo_and_abuses_leaves_the_items_synergies() -> None:
    doc = result("pssm-silent")
    items = by_key(doc)
    assert doc["cautions"] == []
    assert doc["missed_synergies"][:3] == PSSM_ITEMS
    assert {items[k]["kind"] for k in PSSM_ITEMS} == {"synergy"}
    assert {items[k]["caution_reason"] for k in PSSM_ITEMS} == {None}


def test_the_reason_is_shown_in_the_terminal_and_in_french() -> None:
    r = run("check", "--checklist", "good-governance", rel(MODEL / "pssm-embargo.yaml"))
    lines = r.out.splitlines()
    at = lines.index("  - GOV-03 PSSM in the SSR strategy or defence policy")
    assert lines[at + 1].startswith("      The security forces this work supports are under an arms embargo")
    fr = by_key(result("pssm-abuses", lang="fr"))["operational-linkage/LNK-05"]
    assert fr["caution_reason"].startswith("Les forces de sécurité que ce travail soutient sont sous embargo")


def test_a_caution_condition_needs_its_reason_and_its_translation() -> None:
    bad = rel(MODEL / "bad-caution-reason.yaml")
    r = run("lint", bad)
    assert r.code == 2
    assert r.err_lines[0] == (
        f"error: {bad}:10:5: items[0]: an item with 'caution_when' needs a 'caution_reason': why it is a caution there"
    )
    bad = rel(MODEL / "bad-caution-translation.yaml")
    r = run("lint", bad)
    assert r.err_lines == [
        f"error: {bad}:44:9: item ACT-01: the French translation has no 'caution_reason'; the item has one",
        "1 problem(s) found.",
    ]


def test_the_scaffold_asks_the_facts_that_make_a_caution_once(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    assert run("init", "-o", out).code == 0
    text = out.read_text("utf-8")
    assert "  abuses_by_security_forces: unknown" in text.splitlines()
    assert text.count("  arms_embargo: unknown") == 1
    at = text.index("  abuses_by_security_forces: unknown")
    assert "asked by operational-linkage/LNK-05" in text[text.rindex("arms_embargo", 0, at) : at]


def test_the_form_asks_each_fact_that_makes_a_caution_once() -> None:
    from assess.forms.xlsform import build_form
    from assess.loading.checklists import load_checklists

    names = [row.get("name") for row in build_form(load_checklists(), "0").survey]
    # arms_embargo is asked always and read by caution_when: one question all the same.
    assert (names.count("arms_embargo"), names.count("abuses_by_security_forces")) == (1, 1)
