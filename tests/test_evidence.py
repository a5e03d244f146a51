"""Evidence strength (issue 18): how each answer is known, stale answers, the gate, the form.

The cases are data (``tests/data/evidence/cases.yaml``): profiles with the
figures they must give, commands with their exact messages and exit codes,
exports with the profiles they must import as. The pure part
(:func:`assess.core.evidence.with_evidence`) is also tested on the set of
corroborated facts another part of the program hands it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.core.evidence import fact_sections, with_evidence
from assess.core.profile import Confidence, SourceKind
from assess.forms.xlsform import CHOICE_LABELS
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile
from conftest import Run
from paths import EVIDENCE, SMALL_CHECKLIST

CASES = yaml.safe_load((EVIDENCE / "cases.yaml").read_text("utf-8"))
TODAY = "2026-12-01"


@contextmanager
def _in(folder: Path) -> Iterator[None]:
    """Run from ``folder``, so that messages name files as a user there types them."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _check_args(args: list[str]) -> list[str]:
    """A case's command with the small checklist and, for ``check``, the case day added
    (unless it sets one)."""
    extra = ["--checklist", os.path.relpath(SMALL_CHECKLIST, EVIDENCE)]
    if args[0] == "check" and "--today" not in args:
        extra += ["--today", TODAY]
    return [*args, *extra]


@pytest.mark.parametrize("case", CASES["strength"], ids=[c["name"] for c in CASES["strength"]])
def test_strength_and_staleness(case: dict[str, Any], assess: Callable[..., Run]) -> None:
    with _in(EVIDENCE):
        run = assess(*_check_args(["check", *case["args"], "--format", "json"]))
    assert run.code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["schema_version"] == "1.5"
    assert doc["overall"]["evidence"] == case["overall"]
    for approach, expected in case.get("approaches", {}).items():
        assert doc["approaches"][approach]["evidence"] == expected, approach
    basis = doc["evidence_basis"]
    assert (None if basis is None else basis["stale"]) == case["stale"]
    assert [i["id"] for i in doc["items"] if i["stale"]] == case["stale_items"]


@pytest.mark.parametrize("case", CASES["commands"], ids=[" ".join(c["args"]) for c in CASES["commands"]])
def test_commands(case: dict[str, Any], assess: Callable[..., Run]) -> None:
    with _in(EVIDENCE):
        run = assess(*_check_args(case["args"]))
    assert run.code == case["exit"], run.stderr
    if "stderr" in case:
        assert run.stderr.splitlines() == case["stderr"]
    if "stderr_contains" in case:
        assert case["stderr_contains"] in " ".join(run.stderr.split())
    lines = run.stdout.splitlines()
    for line in case.get("stdout", []):
        assert line in lines, f"{line!r} not in the output"
    for text in case.get("stdout_contains", []):
        assert text in run.stdout, f"{text!r} not in the output"
    if case["exit"] == 2:
        assert "Traceback" not in run.stderr


def test_each_source_records_how_the_answer_is_known(assess: Callable[..., Run]) -> None:
    with _in(EVIDENCE):
        run = assess(*_check_args(["check", "strength.yaml", "--format", "json"]))
    doc = json.loads(run.stdout)
    records = {e["field"]: e for i in doc["items"] for e in i["evidence"]}
    # The fact's own entry wins over its section's.
    assert records["governance.victim_data_in_ims"]["known_by"] == {
        "kind": "document",
        "date": "2026-01-10",
        "confidence": None,
        "note": "IMSMA audit",
        "stale": False,
        "corroborated": False,
    }
    assert records["governance.civilian_oversight"]["known_by"]["kind"] == "interview"
    assert records["governance.civilian_oversight"]["known_by"]["stale"] is True
    assert doc["evidence_basis"] == {
        "as_of": TODAY,
        "stale_after_days": 730,
        "stale": ["governance.civilian_oversight"],
    }


def test_corroborated_facts_count_as_backed() -> None:
    """The set of facts several respondents back (worked out from ``responses`` elsewhere)
    raises the strength; a document and a corroboration of the same fact count once."""
    from assess import __version__
    from assess.core.evaluate import evaluate

    checklists = load_checklists([str(SMALL_CHECKLIST)])
    profile, source = load_profile(EVIDENCE / "strength.yaml", today=dt.date(2026, 12, 1))
    plain = evaluate(profile, checklists, source, __version__)
    day = dt.date(2026, 12, 1)
    alone = with_evidence(plain, profile, as_of=day)
    both = with_evidence(
        plain,
        profile,
        as_of=day,
        corroborated=frozenset({"linkage.risk_education_linked_to_ssr", "governance.victim_data_in_ims"}),
    )
    assert alone.overall.evidence is not None and alone.overall.evidence.backed == 1
    assert both.overall.evidence is not None
    assert (both.overall.evidence.backed, both.overall.evidence.answered) == (2, 3)
    ol = both.approaches[next(a for a in both.approaches if a.value == "operational_linkage")]
    assert ol.evidence is not None and ol.evidence.share == 1.0
    # A profile without sources gets figures once some fact is corroborated, and none otherwise.
    bare, bare_source = load_profile(EVIDENCE / "plain.yaml")
    bare_result = evaluate(bare, checklists, bare_source, __version__)
    assert with_evidence(bare_result, bare, as_of=day) == bare_result
    shared = with_evidence(bare_result, bare, as_of=day, corroborated=frozenset({"governance.civilian_oversight"}))
    assert shared.overall.evidence is not None and shared.overall.evidence.backed == 1


def test_sources_keys_are_facts_and_sections_of_facts() -> None:
    paths = fact_sections()
    assert paths["governance.civilian_oversight"] == ("governance.civilian_oversight",)
    assert "governance.civilian_oversight" in paths["governance"]
    assert "context.un_mission.links_mine_action_to_ssr" in paths["context.un_mission"]
    assert "treaties" not in paths and "programme" not in paths


def test_the_form_offers_the_profiles_own_choices() -> None:
    assert list(CHOICE_LABELS["source_kind"]) == [k.value for k in SourceKind]
    assert list(CHOICE_LABELS["confidence"]) == [c.value for c in Confidence]


@pytest.fixture(scope="module")
def small_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The XLSForm of the small checklist."""
    from assess.cli import main

    target = tmp_path_factory.mktemp("form") / "form.xlsx"
    with pytest.raises(SystemExit) as exc:
        main(["xlsform", "--checklist", str(SMALL_CHECKLIST), "-o", str(target)])
    assert exc.value.code == 0
    return target


def test_the_form_asks_how_each_section_is_known_and_converts(small_form: Path) -> None:
    from openpyxl import load_workbook
    from pyxform.xls2xform import convert

    sheet = load_workbook(small_form)["survey"]
    head = [c.value for c in sheet[1]]
    rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    names = [r["name"] for r in rows]
    for section in ("governance", "linkage", "people_centred"):
        group = names.index(f"{section}_source")
        assert rows[group]["type"] == "begin_group"
        asked = names[group + 1 : group + 5]
        assert asked == [f"{section}_source_{a}" for a in ("kind", "date", "confidence", "note")]
        assert all(not rows[group + 1 + i].get("required") for i in range(4))  # optional
        assert rows[group]["label::French (fr)"] == "D’où viennent les réponses de cette section"
    date_row = rows[names.index("governance_source_date")]
    assert date_row["constraint"] == ". <= today()"
    result = convert(xlsform=str(small_form), warnings=[])
    assert "governance_source_kind" in result.xform


@pytest.mark.parametrize("case", CASES["import"], ids=[c["export"] for c in CASES["import"]])
def test_import_writes_sources(
    case: dict[str, Any], small_form: Path, tmp_path: Path, assess: Callable[..., Run]
) -> None:
    out = tmp_path / "out"
    with _in(EVIDENCE):
        run = assess("import", case["export"], "--form", small_form, "-o", out)
    if "profile" not in case:
        assert run.code == case["exit"]
        assert run.stderr.splitlines() == case["stderr"]
        assert not out.exists() or not any(out.iterdir())
        return
    assert run.code == 0, run.stderr
    (written,) = sorted(out.glob("*.yaml"))
    body = "".join(line for line in written.read_text("utf-8").splitlines(True) if not line.startswith("#"))
    assert body == (EVIDENCE / case["profile"]).read_text("utf-8")
    # The imported profile checks, and its document-backed governance answer counts.
    checked = assess("check", written, "--checklist", SMALL_CHECKLIST, "--today", TODAY, "--format", "json")
    assert checked.code == 0, checked.stderr
    doc = json.loads(checked.stdout)
    assert doc["approaches"]["good_governance"]["evidence"]["backed"] == 1


# ---------------------------------------------------------------- the report


def _report_html(assess: Callable[..., Run], tmp_path: Path, *extra: str) -> str:
    target = tmp_path / f"report-{len(list(tmp_path.iterdir()))}.html"
    run = assess(
        "report", EVIDENCE / "strength.yaml", "--checklist", SMALL_CHECKLIST, "--date", TODAY, "-o", target, *extra
    )
    assert run.code == 0, run.stderr
    return target.read_text("utf-8")


def test_the_report_shows_strength_beside_every_score_in_both_languages(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    en = _report_html(assess, tmp_path)
    assert "Evidence strength 33%: 1 of 3 answered facts backed by a document or by several respondents" in en
    assert "Its evidence strength is 33%: a document or several respondents back 1 of the 3 answered facts" in en
    assert "evidence strength 50% (1 of 2 answered facts)" in en  # good governance's section
    section = en[en.index("How the answers are known") : en.index('id="key-gaps"')]
    assert "<li>Are mine action bodies and the security institutions involved under civilian control" in section
    assert "governance.civilian_oversight" not in section  # questions, never field names
    # The list, T-01's finding and its evidence line; the evidence says how each answer is known.
    assert en.count('class="badge stale-badge"') == 3
    assert "(from an interview, 1 May 2023)" in en and "(from a document, 10 January 2026)" in en
    fr = _report_html(assess, tmp_path, "--lang", "fr")
    assert "D’où viennent les réponses" in fr
    assert "Solidité des preuves 33\u00a0%" in fr
    assert "Réponse périmée" in fr


def test_a_template_folder_without_the_evidence_block_still_renders(assess: Callable[..., Run], tmp_path: Path) -> None:
    from assess.resources import templates_dir

    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    page = folder / "report.html.j2"
    text = page.read_text("utf-8")
    # A user's template written before issue 18: every EVIDENCE part taken out.
    stripped = re.sub(r"\{# --- EVIDENCE --- #\}.*?\{# --- end EVIDENCE --- #\}", "", text, flags=re.S)
    assert "EVIDENCE" not in stripped and stripped != text
    page.write_text(stripped, "utf-8")
    out = tmp_path / "old"
    out.mkdir()
    html = _report_html(assess, out, "--template-dir", folder)
    assert "Overall score" in html and "How the answers are known" not in html


def test_the_scaffold_shows_a_sources_entry_that_loads_once_uncommented(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / "p.yaml"
    assert assess("init", "-o", target).code == 0
    text = target.read_text("utf-8")
    start = text.index("# sources:")
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    block = text[start:end].splitlines()
    assert block[2] == "#     kind: document  # one of: document, interview, focus_group, survey, observation"
    answered = text[:start] + "\n".join(line[2:] for line in block) + text[end:] + "\n"
    answered = answered.replace("title: TODO", "title: A").replace("country: TODO", "country: B")
    target.write_text(answered, "utf-8")
    run = assess("check", target, "--today", TODAY, "--format", "json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["evidence_basis"]["as_of"] == TODAY


def test_the_portfolio_works_out_the_same_figures_without_the_full_assessment() -> None:
    """The portfolio's quick path (no evidence records) gives the figures the full
    assessment gives, on every example profile with sources added to it."""
    from assess import __version__
    from assess.core.evaluate import evaluate
    from assess.core.evidence import programme_with_evidence
    from assess.core.portfolio import summarise, summarise_profile
    from assess.core.profile import FACT_SECTIONS, Source
    from paths import EXAMPLES

    day = dt.date(2026, 12, 1)
    checklists = load_checklists(())
    paths = [*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "evidence" / "field-programme.yaml"]
    paths.append(EVIDENCE / "caution.yaml")  # a caution_when that holds adds its facts
    seen_caution = False
    for path in paths:
        profile, source = load_profile(path, today=day)
        if not profile.sources:
            kinds = [SourceKind.document, SourceKind.interview]
            sources = {s: Source(kind=kinds[i % 2], date=dt.date(2024 - i, 1, 1)) for i, s in enumerate(FACT_SECTIONS)}
            sources["context"] = Source(kind=SourceKind.observation)
            profile = profile.model_copy(update={"sources": sources})
        full = with_evidence(evaluate(profile, checklists, source, __version__), profile, as_of=day)
        seen_caution = seen_caution or bool(full.cautions)
        expected = summarise(full, profile.context.un_mission)
        quick = programme_with_evidence(summarise_profile(profile, checklists, source), profile, checklists, as_of=day)
        assert quick.entry.overall == expected.entry.overall, path
        assert quick.entry.approaches == expected.entry.approaches, path
    assert seen_caution
    # The embargo counts only because the caution holds: 2 of 3 answered facts are documents.
    embargo = expected.entry.overall.evidence
    assert embargo is not None and (embargo.backed, embargo.answered) == (2, 3)
