"""Hardening, round 2 (issue 15): hostile inputs that must succeed, safely.

Inputs that must fail are in the bad-input corpus (tests/data/bad_inputs/cases.yaml);
those here are accepted, and what they must not do is asserted: write facts
nobody answered, put a line of their own in a log, reach the terminal raw.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
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


def test_no_output_replaces_an_input_under_any_name(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 4: a hard link to the profile, a checklist given to init or xlsform."""
    profile = tmp_path / "p.yaml"
    profile.write_text("programme:\n  title: T\n  country: C\n", "utf-8")
    (tmp_path / "hard.yaml").hardlink_to(profile)
    checklist = tmp_path / "cl.yaml"
    checklist.write_bytes((HARDENING.parent / "checklist_small.yaml").read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for args, output in (
        (["check", profile, "--format", "json", "-o"], "hard.yaml"),
        (["portfolio", "--jobs", "2", tmp_path, "--format", "json", "-o"], "hard.yaml"),
        (["report", profile, "--format", "html", "-o"], "hard.yaml"),
        (["init", "--force", "--checklist", checklist, "-o"], "cl.yaml"),
        (["xlsform", "--checklist", checklist, "-o"], "cl.yaml"),
        (["check", profile, "--checklist", checklist, "-o"], "cl.yaml"),
    ):
        r = assess(*args, tmp_path / output)
        assert r.code == 2, (args, r.stderr)
        assert "cannot write: it is an input of this run" in r.stderr, r.stderr
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


LOG = HARDENING / "profile_log_injection.yaml"
COMMAND = re.compile(r"^\s*::")


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "markdown", "github"])
def test_no_line_of_a_check_output_starts_with_text_from_the_profile(assess: Callable[..., Run], fmt: str) -> None:
    """Defect 6: a CI runner runs every line starting with '::' (after spaces)."""
    r = assess("check", LOG, "--format", fmt)
    assert r.code == 0, r.stderr
    assert "line=1::title" in r.stdout  # the title is shown (escaped)
    for line in r.stdout.splitlines():
        if fmt == "github":
            # Its own commands only: each line is one, and the profile's lines are inside, escaped.
            assert re.match(r"::(error|warning|notice) ", line), line
            assert "%0A::" in line or "::warning file=x.yaml" not in line.split("::", 2)[2], line
        else:
            assert not COMMAND.match(line), line


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_no_line_of_a_portfolio_starts_with_text_from_a_profile(assess: Callable[..., Run], fmt: str) -> None:
    r = assess("portfolio", "--jobs", "1", LOG, "--format", fmt)
    assert r.code == 0, r.stderr
    assert "::title" in r.stdout
    for line in r.stdout.splitlines():
        assert not COMMAND.match(line), line


def test_error_lines_show_a_line_break_in_a_key_escaped(assess: Callable[..., Run], tmp_path: Path) -> None:
    bad = tmp_path / "k.yaml"
    bad.write_text('programme: {title: T, country: C}\ngovernance: {"x\\n::warning::key": yes}\n', "utf-8")
    r = assess("check", bad)
    assert r.code == 2
    assert len(r.stderr.splitlines()) == 1
    assert "'x\\n::warning::key'" in r.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(assess: Callable[..., Run]) -> None:
    """Defect 8 (OWASP): a text starting with = + - @ tab or CR gets a leading quote."""
    r = assess("portfolio", "--jobs", "1", LOG, "--format", "csv")
    assert r.code == 0, r.stderr
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["un_mission"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert row["title"] == "T ::warning file=x.yaml,line=1::title"
    assert row["overall_score"] == "0"


MARKDOWN = HARDENING / "profile_markdown_injection.yaml"
#: A link or image Markdown would form: '](' or ']:' or ']['  not preceded by a backslash.
LINK = re.compile(r"(?<!\\)\]\s*[(\[:]|<img|<a ", re.IGNORECASE)


def test_markdown_forms_no_link_or_image_from_data(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 7: a job summary shows a profile's links and images as typed, inert."""
    shown = tmp_path / "a&b `x`.yaml"  # a path with '&' and backticks, shown in code spans
    shown.write_bytes(MARKDOWN.read_bytes())
    for args in (["check", shown, "--format", "markdown"], ["portfolio", "--jobs", "1", shown, "--format", "markdown"]):
        r = assess(*args)
        assert r.code == 0, r.stderr
        assert not LINK.search(r.stdout), LINK.search(r.stdout)
        assert "http://example.invalid/pixel.png" in r.stdout  # shown, not dropped
        assert "&amp;amp;" not in r.stdout
    r = assess("check", shown, "--format", "markdown")
    assert f"``{shown}``" in r.stdout  # the code span shows '&' as typed, not '&amp;'
