"""Action plans (issue 17): the plan file, its state in the result document and the
report, the --fail-on-overdue gate, assess plan draft, lint, schema and the portfolio.

The plans and what each must give are data: tests/data/plans/ (cases.yaml).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from ci_support import CHECKLIST, Run, at_root, run
from paths import EXAMPLES, PLANS, ROOT, rel
from template_blocks import without_blocks

__all__ = ["at_root"]

PLAN_DIR = rel(PLANS)
WEAK = rel(PLANS / "weak.yaml")
WEAK_PLAN = rel(PLANS / "weak.plan.yaml")
LIBERIA_PLAN = rel(EXAMPLES / "plans" / "liberia.plan.yml")


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = YAML(typ="safe").load((PLANS / "cases.yaml").read_text("utf-8"))
    return cases


def _check(plan: str, *args: str, today: str = "2026-06-01") -> Run:
    return run("check", WEAK, "--checklist", CHECKLIST, "--plan", plan, "--today", today, *args)


def _doc(*args: str, plan: str = WEAK_PLAN, today: str = "2026-06-01") -> dict[str, Any]:
    r = _check(plan, "--format", "json", *args, today=today)
    assert r.code in (0, 1), r.err
    doc: dict[str, Any] = json.loads(r.out)
    return doc


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['command']}-{c['plan']}-{c.get('today', '')}")
def test_each_plan_gives_its_exit_status_and_messages(case: dict[str, Any]) -> None:
    plan = rel(PLANS / case["plan"])
    if case["command"] == "lint":
        r = run("lint", plan, CHECKLIST)
    else:
        r = _check(plan, *case["args"], today=str(case.get("today", "2026-06-01")))
    expected = [line.format(dir=PLAN_DIR) for line in case["stderr"]]
    assert (r.code, r.err_lines) == (case["exit"], expected), r.err
    assert "Traceback" not in r.err


def test_the_result_document_carries_where_the_plan_stands() -> None:
    plan = _doc()["plan"]
    assert plan["file"] == "weak.plan.yaml" and plan["judged_on"] == "2026-06-01"
    assert plan["counts"] == {"planned": 1, "under_way": 1, "done": 1, "dropped": 1}
    assert plan["overdue"] == ["VICTIM-DATA"]
    # Done, but the assessment still finds GOV-01 missed: the two disagree.
    assert plan["done_but_open"] == ["OVERSIGHT"]
    oversight = plan["actions"][0]
    assert oversight["still_open"] == ["ci-test/GOV-01"]
    assert oversight["item_status"] == {"ci-test/GOV-01": "missed"}
    # The bare GOV-02 is resolved to the one checklist that has it.
    assert plan["actions"][1]["closes"] == ["ci-test/GOV-02"]
    assert plan["gaps_without_action"] == []


def test_a_dropped_action_leaves_its_key_gap_without_an_action(tmp_path: Path) -> None:
    text = (PLANS / "weak.plan.yaml").read_text("utf-8").replace("status: planned", "status: dropped")
    plan = tmp_path / "weak.plan.yaml"
    plan.write_text(text.replace("profile: weak.yaml", f"profile: {ROOT / WEAK}"), "utf-8")
    doc = _doc(plan=str(plan))
    assert doc["plan"]["gaps_without_action"] == ["ci-test/GOV-03"]


def test_a_plan_changes_no_score() -> None:
    with_plan = _doc()
    without = json.loads(run("check", WEAK, "--checklist", CHECKLIST, "--format", "json").out)
    assert without["plan"] is None
    assert {k: v for k, v in with_plan.items() if k != "plan"} == {k: v for k, v in without.items() if k != "plan"}


def test_the_result_document_with_a_plan_validates_against_the_result_schema() -> None:
    schema = json.loads(run("schema", "result").out)
    doc = _doc()
    assert doc["schema_version"] == "1.5"
    jsonschema.validate(doc, schema)


def test_an_owner_who_is_not_an_actor_is_flagged_in_the_result() -> None:
    plan = _doc(plan=rel(PLANS / "owner-not-actor.plan.yaml"))["plan"]
    assert [a["owner_is_actor"] for a in plan["actions"]] == [False]


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("github", "::error title=assess gate failed%3A --fail-on-overdue::gate failed: --fail-on-overdue: "),
        (
            "markdown",
            "| `--fail-on-overdue` | `tests/data/plans/weak.yaml` | no overdue action | "
            "1 overdue action (VICTIM-DATA) | **FAILED** |",
        ),
        ("junit", '<failure message="overdue: due 2026-03-31, under way" type="overdue">'),
        ("text", "  Overdue: VICTIM-DATA (2026-03-31)"),
    ],
)
def test_the_overdue_gate_and_actions_are_in_each_ci_format(fmt: str, expected: str) -> None:
    r = _check(WEAK_PLAN, "--fail-on-overdue", "--format", fmt)
    assert r.code == 1
    assert expected in r.out


def test_fail_on_overdue_without_a_plan_is_a_usage_error() -> None:
    r = run("check", WEAK, "--checklist", CHECKLIST, "--fail-on-overdue")
    assert (r.code, r.err_lines) == (2, ["error: --fail-on-overdue needs an action plan (--plan FILE)"])


def test_a_plan_is_not_read_as_a_profile(tmp_path: Path) -> None:
    r = run("check", WEAK_PLAN, "--checklist", CHECKLIST)
    assert r.code == 2
    assert r.err_lines == [f"error: {WEAK_PLAN}:4:1: looks like a plan ('action_plan' at the top level), not a profile"]
    # A programme folder holding plans beside the profiles: the scan leaves them out.
    folder = tmp_path / "programmes"
    folder.mkdir()
    for name in ("weak.yaml", "weak.plan.yaml", "on-time.plan.yaml"):
        shutil.copy(PLANS / name, folder / name)
    shutil.copy(PLANS / "weak.plan.yaml", folder / "other.plan.yml")
    r = run("portfolio", folder, "--checklist", CHECKLIST, "--format", "json", "--jobs", "1")
    assert r.code == 0, r.err
    assert [p["title"] for p in json.loads(r.out)["programmes"]] == ["Weak programme"]


def test_portfolio_counts_each_programmes_actions_by_status_and_overdue(tmp_path: Path) -> None:
    (tmp_path / "programmes").mkdir()
    (tmp_path / "plans").mkdir()
    for name in ("weak", "strong"):
        shutil.copy(ROOT / "tests/data/ci" / f"{name}.yaml", tmp_path / "programmes" / f"{name}.yaml")
    shutil.copy(PLANS / "weak.plan.yaml", tmp_path / "plans" / "weak.plan.yaml")
    args = ["portfolio", tmp_path / "programmes", "--checklist", CHECKLIST, "--plans", tmp_path / "plans"]
    args += ["--date", "2026-06-01", "--jobs", "1"]
    doc = json.loads(run(*args, "--format", "json").out)
    (entry,) = doc["plans"]
    assert entry["path"].endswith("weak.yaml") and entry["file"] == "weak.plan.yaml"
    assert entry["counts"] == {"planned": 1, "under_way": 1, "done": 1, "dropped": 1}
    assert entry["overdue"] == ["VICTIM-DATA"] and entry["judged_on"] == "2026-06-01"
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(run(*args, "--format", "csv").out))}
    assert (rows["Weak programme"]["plan_under_way"], rows["Weak programme"]["plan_overdue"]) == ("1", "1")
    assert rows["Weak programme"]["plan_overdue_ids"] == "VICTIM-DATA"
    assert rows["Strong programme"]["plan_done"] == ""  # no plan: empty cells
    markdown = run(*args, "--format", "markdown").out
    assert "## Action plans (overdue as of 1 June 2026)" in markdown
    assert "| Weak programme | 1 | 1 | 1 | 1 | 1 |" in markdown
    text = run(*args).out
    assert "VICTIM-DATA" in text and "Action plans (overdue as of 1 June 2026)" in text
    # Without --plans, the CSV keeps its columns.
    plain = run("portfolio", tmp_path / "programmes", "--checklist", CHECKLIST, "--format", "csv", "--jobs", "1").out
    assert "plan_" not in plain


def test_portfolio_with_a_bad_plan_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "programmes").mkdir()
    (tmp_path / "plans").mkdir()
    shutil.copy(PLANS / "weak.yaml", tmp_path / "programmes" / "weak.yaml")
    shutil.copy(PLANS / "unknown-item.plan.yaml", tmp_path / "plans" / "weak.plan.yaml")
    out = tmp_path / "p.json"
    r = run("portfolio", tmp_path / "programmes", "--checklist", CHECKLIST, "--plans", tmp_path / "plans", "-o", out)
    assert r.code == 2
    assert "closes unknown item 'ci-test/GOV-09'" in r.err
    assert not out.exists()


# ---------------------------------------------------------------- the report


def test_the_report_shows_where_the_plan_stands_in_both_languages(tmp_path: Path) -> None:
    base = ["report", WEAK, "--checklist", CHECKLIST, "--plan", WEAK_PLAN, "--date", "2026-06-01"]
    assert run(*base, "-o", tmp_path / "en.html").code == 0
    html = (tmp_path / "en.html").read_text("utf-8")
    plan = html[html.index("Where the action plan stands") :]
    plan = plan[: plan.index('id="approaches"')]
    assert "judged on 1 June 2026" in plan
    assert "Marked done, but the assessment still finds the gap open" in plan
    assert "Overdue" in plan and "Under way" in plan and "Folded into PSSM-STRATEGY." in plan
    assert run(*base, "--lang", "fr", "-o", tmp_path / "fr.html").code == 0
    fr = (tmp_path / "fr.html").read_text("utf-8")
    assert "Où en est le plan d’action" in fr and "jugé le 1er juin 2026" in fr
    assert "En retard" in fr and "Abandonnée" in fr


def test_the_report_without_a_plan_has_no_plan_section(tmp_path: Path) -> None:
    assert run("report", WEAK, "--checklist", CHECKLIST, "-o", tmp_path / "r.html").code == 0
    assert "Where the action plan stands" not in (tmp_path / "r.html").read_text("utf-8")


def test_a_template_folder_without_the_plan_section_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    template = (folder / "report.html.j2").read_text("utf-8")
    (folder / "report.html.j2").write_text(without_blocks(template, "PLANS"), "utf-8")
    r = run(
        "report",
        WEAK,
        "--checklist",
        CHECKLIST,
        "--plan",
        WEAK_PLAN,
        "--template-dir",
        folder,
        "-o",
        tmp_path / "r.html",
    )
    assert r.code == 0, r.err


# ---------------------------------------------------------------- drafting


def test_draft_round_trip_lint_clean_then_the_report_shows_it(tmp_path: Path) -> None:
    target = tmp_path / "weak.plan.yaml"
    r = run("plan", "draft", WEAK, "--checklist", CHECKLIST, "-o", target)
    assert r.code == 0, r.err
    text = target.read_text("utf-8")
    assert text.startswith("# Action plan drafted by `assess plan draft`")
    data = YAML(typ="safe").load(text)["action_plan"]
    assert Path(data["profile"]).name == "weak.yaml"
    actions = data["actions"]
    # One action per recommendation of the report's plan, all planned, due dates left to fill.
    assert {a["status"] for a in actions} == {"planned"} and {a["due"] for a in actions} == {None}
    assert [a["id"] for a in actions] == [
        "GOV-03-SSR",
        "GOV-01-SSR",
        "GOV-02-SSR",
        "GOV-03-MA",
        "GOV-01-MA",
        "GOV-02-MA",
    ]
    assert {a["owner"] for a in actions} == {"Ministry of Defence", "National Mine Action Centre"}
    assert {a["side"]: a["owner"] for a in actions} == {
        "ssr": "Ministry of Defence",
        "mine_action": "National Mine Action Centre",
    }
    lint = run("lint", target, CHECKLIST)
    assert (lint.code, lint.err) == (0, ""), lint.err
    assert f"ok  plan {target}  (6 actions)" in lint.out
    assert run("report", WEAK, "--checklist", CHECKLIST, "--plan", target, "-o", tmp_path / "r.html").code == 0
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "Where the action plan stands" in html and "GOV-03-SSR" in html
    # The same profile drafts the same bytes.
    again = tmp_path / "again.plan.yaml"
    assert run("plan", "draft", WEAK, "--checklist", CHECKLIST, "-o", again).code == 0
    assert again.read_bytes() == target.read_bytes()


def test_draft_never_writes_over_an_input_or_an_existing_plan(tmp_path: Path) -> None:
    profile = tmp_path / "weak.yaml"
    shutil.copy(PLANS / "weak.yaml", profile)
    before = profile.read_bytes()
    r = run("plan", "draft", profile, "--checklist", CHECKLIST, "-o", profile, "--force")
    assert r.code == 2 and "is an input of this run" in r.err
    assert profile.read_bytes() == before
    target = tmp_path / "weak.plan.yaml"
    target.write_text("kept\n", "utf-8")
    r = run("plan", "draft", profile, "--checklist", CHECKLIST, "-o", target)
    assert (r.code, r.err_lines) == (2, [f"error: {target} already exists; use --force to overwrite it"])
    assert target.read_text("utf-8") == "kept\n"
    assert run("plan", "draft", profile, "--checklist", CHECKLIST, "-o", target, "--force").code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# ---------------------------------------------------------------- schema and the worked example


def test_schema_plan_is_the_shipped_schema_and_validates_the_plans() -> None:
    r = run("schema", "plan")
    assert r.code == 0
    schema = json.loads(r.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads((ROOT / "schema" / "plan.schema.json").read_text("utf-8")) == schema
    for path in (EXAMPLES / "plans" / "liberia.plan.yml", PLANS / "weak.plan.yaml"):
        jsonschema.validate(_as_json(path), schema)
    assert not jsonschema.Draft202012Validator(schema).is_valid(_as_json(PLANS / "bad-status.plan.yaml"))


def _as_json(path: Path) -> Any:
    """A YAML file as an editor's schema check reads it: dates as text."""
    return json.loads(json.dumps(YAML(typ="safe").load(path.read_text("utf-8")), default=str))


def test_the_worked_example_is_lint_clean_and_shows_every_state() -> None:
    r = run("lint", LIBERIA_PLAN)
    assert (r.code, r.err) == (0, "")
    r = run("check", "examples/liberia.yaml", "--plan", LIBERIA_PLAN, "--today", "2016-06-30", "--format", "json")
    plan = json.loads(r.out)["plan"]
    assert plan["counts"] == {"planned": 1, "under_way": 1, "done": 1, "dropped": 1}
    assert plan["overdue"] == ["OWN-06-SSR"] and plan["done_but_open"] == ["OWN-06-MA"]
    assert plan["gaps_without_action"] == []


@pytest.mark.slow
def test_programme_reports_of_a_portfolio_show_their_plans(tmp_path: Path) -> None:
    from pypdf import PdfReader

    (tmp_path / "programmes").mkdir()
    (tmp_path / "plans").mkdir()
    for name in ("weak", "strong"):
        shutil.copy(ROOT / "tests/data/ci" / f"{name}.yaml", tmp_path / "programmes" / f"{name}.yaml")
    shutil.copy(PLANS / "weak.plan.yaml", tmp_path / "plans" / "weak.plan.yaml")
    reports = tmp_path / "reports"
    r = run(
        "portfolio", tmp_path / "programmes", "--checklist", CHECKLIST, "--plans", tmp_path / "plans",
        "--reports-dir", reports, "--date", "2026-06-01", "--jobs", "1", "-q",
    )  # fmt: skip
    assert r.code == 0, r.err

    def text(name: str) -> str:
        return " ".join(page.extract_text() for page in PdfReader(reports / name).pages)

    assert "Where the action plan stands" in text("weak.pdf")
    assert "Where the action plan stands" not in text("strong.pdf")
