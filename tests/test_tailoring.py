"""Tailoring (issue 17): chains, bad files with their exact messages, and results
that change as they must. The data is under tests/data/tailoring/ (cases.yaml)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run
from paths import ROOT, TAILORING, rel

PROFILE = rel(TAILORING / "profile.yaml")
CHAIN = rel(TAILORING / "chain.yaml")
CASES: list[dict[str, Any]] = YAML(typ="safe").load((TAILORING / "cases.yaml").read_text("utf-8"))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files are named as a user at the repository root types them.
    monkeypatch.chdir(ROOT)


def _json(assess: Callable[..., Run], *args: str) -> dict[str, Any]:
    r = assess("check", PROFILE, "--checklist", "good-governance", "--format", "json", *args)
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_a_bad_tailoring_is_a_located_error_in_check_and_lint(case: dict[str, Any], assess: Callable[..., Run]) -> None:
    path = rel(TAILORING / case["file"])
    checked = assess("check", PROFILE, "--checklist", "good-governance", "--tailoring", path)
    assert (checked.code, checked.stdout) == (2, "")
    assert checked.stderr.splitlines()[0] == case["error"]
    assert "Traceback" not in checked.stderr
    linted = assess("lint", path)
    assert linted.code == 2
    assert linted.stderr.splitlines()[0] == case["error"]


def test_a_chain_of_two_applies_base_first(assess: Callable[..., Run]) -> None:
    doc = _json(assess, "--tailoring", CHAIN)
    record = doc["tailoring"]
    assert doc["schema_version"] == "1.5"
    assert (record["id"], record["version"]) == ("org-country", "2.1.0")
    assert [(link["id"], link["file"]) for link in record["chain"]] == [
        ("org-base", "tests/data/tailoring/base.yaml"),
        ("org-country", "tests/data/tailoring/chain.yaml"),
    ]
    assert [(c["tailoring"], c["item"], c["what"], c["base"], c["new"]) for c in record["changes"]] == [
        ("org-base", "GOV-01", "deselect", "selected", "deselected"),
        ("org-base", "GOV-08", "deselect", "selected", "deselected"),
        ("org-base", "GOV-03", "weight", 3.0, 6.0),
        ("org-country", "ORG-01", "add", None, 2.0),
        ("org-country", "GOV-08", "select", "deselected", "selected"),
        ("org-country", "GOV-02", "weight", 2.0, 1.0),
        (
            "org-country",
            "GOV-03",
            "text",
            "PSSM in the SSR strategy or defence policy",
            "Stockpile management in the defence policy",
        ),
        (
            "org-country",
            "GOV-03",
            "text",
            "La PSSM dans la stratégie de RSS ou la politique de défense",
            "La gestion des stocks dans la politique de défense",
        ),
    ]
    assert record["changes"][0]["reason"] == "Oversight is assessed by the donor group."
    assert [a["id"] for a in record["added"]] == ["org-extra"]
    assert record["added"][0]["items"] == ["ORG-01"]


def test_scores_change_as_the_tailoring_says_and_the_base_score_stays(assess: Callable[..., Run]) -> None:
    plain = _json(assess)
    tailored = _json(assess, "--tailoring", CHAIN)
    ids = [i["id"] for i in tailored["items"]]
    # Deselected: gone from items and scores; brought back: there; added: there.
    assert "GOV-01" not in ids and "GOV-08" in ids and ids[-1] == "ORG-01"
    weights = {i["id"]: i["weight"] for i in tailored["items"]}
    assert (weights["GOV-03"], weights["GOV-02"], weights["ORG-01"]) == (6.0, 1.0, 2.0)
    titles = {i["id"]: i["title"] for i in tailored["items"]}
    assert titles["GOV-03"] == "Stockpile management in the defence policy"
    # GOV-02 (met) 1, GOV-03 (met) 6, GOV-06 (partial) 2, GOV-15 (met) 2, ORG-01 (met) 2.
    assert tailored["overall"]["score"] == round(100 * 12 / 13, 1) == 92.3
    # The untailored score is the plain run's, to the digit.
    assert tailored["overall_base"] == plain["overall"] and plain["overall"]["score"] == 66.7
    assert tailored["approaches_base"] == plain["approaches"]
    assert plain["tailoring"] is None and plain["overall_base"] is None


def test_the_digest_depends_on_the_files_not_on_where_they_lie(
    assess: Callable[..., Run], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _json(assess, "--tailoring", CHAIN)["tailoring"]["digest"]
    for name in ("base.yaml", "chain.yaml", "org-checklist.yaml", "profile.yaml"):
        (tmp_path / name).write_bytes((TAILORING / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    r = assess(
        "check", "profile.yaml", "--checklist", "good-governance", "--format", "json", "--tailoring", "chain.yaml"
    )
    moved = json.loads(r.stdout)["tailoring"]
    assert moved["digest"] == first and len(first) == 64
    (tmp_path / "base.yaml").write_text((TAILORING / "base.yaml").read_text("utf-8") + "# edited\n", "utf-8")
    r = assess(
        "check", "profile.yaml", "--checklist", "good-governance", "--format", "json", "--tailoring", "chain.yaml"
    )
    assert json.loads(r.stdout)["tailoring"]["digest"] != first


def test_the_text_view_names_the_tailoring_and_each_change_with_its_base_and_reason(
    assess: Callable[..., Run],
) -> None:
    r = assess("check", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN)
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert lines[3].startswith("Tailoring: org-country 2.1.0 (digest ") and lines[3].endswith("), 8 change(s)")
    assert lines[4] == "Chain, base first: org-base 1.0.0 → org-country 2.1.0"
    assert (
        "Overall score on the untailored checklists: 66.7/100 (provisional), coverage 33% (5 of 15 answered)" in lines
    )
    text = " ".join(r.stdout.split())
    assert "weight 3 → 6 (tailoring org-base): Stockpiles are the first risk here." in text
    assert "GOV-01 deselected by tailoring org-base: Oversight is assessed by the donor group." in text


def test_french_output_uses_the_french_override(assess: Callable[..., Run]) -> None:
    r = assess("check", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "--lang", "fr")
    assert r.code == 0, r.stderr
    assert "La gestion des stocks dans la politique de défense" in r.stdout
    assert "Stockpile management in the defence policy" not in r.stdout
    # A reason given in French is the French run's.
    assert "Le contrôle est évalué par le groupe des bailleurs." in " ".join(r.stdout.split())


def test_lint_accepts_the_chain_and_the_worked_example(assess: Callable[..., Run]) -> None:
    r = assess("lint", CHAIN, "examples/tailoring/nmaa-tailoring.yml")
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "ok  tailoring org-country 2.1.0  (8 changes)",
        "ok  tailoring nmaa-national-assessment 1.0.0  (8 changes)",
    ]


def test_the_published_schema_is_current(assess: Callable[..., Run]) -> None:
    r = assess("schema", "tailoring")
    assert r.code == 0
    assert r.stdout == (ROOT / "schema" / "tailoring.schema.json").read_text("utf-8")


def test_init_and_xlsform_ask_only_what_the_tailored_items_read(assess: Callable[..., Run], tmp_path: Any) -> None:
    plain = assess("init", "--checklist", "good-governance", "--schema-ref", "x.json")
    tailored = assess("init", "--checklist", "good-governance", "--schema-ref", "x.json", "--tailoring", CHAIN)
    assert plain.code == tailored.code == 0
    # The deselected GOV-01 asks nothing any more; the added ORG-01 does.
    assert "asked by good-governance/GOV-01" in plain.stdout
    assert "asked by good-governance/GOV-01" not in tailored.stdout
    assert "asked by org-extra/ORG-01: Are operators accredited?" in tailored.stdout
    form = assess("xlsform", "--checklist", "good-governance", "-o", tmp_path / "f.xlsx", "--tailoring", CHAIN)
    assert form.code == 0, form.stderr


def test_the_report_names_the_tailoring_on_its_cover_and_lists_the_changes(
    assess: Callable[..., Run], tmp_path: Any
) -> None:
    english, french = tmp_path / "en.html", tmp_path / "fr.html"
    base = ("report", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "--date", "2026-01-01")
    assert assess(*base, "-o", english).code == 0
    assert assess(*base, "-o", french, "--lang", "fr").code == 0
    doc = _json(assess, "--tailoring", CHAIN)["tailoring"]
    en, fr = english.read_text("utf-8"), french.read_text("utf-8")
    cover = en[: en.index('id="brief"')]
    assert "Organisation country tailoring" in cover and doc["digest"][:12] in cover
    assert "Untailored checklists: 66.7 / 100" in cover
    annex = en[en.index('id="appendix"') :]
    assert "Tailoring applied" in annex and doc["digest"] in annex
    assert "org-base 1.0.0 → org-country 2.1.0" in annex
    assert "weight 3 → 6 (tailoring org-base): Stockpiles are the first risk here." in annex
    assert "Items left out" in annex and "Oversight is assessed by the donor group." in annex
    # French: the catalogue's words, the French override and the French reason.
    assert "Adaptation appliquée" in fr and "Listes de contrôle sans adaptation" in fr
    assert "La gestion des stocks dans la politique de défense" in fr
    assert "Le contrôle est évalué par le groupe des bailleurs." in fr
    assert "Stockpile management in the defence policy" not in fr


def test_a_report_without_a_tailoring_says_nothing_of_one(assess: Callable[..., Run], tmp_path: Any) -> None:
    out = tmp_path / "r.html"
    assert assess("report", PROFILE, "--checklist", "good-governance", "-o", out).code == 0
    html = out.read_text("utf-8")
    assert "Tailoring applied" not in html and "Untailored" not in html


def test_the_portfolio_shows_the_untailored_score_beside_the_tailored_one(assess: Callable[..., Run]) -> None:
    args = ("portfolio", PROFILE, "examples/nepal.yaml", "--checklist", "good-governance", "-q")
    plain = json.loads(assess(*args, "--format", "json", "--jobs", "1").stdout)
    one = assess(*args, "--format", "json", "--jobs", "1", "--tailoring", CHAIN)
    two = assess(*args, "--format", "json", "--jobs", "2", "--tailoring", CHAIN)
    assert one.code == two.code == 0 and one.stdout == two.stdout
    tailored = json.loads(one.stdout)
    assert tailored["schema_version"] == "1.1" and tailored["tailoring"]["id"] == "org-country"
    base = {e["path"]: e["overall_base"] for e in tailored["programmes"]}
    assert base == {e["path"]: e["overall"] for e in plain["programmes"]}
    assert plain["tailoring"] is None and all(e["overall_base"] is None for e in plain["programmes"])
    text = assess(*args, "--jobs", "1", "--tailoring", CHAIN).stdout
    assert "Rank  Overall  Cover  Untailored" in text
    csv_out = assess(*args, "--format", "csv", "--jobs", "1", "--tailoring", CHAIN).stdout.splitlines()
    assert csv_out[0].endswith(",tailoring,tailoring_version,overall_base_score")
    assert csv_out[1].endswith(",org-country,2.1.0,66.7")


def test_the_markdown_summary_names_the_tailoring_and_the_untailored_score(assess: Callable[..., Run]) -> None:
    r = assess("check", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "--format", "markdown")
    assert r.code == 0
    assert "Tailoring: org-country 2.1.0 (digest " in r.stdout
    assert "| Overall, untailored checklists | 66.7 (provisional) |" in r.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Tailoring applied", "Untailored checklists: 66.7 / 100", "Items left out"]),
        ("fr", ["Adaptation appliquée", "Listes de contrôle sans adaptation : 66,7 / 100", "Éléments retirés"]),
    ],
)
def test_the_pdf_shows_the_tailoring_in_both_languages(
    assess: Callable[..., Run], tmp_path: Any, lang: str, words: list[str]
) -> None:
    import io

    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    r = assess("report", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "--lang", lang, "-o", out)
    assert r.code == 0, r.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    cover = " ".join((reader.pages[0].extract_text() or "").split())
    assert "org-country 2.1.0" in cover and words[1] in cover
    for w in words:
        assert w in text


def test_the_findings_tables_mark_what_the_tailoring_changed(assess: Callable[..., Run], tmp_path: Any) -> None:
    out = tmp_path / "r.html"
    assert assess("report", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "-o", out).code == 0
    html = out.read_text("utf-8")
    assert "GOV-03 · Synergy · weight 6 · tailored (checklist weight 3)" in html
    assert "ORG-01 · Practice · weight 2 · added by the tailoring" in html


def test_a_checklist_the_tailoring_builds_on_must_be_in_the_run(assess: Callable[..., Run]) -> None:
    path = rel(TAILORING / "builds-on-unknown.yaml")
    linted = assess("lint", path)
    assert linted.code == 2
    assert linted.stderr.splitlines()[0] == (
        f"error: {path}:6:17: 'my-org' is not a built-in checklist: assess lint checks a tailoring against "
        "the built-in ones; check it with assess check --checklist FILE --tailoring FILE"
    )
    checked = assess("check", PROFILE, "--checklist", "good-governance", "--tailoring", path)
    assert checked.code == 2
    assert checked.stderr.splitlines()[0] == (
        f"error: {path}:6:17: tailoring x builds on checklist 'my-org', which this run does not load "
        "(it loads: good-governance); add --checklist my-org"
    )


def test_a_template_folder_that_knows_nothing_of_tailoring_still_renders(
    assess: Callable[..., Run], tmp_path: Any
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.html.j2").write_text("<html><body>{{ p.title }}: {{ a.overall.score }}</body></html>\n", "utf-8")
    out = tmp_path / "r.html"
    r = assess(
        "report", PROFILE, "--checklist", "good-governance", "--tailoring", CHAIN, "--template-dir", folder, "-o", out
    )
    assert r.code == 0, r.stderr
    assert out.read_text("utf-8") == "<html><body>Tailoring test programme: 92.3</body></html>\n"
