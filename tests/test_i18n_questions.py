"""The profile's questions: one catalogue for the form, the result and the report.

A fact's question is written once (the profile model's field description), is
translated once (the gettext catalogue), carried by every evidence record of
the result document, and read from there by the report; the XLSForm asks the
same words. French text follows one typography rule, assess.i18n's.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from assess import i18n
from assess.core.fields import question
from assess.core.profile import Profile
from assess.forms.xlsform import FR
from conftest import Run
from test_report import between, flat, pdf_text

ROOT = Path(__file__).resolve().parents[1]
NEPAL = ROOT / "examples" / "nepal.yaml"


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.set_language("en")


def _check(assess: Callable[..., Run], lang: str) -> dict[str, Any]:
    r = assess("check", NEPAL, "--format", "json", "--lang", lang)
    assert r.code in (0, 1), r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def _silent(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e for item in doc["items"] if item["status"] == "unknown" for e in item["evidence"] if e["answer"] == "unknown"
    ]


def test_every_evidence_record_carries_its_fields_question_in_the_documents_language(
    assess: Callable[..., Run],
) -> None:
    en, fr = _check(assess, "en"), _check(assess, "fr")
    french = i18n.translations("fr")
    for en_item, fr_item in zip(en["items"], fr["items"], strict=True):
        for e, f in zip(en_item["evidence"], fr_item["evidence"], strict=True):
            english = question(Profile, e["field"])
            assert english, e["field"]
            assert e["question"] == english
            assert f["question"] == french.gettext(english) != english, f["field"]


def test_the_french_report_names_each_evidence_gap_by_its_french_question(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    doc = _check(assess, "fr")
    silent = _silent(doc)
    assert silent, "nepal.yaml has evidence gaps"
    out = tmp_path / "nepal-fr.html"
    r = assess("report", NEPAL, "--format", "html", "--lang", "fr", "-o", out)
    assert r.code == 0, r.stderr
    html = out.read_text("utf-8")
    for e in silent:
        shown = i18n.french_typography(e["question"]).replace("'", "&#39;")
        assert shown in html, e["field"]
        assert e["field"] not in html, "a field name reached the report"


@pytest.mark.slow
def test_the_french_pdf_names_evidence_gaps_by_their_french_question(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    silent = _silent(_check(assess, "fr"))
    out = tmp_path / "nepal-fr.pdf"
    r = assess("report", NEPAL, "--lang", "fr", "-o", out)
    assert r.code == 0, r.stderr
    gaps = flat(between(pdf_text(out.read_bytes()), "3 Lacunes")).replace("\u00a0", " ")
    for e in silent[:5]:
        assert flat(e["question"]).replace("\u00a0", " ").replace("\u202f", " ") in gaps.replace("\u202f", " ")
        assert e["field"] not in gaps


def test_an_older_custom_template_using_the_question_filter_still_renders(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    from assess.resources import templates_dir

    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    template = folder / "report.html.j2"
    text = template.read_text("utf-8")
    new = "<li>{{ e.question }}</li>"
    assert new in text
    template.write_text(text.replace(new, "{% set q = e.field | question %}<li>{{ q }}</li>"), "utf-8")
    ours, theirs = tmp_path / "ours.html", tmp_path / "theirs.html"
    assert assess("report", NEPAL, "--format", "html", "-o", ours).code == 0
    r = assess("report", NEPAL, "--format", "html", "--template-dir", folder, "-o", theirs)
    assert r.code == 0, r.stderr
    assert theirs.read_text("utf-8") == ours.read_text("utf-8")


def _form(assess: Callable[..., Run], tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    out = tmp_path / "form.xlsx"
    r = assess("xlsform", "-o", out)
    assert r.code == 0, r.stderr
    wb = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
    sheets = {}
    for name in ("survey", "choices"):
        rows = list(wb[name].iter_rows(values_only=True))
        sheets[name] = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    return sheets


def test_the_form_asks_the_facts_in_the_words_of_the_result(assess: Callable[..., Run], tmp_path: Path) -> None:
    """The XLSForm and the reports read the same catalogue entry for each fact."""
    fr = {
        e["field"].rsplit(".", 1)[1]: e["question"] for item in _check(assess, "fr")["items"] for e in item["evidence"]
    }
    facts = [row for row in _form(assess, tmp_path)["survey"] if row["type"] == "select_one answer"]
    asked = [row for row in facts if row["name"] in fr]
    assert len(asked) > 50
    for row in asked:
        assert row[f"label::{FR}"] == i18n.french_typography(fr[row["name"]])


def test_the_forms_french_follows_the_one_typography_rule(assess: Callable[..., Run], tmp_path: Path) -> None:
    sheets = _form(assess, tmp_path)
    cells = [
        str(row[key])
        for rows in sheets.values()
        for row in rows
        for key in row
        if key and str(key).endswith(f"::{FR}") and row[key]
    ]
    assert len(cells) > 200
    for text in cells:
        if not text.startswith("Points de la liste de contrôle"):  # hints list the items' own titles as written
            assert i18n.french_typography(text) == text
        assert "\u00a0?" not in text and "\u00a0;" not in text and "\u00a0!" not in text
    assert any("\u202f?" in text for text in cells)
