"""``assess report --embed``: the report carries its profile and its result
document, byte for byte, and ``assess extract`` gives them back, so that a
reader can re-check the scores from the PDF alone.

The report of the small profile is rendered twice for the module (the same
bytes both times), then read back with pikepdf and extracted with assess.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from conftest import Run, run_process
from paths import PDF_DATA

pytestmark = pytest.mark.slow

PROFILE = PDF_DATA / "small.yaml"


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small profile, copied into a fresh folder, and its report made there with --embed."""
    work = tmp_path_factory.mktemp("pdf-embed")
    shutil.copy(PROFILE, work / PROFILE.name)
    for name in ("a.pdf", "b.pdf"):
        run = run_process(["report", PROFILE.name, "--embed", "-o", name], cwd=work)
        assert run.code == 0, run.stderr
    return work, work / "a.pdf"


def test_two_runs_give_the_same_bytes(embedded: tuple[Path, Path]) -> None:
    work, pdf = embedded
    assert pdf.read_bytes() == (work / "b.pdf").read_bytes()


def test_the_pdf_carries_the_profile_and_the_result_document(embedded: tuple[Path, Path]) -> None:
    work, pdf = embedded
    check = run_process(["check", PROFILE.name, "--format", "json"], cwd=work)
    assert check.code == 0, check.stderr
    with pikepdf.open(pdf) as doc:
        files = {name: spec.get_file() for name, spec in doc.attachments.items()}
        assert sorted(files) == ["small.result.json", "small.yaml"]
        assert files["small.yaml"].read_bytes() == PROFILE.read_bytes()
        # The very document `assess check --format json` prints for the profile.
        assert files["small.result.json"].read_bytes().decode("utf-8") == check.stdout
        assert {str(f.mime_type) for f in files.values()} == {"application/yaml", "application/json"}
        # Dated with the report (the profile's assessment date), never the clock.
        for f in files.values():
            assert f.obj.Params.CreationDate == f.obj.Params.ModDate == "D:20160115000000Z"


def _scores(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "overall": doc["overall"],
        "approaches": doc["approaches"],
        "counts": doc["counts"],
        "items": {f"{r['checklist']}/{r['id']}": r["status"] for r in doc["items"]},
    }


def test_extract_gives_back_what_rechecks_to_the_same_scores(
    embedded: tuple[Path, Path], assess: Callable[..., Run], tmp_path: Path
) -> None:
    _, pdf = embedded
    out = tmp_path / "from-the-pdf"
    result = assess("extract", pdf, "-o", out)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["small.result.json", "small.yaml"]
    assert (out / "small.yaml").read_bytes() == PROFILE.read_bytes()
    carried = json.loads((out / "small.result.json").read_text("utf-8"))
    recheck = assess("check", out / "small.yaml", "--format", "json")
    assert recheck.code == 0, recheck.stderr
    assert _scores(json.loads(recheck.stdout)) == _scores(carried)
    assert carried["profile"]["sha256"] == json.loads(recheck.stdout)["profile"]["sha256"]


def test_a_report_without_embed_carries_nothing(tmp_path: Path, assess: Callable[..., Run]) -> None:
    pdf = tmp_path / "plain.pdf"
    run = run_process(["report", str(PROFILE), "-o", str(pdf)])
    assert run.code == 0, run.stderr
    with pikepdf.open(pdf) as doc:
        assert len(doc.attachments) == 0
    result = assess("extract", pdf, "-o", tmp_path / "out")
    assert result.code == 2
    assert "carries no attached files" in result.stderr
    assert not (tmp_path / "out").exists()
