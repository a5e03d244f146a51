"""Issue 12 ("the house"): each module of ``assess.cli`` stays short enough to read
whole; what several commands share lives in a module named for what it holds."""

from __future__ import annotations

import pytest

from paths import ROOT

CLI = ROOT / "src" / "assess" / "cli"
#: A command module longer than this hides its command: split off what it shares.
MAX_LINES = 250


@pytest.mark.parametrize("name", sorted(p.name for p in CLI.glob("*.py")))
def test_each_cli_module_is_under_the_line_limit(name: str) -> None:
    lines = len((CLI / name).read_text("utf-8").splitlines())
    assert lines < MAX_LINES, f"src/assess/cli/{name} has {lines} lines; keep it under {MAX_LINES}"


def test_the_limit_is_measured_on_the_command_modules() -> None:
    # The check above must see the commands, not an empty or moved folder.
    names = {p.name for p in CLI.glob("*.py")}
    assert {"check.py", "portfolio.py", "options.py", "lint.py"} <= names
