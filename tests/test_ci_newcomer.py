"""What a newcomer trips on first: the report's format following its suffix,
one rule for missing folders, status lines on stderr in one wording, NO_COLOR,
and --help that ends with examples."""

from __future__ import annotations

import io
import re
from pathlib import Path

import click
import pytest

from assess.cli import cli, common
from assess.cli.group import COMMANDS, all_commands
from ci_support import at_root, run
from paths import EXAMPLES

__all__ = ["at_root"]

NEPAL = str(EXAMPLES / "nepal.yaml")


# ---------------------------------------------------------------- report -o x.html


def test_report_format_follows_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "nepal.html"
    r = run("report", NEPAL, "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert r.out == ""
    assert r.err == f"Report written to {out}\n"
    same = tmp_path / "same.HTM"
    assert run("report", NEPAL, "-o", str(same), "--format", "html").code == 0
    assert same.read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("name", "fmt", "named"), [("x.html", "pdf", "html"), ("x.pdf", "html", "pdf")])
def test_a_format_that_contradicts_the_suffix_is_an_error(tmp_path: Path, name: str, fmt: str, named: str) -> None:
    out = tmp_path / name
    r = run("report", NEPAL, "-o", str(out), "--format", fmt)
    assert r.code == 2
    assert r.err == (
        f"error: -o {out}: the file's suffix says {named} but --format says {fmt}; drop --format, or make them agree\n"
    )
    assert not out.exists()


def test_another_suffix_keeps_the_format(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    assert run("report", NEPAL, "-o", str(out), "--format", "html").code == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_check_and_portfolio_follow_the_suffix_too(tmp_path: Path) -> None:
    sarif, md = tmp_path / "a.sarif", tmp_path / "p.md"
    assert run("check", NEPAL, "-o", str(sarif)).code == 0
    assert sarif.read_text("utf-8") == run("check", NEPAL, "--format", "sarif").out
    assert run("portfolio", NEPAL, "-o", str(md)).code == 0
    assert md.read_text("utf-8") == run("portfolio", NEPAL, "--format", "markdown").out
    r = run("check", NEPAL, "-o", str(tmp_path / "x.json"), "--format", "sarif")
    assert r.code == 2
    assert "the file's suffix says json but --format says sarif" in r.err
    # A suffix that names no format keeps --format (text by default); auto gives way to the suffix.
    txt = tmp_path / "findings.txt"
    assert run("check", NEPAL, "-o", str(txt)).code == 0
    assert txt.read_text("utf-8") == run("check", NEPAL).out
    assert run("check", NEPAL, "--format", "auto", "-o", str(sarif)).code == 0


# ---------------------------------------------------------------- missing folders


@pytest.mark.parametrize(
    "args",
    [
        ("check", NEPAL, "-o", "{out}"),
        ("check", NEPAL, "--output-format", "sarif={out}"),
        ("report", NEPAL, "--format", "html", "-o", "{out}"),
        ("portfolio", NEPAL, "--format", "json", "-o", "{out}"),
        ("xlsform", "-o", "{out}"),
        ("init", "-o", "{out}"),
        ("explain", "GOV-01", "-o", "{out}"),
    ],
    ids=lambda a: "-".join(a[:1] + a[-2:-1]),
)
def test_no_command_creates_the_folder_of_an_output_file(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "missing" / "out.file"
    r = run(*[a.format(out=out) for a in args])
    assert r.code == 2
    assert f"cannot write: the folder '{out.parent}' does not exist" in r.err
    assert not out.parent.exists()


def test_output_folders_are_created(tmp_path: Path) -> None:
    pages = tmp_path / "new" / "pages"
    r = run("explain", "--pages", str(pages))
    assert r.code == 0, r.err
    assert (pages / "README.md").is_file()
    assert r.err == f"Reference pages written to {pages}\n"


# ---------------------------------------------------------------- status lines


def test_status_lines_are_on_stderr_in_one_wording(tmp_path: Path) -> None:
    runs = {
        "init": run("init", "-o", str(tmp_path / "p.yaml")),
        "xlsform": run("xlsform", "--checklist", "good-governance", "-o", str(tmp_path / "f.xlsx")),
        "explain": run("explain", "GOV-01", "-o", str(tmp_path / "gov.txt")),
        "report": run("report", NEPAL, "-o", str(tmp_path / "r.html")),
    }
    for name, r in runs.items():
        assert r.code == 0, (name, r.err)
        assert r.out == "", name
        (line,) = [x for x in r.err.splitlines() if " written to " in x]
        assert re.fullmatch(r"[A-Z][a-z]+( [a-z]+)? written to \S+( \(.*\))?", line), line
    assert re.search(r"^Form written to \S+/f\.xlsx \(\d+ fact questions\)$", runs["xlsform"].err, re.M)


# ---------------------------------------------------------------- NO_COLOR


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_color_turns_off_colour_but_not_the_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    tty = _Tty()
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert common.color(tty) and common.terminal(tty)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not common.color(tty)
    assert common.terminal(tty)  # the progress bar's test
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: no-color.org says colour stays
    assert common.color(tty)
    assert not common.color(io.StringIO())


# ---------------------------------------------------------------- --help


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_ends_with_examples(name: str) -> None:
    r = run(name, "--help")
    assert r.code == 0
    lines = r.out.rstrip("\n").splitlines()
    start = lines.index("Examples:")
    examples = [line.strip() for line in lines[start + 1 :]]
    assert 2 <= len(examples) <= 3, examples
    assert all(f"{line} ".startswith(f"assess {name} ") for line in examples), examples
    assert lines.index("Options:") < start  # last, after the options


def test_a_mistyped_command_is_answered_with_the_nearest_names() -> None:
    # Commands are imported when run (assess.cli.group): a name not known
    # still gets every command's name to choose from.
    r = run("chek", "x.yaml")
    assert r.code == 2
    assert "Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)" in r.err


def test_every_command_is_a_command_with_examples() -> None:
    from assess.cli.examples import Command

    commands = all_commands(cli)
    assert sorted(commands) == sorted(COMMANDS)
    assert all(isinstance(c, Command) for c in commands.values() if isinstance(c, click.Command))
    # Each is registered under its own name: what --help lists is what runs.
    assert [c.name for _, c in sorted(commands.items())] == sorted(COMMANDS)
