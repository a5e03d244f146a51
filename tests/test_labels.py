"""One place says every gate, score and baseline-change word: the terminal and
the Markdown summary speak the language of --lang, the machine formats stay English."""

from __future__ import annotations

from pathlib import Path

from ci_support import at_root, check, profile

__all__ = ["at_root"]


def _baseline(tmp_path: Path, name: str) -> Path:
    out = tmp_path / "baseline.json"
    r = check(profile(name), "--format", "json", "-o", str(out))
    assert r.code == 0, r.err
    return out


def test_gate_verdict_is_french_in_the_terminal_and_english_in_github_annotations(tmp_path: Path) -> None:
    base = _baseline(tmp_path, "strong")
    args = (profile("weak"), "--baseline", base, "--fail-under", "50", "--max-unknown", "0")
    english = check(*args, "--format", "github")
    french = check(*args, "--format", "github", "--lang", "fr")
    assert english.code == french.code == 1
    # The workflow command is the same, word for word, whatever the language.
    gate_commands = [line for line in french.out.splitlines() if line.startswith("::error title=assess gate failed")]
    assert gate_commands
    assert gate_commands == [line for line in english.out.splitlines() if line.startswith("::error title=assess gate")]
    assert "overall score 0.0; threshold: 50 (100.0 in the baseline)" in gate_commands[0]
    # The terminal says it in French, with French numbers.
    verdicts = [line for line in french.err_lines if "--fail-under 50" in line]
    assert len(verdicts) == 1
    assert "0,0" in verdicts[0] and "100,0" in verdicts[0]
    assert not verdicts[0].startswith("gate failed")


def test_markdown_summary_words_gates_and_changes_in_the_language_of_lang(tmp_path: Path) -> None:
    base = _baseline(tmp_path, "strong")
    args = (profile("weak"), "--baseline", base, "--fail-under", "50", "--format", "markdown")
    english = check(*args)
    french = check(*args, "--lang", "fr")
    assert f"| `--fail-under 50` | `{profile('weak')}` |" in english.out
    assert "overall score 0.0 | **FAILED** (100.0 in the baseline) |" in english.out
    assert "| overall | 100.0 | 0.0 | -100.0 |" in english.out
    assert "**FAILED**" not in french.out
    assert "| 100,0 | 0,0 | -100,0 |" in french.out


def test_terminal_changes_name_statuses_as_the_result_document_writes_them(tmp_path: Path) -> None:
    base = _baseline(tmp_path, "strong")
    r = check(profile("weak"), "--baseline", base)
    changes = r.err_lines[: r.err_lines.index("  score overall: 100.0 → 0.0 (-100.0)") + 1]
    assert changes[0] == f"changes since the baseline for {profile('weak')}:"
    assert any(line.startswith("  newly missed: ") and line.endswith("(met → missed)") for line in changes)


def test_each_view_keeps_its_own_word_for_a_status() -> None:
    text = check(profile("weak"))
    markdown = check(profile("weak"), "--format", "markdown")
    assert " MISSED " in text.out  # the terminal's status column stands out
    assert "| **missed** |" in markdown.out  # a Markdown cell
    assert "MISSED" not in markdown.out
