"""Hardening, round 2 (issue 15): hostile inputs that must succeed, safely.

Inputs that must fail are in the bad-input corpus (tests/data/bad_inputs/cases.yaml);
those here are accepted, and what they must not do is asserted: write facts
nobody answered, put a line of their own in a log, reach the terminal raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from conftest import Run
from paths import HARDENING

FORM = HARDENING / "form.xlsx"


def _statuses(assess: Callable[..., Run], profile: Path) -> dict[str, str]:
    r = assess("check", profile, "--format", "json")
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return {i["id"]: i["status"] for i in doc["items"]}


def test_an_instance_id_cannot_write_facts(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 1: an instance id holding newlines and YAML stays inside the comment."""
    for export, title in (
        ("export_instance_newline.csv", "Injected"),
        ("export_instance_newline.json", "Injected JSON"),
    ):
        out = tmp_path / export
        r = assess("import", HARDENING / export, "--form", FORM, "-o", out)
        assert r.code == 0, r.stderr
        (written,) = out.iterdir()
        text = written.read_text("utf-8")
        head = text[: text.index("programme:")]
        assert all(line.startswith("# ") for line in head.splitlines()), head
        assert head.count("\n") == 3
        assert YAML(typ="safe").load(text) == {"programme": {"title": title, "country": "Testland"}}
        assert _statuses(assess, written)["GOV-01"] == "unknown"


def test_import_never_writes_a_name_windows_reserves(assess: Callable[..., Run], tmp_path: Path) -> None:
    r = assess("import", HARDENING / "export_reserved_names.csv", "--form", FORM, "-o", tmp_path)
    assert r.code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["con-profile.yaml", "lpt1-profile.yaml", "nul-profile.yaml"]
