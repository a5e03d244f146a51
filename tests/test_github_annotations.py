"""GitHub annotations that survive GitHub's listing limit (issue 16): GitHub
lists at most ten annotations of each level for a step, so the most severe
come first, the run's notes open the notices, and the scores fit."""

from __future__ import annotations

import json
import re

from ci_support import at_root, check, profile, run
from paths import EXAMPLES, rel

__all__ = ["at_root"]

STATUS = {"missed": 0, "partial": 1, "waived": 2, "unknown": 3}


def _examples() -> list[str]:
    """The ten example profiles, named as from the repository root (the tests here run there)."""
    return [rel(p) for p in sorted(EXAMPLES.glob("*.yaml"))]


def _level(line: str) -> str:
    return line.split(" ", 1)[0].split("::", 2)[1]


def _status(line: str) -> str:
    match = re.search(r",title=assess [^ ]+ \(([a-z ]+)\)::", line)
    assert match, line
    return match.group(1)


def test_ten_examples_show_the_most_severe_first_and_lose_no_note() -> None:
    r = run("check", *_examples(), "--format", "github")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    levels = [_level(line) for line in lines]
    # All errors, then all warnings, then all notices.
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)
    warnings = [line for line in lines if _level(line) == "warning"]
    assert len(warnings) > 10  # the case: more than GitHub lists
    ranks = [STATUS[_status(line)] for line in warnings]
    assert ranks == sorted(ranks)
    missed = [line for line in warnings if _status(line) == "missed"]
    assert missed and warnings[: len(missed)] == missed  # every missed warning is among those listed
    notices = [line for line in lines if _level(line) == "notice"]
    assert len(notices) <= 10
    assert notices[0] == (
        "::notice title=assess%3A more annotations than GitHub lists::4 errors and 21 warnings: GitHub lists at "
        "most 10 annotations of each level for a step, so the most severe come first (missed before partial, "
        "high priority first); the job summary and the SARIF results have every finding."
    )
    assert notices[1].startswith("::notice title=assess%3A unknown items::484 checklist items are unknown")
    # Ten scores and two notes do not fit in ten notices: one notice has every score.
    (scores,) = [line for line in notices if "title=assess scores%3A 10 profiles::" in line]
    for path in _examples():
        assert re.search(rf"(::|%0A){re.escape(path)}: overall ", scores), path


def test_nothing_is_left_out_of_the_log() -> None:
    """Sorting is all: every finding SARIF reports is still a line of the log."""
    log = run("check", *_examples(), "--format", "github").out
    sarif = json.loads(run("check", *_examples(), "--format", "sarif").out)
    results = sarif["runs"][0]["results"]
    findings = [line for line in log.splitlines() if re.search(r",title=assess [^ ]+ \(", line)]
    assert len(findings) == len(results) == 25
    assert {(x["ruleId"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for x in results} == {
        (re.search(r"title=assess ([^ ]+) ", line).group(1), re.search(r"file=([^,]+),", line).group(1))  # type: ignore[union-attr]
        for line in findings
    }


def test_a_small_run_keeps_a_score_per_profile_and_no_overflow_note() -> None:
    r = check(profile("weak"), profile("gaps"), "--format", "github", "--fail-under", "10")
    lines = r.out.splitlines()
    assert not [line for line in lines if "more annotations than GitHub lists" in line]
    scores = [line for line in lines if ",title=assess score%3A " in line]
    assert len(scores) == 2
    # The gate's error leads, before the items' errors.
    assert lines[0].startswith("::error title=assess gate failed%3A --fail-under 10::")
