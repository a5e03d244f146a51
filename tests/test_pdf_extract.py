"""``assess extract`` on bad and hostile PDFs: the exact outcome of each case.

The cases are data (``tests/data/pdf/extract_cases.yaml``); the PDFs they need
are made here with pikepdf (a blank page carrying the named files), so no
report is rendered and the lane stays fast. Attachment names are what a
hostile PDF controls: nothing may be written outside the output folder, and a
refused name stops the whole extraction before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from ruamel.yaml import YAML

from conftest import Run
from paths import PDF_DATA

CASES: list[dict[str, Any]] = YAML(typ="safe").load((PDF_DATA / "extract_cases.yaml").read_text("utf-8"))["cases"]


def _pdf_with(path: Path, attachments: list[dict[str, str]]) -> None:
    """A one-page PDF carrying ``attachments`` (each under its name, as the
    name-tree key and the file specification's names alike)."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        for a in attachments:
            pdf.attachments[a["name"]] = pikepdf.AttachedFileSpec(pdf, a["text"].encode("utf-8"), filename=a["name"])
        pdf.save(path)


def _make(given: dict[str, Any], folder: Path) -> None:
    if "pdf" in given:
        _pdf_with(folder / "report.pdf", given["pdf"]["attachments"])
    if "file" in given:
        (folder / given["file"]["name"]).write_text(given["file"]["text"], "utf-8")
    if "folder" in given:
        (folder / given["folder"]).mkdir()
    if "link" in given:  # a symbolic link, made inside the case folder: {name, to}
        link = folder / given["link"]["name"]
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(given["link"]["to"])


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` (relative) with its bytes (None for a folder)."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() or p.is_symlink() else p.read_bytes()
        for p in folder.rglob("*")
    }


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_case(
    case: dict[str, Any], assess: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    work = tmp_path / "case"
    work.mkdir()
    _make(case["given"], work)
    before = _tree(work)
    monkeypatch.chdir(work)
    result = assess(*case["command"])
    assert result.stderr == case["stderr"]
    assert result.code == case["exit"]
    out = work / "out"
    written = {p.name: p.read_text("utf-8") for p in out.iterdir() if not p.is_symlink()} if out.is_dir() else {}
    assert written == case["written"]

    # Nothing else changed: no file outside out/, no temporary file, the inputs as they were.
    def outside_out(tree: dict[str, bytes | None]) -> dict[str, bytes | None]:
        return {k: v for k, v in tree.items() if not (k == "out" and v is None) and not k.startswith("out/")}

    assert outside_out(_tree(work)) == outside_out(before)
    assert {k for k in _tree(work) if k.startswith("out/")} >= {k for k in before if k.startswith("out/")}
    assert [p for p in tmp_path.iterdir() if p != work] == []
    if case["exit"] == 0:
        # In the order the PDF lists them (pikepdf keeps its name tree sorted).
        assert result.stdout.splitlines() == [f"Extracted {Path('out') / name}" for name in sorted(case["written"])]


def test_extract_messages_in_french(
    assess: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _pdf_with(tmp_path / "report.pdf", [])
    monkeypatch.chdir(tmp_path)
    result = assess("extract", "report.pdf", "-o", "out", "--lang", "fr")
    assert result.code == 2
    assert result.stderr.startswith("erreur : report.pdf: ")
    assert "assess report --embed" in result.stderr
    assert not (tmp_path / "out").exists()
