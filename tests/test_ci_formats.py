"""Machine formats: JUnit XML (GitLab, Jenkins), SARIF 2.1.0, GitHub workflow commands, Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from assess.reporters import CHECK_REPORTERS
from assess.reporters.github import command
from assess.reporters.names import CHECK_FORMATS as FORMATS
from ci_support import CI_DIR, SARIF_SCHEMA, at_root, check, profile

__all__ = ["at_root"]

ALL = ["strong", "weak", "gaps", "silent", "partial-synergy"]


def test_format_choices_match_the_registry() -> None:
    assert tuple(CHECK_REPORTERS) == FORMATS


# ---------------------------------------------------------------- JUnit


def junit(*names: str) -> ET.Element:
    r = check(*[profile(n) for n in names], "--format", "junit")
    assert r.code == 0, r.err
    assert r.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(r.out)


def test_junit_has_the_shape_gitlab_and_jenkins_read() -> None:
    root = junit(*ALL)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"{profile(n)}: ci-test 1.0.0" for n in ALL]
    totals = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        failures = [c for c in cases if c.find("failure") is not None]
        skipped = [c for c in cases if c.find("skipped") is not None]
        assert int(suite.get("tests", "")) == len(cases) == 3
        assert int(suite.get("failures", "")) == len(failures)
        assert int(suite.get("skipped", "")) == len(skipped)
        assert suite.get("errors") == "0"
        assert not [c for c in failures if c in skipped]
        for c in cases:
            assert c.get("classname") == "ci-test"
            assert c.get("name", "").split(" ", 1)[0] in ("GOV-01", "GOV-02", "GOV-03")
        totals["tests"] += len(cases)
        totals["failures"] += len(failures)
        totals["skipped"] += len(skipped)
    assert {k: int(root.get(k, "")) for k in totals} == totals
    # strong 0/0, weak 3 failures, gaps 1 failure (partial) + 2 skipped, silent 3 skipped, partial-synergy 1 failure
    assert totals == {"tests": 15, "failures": 5, "skipped": 5, "errors": 0}


def test_junit_failure_and_skip_texts() -> None:
    root = junit("weak", "gaps")
    cases = {(s.get("name"), c.get("name")): c for s in root.iter("testsuite") for c in s.iter("testcase")}
    weak = cases[(f"{profile('weak')}: ci-test 1.0.0", "GOV-01 Civilian oversight of mine action")]
    failure = weak.find("failure")
    assert failure is not None
    assert failure.get("type") == "missed"
    assert failure.get("message") == "missed: Mine action is run by security forces without civilian oversight."
    body = failure.text or ""
    assert body.startswith("Mine action is run by security forces without civilian oversight.\n")
    assert "What SSR actors could do:\n  - Include the mine action authority" in body
    assert "What mine action actors could do:\n  - Support a civilian-led national mine action authority" in body
    assert f"Profile: {profile('weak')}:5:3" in body
    assert weak.get("file") == profile("weak")
    assert weak.get("line") == "5"
    gaps = {c.get("name", "")[:6]: c for (s, _), c in cases.items() if s.startswith(profile("gaps"))}
    partial = gaps["GOV-01"].find("failure")
    assert partial is not None
    assert partial.get("type") == "partial"
    assert (partial.get("message") or "").startswith("partial: Civilian oversight exists on paper")
    unknown = gaps["GOV-02"].find("skipped")
    assert unknown is not None
    assert unknown.get("message") == (
        "unknown: The profile does not say: Does the mine action information system record victims, "
        "and can civilian organisations use it?"
    )


def test_junit_not_applicable_is_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "na.yaml"
    path.write_text("programme: {title: NA, country: X}\nactivities: {mine_action: [risk_education]}\n")
    r = check(str(path), "--format", "junit")
    root = ET.fromstring(r.out)
    gov03 = next(c for c in root.iter("testcase") if (c.get("name") or "").startswith("GOV-03"))
    skipped = gov03.find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "not applicable: No PSSM or stockpile destruction work is under way."


def test_junit_carries_markup_characters_and_a_control_character_is_refused_at_load(tmp_path: Path) -> None:
    """A bell cannot reach the XML: a text may hold no control character but
    tab and newline (issue 15), refused where it is typed."""
    path = tmp_path / "ctl.yaml"
    path.write_text('programme: {title: "Bell\\a and <tags>", country: X}\n')
    r = check(str(path), "--format", "junit")
    assert (r.code, r.out) == (2, "")
    assert (
        r.err
        == f"error: {path}:1:20: programme.title: holds the control character U+0007; a text may hold tab and newline but no other control character\n"
    )
    path.write_text('programme: {title: "Tab\\t and <tags> & \\"quotes\\"", country: X}\n')
    r = check(str(path), "--format", "junit")
    assert r.code == 0, r.err
    root = ET.fromstring(r.out)
    programme = next(p for p in root.iter("property") if p.get("name") == "programme")
    assert programme.get("value") == 'Tab\t and <tags> & "quotes" — X'


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif(*names: str, extra: tuple[str, ...] = ("--annotate-unknown",)) -> dict[str, Any]:
    r = check(*[profile(n) for n in names], "--format", "sarif", *extra)
    assert r.code == 0, r.err
    doc: dict[str, Any] = json.loads(r.out)
    return doc


def test_sarif_validates_against_the_oasis_schema(sarif_validator: Any) -> None:
    doc = sarif(*ALL)
    errors = sorted(sarif_validator.iter_errors(doc), key=str)
    assert errors == []
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1


def test_sarif_schema_check_is_not_vacuous(sarif_validator: Any) -> None:
    doc = sarif("weak")
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator.iter_errors(doc))


def test_sarif_rules_and_results() -> None:
    run = sarif("weak", "gaps")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ci-test/GOV-01", "ci-test/GOV-02", "ci-test/GOV-03"]
    assert rules[0]["name"] == "CivilianOversightOfMineAction"
    assert rules[0]["shortDescription"]["text"] == "Civilian oversight of mine action"
    assert rules[0]["fullDescription"]["text"].startswith("Do civilian authorities oversee")
    assert rules[0]["properties"]["approach"] == "good_governance"
    found = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"].get("startLine"),
        )
        for r in run["results"]
    ]
    assert found == [
        ("ci-test/GOV-01", "error", profile("weak"), 5),  # missed, high priority
        ("ci-test/GOV-02", "warning", profile("weak"), 7),  # missed, medium priority
        ("ci-test/GOV-03", "error", profile("weak"), 9),
        ("ci-test/GOV-01", "warning", profile("gaps"), 4),  # partial
        ("ci-test/GOV-02", "note", profile("gaps"), 3),  # unknown: its section's line
        ("ci-test/GOV-03", "note", profile("gaps"), 1),  # unknown, nothing written: line 1
    ]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_sarif_uri_is_relative_to_the_working_folder() -> None:
    absolute = str(Path(profile("weak")).resolve())
    r = check(absolute, "--format", "sarif")
    uris = {
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for res in json.loads(r.out)["runs"][0]["results"]
    }
    assert uris == {profile("weak")}


# ---------------------------------------------------------------- GitHub


def test_github_command_escaping() -> None:
    assert command("error", "50% done\r\nnext: a, b", file="a,b:c.yaml", line=3, title="x: 100%") == (
        "::error file=a%2Cb%3Ac.yaml,line=3,title=x%3A 100%25::50%25 done%0D%0Anext: a, b"
    )
    assert command("notice", "plain") == "::notice::plain"


def test_github_annotations_and_gates() -> None:
    r = check(profile("weak"), profile("gaps"), "--format", "github", "--fail-under", "10", "--annotate-unknown")
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0] == (
        "::error title=assess gate failed%3A --fail-under 10::gate failed: --fail-under 10: "
        f"{CI_DIR}/weak.yaml: overall score 0.0; threshold: 10"
    )
    assert lines[1].startswith(
        f"::error file={CI_DIR}/weak.yaml,line=5,col=3,title=assess ci-test/GOV-01 (missed)::"
        "GOV-01 Civilian oversight of mine action: missed: Mine action is run by security forces"
    )
    assert "%0ASSR actors could: Include the mine action authority" in lines[1]
    assert lines[3].startswith(f"::warning file={CI_DIR}/weak.yaml,line=7,col=3,title=assess ci-test/GOV-02 (missed)::")
    assert any(
        line.startswith(f"::notice file={CI_DIR}/gaps.yaml,line=1,title=assess ci-test/GOV-03 (unknown)::")
        for line in lines
    )
    assert f"::notice file={CI_DIR}/gaps.yaml,title=assess score%3A {CI_DIR}/gaps.yaml::" in r.out
    assert all(line.startswith("::") for line in lines)


# ---------------------------------------------------------------- Markdown


def test_markdown_summary() -> None:
    r = check(profile("weak"), profile("gaps"), "--format", "markdown", "--fail-under", "10", "--max-unknown", "50")
    assert r.code == 1
    md = r.out
    assert "## Weak programme — Testland" in md
    assert "| **Overall** | **0.0** | 100% (3 of 3) | 0.0–0.0 |" in md
    # One of three answered (a partial, weight 3 of 8): provisional; the unknowns leave 1.5/8 to 6.5/8 open.
    assert "| Good governance | 50.0 (provisional) | 33% (1 of 3) | 18.8–81.2 |" in md
    assert "## Gaps \\| pipes — Testland" in md  # a pipe in a title cannot break a table
    assert (
        "| 1 | high | `ci-test/GOV-03` PSSM in the SSR strategy | **missed** | National SSR strategy and defence policy. "
        "| Physical security and stockpile management (PSSM). |"
    ) in md
    assert "## Gates\n\n2 of 4 failed." in md
    assert (f"| `--fail-under 10` | `{CI_DIR}/weak.yaml` | 10 | overall score 0.0 | **FAILED** |") in md
    assert f"| `--max-unknown 50` | `{CI_DIR}/weak.yaml` | 50% | 0.0% of applicable items unknown | passed |" in md


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_holds_what_stdout_would(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    to_file = check(profile("weak"), "--format", fmt, "-o", str(out))
    to_stdout = check(profile("weak"), "--format", fmt)
    assert to_file.code == to_stdout.code == 0
    assert to_file.out == ""
    assert out.read_text(encoding="utf-8") == to_stdout.out
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
