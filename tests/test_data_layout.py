"""The tests' data lives in one tree, ``tests/data/``, named through ``tests/paths.py``.

A test written against the old layout (``tests/fixtures``, ``tests/cases``,
``tests/bad_inputs``) fails here with the new place, not later with a missing file.
"""

from __future__ import annotations

from pathlib import Path

from paths import DATA, ROOT

TESTS = ROOT / "tests"

#: Where each old folder went.
MOVED = {
    "tests/fixtures/ci": "tests/data/ci (paths.CI; ci_support.CI_DIR in messages)",
    "tests/fixtures/i18n": "tests/data/i18n (paths.I18N)",
    "tests/fixtures/sarif-schema-2.1.0.json": "tests/data/sarif-schema-2.1.0.json (paths.SARIF_SCHEMA)",
    "tests/fixtures": "tests/data",
    "tests/cases/expected.yaml": "tests/data/example_verdicts.yaml (paths.EXAMPLE_VERDICTS)",
    "tests/bad_inputs": "tests/data/bad_inputs (paths.BAD_INPUTS)",
    '/ "fixtures"': "paths.CI, paths.I18N or paths.SARIF_SCHEMA",
    '/ "bad_inputs"': "paths.BAD_INPUTS",
    '/ "cases"': "paths.EXAMPLE_VERDICTS",
}


def test_tests_hold_modules_and_one_data_tree() -> None:
    folders = sorted(p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == [DATA.name]


def test_no_test_names_an_old_data_folder() -> None:
    found = []
    for path in sorted(TESTS.glob("*.py")):
        if path.name in ("paths.py", Path(__file__).name):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            old = next((old for old in MOVED if old in line), None)
            if old is not None:
                found.append(f"{path.name}:{number}: {old} is now {MOVED[old]}")
    assert found == [], "\n".join(found)
