"""What `assess check` prints for CI: --quiet, unknown items counted rather
than annotated, a capped Markdown summary, --soft-fail, several outputs in one
run, and --format auto."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess.reporters import markdown
from ci_support import CI_DIR, at_root, check, profile, run
from paths import EXAMPLES

__all__ = ["at_root"]


# ---------------------------------------------------------------- --quiet


def test_quiet_prints_score_lines_and_failures_only() -> None:
    r = check(profile("weak"), profile("gaps"), "--quiet", "--fail-under", "10")
    assert r.code == 1
    assert r.out.splitlines() == [
        f"{CI_DIR}/weak.yaml: Weak programme — Testland: overall 0.0/100, coverage 100% (3 of 3 answered)",
        "  Good governance: 0.0/100, coverage 100% (3 of 3 answered)",
        f"    MISSED   GOV-01   Civilian oversight of mine action  [{CI_DIR}/weak.yaml:5:3]",
        f"    MISSED   GOV-02   Victim data in the information system  [{CI_DIR}/weak.yaml:7:3]",
        f"    MISSED   GOV-03   PSSM in the SSR strategy  [{CI_DIR}/weak.yaml:9:3]",
        f"{CI_DIR}/gaps.yaml: Gaps | pipes — Testland: overall 50.0/100 (provisional), coverage 33% (1 of 3 answered)",
        "  Good governance: 50.0/100 (provisional), coverage 33% (1 of 3 answered)",
        f"    partial  GOV-01   Civilian oversight of mine action  [{CI_DIR}/gaps.yaml:4:3]",
    ]
    # The gate's verdict is still on stderr.
    assert r.err_lines == [f"gate failed: --fail-under 10: {CI_DIR}/weak.yaml: overall score 0.0; threshold: 10"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Overall score: 100.0/100 (provisional), coverage 6% (3 of 54 answered)"),
        ("fr", "Score global : 100,0/100 (provisoire), couverture 6 % (réponses : 3 sur 54)"),
    ],
)
def test_a_score_on_under_half_its_items_says_it_is_provisional(lang: str, line: str) -> None:
    # As the report says on its cover: 3 answered items of 54 do not make a settled 100.
    r = run("check", EXAMPLES / "guatemala.yaml", "--lang", lang)
    assert r.code == 0
    # French sets narrow and no-break spaces; compared here as plain ones.
    assert line in [x.replace("\u202f", " ").replace("\u00a0", " ") for x in r.out.splitlines()]


def test_quiet_is_a_fraction_of_the_full_text_on_a_real_profile() -> None:
    nepal = str(EXAMPLES / "nepal.yaml")
    full, quiet = run("check", nepal), run("check", nepal, "-q")
    assert full.code == quiet.code == 0
    assert "unknown" not in quiet.out
    assert len(quiet.out.splitlines()) * 4 < len(full.out.splitlines())


# ---------------------------------------------------------------- unknown items


def _examples() -> list[str]:
    return [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]


def test_github_counts_unknown_items_in_one_notice() -> None:
    r = run("check", *_examples(), "--format", "github")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    unknown = [line for line in lines if "(unknown)" in line]
    assert unknown == []
    (note,) = [line for line in lines if line.startswith("::notice title=assess%3A unknown items::")]
    every = run("check", *_examples(), "--format", "github", "--annotate-unknown").out.splitlines()
    count = sum(1 for line in every if "(unknown)::" in line)
    assert count > 400  # what the note spares the page
    assert f"::{count} checklist items are unknown (the profile is silent) in 10 profiles;" in note
    assert "--annotate-unknown" in note
    assert not [line for line in every if "unknown items::" in line]
    # Ten profiles: no level has more annotations than GitHub shows for a step (10)
    # but the warnings, which come most severe first; every error is shown, and
    # the notes and the scores fit (tests/test_github_annotations.py has the order).
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels.count("::error") <= 10
    assert levels.count("::notice") == 3  # too many to list, the unknown items, the ten scores in one


def test_sarif_counts_unknown_items_in_one_notification() -> None:
    r = check(profile("gaps"), "--format", "sarif")
    doc = json.loads(r.out)
    (sarif_run,) = doc["runs"]
    assert [x["properties"]["status"] for x in sarif_run["results"]] == ["partial"]
    (invocation,) = sarif_run["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "note"
    assert note["message"]["text"].startswith("2 checklist items are unknown (the profile is silent) in 1 profile;")
    # The rules still describe every item.
    assert len(sarif_run["tool"]["driver"]["rules"]) == 3
    every = json.loads(check(profile("gaps"), "--format", "sarif", "--annotate-unknown").out)["runs"][0]
    assert [x["properties"]["status"] for x in every["results"]] == ["partial", "unknown", "unknown"]
    assert "invocations" not in every


def test_no_note_when_nothing_is_unknown() -> None:
    r = check(profile("weak"), "--format", "github")
    assert "unknown items" not in r.out
    assert "invocations" not in json.loads(check(profile("weak"), "--format", "sarif").out)["runs"][0]


# ---------------------------------------------------------------- Markdown cap


def test_markdown_summary_stays_under_the_cap() -> None:
    from assess.app.check import run_check
    from assess.reporters.context import RunContext

    found = run_check([EXAMPLES / "nepal.yaml", EXAMPLES / "liberia.yaml", EXAMPLES / "ukraine.yaml"])
    whole = markdown.render_run(found.assessments, False, RunContext())
    assert "left out" not in whole
    size = len(whole.encode())
    # A limit that holds the findings of the first profile only.
    limit = size - 2000
    capped = markdown.render_run(found.assessments, False, RunContext(), limit=limit)
    assert len(capped.encode()) <= limit
    assert capped.count("<summary>Findings</summary>") < whole.count("<summary>Findings</summary>")
    assert capped.count("## ") == whole.count("## ")  # every profile's scores are still there
    assert "profiles were left out to keep this summary under" in capped or "profile were left out" in capped
    # A limit too small for every profile's scores keeps the first ones.
    tiny = markdown.render_run(found.assessments, False, RunContext(), limit=5000)
    assert len(tiny.encode()) <= 5000
    assert "were left out to keep this summary under 4 KiB" in tiny or "was left out" in tiny


def test_markdown_cap_is_below_github_limit() -> None:
    assert markdown.MAX_BYTES < 1024 * 1024


# ---------------------------------------------------------------- --soft-fail


def test_soft_fail_prints_the_gates_and_exits_0() -> None:
    r = check(profile("weak"), "--fail-under", "10", "--soft-fail")
    assert r.code == 0
    assert f"gate failed: --fail-under 10: {CI_DIR}/weak.yaml: overall score 0.0; threshold: 10" in r.err_lines
    assert "note: --soft-fail: the exit status is 0 although a gate failed" in r.err_lines
    md = check(profile("weak"), "--fail-under", "10", "--soft-fail", "--format", "markdown").out
    assert "**FAILED**" in md


def test_soft_fail_still_exits_2_on_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("programme: {title: T}\n")
    r = check(str(bad), profile("weak"), "--fail-under", "10", "--soft-fail")
    assert r.code == 2
    assert r.err_lines[0].startswith("error: ")


# ---------------------------------------------------------------- several outputs


def test_several_outputs_in_one_run(tmp_path: Path) -> None:
    sarif, md, junit = tmp_path / "a.sarif", tmp_path / "summary.md", tmp_path / "j.xml"
    args = [profile("weak"), profile("gaps"), "--fail-under", "10"]
    r = check(
        *args,
        "--format",
        "github",
        "--output-format",
        f"sarif={sarif}",
        "--output-format",
        f"markdown={md}",
        "--output-format",
        f"junit={junit}",
    )
    assert r.code == 1
    assert r.out == check(*args, "--format", "github").out
    assert sarif.read_text() == check(*args, "--format", "sarif").out
    assert md.read_text() == check(*args, "--format", "markdown").out
    assert junit.read_text() == check(*args, "--format", "junit").out


@pytest.mark.parametrize(
    "value",
    ["sarif", "pdf=x.pdf", "sarif=", "=x.sarif", "auto=x.txt"],
)
def test_output_format_needs_format_equals_file(value: str, tmp_path: Path) -> None:
    r = check(profile("weak"), "--output-format", value)
    assert r.code == 2
    assert f"'{value}' is not FORMAT=FILE with FORMAT one of text, json, junit, sarif, github, markdown" in r.err
    assert "Traceback" not in r.err


def test_no_output_is_written_when_one_cannot_be(tmp_path: Path) -> None:
    good = tmp_path / "a.sarif"
    r = check(profile("weak"), "-o", str(good), "--output-format", f"json={tmp_path / 'missing' / 'x.json'}")
    assert r.code == 2
    assert "does not exist" in r.err
    assert not good.exists()


def test_one_file_named_twice_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    r = check(profile("weak"), "-o", str(out), "--output-format", f"sarif={out}")
    assert r.code == 2
    assert "is named by more than one output" in r.err
    assert not out.exists()


# ---------------------------------------------------------------- --format auto


def test_format_auto_is_github_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check(profile("weak"), "--format", "auto").out == check(profile("weak"), "--format", "github").out
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert check(profile("weak"), "--format", "auto").out == check(profile("weak"), "--format", "text").out
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert check(profile("weak"), "--format", "auto").out == check(profile("weak")).out
