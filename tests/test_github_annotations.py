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


def test_ten_examples_annotate_the_missed_items_and_count_the_rest() -> None:
    """By default the annotations are the missed items, all of them listed;
    the items met in part and the unknown ones are counted in a notice each."""
    r = run("check", *_examples(), "--format", "github")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    levels = [_level(line) for line in lines]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)
    findings = [line for line in lines if _level(line) in ("error", "warning")]
    assert {_status(line) for line in findings} == {"missed"}
    assert (levels.count("error"), levels.count("warning"), levels.count("notice")) == (4, 5, 3)
    assert not [line for line in lines if "more annotations than GitHub lists" in line]
    notices = [line for line in lines if _level(line) == "notice"]
    assert notices[0].startswith("::notice title=assess%3A unknown items::484 checklist items are unknown")
    assert notices[1] == (
        "::notice title=assess%3A items met in part::16 checklist items are met in part in 7 profiles; they are "
        "not annotated one by one, so that the annotations GitHub lists are the missed items. Run assess check "
        "with --annotate-partial to list them, or see the job summary and the SARIF results."
    )
    # Ten scores and two notes do not fit in ten notices: one notice has every score.
    (scores,) = [line for line in notices if "title=assess scores%3A 10 profiles::" in line]
    for path in _examples():
        assert re.search(rf"(::|%0A){re.escape(path)}: overall ", scores), path


def test_with_annotate_partial_the_most_severe_come_first_and_no_note_is_lost() -> None:
    r = run("check", *_examples(), "--format", "github", "--annotate-partial")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    levels = [_level(line) for line in lines]
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
    assert not [line for line in notices if "items met in part" in line]


def test_nothing_is_left_out_of_the_log() -> None:
    """Every finding SARIF reports is a line of the log with --annotate-partial,
    and without it the missed ones are, and the partial ones are counted."""
    sarif = json.loads(run("check", *_examples(), "--format", "sarif").out)
    results = sarif["runs"][0]["results"]
    assert len(results) == 25

    def findings(log: str) -> list[str]:
        return [line for line in log.splitlines() if re.search(r",title=assess [^ ]+ \(", line)]

    every = findings(run("check", *_examples(), "--format", "github", "--annotate-partial").out)
    assert {(x["ruleId"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for x in results} == {
        (re.search(r"title=assess ([^ ]+) ", line).group(1), re.search(r"file=([^,]+),", line).group(1))  # type: ignore[union-attr]
        for line in every
    }
    default = run("check", *_examples(), "--format", "github").out
    assert len(findings(default)) + 16 == len(results)
    assert "::16 checklist items are met in part" in default


def test_a_small_run_keeps_a_score_per_profile_and_no_overflow_note() -> None:
    r = check(profile("weak"), profile("gaps"), "--format", "github", "--fail-under", "10")
    lines = r.out.splitlines()
    assert not [line for line in lines if "more annotations than GitHub lists" in line]
    scores = [line for line in lines if ",title=assess score%3A " in line]
    assert len(scores) == 2
    # The gate's error leads, before the items' errors.
    assert lines[0].startswith("::error title=assess gate failed%3A --fail-under 10::")
