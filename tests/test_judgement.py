"""Judgement cases (issue 13): each profile in ``tests/data/judgement`` with the
results it must give. Items say which side(s) they need; an absent side makes
an item not applicable with a reason naming it; findings rank by what matters;
partial synergies stay apart from missed ones; key gaps cover every kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run, run_here
from paths import JUDGEMENT, ROOT

CASES = sorted(JUDGEMENT.glob("*.yaml"))


def _check(case: Path, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    doc = YAML(typ="safe").load(case.read_text(encoding="utf-8"))
    profile = tmp_path / "profile.yaml"
    out = tmp_path / "profile.json"
    with profile.open("w", encoding="utf-8") as f:
        YAML().dump(doc["profile"], f)
    proc = run_here(["check", profile, "--format", "json", "-o", out], cwd=ROOT)
    assert proc.code in (0, 1), proc.stderr
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc["expect"], result


def test_there_are_cases() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_judgement_case(case: Path, tmp_path: Path) -> None:
    expect, result = _check(case, tmp_path)
    items = {r["id"]: r for r in result["items"]}
    got = {i: items[i]["status"] for i in expect.get("status", {})}
    assert got == expect.get("status", {})
    assert {i: items[i]["kind"] for i in expect.get("kind", {})} == expect.get("kind", {})
    for key in expect.get("cautions_contain", []):
        assert key in result["cautions"]
    for item_id, words in expect.get("reason_contains", {}).items():
        assert words in items[item_id]["criterion"], item_id
    missed = result["missed_synergies"]
    if "missed_synergies" in expect:
        assert missed == expect["missed_synergies"]
    for key in expect.get("missed_synergies_first", []):
        assert key in missed
    first = expect.get("missed_synergies_first", [])
    assert missed[: len(first)] == first
    for key in expect.get("not_in_missed_synergies", []):
        assert key not in missed
    gaps = [g["id"] for g in result["key_gaps"]]
    head = expect.get("key_gaps_first", [])
    assert gaps[: len(head)] == head
    # A missed synergy needs the sides it names: none is listed whose item
    # came out anything but missed.
    for key in missed:
        assert items[key.split("/")[1]]["status"] == "missed"
    for key in result["partial_synergies"]:
        assert items[key.split("/")[1]]["status"] == "partial"
    for gap in result["key_gaps"]:
        assert gap["synergy"] is (gap["kind"] == "synergy")


def _lint(text: str, tmp_path: Path) -> Run:
    path = tmp_path / "checklist.yaml"
    path.write_text(text, encoding="utf-8")
    return run_here(["lint", path], cwd=ROOT)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    needs: [ssr, mine_action]\n", "", "does not say which side(s) it needs"),
        ("    needs: [ssr, mine_action]\n", "    needs: [mine_action]\n", "is a synergy but does not need both"),
        ("    needs: [ssr, mine_action]\n", "    needs: [ssr, security_forces, mine_action]\n", "already implies"),
        (
            "    needs: [ssr, mine_action]\n",
            "    needs: [ssr, mine_action]\n    needs_reason: Both are needed anyway.\n",
            "needs both sides",
        ),
    ],
    ids=["missing", "one-sided-synergy", "redundant", "needless-reason"],
)
def test_lint_checks_needs(old: str, new: str, message: str, tmp_path: Path) -> None:
    from paths import SMALL_CHECKLIST

    text = SMALL_CHECKLIST.read_text(encoding="utf-8")
    assert old in text
    proc = _lint(text.replace(old, new, 1), tmp_path)
    assert proc.code == 2
    assert message in proc.stderr
    assert _lint(text, tmp_path).code == 0


def test_builtin_items_all_declare_needs() -> None:
    from assess.loading.checklists import load_checklists

    for cc in load_checklists():
        for ci in cc.checklist.items:
            assert ci.needs is not None, ci.id
