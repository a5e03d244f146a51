"""Issue 13 §3: the mended items give the results in tests/data/texts/item_mends.yaml."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run
from paths import DATA

CASES: dict[str, dict[str, Any]] = YAML(typ="safe").load((DATA / "texts" / "item_mends.yaml").read_text("utf-8"))[
    "cases"
]
HEADER = "programme: {{title: {name}, country: Testland}}\n"


@pytest.mark.parametrize("name", CASES)
def test_mended_item(name: str, assess: Callable[..., Run], tmp_path: Path) -> None:
    case = CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(HEADER.format(name=name) + case["profile"], "utf-8")
    run = assess("check", path, "--format", "json")
    assert run.code == 0, run.stderr
    items = {r["id"]: r for r in json.loads(run.stdout)["items"]}
    assert {i: items[i]["status"] for i in case["expect"]} == case["expect"]
    for item_id, text in case.get("criterion", {}).items():
        assert text not in items[item_id]["criterion"]
