"""--baseline: what changed since an earlier result document, and gates on regressions only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_support import CHECKLIST_V2, CI_DIR, at_root, check, profile

__all__ = ["at_root"]


def baseline_of(tmp_path: Path, *names: str, checklist: Path | None = None) -> Path:
    """Write the JSON result document(s) of fixture profiles, as an earlier run would."""
    out = tmp_path / "baseline.json"
    args = [profile(n) for n in names]
    r = (
        check(*args, "--format", "json", "-o", str(out))
        if checklist is None
        else check(*args, "--format", "json", "-o", str(out), checklist=checklist)
    )
    assert r.code == 0, r.err
    return out


def test_regression_fails_the_gate_and_reports_the_changes(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "strong")
    r = check(profile("weak"), "--baseline", base, "--fail-under", "50")
    assert r.code == 1
    assert r.err_lines == [
        f"changes since the baseline for {CI_DIR}/weak.yaml:",
        "  newly missed: ci-test/GOV-01 Civilian oversight of mine action (met → missed)",
        "  newly missed: ci-test/GOV-02 Victim data in the information system (met → missed)",
        "  newly missed: ci-test/GOV-03 PSSM in the SSR strategy (met → missed)",
        "  score overall: 100.0 → 0.0 (-100.0)",
        "  score good_governance: 100.0 → 0.0 (-100.0)",
        f"gate failed: --fail-under 50: {CI_DIR}/weak.yaml: overall score 0.0; threshold: 50 (100.0 in the baseline)",
    ]


def test_no_regression_passes_although_below_threshold(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "weak")
    args = ["--fail-under", "50", "--fail-on-synergy", "any", "--fail-under-approach", "good_governance=50"]
    assert check(profile("weak"), *args).code == 1
    r = check(profile("weak"), "--baseline", base, *args)
    assert r.code == 0, r.err
    assert "  no item changed status" in r.err_lines
    assert "  score overall: 0.0 → 0.0 (+0.0)" in r.err_lines
    assert (
        f"gate passed: --fail-under 50: {CI_DIR}/weak.yaml: overall score 0.0; threshold: 50 "
        "(not worse than the baseline's 0.0)"
    ) in r.err_lines
    assert "gate failed" not in r.err


def test_improvement_below_threshold_passes_and_reports_newly_met(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "weak")
    r = check(profile("medium-miss"), "--baseline", base, "--fail-under", "80")
    assert r.code == 0, r.err
    assert "  newly met: ci-test/GOV-01 Civilian oversight of mine action (missed → met)" in r.err_lines
    assert "  score overall: 0.0 → 75.0 (+75.0)" in r.err_lines


def test_worse_but_above_threshold_passes(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "strong")
    r = check(profile("medium-miss"), "--baseline", base, "--fail-under", "70")
    assert r.code == 0, r.err
    assert "  score overall: 100.0 → 75.0 (-25.0)" in r.err_lines


def test_synergy_gate_fails_only_on_newly_missed(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "medium-miss")  # GOV-02 already missed
    r = check(profile("weak"), "--baseline", base, "--fail-on-synergy", "medium")
    assert r.code == 1
    assert r.err_lines[-1] == (
        f"gate failed: --fail-on-synergy medium: {CI_DIR}/weak.yaml: 2 missed synergies "
        "(ci-test/GOV-03, ci-test/GOV-02); threshold: no missed synergy of priority medium or high "
        "(newly missed: ci-test/GOV-03)"
    )
    same = check(profile("medium-miss"), "--baseline", base, "--fail-on-synergy", "medium")
    assert same.code == 0, same.err


def test_max_unknown_gate_with_baseline(tmp_path: Path) -> None:
    worse = check(profile("silent"), "--baseline", baseline_of(tmp_path, "gaps"), "--max-unknown", "50")
    assert worse.code == 1
    assert worse.err_lines[-1] == (
        f"gate failed: --max-unknown 50: {CI_DIR}/silent.yaml: 100.0% of applicable items unknown; "
        "threshold: 50% (66.7% in the baseline)"
    )
    same = check(profile("gaps"), "--baseline", baseline_of(tmp_path, "gaps"), "--max-unknown", "50")
    assert same.code == 0, same.err


def test_na_after_a_number_is_a_regression(tmp_path: Path) -> None:
    r = check(profile("silent"), "--baseline", baseline_of(tmp_path, "weak"), "--fail-under", "10")
    assert r.code == 1
    assert r.err_lines[-1].endswith("overall score n/a; threshold: 10 (0.0 in the baseline)")
    assert "  status changed: ci-test/GOV-01 Civilian oversight of mine action (missed → unknown)" in r.err_lines


def test_checklist_version_change_and_items_added_and_removed(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "weak")
    r = check(profile("weak"), "--baseline", base, checklist=CHECKLIST_V2)
    assert r.code == 0, r.err
    assert r.err_lines[:4] == [
        f"changes since the baseline for {CI_DIR}/weak.yaml:",
        "  checklist ci-test changed 1.0.0 → 1.1.0",
        "  items added: ci-test/GOV-04",
        "  items removed: ci-test/GOV-03",
    ]
    assert "  score overall: 0.0 → 0.0 (+0.0)" in r.err_lines


def test_several_profiles_are_matched_by_path(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "strong", "weak")
    assert isinstance(json.loads(base.read_text()), list)
    r = check(profile("weak"), profile("strong"), profile("gaps"), "--baseline", base, "--fail-under", "60")
    assert r.code == 1
    assert f"changes since the baseline for {CI_DIR}/weak.yaml:" in r.err_lines
    assert f"changes since the baseline for {CI_DIR}/strong.yaml:" in r.err_lines
    assert (f"note: the baseline has no result for {CI_DIR}/gaps.yaml; its gates use thresholds alone") in r.err_lines
    failed = [line for line in r.err_lines if line.startswith("gate failed")]
    # weak is as bad as in its baseline; gaps has no baseline and is below 60.
    assert failed == [f"gate failed: --fail-under 60: {CI_DIR}/gaps.yaml: overall score 50.0; threshold: 60"]


def test_baseline_changes_show_in_markdown(tmp_path: Path) -> None:
    base = baseline_of(tmp_path, "strong")
    r = check(profile("weak"), "--baseline", base, "--format", "markdown", "--fail-under", "50")
    assert r.code == 1
    assert "### Changes since the baseline" in r.out
    assert "- newly missed: `ci-test/GOV-01` Civilian oversight of mine action (met → missed)" in r.out
    assert "| overall | 100.0 | 0.0 | -100.0 |" in r.out


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{\n  "schema_version": "1.0",\n  "overall": {,\n}',
            "baseline.json:3:15: is not valid JSON: Expecting property name",
        ),
        ("", "baseline.json:1:1: is not valid JSON: Expecting value"),
        ("[]", "baseline.json:1:1: is not a baseline: expected a result document"),
        ('"text"', "baseline.json:1:1: is not a baseline"),
        ('{"tool": {}}', "baseline.json:1:1: is not an assess result document: no 'schema_version'"),
        ('[\n  {"schema_version": "1.0"},\n  7\n]', "baseline.json:3:3: is not an assess result document"),
        (
            '{\n  "schema_version": "2.0",\n  "profile": {}\n}',
            "baseline.json:2:21: schema_version 2.0 is newer than this assess reads (1.5)",
        ),
        ('{"schema_version": "one"}', "baseline.json:1:20: schema_version 'one' is not MAJOR.MINOR"),
    ],
)
def test_malformed_baseline_is_a_located_input_error(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    r = check(profile("weak"), "--baseline", path, "--fail-under", "50")
    assert r.code == 2
    assert r.err.startswith("error: " + str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1])
    assert r.out == ""


def test_baseline_missing_a_part_names_its_location(tmp_path: Path) -> None:
    doc = json.loads(baseline_of(tmp_path, "weak").read_text())
    del doc["overall"]["score"]
    doc["items"][1]["status"] = 5
    text = json.dumps(doc, indent=2)
    path = _write(tmp_path, text)
    r = check(profile("weak"), "--baseline", path)
    assert r.code == 2
    lines = text.splitlines()
    overall_line = next(i for i, line in enumerate(lines, 1) if '"overall"' in line)
    assert f"{path}:{overall_line}:3: 'overall' is missing the required key 'score'" in r.err
    status_line = next(i for i, line in enumerate(lines, 1) if '"status": 5' in line)
    assert f"{path}:{status_line}:17: items[1].status: expected text, not 5" in r.err


def test_newer_minor_version_with_extra_keys_is_read(tmp_path: Path) -> None:
    doc = json.loads(baseline_of(tmp_path, "weak").read_text())
    doc["schema_version"] = "1.7"
    doc["something_new"] = {"added": "later"}
    doc["items"][0]["new_field"] = 1
    path = _write(tmp_path, json.dumps(doc))
    r = check(profile("weak"), "--baseline", path, "--fail-under", "50")
    assert r.code == 0, r.err
    assert "  no item changed status" in r.err_lines


def test_missing_baseline_file(tmp_path: Path) -> None:
    r = check(profile("weak"), "--baseline", tmp_path / "nope.json")
    assert r.code == 2
    assert "nope.json: no such file" in r.err
