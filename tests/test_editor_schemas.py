"""Editor schemas (issue 16): every exported schema has a stable ``$id``, and
the draft-07 variant for yaml-language-server gives the same verdicts as the
2020-12 schema, on the shipped profiles and on bad ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from assess import __version__
from assess.core.portfolio import PORTFOLIO_SCHEMA_VERSION
from assess.core.result import SCHEMA_VERSION
from assess.core.schemas import json_schema, to_draft_07
from assess.core.trend import TREND_SCHEMA_VERSION
from conftest import run_here
from paths import EDITORS, EXAMPLES, ROOT

WHICH = ("profile", "checklist", "result", "portfolio", "trend")
VALIDATORS = {"2020-12": jsonschema.Draft202012Validator, "07": jsonschema.Draft7Validator}
#: The schemas shipped in schema/, and the command that writes each.
SHIPPED = {
    "profile.schema.json": ("profile", "2020-12"),
    "profile.draft-07.schema.json": ("profile", "07"),
    "checklist.schema.json": ("checklist", "2020-12"),
    "checklist.draft-07.schema.json": ("checklist", "07"),
}


def _as_editor_reads(node: Any) -> Any:
    """YAML data as an editor's language server sees it: dates stay text."""
    stack = [node]
    while stack:
        x = stack.pop()
        items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else ()
        for key, value in list(items):
            if isinstance(value, dt.date):
                x[key] = value.isoformat()
            else:
                stack.append(value)
    return node


def _load(path: Path) -> Any:
    return _as_editor_reads(YAML(typ="safe").load(path.read_text("utf-8")))


def _run_schema(*args: str, cwd: Path = ROOT) -> str:
    done = run_here(["schema", *args], cwd=cwd)
    assert done.code == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("draft", ["2020-12", "07"])
@pytest.mark.parametrize("which", WHICH)
def test_every_schema_has_a_url_shaped_id_naming_it_and_its_version(which: str, draft: str) -> None:
    schema = json_schema(which, __version__, draft)
    VALIDATORS[draft].check_schema(schema)
    assert schema["$schema"] == VALIDATORS[draft].META_SCHEMA["$schema"]
    version = {"result": SCHEMA_VERSION, "portfolio": PORTFOLIO_SCHEMA_VERSION, "trend": TREND_SCHEMA_VERSION}.get(
        which, __version__
    )
    suffix = ".draft-07" if draft == "07" else ""
    assert schema["$id"] == (
        f"https://assess-ssr-mine-action.invalid/schemas/{which}/{version}/{which}{suffix}.schema.json"
    )


def test_the_id_is_the_same_from_any_folder(tmp_path: Path) -> None:
    here = json.loads(_run_schema("profile", "--draft", "07"))
    there = json.loads(_run_schema("profile", "--draft", "07", cwd=tmp_path))
    assert here == there
    assert str(tmp_path) not in json.dumps(there) and str(ROOT) not in json.dumps(there)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_schemas_are_up_to_date(name: str) -> None:
    which, draft = SHIPPED[name]
    expected = json.dumps(json_schema(which, __version__, draft), indent=2, ensure_ascii=False) + "\n"
    command = f"assess schema {which}" + (f" --draft {draft}" if draft != "2020-12" else "") + f" > schema/{name}"
    assert (ROOT / "schema" / name).read_text("utf-8") == expected, f"schema/{name} is stale: run `{command}`"


def _profiles() -> list[Path]:
    found = sorted(
        p for p in EXAMPLES.rglob("*.yaml") if "programme" in (YAML(typ="safe").load(p.read_text("utf-8")) or {})
    )
    assert len(found) >= 20  # the ten examples and the UN missions of 2015
    return found


@pytest.mark.parametrize("path", _profiles(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_draft_07_profile_schema_accepts_every_shipped_profile(path: Path) -> None:
    validator = jsonschema.Draft7Validator(json.loads((ROOT / "schema" / "profile.draft-07.schema.json").read_text()))
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(_load(path))]
    assert errors == []


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = _load(EDITORS / "profiles.yaml")["cases"]
    return cases


@pytest.mark.parametrize("draft", ["2020-12", "07"])
@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_both_drafts_give_each_case_its_verdict(case: dict[str, Any], draft: str) -> None:
    validator = VALIDATORS[draft](json_schema("profile", __version__, draft))
    errors = list(validator.iter_errors(case["profile"]))
    if case["valid"]:
        assert [e.message for e in errors] == []
    else:
        assert errors, "accepted a bad profile"
        # The editor underlines the value at fault (or its object, for an unknown key).
        best = jsonschema.exceptions.best_match(errors)
        assert "".join(f"/{part}" for part in best.absolute_path) == case["at"]


def _at(schema: dict[str, Any], *path: str) -> dict[str, Any]:
    node: dict[str, Any] = schema
    for key in path:
        node = node[key]
    return node


def test_draft_07_keeps_the_questions_where_draft_07_reads_them() -> None:
    """Draft-07 ignores the siblings of a $ref: a question written beside one
    would vanish from the editor's hover. The variant moves the $ref into allOf."""
    new = json_schema("profile", __version__)
    old = json_schema("profile", __version__, "07")
    field = _at(new, "$defs", "Governance", "properties", "civilian_oversight")
    assert "$ref" in field and field["description"]  # the case the variant exists for
    moved = _at(old, "definitions", "Governance", "properties", "civilian_oversight")
    assert "$ref" not in moved
    assert moved["description"] == field["description"]
    assert moved["allOf"] == [{"$ref": field["$ref"].replace("$defs", "definitions")}]
    assert "$defs" not in json.dumps(old)


def test_a_2020_12_keyword_draft_07_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="draft-07 has no prefixItems"):
        to_draft_07({"properties": {"pair": {"type": "array", "prefixItems": [{"type": "string"}]}}})
    # A property merely named like a keyword is not one.
    assert to_draft_07({"properties": {"prefixItems": {"type": "string"}}})["properties"] == {
        "prefixItems": {"type": "string"}
    }
