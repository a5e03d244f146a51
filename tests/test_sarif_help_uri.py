"""SARIF rules link to the items' reference pages only by an absolute URL
(issue 16): SARIF's helpUri is an absolute URI, and a relative link would be
read against the page showing the alert (on GitHub, the user's repository,
where docs/checklists/ does not exist). Without --docs-url a rule names the
command that prints the item in full."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from ci_support import CHECKLIST, at_root, run
from paths import EXAMPLES, ROOT, rel

__all__ = ["at_root"]

NEPAL = rel(EXAMPLES / "nepal.yaml")
URL = "https://github.com/OWNER/assess/blob/COMMIT_SHA/docs/checklists/"


def _rules(*args: str) -> list[dict[str, Any]]:
    r = run("check", *args, "--format", "sarif")
    assert r.code == 0, r.err
    rules: list[dict[str, Any]] = json.loads(r.out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    return rules


def test_without_a_docs_url_no_rule_has_a_relative_link() -> None:
    for rule in _rules(NEPAL):
        assert "helpUri" not in rule
        assert "](" not in rule["help"]["markdown"]  # no Markdown link either
        assert rule["help"]["markdown"].endswith(f"The item in full: `assess explain {rule['id']}`")


@pytest.mark.parametrize("given", [URL, URL.rstrip("/")])
def test_a_docs_url_gives_absolute_links_to_each_page(given: str) -> None:
    rules = _rules(NEPAL, "--docs-url", given)
    for rule in rules:
        uri = rule["helpUri"]
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc) == ("https", "github.com")
        checklist, item = rule["id"].split("/")
        assert uri == f"{URL}{checklist}.md#{item.lower()}"
        assert f'<a id="{item.lower()}"></a>' in (ROOT / "docs" / "checklists" / f"{checklist}.md").read_text("utf-8")
        assert rule["help"]["markdown"].endswith(f"The item in full: [{rule['id']}]({uri})")


def test_a_custom_checklist_has_no_page_and_no_link() -> None:
    for rule in _rules("--checklist", rel(CHECKLIST), rel(ROOT / "tests/data/ci/weak.yaml"), "--docs-url", URL):
        assert "helpUri" not in rule and "The item in full" not in rule["help"]["markdown"]


@pytest.mark.parametrize(
    "bad", ["docs/checklists/", "/abs/docs/checklists/", "ftp://host/x/", "https:///x/", f"{URL}?a=1"]
)
def test_a_docs_url_that_is_not_absolute_http_is_a_usage_error(bad: str) -> None:
    r = run("check", NEPAL, "--format", "sarif", "--docs-url", bad)
    assert r.code == 2
    assert r.out == ""
    assert r.err.endswith(
        "Error: Invalid value for '--docs-url': expected the absolute http(s) address of the docs/checklists/ "
        "folder, e.g. https://github.com/OWNER/assess/blob/COMMIT_SHA/docs/checklists/\n"
    )
