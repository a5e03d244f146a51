"""Gates of `assess check`: each one's exit code and the line that names it."""

from __future__ import annotations

import pytest

from ci_support import CI_DIR, at_root, check, profile

__all__ = ["at_root"]


def test_fail_under_names_gate_threshold_value_and_profile() -> None:
    r = check(profile("weak"), "--fail-under", "50")
    assert r.code == 1
    assert r.err_lines == [f"gate failed: --fail-under 50: {CI_DIR}/weak.yaml: overall score 0.0; threshold: 50"]


def test_fail_under_passes_at_or_above_threshold() -> None:
    r = check(profile("medium-miss"), "--fail-under", "75")
    assert r.code == 0, r.err
    assert "gate" not in r.err


def test_na_score_fails_a_score_gate() -> None:
    r = check(profile("silent"), "--fail-under", "0")
    assert r.code == 1
    assert r.err_lines == [f"gate failed: --fail-under 0: {CI_DIR}/silent.yaml: overall score n/a; threshold: 0"]


def test_fail_under_approach() -> None:
    r = check(profile("gaps"), "--fail-under-approach", "good_governance=60")
    assert r.code == 1
    assert r.err_lines == [
        f"gate failed: --fail-under-approach good_governance=60: {CI_DIR}/gaps.yaml: "
        "good_governance score 50.0; threshold: 60"
    ]
    assert check(profile("gaps"), "--fail-under-approach", "good_governance=50").code == 0


def test_fail_under_approach_for_an_approach_without_items_fails_as_na() -> None:
    r = check(profile("strong"), "--fail-under-approach", "gender_diversity=10")
    assert r.code == 1
    assert "--fail-under-approach gender_diversity=10" in r.err
    assert "n/a" in r.err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("good_governance", "'good_governance' is not APPROACH=N"),
        ("governance=50", "'governance' is not an approach; approaches are: national_ownership, good_governance"),
        ("good_governance=lots", "'lots' in 'good_governance=lots' is not a number from 0 to 100"),
        ("good_governance=120", "120 in 'good_governance=120' is not a number from 0 to 100"),
    ],
)
def test_fail_under_approach_bad_syntax_is_a_usage_error(value: str, message: str) -> None:
    r = check(profile("strong"), "--fail-under-approach", value)
    assert r.code == 2
    assert "--fail-under-approach" in r.err
    assert message in r.err
    assert r.out == ""


def test_fail_on_synergy_high_ignores_medium() -> None:
    r = check(profile("medium-miss"), "--fail-on-synergy", "high")
    assert r.code == 0, r.err


def test_fail_on_synergy_levels() -> None:
    r = check(profile("weak"), "--fail-on-synergy", "high")
    assert r.code == 1
    assert r.err_lines == [
        f"gate failed: --fail-on-synergy high: {CI_DIR}/weak.yaml: 1 missed synergy (ci-test/GOV-03); "
        "threshold: no missed synergy of priority high"
    ]
    r = check(profile("medium-miss"), "--fail-on-synergy", "medium")
    assert r.code == 1
    assert r.err_lines == [
        f"gate failed: --fail-on-synergy medium: {CI_DIR}/medium-miss.yaml: 1 missed synergy "
        "(ci-test/GOV-02); threshold: no missed synergy of priority medium or high"
    ]
    r = check(profile("weak"), "--fail-on-synergy", "any")
    assert r.code == 1
    assert "2 missed synergies (ci-test/GOV-03, ci-test/GOV-02)" in r.err


def test_fail_on_synergy_counts_missed_not_partial() -> None:
    r = check(profile("partial-synergy"), "--fail-on-synergy", "any")
    assert r.code == 0, r.err


def test_fail_on_synergy_rejects_other_levels() -> None:
    r = check(profile("weak"), "--fail-on-synergy", "low")
    assert r.code == 2
    assert "'low' is not one of 'high', 'medium', 'any'" in r.err


def test_max_unknown() -> None:
    r = check(profile("gaps"), "--max-unknown", "50")
    assert r.code == 1
    assert r.err_lines == [
        f"gate failed: --max-unknown 50: {CI_DIR}/gaps.yaml: 66.7% of applicable items unknown; threshold: 50%"
    ]
    assert check(profile("gaps"), "--max-unknown", "70").code == 0
    assert check(profile("strong"), "--max-unknown", "0").code == 0


def test_every_failed_gate_is_named_for_every_profile() -> None:
    r = check(
        profile("weak"),
        profile("strong"),
        profile("gaps"),
        "--fail-under",
        "60",
        "--fail-on-synergy",
        "high",
        "--max-unknown",
        "10",
        "--fail-under-approach",
        "good_governance=40",
    )
    assert r.code == 1
    failed = [line.split(": ")[1:3] for line in r.err_lines]
    assert failed == [
        ["--fail-under 60", f"{CI_DIR}/weak.yaml"],
        ["--fail-under-approach good_governance=40", f"{CI_DIR}/weak.yaml"],
        ["--fail-on-synergy high", f"{CI_DIR}/weak.yaml"],
        ["--fail-under 60", f"{CI_DIR}/gaps.yaml"],
        ["--max-unknown 10", f"{CI_DIR}/gaps.yaml"],
    ]
    assert all(line.startswith("gate failed: ") for line in r.err_lines)


def test_gates_do_not_change_the_output_document() -> None:
    plain = check(profile("weak"), "--format", "json")
    gated = check(profile("weak"), "--format", "json", "--fail-under", "50")
    assert (plain.code, gated.code) == (0, 1)
    assert plain.out == gated.out


def test_invalid_profile_is_exit_2_even_with_gates() -> None:
    r = check(f"{CI_DIR}/no-such-profile.yaml", "--fail-under", "50")
    assert r.code == 2
    assert f"{CI_DIR}/no-such-profile.yaml: no such file" in r.err
