"""Many voices (issue 18): merge rules, import --merge-by, bad respondent data, disagreement.

The cases are data under tests/data/voices/ (paths.VOICES): the merge rules on
one fact (rules.yaml), imports of small exports with what each written profile
must hold (merge_cases.yaml) or the exact errors (merge_errors.yaml), bad
profiles with their exact messages (bad/cases.yaml), and profiles with the
disagreement the result must report (disagreement/expected.yaml).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.core.facts import Answer
from assess.core.profile import MergeRule
from assess.core.voices import corroborated, merge_answers
from assess.loading.profiles import load_profile
from conftest import Run
from paths import ROOT, VOICES, rel

_yaml = YAML(typ="safe")


def _load(path: Path) -> Any:
    return _yaml.load(path.read_text("utf-8"))


RULES = _load(VOICES / "rules.yaml")
MERGES = _load(VOICES / "merge_cases.yaml")
MERGE_ERRORS = _load(VOICES / "merge_errors.yaml")
BAD = _load(VOICES / "bad" / "cases.yaml")
DISAGREEMENT = _load(VOICES / "disagreement" / "expected.yaml")


@pytest.mark.parametrize("case", RULES, ids=lambda c: f"{c['rule']}-{'-'.join(map(str, c['answers'].values()))}")
def test_merge_rule(case: dict[str, Any]) -> None:
    pairs = [(rid, Answer(str(a))) for rid, a in case["answers"].items()]
    merged = merge_answers(pairs, MergeRule(case["rule"]), case.get("lead"), case.get("path", "governance.legal_basis"))
    assert merged.value == case["merged"]


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assess.cli import main

    path = tmp_path_factory.mktemp("voices-form") / "form.xlsx"
    with pytest.raises(SystemExit) as exc:
        main(["xlsform", "-o", str(path)])
    assert exc.value.code == 0
    return path


def _export(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    """A KoboToolbox CSV (';', group/field headers, a BOM) of ``rows``."""
    header = ["programme/title", "programme/country"]
    for row in rows:
        header += [k for k in row if k not in header]
    full = [{"programme/title": "Site A", "programme/country": "Testland", **row} for row in rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[str(r.get(h, "")) for h in header] for r in full])
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def _contains(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected``: mappings compared on the expected keys, the rest exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a mapping, found {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{where}.{key}: missing")
            else:
                out += _contains(actual[key], value, f"{where}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {expected!r}, found {actual!r}"]
        return [
            d for i, (a, e) in enumerate(zip(actual, expected, strict=True)) for d in _contains(a, e, f"{where}[{i}]")
        ]
    return [] if actual == expected else [f"{where}: expected {expected!r}, found {actual!r}"]


@pytest.mark.parametrize("name", sorted(MERGES))
def test_import_merge_by(name: str, form: Path, tmp_path: Path, assess: Callable[..., Run]) -> None:
    case = MERGES[name]
    export = _export(tmp_path, case["rows"])
    out = tmp_path / "out"
    r = assess("import", export, "--form", form, "-o", out, *case["args"])
    assert r.code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(case["profiles"])
    for file, expected in case["profiles"].items():
        written = _load(out / file)
        assert _contains(written, expected) == [], file
        # What the import writes is a profile `assess check` reads.
        assert assess("check", out / file).code == 0


@pytest.mark.parametrize("name", sorted(MERGE_ERRORS))
def test_import_merge_errors(name: str, form: Path, tmp_path: Path, assess: Callable[..., Run]) -> None:
    case = MERGE_ERRORS[name]
    export = _export(tmp_path, case["rows"])
    out = tmp_path / "out"
    r = assess("import", export, "--form", form, "-o", out, *case["args"])
    assert r.code == 2
    expected = [line.format(export=export) for line in case["stderr"]]
    assert [line.removeprefix("error: ") for line in r.stderr.splitlines()] == [
        line.removeprefix("error: ") for line in expected
    ]
    assert r.stderr.startswith("error: ")
    assert "Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_voices_are_located(name: str, assess: Callable[..., Run]) -> None:
    path = VOICES / "bad" / name
    r = assess("check", rel(path))
    assert r.code == 2
    assert r.stderr.splitlines() == [f"error: {rel(path)}:{line}" for line in BAD[name]]


@pytest.mark.parametrize("name", sorted(DISAGREEMENT))
def test_disagreement_in_the_result(name: str, assess: Callable[..., Run]) -> None:
    r = assess("check", VOICES / "disagreement" / name, "--format", "json")
    assert r.code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema_version"] == "1.5"
    voices = doc["voices"]
    expected = dict(DISAGREEMENT[name])
    facts = expected.pop("facts", {})
    assert _contains(voices, expected) == []
    by_field = {f["field"]: f for f in voices["facts"]}
    assert _contains(by_field, facts) == []


def test_corroborated_counts_distinct_respondents_who_gave_the_profiles_answer() -> None:
    profile, _ = load_profile(VOICES / "disagreement" / "by_side.yaml")
    # civilian_oversight: 'no' from two of four (one yes, one don't-know); national_centre: 'yes' from both.
    assert corroborated(profile) == {"governance.civilian_oversight", "governance.national_centre"}
    profile, _ = load_profile(VOICES / "disagreement" / "by_sex.yaml")
    # women_in_planning: 'partial' from two; mixed_gender_teams: one yes, one no, nothing merged.
    assert corroborated(profile) == {"gender_diversity.women_in_planning"}


def test_a_profile_without_responses_has_no_voices(assess: Callable[..., Run]) -> None:
    from paths import EXAMPLES

    r = assess("check", EXAMPLES / "liberia.yaml", "--format", "json")
    assert json.loads(r.stdout)["voices"] is None
    assert "respondent" not in assess("check", EXAMPLES / "liberia.yaml").stdout


def test_the_terminal_view_lists_the_disagreement_by_side(assess: Callable[..., Run]) -> None:
    r = assess("check", VOICES / "disagreement" / "by_side.yaml")
    lines = r.stdout.splitlines()
    start = lines.index(
        "4 respondents: authorities 1, communities 2, operators 1. 80% of the known answers agree with the merged answer."
    )
    assert lines[start + 1 : start + 3] == [
        "They disagree on 1 fact:",
        "  - governance.civilian_oversight (merged: no): authorities: yes 1; communities: no 2; operators: don't know 1"
        " [GOV-01]",
    ]


@pytest.mark.parametrize(
    ("lang", "heading", "by_sex"),
    [
        ("en", "Where respondents disagree", "By sex: women: partial 1, no 1; men: yes 1; not given: partial 1."),
        (
            "fr",
            "Là où les répondants divergent",
            "Par sexe : femmes : partiel 1, non 1 ; hommes : oui 1 ; non précisé : partiel 1.",
        ),
    ],
)
def test_the_report_shows_who_said_what_by_side_and_sex(
    lang: str, heading: str, by_sex: str, tmp_path: Path, assess: Callable[..., Run]
) -> None:
    import html
    import re

    out = tmp_path / "r.html"
    r = assess("report", VOICES / "disagreement" / "by_sex.yaml", "--lang", lang, "-o", out)
    assert r.code == 0, r.stderr
    page = out.read_text("utf-8")
    section = page[page.index('id="voices"') : page.index('id="appendix"')]
    text = " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", section)).replace("\u00a0", " ").replace("\u202f", " ").split()
    )
    assert heading in text
    assert by_sex.replace(" .", ".") in text.replace(" .", ".")
    # The least agreed fact first: mixed teams, where nobody's answer stands.
    assert text.index("GEN-04") < text.index("GEN-07")


def test_a_report_without_responses_has_no_voices_section(tmp_path: Path, assess: Callable[..., Run]) -> None:
    from paths import EXAMPLES

    out = tmp_path / "r.html"
    assert assess("report", EXAMPLES / "liberia.yaml", "-o", out).code == 0
    assert 'id="voices"' not in out.read_text("utf-8")


def test_the_form_asks_who_answers_in_both_languages(form: Path) -> None:
    from openpyxl import load_workbook

    from assess.core.profile import RespondentSex, RespondentSide
    from assess.forms.xlsform import EN, FR

    wb = load_workbook(form, read_only=True)

    def sheet(name: str) -> list[dict[str, Any]]:
        rows = list(wb[name].iter_rows(values_only=True))
        return [dict(zip([str(c) for c in rows[0]], row, strict=True)) for row in rows[1:]]

    survey = sheet("survey")
    start = next(i for i, r in enumerate(survey) if r["type"] == "begin_group" and r["name"] == "respondent")
    group = survey[start + 1 : next(i for i in range(start, len(survey)) if survey[i]["type"] == "end_group")]
    assert [(r["type"], r["name"]) for r in group] == [
        ("note", "respondent_note"),
        ("text", "role"),
        ("text", "organisation"),
        ("select_one respondent_side", "side"),
        ("select_one respondent_sex", "sex"),
    ]
    assert all(r[f"label::{EN}"] and r[f"label::{FR}"] for r in group)
    assert not any(r.get("required") for r in group)  # nothing about the respondent is compulsory
    sex = group[-1]
    assert "women's and men's answers differ" in sex[f"hint::{EN}"]
    assert "Préfère ne pas répondre" in sex[f"hint::{FR}"]
    assert "Your name is not asked." in group[0][f"label::{EN}"]
    lists: dict[str, list[str]] = {}
    for row in sheet("choices"):
        lists.setdefault(str(row["list_name"]), []).append(str(row["name"]))
    # The form's choices are the profile's values, so an import writes what a profile accepts.
    assert lists["respondent_side"] == [s.value for s in RespondentSide]
    assert lists["respondent_sex"] == [s.value for s in RespondentSex]


def test_an_export_cannot_write_yaml_through_the_merge_key(
    form: Path, tmp_path: Path, assess: Callable[..., Run]
) -> None:
    title = "Site A\n# injected: yes\nmerge: {rule: lead}"
    export = _export(tmp_path, [{"programme/title": title, "respondent/role": "a\nb: c"}])
    out = tmp_path / "out"
    r = assess("import", export, "--form", form, "-o", out, "--merge-by", "programme/title")
    assert r.code == 0, r.stderr
    (written,) = out.iterdir()
    doc = _load(written)
    assert doc["programme"]["title"] == title
    assert doc["respondents"] == [{"id": "r1", "role": "a\nb: c"}]
    assert doc["merge"] == {"rule": "majority"}
    assert "\n# injected" not in written.read_text("utf-8").split("programme:")[0]


def test_a_template_folder_without_the_section_still_renders(tmp_path: Path, assess: Callable[..., Run]) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    page = folder / "report.html.j2"
    text = page.read_text("utf-8")
    start, end = text.index("{# --- VOICES --- #}"), text.index("{# --- end VOICES --- #}")
    page.write_text(text[:start] + text[end:], "utf-8")
    out = tmp_path / "r.html"
    r = assess("report", VOICES / "disagreement" / "by_side.yaml", "--template-dir", folder, "-o", out)
    assert r.code == 0, r.stderr
    assert 'id="voices"' not in out.read_text("utf-8")
