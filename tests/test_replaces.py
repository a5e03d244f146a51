"""Items split or merged name the ids they replace, and ``--baseline`` follows them.

Data: tests/data/model/checklist-split.yaml is the CI checklist (ci-test 1.0.0)
with GOV-03 split into GOV-03A and GOV-03B; checklist-merge.yaml merges GOV-01
and GOV-02 into GOV-12; bad-replaces.yaml breaks every rule.
"""

from __future__ import annotations

import json
from pathlib import Path

from ci_support import CHECKLIST, CI_DIR, at_root, check, profile, run
from paths import MODEL, rel

__all__ = ["at_root"]

SPLIT = MODEL / "checklist-split.yaml"
MERGE = MODEL / "checklist-merge.yaml"
BAD = MODEL / "bad-replaces.yaml"
DEFENCE_ONLY = rel(MODEL / "defence-policy-only.yaml")


def baseline(tmp_path: Path, path: str) -> Path:
    """The JSON result of ``path`` against ci-test 1.0.0, as an earlier run wrote it."""
    out = tmp_path / "baseline.json"
    r = check(path, "--format", "json", "-o", str(out), checklist=CHECKLIST)
    assert r.code == 0, r.err
    return out


def test_a_split_item_is_compared_with_the_item_it_replaces(tmp_path: Path) -> None:
    base = baseline(tmp_path, DEFENCE_ONLY)
    r = check(DEFENCE_ONLY, "--baseline", base, checklist=SPLIT)
    assert r.code == 0, r.err
    assert r.err_lines[:4] == [
        f"changes since the baseline for {rel(MODEL)}/defence-policy-only.yaml:",
        "  checklist ci-test changed 1.0.0 → 1.1.0",
        "  split: ci-test/GOV-03 PSSM in the SSR strategy (met) → ci-test/GOV-03A PSSM in the SSR strategy "
        "(missed), ci-test/GOV-03B PSSM in the defence policy (met)",
        "  score overall: 75.0 → 54.5 (-20.5)",
    ]
    # Not an item removed and two added.
    assert "items added" not in r.err and "items removed" not in r.err


def test_a_split_of_a_missed_synergy_is_no_new_miss_for_the_gate(tmp_path: Path) -> None:
    weak = profile("weak")
    base = baseline(tmp_path, weak)
    r = check(weak, "--baseline", base, "--fail-on-synergy", "high", checklist=SPLIT)
    assert r.code == 0, r.err
    assert (
        "  split: ci-test/GOV-03 PSSM in the SSR strategy (missed) → ci-test/GOV-03A PSSM in the SSR strategy "
        "(missed), ci-test/GOV-03B PSSM in the defence policy (missed)" in r.err_lines
    )
    assert r.err_lines[-1] == (
        f"gate passed: --fail-on-synergy high: {CI_DIR}/weak.yaml: 2 missed synergies "
        "(ci-test/GOV-03A, ci-test/GOV-03B); threshold: no missed synergy of priority high "
        "(all were missed in the baseline too)"
    )


def test_a_part_missed_where_the_old_item_was_met_fails_the_gate(tmp_path: Path) -> None:
    base = baseline(tmp_path, DEFENCE_ONLY)
    r = check(DEFENCE_ONLY, "--baseline", base, "--fail-on-synergy", "high", checklist=SPLIT)
    assert r.code == 1
    assert r.err_lines[-1].endswith("(newly missed: ci-test/GOV-03A)"), r.err_lines[-1]


def test_a_merge_is_reported_with_every_item_it_replaces(tmp_path: Path) -> None:
    medium = profile("medium-miss")
    base = baseline(tmp_path, medium)
    r = check(medium, "--baseline", base, checklist=MERGE)
    assert r.code == 0, r.err
    merged = [line for line in r.err_lines if "merged" in line]
    assert merged == [
        "  merged: ci-test/GOV-01 Civilian oversight of mine action (met), ci-test/GOV-02 Victim data in the "
        "information system (missed) → ci-test/GOV-12 Civilian oversight and victim data (met)"
    ]


def test_markdown_and_french_say_the_split(tmp_path: Path) -> None:
    base = baseline(tmp_path, DEFENCE_ONLY)
    r = check(DEFENCE_ONLY, "--baseline", base, "--format", "markdown", checklist=SPLIT)
    assert (
        "- split: `ci-test/GOV-03` PSSM in the SSR strategy (met) → `ci-test/GOV-03A` PSSM in the SSR strategy "
        "(missed), `ci-test/GOV-03B` PSSM in the defence policy (met)"
    ) in r.out.splitlines()
    assert "no item changed status" not in r.out
    fr = check(DEFENCE_ONLY, "--baseline", base, "--lang", "fr", checklist=SPLIT)
    assert any(line.startswith("  scindé\u00a0: ci-test/GOV-03 ") for line in fr.err_lines), fr.err


def test_the_result_document_names_what_an_item_replaces() -> None:
    r = check(DEFENCE_ONLY, "--format", "json", checklist=SPLIT)
    items = {i["id"]: i["replaces"] for i in json.loads(r.out)["items"]}
    assert items == {"GOV-01": [], "GOV-02": [], "GOV-03A": ["GOV-03"], "GOV-03B": ["GOV-03"]}


def test_lint_says_what_is_wrong_with_replaces() -> None:
    r = run("lint", rel(BAD))
    assert r.code == 2
    where = rel(BAD)
    assert r.err_lines == [
        f"error: {where}:8:16: item BAD-01 replaces itself; 'replaces' names earlier ids only",
        f"error: {where}:8:32: item BAD-01 names BAD-09 twice in 'replaces'",
        f"error: {where}:25:16: item BAD-02 replaces BAD-01, but BAD-01 is still in the checklist: remove it, "
        "or drop it from 'replaces'",
        f"error: {where}:59:24: item BAD-03B replaces BAD-03, which BAD-03A also replace(s): a split item's parts "
        "replace it alone, so this item cannot also replace BAD-04",
        "4 problem(s) found.",
    ]


def test_a_checklist_with_bad_replaces_does_not_load_for_check() -> None:
    r = check(DEFENCE_ONLY, checklist=BAD)
    assert r.code == 2
    assert "item BAD-02 replaces BAD-01, but BAD-01 is still in the checklist" in r.err


def test_a_renamed_item_is_one_replaced_by_one(tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.yaml"
    text = CHECKLIST.read_text("utf-8").replace("version: 1.0.0", "version: 1.0.1")
    renamed.write_text(text.replace("  - id: GOV-02\n", "  - id: GOV-22\n    replaces: [GOV-02]\n"), "utf-8")
    weak = profile("weak")
    base = baseline(tmp_path, weak)
    r = check(weak, "--baseline", base, checklist=renamed)
    assert (
        "  replaced: ci-test/GOV-02 Victim data in the information system (missed) → ci-test/GOV-22 Victim "
        "data in the information system (missed)" in r.err_lines
    )
    assert "  no item changed status" not in r.err_lines
    fr = check(weak, "--baseline", base, "--lang", "fr", checklist=renamed)
    assert any(line.startswith("  remplacé\u00a0: ci-test/GOV-02 ") for line in fr.err_lines), fr.err
