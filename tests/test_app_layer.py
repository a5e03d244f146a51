"""The application layer and the reporter registry, as a user notices them:
one report whichever command writes it, a run that pays only for its format,
errors in the chosen language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assess.app.check import run_check
from assess.core.gates import Gates
from assess.reporters import CHECK_REPORTERS, PORTFOLIO_REPORTERS
from assess.reporters.names import CHECK_FORMATS, PAGE_FORMATS, PORTFOLIO_FORMATS
from portfolio_helpers import run_assess

ROOT = Path(__file__).resolve().parent.parent
NEPAL = ROOT / "examples" / "nepal.yaml"

REPORTER_MODULES = ("text", "json_report", "junit", "sarif", "github", "markdown", "portfolio")


def loaded_reporters(*args: str) -> set[str]:
    """The reporter modules a fresh ``assess ARGS`` process imports."""
    script = (
        "import sys\n"
        "from assess.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(m for m in {REPORTER_MODULES!r} if 'assess.reporters.' + m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(done.stderr.strip().splitlines()[-1].split()) if done.stderr.strip() else set()


def test_the_format_names_are_the_registries_keys() -> None:
    assert tuple(CHECK_REPORTERS) == CHECK_FORMATS
    assert (*PORTFOLIO_REPORTERS, *PAGE_FORMATS) == PORTFOLIO_FORMATS


def test_help_imports_no_reporter_and_a_check_only_its_own() -> None:
    assert loaded_reporters("--help") == set()
    assert loaded_reporters("check", "--help") == set()
    assert loaded_reporters("check", str(NEPAL), "--format", "json") == {"json_report"}
    assert loaded_reporters("check", str(NEPAL), "--format", "sarif") == {"sarif"}  # reporters share only labels


def test_run_check_returns_the_run_and_prints_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    run = run_check([NEPAL, missing], gates=Gates(fail_under=100))
    assert [a.profile.path for a in run.assessments] == [str(NEPAL)]
    assert [p.path for p in run.problems] == [str(missing)]
    assert run.gate_failed
    assert [g.gate for g in run.gates] == ["--fail-under 100"]
    assert capsys.readouterr() == ("", "")


def test_the_language_is_stamped_on_every_result(tmp_path: Path) -> None:
    run = run_check([NEPAL], lang="fr")
    assert run.assessments[0].language == "fr"
    code, out, _ = run_assess(["check", str(NEPAL), "--format", "json", "--lang", "fr"], tmp_path)
    assert code == 0 and '"language": "fr"' in out


@pytest.mark.parametrize("command", ["portfolio", "report", "check"])
def test_a_missing_output_folder_is_one_translated_error(command: str, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.txt"
    code, out, err = run_assess([command, str(NEPAL), "-o", str(target), "--lang", "fr"], tmp_path)
    assert code == 2 and out == ""
    # The spacing is French typography's business; the words and the place are this test's.
    assert err.count("\n") == 1 and f"{target}: écriture impossible" in err
    assert str(target.parent) in err and "n’existe pas" in err


@pytest.mark.slow
def test_assess_report_and_the_portfolio_write_the_same_report(tmp_path: Path) -> None:
    one = tmp_path / "one.pdf"
    code, _, err = run_assess(["report", str(NEPAL), "-o", str(one), "--date", "2020-01-02"], tmp_path)
    assert code == 0, err
    reports = tmp_path / "reports"
    code, _, err = run_assess(
        ["portfolio", str(NEPAL), "--reports-dir", str(reports), "--date", "2020-01-02", "--jobs", "1", "-o", "p.json"],
        tmp_path,
    )
    assert code == 0, err
    assert (reports / "nepal.pdf").read_bytes() == one.read_bytes()
