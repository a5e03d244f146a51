"""`assess xlsform`: an XLSForm that pyxform converts cleanly, in English and French,
whose `relevant` expressions hide a question exactly when its items cannot apply."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from assess.core.evaluate import CompiledChecklist, item_key
from assess.core.fields import resolve_field
from assess.core.profile import MineActionActivity, Profile, SSRComponent
from assess.forms.xlsform import ALWAYS_ASKED, EN, FR, build_form, workbook_bytes
from assess.loading.checklists import load_checklists
from conftest import Run
from odk_xpath import evaluate

ANSWER_VALUES = ["yes", "no", "partial", "unknown"]


@pytest.fixture(scope="module")
def builtin() -> list[CompiledChecklist]:
    return load_checklists()


@pytest.fixture(scope="module")
def form_bytes(builtin: list[CompiledChecklist]) -> bytes:
    return workbook_bytes(build_form(builtin, "0.0.0"))


def _sheet(data: bytes, name: str) -> list[dict[str, Any]]:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    rows = list(wb[name].iter_rows(values_only=True))
    head = [str(c) for c in rows[0]]
    return [dict(zip(head, row, strict=True)) for row in rows[1:]]


def test_pyxform_converts_the_form_without_errors_or_warnings(form_bytes: bytes) -> None:
    warnings: list[str] = []
    result = convert(xlsform=io.BytesIO(form_bytes), warnings=warnings, file_type=".xlsx")
    assert warnings == []
    assert result.warnings == []
    xform = result.xform
    assert 'id="assess_profile"' in xform
    # Both languages reach the XForm.
    assert 'lang="English (en)"' in xform and 'lang="French (fr)"' in xform
    assert "Quelles composantes de la RSS le programme touche-t-il" in xform


def test_a_single_checklist_form_also_converts(tmp_path: Path, assess: Callable[..., Run]) -> None:
    r = assess("xlsform", "--checklist", "good-governance", "-o", tmp_path / "gov.xlsx")
    assert r.code == 0, r.stderr
    warnings: list[str] = []
    convert(xlsform=str(tmp_path / "gov.xlsx"), warnings=warnings)
    assert warnings == []
    names = {row["name"] for row in _sheet((tmp_path / "gov.xlsx").read_bytes(), "survey")}
    assert "civilian_oversight" in names
    assert "mixed_gender_teams" not in names  # a gender-diversity fact: not asked


def test_same_checklists_give_the_same_bytes(tmp_path: Path, assess: Callable[..., Run]) -> None:
    assert assess("xlsform", "-o", tmp_path / "a.xlsx").code == 0
    assert assess("xlsform", "-o", tmp_path / "b.xlsx").code == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_sheets_labels_and_choices(form_bytes: bytes, builtin: list[CompiledChecklist]) -> None:
    survey = _sheet(form_bytes, "survey")
    choices = _sheet(form_bytes, "choices")
    (settings,) = _sheet(form_bytes, "settings")
    assert settings["form_id"] == "assess_profile"
    assert settings["default_language"] == EN
    assert [c["name"] for c in choices if c["list_name"] == "answer"] == ANSWER_VALUES
    assert [c[f"label::{FR}"] for c in choices if c["list_name"] == "answer"] == ["Oui", "Non", "En partie", "Inconnu"]
    for c in choices:
        assert c[f"label::{EN}"] and c[f"label::{FR}"], c

    # Every fact a built-in checklist reads is asked once, as yes/no/partial/unknown,
    # with a French label of its own and an evidence field right after it; so are
    # the context facts the form always asks.
    read = set(ALWAYS_ASKED) | {
        f
        for cc in builtin
        for ci in cc.items
        for f in [*ci.fields, *ci.caution_fields, *(ci.applies.fields() if ci.applies else [])]
        if resolve_field(Profile, f).kind == "fact"
    }
    facts = [(i, row) for i, row in enumerate(survey) if row["type"] == "select_one answer"]
    assert {row["name"] for _, row in facts} == {f.rsplit(".", 1)[1] for f in read}
    for i, row in facts:
        assert row[f"label::{FR}"] != row[f"label::{EN}"], row["name"]
        assert row[f"label::{FR}"].endswith("\u202f?"), row[f"label::{FR}"]  # French typography (assess.i18n)
        if row["name"] not in {f.rsplit(".", 1)[1] for f in ALWAYS_ASKED}:
            assert row[f"hint::{EN}"].startswith("Checklist items: ")
        after = survey[i + 1]
        assert (after["type"], after["name"]) == ("text", f"{row['name']}_notes")
        assert after["relevant"] == row["relevant"]
    # Non-checklist questions are in French too.
    for row in survey:
        if row["type"] not in ("end_group", "select_one answer"):
            assert row[f"label::{FR}"], row["name"]
    # One group per approach, in report order, after identity, the respondent, context and activities;
    # each ends with its group asking how the answers are known (EVIDENCE, issue 18).
    groups = [row["name"] for row in survey if row["type"] == "begin_group"]
    assert groups == [
        "programme",
        "respondent",
        "context",
        "un_mission",
        "activities",
        "treaties",
        "contamination",
        "national_ownership",
        "national_ownership_source",
        "governance",
        "governance_source",
        "people_centred",
        "people_centred_source",
        "gender_diversity",
        "gender_diversity_source",
        "linkage",
        "linkage_source",
    ]
    names = [row["name"] for row in survey if row.get("name")]
    assert len(names) == len(set(names)), "field names must be unique for ${} references and bare Kobo headers"


def _random_profile(rng: random.Random, facts: list[str]) -> tuple[Profile, dict[str, str]]:
    """A profile and the answers a form would hold for it."""
    data: dict[str, Any] = {"programme": {"title": "T", "country": "C"}}
    form: dict[str, str] = {}
    for path in facts:
        answer = rng.choice([*ANSWER_VALUES, ""])
        form[path.rsplit(".", 1)[1]] = answer
        if answer in ("yes", "no", "partial"):
            node = data
            *parents, leaf = path.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = answer
    for name, enum in (("ssr", SSRComponent), ("mine_action", MineActionActivity)):
        roll = rng.random()
        if roll < 0.2:
            form[name] = ""  # left out: unknown
        elif roll < 0.3:
            form[name] = "none"
            data.setdefault("activities", {})[name] = []
        else:
            chosen = rng.sample([e.value for e in enum], rng.randint(1, 3))
            form[name] = " ".join(chosen)
            data.setdefault("activities", {})[name] = chosen
    if rng.random() < 0.5:
        form["un_mission_present"] = "yes"
        mission = data.setdefault("context", {}).setdefault("un_mission", {})
        mission["name"] = "UNX"
    else:
        form["un_mission_present"] = rng.choice(["no", ""])
        data.get("context", {}).pop("un_mission", None)
        for path in facts:
            if path.startswith("context.un_mission."):
                form[path.rsplit(".", 1)[1]] = ""
    return Profile.model_validate(data), form


def test_relevance_mirrors_applicability(builtin: list[CompiledChecklist]) -> None:
    """On many random programmes, an item's form relevance is false exactly when
    the engine finds it not applicable, and a question is hidden only when every
    item that reads it is not applicable."""
    form = build_form(builtin, "0.0.0")
    # Every built-in condition is expressible but GOV-14's count of the authorities,
    # which the form does not collect: its question is always shown, and a profile
    # made from the form leaves the authorities out, so the engine keeps it in too.
    assert form.notes == [
        "good-governance/GOV-14: its applicability cannot be expressed in the form "
        "(count over 'authorities'); its questions are always shown"
    ]
    facts = sorted(
        {
            f
            for cc in builtin
            for ci in cc.items
            for f in [*ci.fields, *ci.caution_fields, *(ci.applies.fields() if ci.applies else [])]
            if resolve_field(Profile, f).kind == "fact"
        }
    )
    questions = {row["name"]: row.get("relevant", "") for row in form.survey if row["type"] == "select_one answer"}
    rng = random.Random(8)
    hidden_seen = 0
    for _ in range(150):
        profile, values = _random_profile(rng, facts)
        not_applicable: set[str] = set()
        for cc in builtin:
            for ci in cc.items:
                key = item_key(cc.checklist.id, ci.item.id)
                engine_na = ci.applies is not None and ci.applies.evaluate(profile) is False
                assert evaluate(form.item_relevant[key], values) is not engine_na, (key, values)
                if engine_na:
                    not_applicable.update(ci.fields)
        for cc in builtin:
            for ci in cc.items:
                for f in ci.fields:
                    name = f.rsplit(".", 1)[1]
                    expr = questions.get(name) or "true()"
                    shown = evaluate(expr, values)
                    if not shown:
                        hidden_seen += 1
                        key = item_key(cc.checklist.id, ci.item.id)
                        assert ci.applies is not None and ci.applies.evaluate(profile) is False, (key, f)
    assert hidden_seen > 100  # the property was exercised


def test_an_inexpressible_condition_leaves_its_questions_shown_with_a_note(
    tmp_path: Path, assess: Callable[..., Run]
) -> None:
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        """\
id: custom
version: 1.0.0
title: Custom
source: test
items:
  - id: CUS-01
    approach: good_governance
    kind: practice
    title: Parliament engaged where parliament is an actor
    question: Does the mine action authority report to parliament?
    weight: 1
    weight_reason: test
    applies_when: {count: actors, where: {field: role, equals: parliament}, ge: 1}
    not_applicable_reason: No parliament among the actors.
    criteria:
      met: {text: yes, when: {field: governance.reports_to_parliament, equals: yes}}
      missed: {text: no}
    ssr_side: s
    mine_action_side: m
    rationale: r
    recommendations: {ssr: [a], mine_action: [b]}
    references: [{section: s, page: 1}]
""",
        encoding="utf-8",
    )
    r = assess("xlsform", "--checklist", custom, "-o", tmp_path / "f.xlsx")
    assert r.code == 0, r.stderr
    assert (
        "note: custom/CUS-01: its applicability cannot be expressed in the form (count over 'actors'); "
        "its questions are always shown"
    ) in r.stderr
    survey = _sheet((tmp_path / "f.xlsx").read_bytes(), "survey")
    (row,) = [row for row in survey if row["name"] == "reports_to_parliament"]
    assert row["relevant"] is None
    warnings: list[str] = []
    convert(xlsform=str(tmp_path / "f.xlsx"), warnings=warnings)
    assert warnings == []


def test_xlsform_needs_an_output(assess: Callable[..., Run]) -> None:
    r = assess("xlsform")
    assert r.code == 2
    assert "Missing option '-o' / '--output'" in r.stderr


TRANSLATED = """\
id: translated
version: 1.0.0
title: Translated
source: test
languages: [en, fr]
items:
  - id: TRA-01
    approach: good_governance
    kind: practice
    title: Civilian oversight
    question: Is mine action under civilian control?
    weight: 1
    weight_reason: test
    criteria:
      met: {text: yes, when: {field: governance.civilian_oversight, equals: yes}}
      missed: {text: no}
    ssr_side: s
    mine_action_side: m
    rationale: r
    recommendations: {ssr: [a], mine_action: [b]}
    references: [{section: s, page: 1}]
    translations:
      fr:
        title: Contrôle civil
        question: L'action contre les mines est-elle sous contrôle civil ?
        weight_reason: test
        criteria: {met: oui, missed: non}
        ssr_side: s
        mine_action_side: m
        rationale: r
        recommendations: {ssr: [a], mine_action: [b]}
  - id: TRA-02
    approach: good_governance
    kind: practice
    title: Legal basis
    question: Is there a law?
    weight: 1
    weight_reason: test
    criteria:
      met: {text: yes, when: {field: governance.legal_basis, equals: yes}}
      missed: {text: no}
    ssr_side: s
    mine_action_side: m
    rationale: r
    recommendations: {ssr: [a], mine_action: [b]}
    references: [{section: s, page: 1}]
"""


def test_french_hints_use_the_checklist_translations(tmp_path: Path, assess: Callable[..., Run]) -> None:
    (tmp_path / "translated.yaml").write_text(TRANSLATED, encoding="utf-8")
    r = assess("xlsform", "--checklist", tmp_path / "translated.yaml", "-o", tmp_path / "f.xlsx")
    assert r.code == 0, r.stderr
    rows = {row["name"]: row for row in _sheet((tmp_path / "f.xlsx").read_bytes(), "survey")}
    assert rows["civilian_oversight"][f"hint::{FR}"] == "Points de la liste de contrôle\u00a0: TRA-01 Contrôle civil"
    assert rows["civilian_oversight"][f"hint::{EN}"] == "Checklist items: TRA-01 Civilian oversight"
    # No translation: the English title stands in.
    assert rows["legal_basis"][f"hint::{FR}"] == "Points de la liste de contrôle\u00a0: TRA-02 Legal basis"


def test_every_profile_fact_has_a_french_question() -> None:
    from assess.core.fields import question
    from assess.core.profile import FACT_SECTIONS
    from assess.i18n import translations

    sections = [*FACT_SECTIONS, "context", "context.un_mission"]
    missing = []
    for section in sections:
        model = resolve_field(Profile, section).model
        assert model is not None
        for name in model.model_fields:
            path = f"{section}.{name}"
            if resolve_field(Profile, path).kind != "fact":
                continue
            english = question(Profile, path)
            if english is None or translations("fr").gettext(english) == english:
                missing.append(path)
    assert missing == []
