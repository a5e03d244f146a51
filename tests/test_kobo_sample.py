"""The shipped sample KoboToolbox export (examples/kobo/) and the import
workflow of docs/import.md, run verbatim (issue 16)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from action_support import bash
from assess.forms.submissions import read_form
from assess.loading.profiles import load_profile
from paths import EXAMPLES, ROOT

DOC = ROOT / "docs" / "import.md"
KOBO = EXAMPLES / "kobo"
#: The three profiles the sample gives, by file name.
PROFILES = [
    "eastern-districts-clearance-and-risk-education.yaml",
    "emergency-explosive-hazard-response.yaml",
    "national-residual-contamination-programme.yaml",
]


def sample_block() -> str:
    """The first ``sh`` block under "Try it on the sample"."""
    text = DOC.read_text("utf-8")
    section = text[text.index("## Try it on the sample") :]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    assert match
    return match.group(1)


def _bash(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)  # --format auto must not turn into annotations here
    return bash(script, cwd, env, timeout=300)


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The doc's commands, run from a folder laid out as the repository's root."""
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(KOBO, root / "examples" / "kobo")
    return root, _bash(sample_block(), root)


def test_the_docs_workflow_runs_verbatim_on_the_sample(ran: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, proc = ran
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (root / "imported").iterdir()) == PROFILES
    assert "3 profiles written to imported\n" in proc.stderr
    # The doc lists the files it writes.
    for name in PROFILES:
        assert f"imported/{name}" in DOC.read_text("utf-8")
    # check --quiet prints each profile's score line.
    scored = [line for line in proc.stdout.splitlines() if ": overall " in line]
    assert [line.split(":", 1)[0] for line in scored] == [f"imported/{n}" for n in PROFILES]


def test_csv_and_json_give_the_same_profiles(ran: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, proc = ran
    assert proc.returncode == 0, proc.stderr
    for name in PROFILES:
        from_csv = (root / "imported" / name).read_text("utf-8").splitlines()
        from_json = (root / "imported-json" / name).read_text("utf-8").splitlines()
        assert from_csv[0].startswith("# Imported by `assess import` from submissions.csv, row ")
        assert from_json[0].startswith("# Imported by `assess import` from submissions.json, submission ")
        assert from_csv[1:] == from_json[1:]


def test_the_sample_answers_reach_the_profiles(ran: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = ran
    east, _ = load_profile(root / "imported" / PROFILES[0])
    assert east.programme.organisations == ["National Mine Action Centre", "UNMAS", "Northern Demining Trust"]
    assert east.context.un_mission is not None and east.context.un_mission.ssr_mandate.value == "explicit"
    assert east.governance.civilian_oversight.answer.value == "no"
    assert "no ministry or parliamentary committee" in (east.governance.civilian_oversight.evidence or "")
    assert east.people_centred.vetting.answer.value == "unknown"
    emergency, _ = load_profile(root / "imported" / PROFILES[1])
    assert emergency.activities.ssr == []  # "none of these": known to be empty


def test_the_sample_is_an_export_of_the_shipped_form(tmp_path: Path) -> None:
    """Every column of the sample is a question of today's form, a 0/1 column
    of a choice, or KoboToolbox metadata: a renamed field shows here first."""
    from assess.cli import main

    form = tmp_path / "form.xlsx"
    with pytest.raises(SystemExit):
        main(["xlsform", "-o", str(form)])
    spec = read_form(form)
    questions = {q.shown for q in spec.questions}
    meta = {"start", "end", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status"}
    meta |= {"_submitted_by", "__version__", "_tags", "_index"}
    raw = (KOBO / "submissions.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # as KoboToolbox writes it: BOM, CRLF
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    unknown = [h for h in header if h not in questions | meta and h.rsplit("/", 1)[0] not in questions]
    assert unknown == []
    doc = json.loads((KOBO / "submissions.json").read_text("utf-8"))
    assert doc["count"] == len(doc["results"]) == 3
    for record in doc["results"]:
        answers = {k for k in record if not k.startswith("_") and k not in ("start", "end", "formhub/uuid")}
        assert answers - {"meta/instanceID"} <= questions
    assert sorted(p.name for p in KOBO.iterdir()) == ["submissions.csv", "submissions.json"]
