"""`assess init`: a commented scaffold that loads as an all-unknown profile; the shipped schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assess import __version__
from assess.core.evaluate import CompiledChecklist
from assess.core.facts import Answer, Fact
from assess.core.profile import FACT_SECTIONS, Profile
from assess.core.schemas import json_schema
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile
from ci_support import CHECKLIST, ROOT, run


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_scaffold_loads_as_an_all_unknown_profile(folder: Path) -> None:
    r = run("init", "-o", "profile.yaml")
    assert r.code == 0, r.err
    assert r.out == ""
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/profile.schema.json"
    profile, _ = load_profile(folder / "profile.yaml")
    assert profile.programme.title == "TODO"
    for section in FACT_SECTIONS:
        facts = getattr(profile, section)
        for name in type(facts).model_fields:
            value = getattr(facts, name)
            assert isinstance(value, Fact) and value.answer is Answer.unknown, f"{section}.{name}"
            assert re.search(rf"^  {name}: unknown$", text, re.M), f"{section}.{name} is not written out"


def test_check_on_the_scaffold_reports_coverage_zero(folder: Path) -> None:
    assert run("init", "-o", "profile.yaml").code == 0
    r = run("check", "profile.yaml", "--format", "json")
    assert r.code == 0, r.err
    assert r.err == ""
    doc = json.loads(r.out)
    assert doc["overall"]["coverage"] == 0
    assert doc["overall"]["answered"] == 0
    assert doc["overall"]["score"] is None
    assert {i["status"] for i in doc["items"]} <= {"unknown", "not_applicable"}


def test_every_checklist_question_is_beside_its_field(folder: Path) -> None:
    r = run("init", "--checklist", str(CHECKLIST))
    assert r.code == 0, r.err
    text = r.out
    (compiled,) = load_checklists([str(CHECKLIST)])
    assert isinstance(compiled, CompiledChecklist)
    lines = text.splitlines()
    for ci in compiled.items:
        for field in ci.fields:
            name = field.rsplit(".", 1)[1]
            at = next(i for i, line in enumerate(lines) if line.strip() == f"{name}: unknown")
            comments = []
            for line in reversed(lines[:at]):
                if not line.strip().startswith("#"):
                    break
                comments.insert(0, line.strip().lstrip("# ").strip())
            joined = " ".join(comments)
            assert f"asked by ci-test/{ci.item.id}: {ci.item.question}" in joined, field
            description = Profile.model_fields[field.split(".")[0]].annotation.model_fields[name].description  # type: ignore[union-attr]
            assert description in joined


def test_refuses_to_overwrite_without_force(folder: Path) -> None:
    (folder / "profile.yaml").write_text("mine\n")
    r = run("init", "-o", "profile.yaml")
    assert r.code == 2
    assert r.err == "error: profile.yaml: already exists; use --force to overwrite it\n"
    assert (folder / "profile.yaml").read_text() == "mine\n"
    r = run("init", "-o", "profile.yaml", "--force")
    assert r.code == 0, r.err
    assert (folder / "profile.yaml").read_text().startswith("# yaml-language-server:")


def test_schema_line_is_relative_to_the_output_file(folder: Path) -> None:
    (folder / "schema").mkdir()
    (folder / "schema" / "profile.schema.json").write_text("{}")
    (folder / "profiles" / "2025").mkdir(parents=True)
    r = run("init", "-o", "profiles/2025/new.yaml")
    assert r.code == 0, r.err
    first = (folder / "profiles" / "2025" / "new.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/profile.schema.json"
    assert "note:" not in r.err
    r = run("init", "--schema-ref", "https://example.org/profile.schema.json")
    assert r.out.splitlines()[0] == "# yaml-language-server: $schema=https://example.org/profile.schema.json"


def test_missing_schema_file_is_noted(folder: Path) -> None:
    r = run("init")
    assert r.code == 0
    assert "note: the $schema line points at schema/profile.schema.json, which does not exist" in r.err


def test_output_into_missing_folder_is_an_input_error(folder: Path) -> None:
    r = run("init", "-o", "nowhere/profile.yaml")
    assert r.code == 2
    assert "nowhere/profile.yaml: cannot write: the folder 'nowhere' does not exist" in r.err


def test_shipped_profile_schema_is_up_to_date() -> None:
    shipped = ROOT / "schema" / "profile.schema.json"
    expected = json.dumps(json_schema("profile", __version__), indent=2, ensure_ascii=False) + "\n"
    assert shipped.read_text(encoding="utf-8") == expected, (
        "schema/profile.schema.json is stale: regenerate it with `assess schema profile > schema/profile.schema.json`"
    )


def test_the_scaffold_claims_no_un_mission_until_one_is_written_in(folder: Path) -> None:
    # Written out with a TODO name, the section would give every programme left
    # as scaffolded a UN mission called TODO, and the mission items would ask about it.
    assert run("init", "-o", "profile.yaml").code == 0
    text = (folder / "profile.yaml").read_text(encoding="utf-8")
    assert "\n  # un_mission:\n" in text and "\n  un_mission:" not in text
    assert "  # Left out, there is none, and the items that ask about it do not apply;" in text
    assert "    # integrated_structure: unknown\n" in text
    profile, _ = load_profile(folder / "profile.yaml")
    assert profile.context.un_mission is None
    r = run("check", "profile.yaml", "--format", "json")
    status = {i["id"]: i["status"] for i in json.loads(r.out)["items"]}
    assert [status[i] for i in ("LNK-01", "LNK-02", "LNK-03")] == ["not_applicable"] * 3
    # Uncommented as a practitioner would, the section reads as written.
    lines = text.split("\n")
    start = lines.index("  # un_mission:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    #"))
    for i in range(start, end):
        line = lines[i]
        if line == "  # un_mission:" or (line.startswith("    # ") and not line.startswith("    #  ") and ": " in line):
            key = line.replace("# ", "", 1)
            if key.strip().split(":")[0].isidentifier():
                lines[i] = key
    filled = "\n".join(lines).replace('    name: ""', "    name: UNMIL")
    (folder / "mission.yaml").write_text(filled, encoding="utf-8")
    profile, _ = load_profile(folder / "mission.yaml")
    assert profile.context.un_mission is not None and profile.context.un_mission.name == "UNMIL"
    assert profile.context.un_mission.integrated_structure.answer is Answer.unknown
