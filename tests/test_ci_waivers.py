"""--waivers: waived items stay visible, expired waivers are reported, unknown items are errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ci_support import CHECKLIST, CHECKLIST_OTHER, CI_DIR, at_root, check, profile, run

__all__ = ["at_root"]

WAIVER = """\
waivers:
  - item: ci-test/GOV-03
    justification: Stockpile work moves under the new defence policy in 2026.
    approver: Programme board
    expires: 2026-06-30
"""


def waivers(tmp_path: Path, text: str = WAIVER) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_waived_item_is_shown_as_waived_and_left_out_of_the_score(tmp_path: Path) -> None:
    w = waivers(tmp_path)
    r = check(profile("medium-miss"), "--waivers", w, "--today", "2026-01-01", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    gov03 = next(i for i in doc["items"] if i["id"] == "GOV-03")
    assert gov03["status"] == "met"  # a met item is not waived
    r = check(profile("weak"), "--waivers", w, "--today", "2026-01-01", "--format", "json")
    doc = json.loads(r.out)
    gov03 = next(i for i in doc["items"] if i["id"] == "GOV-03")
    assert gov03["status"] == "waived"
    assert gov03["waiver"] == {
        "justification": "Stockpile work moves under the new defence policy in 2026.",
        "approver": "Programme board",
        "expires": "2026-06-30",
    }
    assert doc["overall"]["applicable"] == 2
    assert doc["missed_synergies"] == ["ci-test/GOV-02"]


def test_waiver_lets_a_synergy_gate_pass(tmp_path: Path) -> None:
    assert check(profile("weak"), "--fail-on-synergy", "high").code == 1
    r = check(profile("weak"), "--fail-on-synergy", "high", "--waivers", waivers(tmp_path), "--today", "2026-06-30")
    assert r.code == 0, r.err
    assert "waived   GOV-03" in r.out
    assert "waived until 2026-06-30: Stockpile work moves" in r.out


def test_waived_item_in_every_machine_format(tmp_path: Path) -> None:
    args = [profile("weak"), "--waivers", waivers(tmp_path), "--today", "2026-01-01", "--format"]
    junit = ET.fromstring(check(*args, "junit").out)
    case = next(c for c in junit.iter("testcase") if c.get("name", "").startswith("GOV-03"))
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == (
        "waived until 2026-06-30 by Programme board: Stockpile work moves under the new defence policy in 2026."
    )
    sarif = json.loads(check(*args, "sarif").out)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "ci-test/GOV-03")
    assert result["suppressions"][0]["kind"] == "external"
    assert "Programme board" in result["suppressions"][0]["justification"]
    github = check(*args, "github").out
    assert "title=assess ci-test/GOV-03 (waived)::GOV-03 PSSM in the SSR strategy: waived until 2026-06-30" in github
    markdown = check(*args, "markdown").out
    assert "| `ci-test/GOV-03` PSSM in the SSR strategy | waived |" in markdown


def test_expired_waiver_is_not_honoured_and_is_reported(tmp_path: Path) -> None:
    w = waivers(tmp_path)
    r = check(profile("weak"), "--waivers", w, "--today", "2026-07-01", "--fail-on-synergy", "high")
    assert r.code == 1
    assert r.err_lines[0] == (
        f"warning: {w}:2:5: waiver for ci-test/GOV-03 expired on 2026-06-30 (today is 2026-07-01); not honoured"
    )
    assert r.err_lines[1].startswith("gate failed: --fail-on-synergy high")
    assert "MISSED   GOV-03" in r.out


def test_expired_waiver_is_listed_in_markdown(tmp_path: Path) -> None:
    r = check(profile("weak"), "--waivers", waivers(tmp_path), "--today", "2027-01-01", "--format", "markdown")
    assert "## Warnings" in r.out
    assert "waiver for ci-test/GOV-03 expired on 2026-06-30" in r.out


def test_waiver_for_unknown_item_is_a_located_error(tmp_path: Path) -> None:
    w = waivers(tmp_path, WAIVER.replace("ci-test/GOV-03", "ci-test/GOV-30"))
    r = check(profile("weak"), "--waivers", w)
    assert r.code == 2
    assert r.err == f"error: {w}:2:11: waiver for unknown item 'ci-test/GOV-30'; did you mean 'ci-test/GOV-03'?\n"
    assert r.out == ""


def test_waiver_for_a_checklist_not_in_the_run(tmp_path: Path) -> None:
    w = waivers(tmp_path, WAIVER.replace("ci-test/GOV-03", "ci-other/GOV-01"))
    r = check(profile("weak"), "--waivers", w)
    assert r.code == 2
    assert f"{w}:2:11: waiver for unknown item 'ci-other/GOV-01'" in r.err


def test_bare_item_id_when_unambiguous(tmp_path: Path) -> None:
    w = waivers(tmp_path, WAIVER.replace("ci-test/GOV-03", "GOV-03"))
    r = check(profile("weak"), "--waivers", w, "--today", "2026-01-01", "--format", "json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["counts"]["waived"] == 1


def test_bare_item_id_in_two_checklists_is_an_error(tmp_path: Path) -> None:
    w = waivers(tmp_path, WAIVER.replace("ci-test/GOV-03", "GOV-01"))
    r = run("check", "--checklist", CHECKLIST, "--checklist", CHECKLIST_OTHER, profile("weak"), "--waivers", w)
    assert r.code == 2
    assert r.err == (
        f"error: {w}:2:11: item 'GOV-01' is in several checklists (ci-other/GOV-01, ci-test/GOV-01); "
        "write checklist/GOV-01\n"
    )


def test_profile_glob_limits_a_waiver(tmp_path: Path) -> None:
    text = WAIVER + f"    profile: {CI_DIR}/we*.yaml\n"
    w = waivers(tmp_path, text)
    r = check(profile("weak"), "./" + profile("gaps"), "--waivers", w, "--today", "2026-01-01", "--format", "json")
    weak, gaps = json.loads(r.out)
    assert weak["counts"]["waived"] == 1
    assert gaps["counts"]["waived"] == 0
    w = waivers(tmp_path, WAIVER + f"    profile: ./{CI_DIR}/gaps.yaml\n")
    r = check(profile("weak"), profile("gaps"), "--waivers", w, "--today", "2026-01-01", "--format", "json")
    weak, gaps = json.loads(r.out)
    assert (weak["counts"]["waived"], gaps["counts"]["waived"]) == (0, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            WAIVER.replace("    justification: Stockpile work moves under the new defence policy in 2026.\n", ""),
            "2:5: 'waivers[0]' is missing the required key 'justification'",
        ),
        (
            WAIVER.replace("2026-06-30", "30/06/2026"),
            "5:14: waivers[0].expires: '30/06/2026' is not a date; write it as YYYY-MM-DD",
        ),
        (
            WAIVER.replace("approver:", "aprover:"),
            "4:5: unknown key 'aprover' in 'waivers[0]'; did you mean 'approver'?",
        ),
        ("- item: GOV-01\n", "1:1: expected a mapping of keys, found a list"),
    ],
)
def test_malformed_waivers_file(tmp_path: Path, text: str, message: str) -> None:
    w = waivers(tmp_path, text)
    r = check(profile("weak"), "--waivers", w)
    assert r.code == 2
    assert f"{w}:{message}" in r.err


def test_bad_today_is_a_usage_error() -> None:
    r = check(profile("weak"), "--today", "tomorrow")
    assert r.code == 2
    assert "--today" in r.err


def test_checklist_fixture_is_the_one_used() -> None:
    assert CHECKLIST.is_file()
