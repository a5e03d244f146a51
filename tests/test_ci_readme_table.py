"""The README's command table names every option of every command, and no
option a command lacks (the CLI is the reference; the table is for people)."""

from __future__ import annotations

import re

import click

from assess.cli import cli
from assess.cli.group import all_commands
from paths import ROOT

README = ROOT / "README.md"


def readme_rows() -> dict[str, str]:
    """The first cell of each row of the README's command table, by command name."""
    text = README.read_text("utf-8")
    start = text.index("| command | what it does |")
    rows: dict[str, str] = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cell = line.split("` |", 1)[0]
        m = re.match(r"\| `assess (\S+)", cell)
        assert m, line
        rows[m.group(1)] = cell
    return rows


def options(command: click.Command) -> list[click.Option]:
    """The options a user types (not --help); for a group (``plan``), its subcommands'."""
    if isinstance(command, click.Group):
        return [o for sub in command.commands.values() for o in options(sub)]
    return [p for p in command.params if isinstance(p, click.Option) and "--help" not in p.opts]


def named(cell: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--?[a-z][a-z-]*", cell))


def proposed_row(name: str, command: click.Command) -> str:
    """How the table could write the command's first cell (for the README)."""
    parts = [f"assess {name}"]
    for p in command.params:
        if isinstance(p, click.Argument):
            parts.append(str(p.human_readable_name).upper() + ("..." if p.nargs == -1 else ""))
    for o in options(command):
        flag = min(o.opts, key=len) if any(len(x) == 2 for x in o.opts) else max(o.opts, key=len)
        if o.is_flag:
            shown = flag
        elif isinstance(o.type, click.Choice):
            choices = "\\|".join(map(str, o.type.choices))
            shown = f"{flag} {choices}"
        else:
            shown = f"{flag} {o.metavar or o.type.name.upper()}"
        parts.append(f"[{shown}{' ...' if o.multiple else ''}]")
    return "`" + " ".join(parts) + "`"


def test_readme_table_matches_the_cli() -> None:
    rows = readme_rows()
    commands = all_commands(cli)
    assert sorted(rows) == sorted(commands)
    problems = []
    for name, command in sorted(commands.items()):
        cell = named(rows[name])
        for o in options(command):
            if not cell & set(o.opts):
                problems.append(f"{name}: the table lacks {'/'.join(o.opts)}")
        known = {x for o in options(command) for x in o.opts}
        problems += [f"{name}: the table names {x}, which the command lacks" for x in sorted(cell - known)]
    assert problems == [], "\n".join(problems)


def test_the_table_check_is_not_vacuous() -> None:
    rows = readme_rows()
    assert "check" in rows and "--fail-under" in named(rows["check"])
    assert named("`assess x [-o FILE] [--lang en\\|fr]`") == {"-o", "--lang"}
