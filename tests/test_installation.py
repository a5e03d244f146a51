"""A broken installation, one whose built-in checklists or templates are
missing: it says so and stops, rather than scoring against no checklist and
passing (which a CI job would take for a green run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_here
from paths import CI, EXAMPLES

NO_CHECKLISTS = (
    "error: this installation of assess has no built-in checklists (its data files are missing): "
    "reinstall it, or name checklist files with --checklist\n"
)
NO_TEMPLATES = (
    "error: this installation of assess has no built-in report templates (its data files are missing): "
    "reinstall it, or give a folder of templates with --template-dir\n"
)
LIBERIA = EXAMPLES / "liberia.yaml"


@pytest.fixture(autouse=True)
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """assess as installed without its data files: both data folders absent."""
    import assess.resources

    monkeypatch.setattr(assess.resources, "_data_dir", lambda name: tmp_path / "missing" / name)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", LIBERIA], NO_CHECKLISTS),
        (["check", LIBERIA, "--format", "json"], NO_CHECKLISTS),
        (["portfolio", EXAMPLES, "--format", "json"], NO_CHECKLISTS),
        (["report", LIBERIA, "-o", "liberia.pdf"], NO_TEMPLATES),
    ],
    ids=["check", "check-json", "portfolio", "report"],
)
def test_missing_data_files_are_an_error_not_an_empty_score(
    args: list[str | Path], message: str, tmp_path: Path
) -> None:
    r = run_here(args, cwd=tmp_path)
    assert (r.code, r.stdout, r.stderr) == (2, "", message)
    assert not (tmp_path / "liberia.pdf").exists()


def test_the_message_is_in_the_language_asked_for(tmp_path: Path) -> None:
    r = run_here(["check", LIBERIA, "--lang", "fr"], cwd=tmp_path)
    assert r.code == 2
    assert r.stderr == (
        "erreur : cette installation d’assess n’a pas de listes de contrôle intégrées (ses fichiers de "
        "données manquent) : réinstallez-la, ou nommez des fichiers de listes de contrôle avec --checklist\n"
    )


def test_the_way_out_it_names_works(tmp_path: Path) -> None:
    r = run_here(["check", CI / "strong.yaml", "--checklist", CI / "checklist.yaml"], cwd=tmp_path)
    assert r.code == 0, r.stderr
    assert "Overall score" in r.stdout
