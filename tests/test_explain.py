"""`assess explain`: a checklist item in full, the reference pages of the
built-in checklists (kept in sync with docs/checklists/), and the SARIF rules
that link to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ruamel.yaml import YAML

from ci_support import CHECKLIST, at_root, run
from paths import EXAMPLES, ROOT

__all__ = ["at_root"]

PAGES = ROOT / "docs" / "checklists"


def _item(checklist: str, item_id: str) -> dict[str, object]:
    doc = YAML(typ="safe").load((ROOT / "checklists" / f"{checklist}.yaml").read_text("utf-8"))
    (item,) = [i for i in doc["items"] if i["id"] == item_id]
    return dict(item)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _shown(entry: object) -> str:
    """A recommendation as explain shows it: the checklist's fallback words in
    place of each {name|fallback} (there is no profile to name actors from)."""
    text = entry if isinstance(entry, str) else entry["text"]  # type: ignore[index]
    assert isinstance(text, str)
    return re.sub(r"\{[^{}|]*\|([^{}]*)\}", r"\1", text)


def test_explain_prints_every_part_of_the_item() -> None:
    r = run("explain", "GOV-01")
    assert r.code == 0, r.err
    out = _flat(r.out)
    item = _item("good-governance", "GOV-01")
    assert r.out.startswith(f"GOV-01 {item['title']}\n")
    criteria = item["criteria"]
    assert isinstance(criteria, dict)
    recommendations = item["recommendations"]
    assert isinstance(recommendations, dict)
    texts = [
        item["question"],
        item["rationale"],
        item["weight_reason"],
        item["ssr_side"],
        item["mine_action_side"],
        *(c["text"] for c in criteria.values()),
        *(_shown(r) for r in (*recommendations["ssr"], *recommendations["mine_action"])),
    ]
    for text in texts:
        assert _flat(str(text)) in out, text
    for label in (
        "Question:",
        "Criteria:",
        "Why it matters:",
        "What SSR actors could do:",
        "References (DCAF SSR Paper 15):",
    ):
        assert label in r.out
    assert "Good governance: Transparency, accountability and effectiveness, p. 42 (case: Nepal)" in out
    assert "Weight: 3 (high priority)" in out
    assert "- governance.civilian_oversight: Are mine action bodies" in out


def test_explain_in_french() -> None:
    r = run("explain", "good-governance/GOV-01", "--lang", "fr")
    assert r.code == 0, r.err
    item = _item("good-governance", "GOV-01")
    translations = item["translations"]
    assert isinstance(translations, dict)
    fr = translations["fr"]
    assert r.out.startswith(f"GOV-01 {fr['title']}\n")
    assert _flat(fr["question"]) in _flat(r.out)
    assert "Pourquoi c’est important" in r.out
    assert "Why it matters" not in r.out


def test_item_ids_are_found_loosely_and_errors_name_the_item() -> None:
    assert run("explain", "gov-1").out == run("explain", "GOV-01").out
    r = run("explain", "GOV-99")
    assert r.code == 2
    assert r.err.startswith("error: no checklist has an item 'GOV-99'")
    assert "Traceback" not in r.err
    r = run("explain", "GOV-01", "--checklist", "good-governance", "--checklist", str(CHECKLIST))
    assert r.code == 2
    assert "'GOV-01' names items of several checklists: good-governance/GOV-01, ci-test/GOV-01" in r.err
    assert run("explain").code == 2


def test_all_as_markdown_holds_every_item() -> None:
    r = run("explain", "--all", "--format", "markdown", "--checklist", "good-governance")
    assert r.code == 0
    items = YAML(typ="safe").load((ROOT / "checklists" / "good-governance.yaml").read_text("utf-8"))["items"]
    assert len(re.findall(r"^## GOV-\d\d ", r.out, re.M)) == len(items) > 10


def test_reference_pages_are_in_sync(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    r = run("explain", "--pages", str(out), "--lang", "en")
    assert r.code == 0, r.err
    made = {p.name: p.read_text("utf-8") for p in out.iterdir()}
    kept = {p.name: p.read_text("utf-8") for p in PAGES.iterdir()}
    assert sorted(made) == sorted(kept), "run: assess explain --pages docs/checklists"
    for name, text in made.items():
        assert kept[name] == text, f"docs/checklists/{name} is stale: run assess explain --pages docs/checklists"
    assert sorted(made) == ["README.md", *sorted(f"{p.stem}.md" for p in (ROOT / "checklists").glob("*.yaml"))]


def test_sarif_rules_link_to_the_pages() -> None:
    """With --docs-url (SARIF's helpUri is an absolute URI), each rule links its page."""
    url = "https://github.com/OWNER/assess/blob/COMMIT_SHA/docs/checklists/"
    r = run("check", str(EXAMPLES / "nepal.yaml"), "--format", "sarif", "--docs-url", url)
    rules = json.loads(r.out)["runs"][0]["tool"]["driver"]["rules"]
    every = sum(len(YAML(typ="safe").load(p.read_text("utf-8"))["items"]) for p in (ROOT / "checklists").glob("*.yaml"))
    assert len(rules) == every > 60
    for rule in rules:
        assert rule["helpUri"].startswith(url)
        page, _, fragment = rule["helpUri"].removeprefix(url).partition("#")
        assert f'<a id="{fragment}"></a>' in (PAGES / page).read_text("utf-8"), rule["id"]
        assert rule["help"]["markdown"].startswith("**")
        assert f"]({rule['helpUri']})" in rule["help"]["markdown"]


def test_sarif_rules_of_a_custom_checklist_have_no_page() -> None:
    r = run("check", "--checklist", str(CHECKLIST), str(ROOT / "tests/data/ci/weak.yaml"), "--format", "sarif")
    rules = json.loads(r.out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all("helpUri" not in rule for rule in rules)
    assert all("markdown" in rule["help"] for rule in rules)
