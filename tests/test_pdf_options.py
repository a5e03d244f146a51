"""``--pdf-variant`` and ``--embed`` on the command line: what is refused, before anything is laid out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from paths import PDF_DATA

PROFILE = PDF_DATA / "small.yaml"


@pytest.mark.parametrize("command", ["report", "portfolio"])
def test_an_unknown_variant_is_a_usage_error(assess: Callable[..., Run], tmp_path: Path, command: str) -> None:
    target = tmp_path / "out.pdf"
    result = assess(command, PROFILE, "--format", "pdf", "--pdf-variant", "pdf/x-4", "-o", target)
    assert result.code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--pdf-variant': 'pdf/x-4' is not one of 'pdf/ua-1', 'pdf/a-3b'.\n"
    )
    assert "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("option", [["--embed"], ["--pdf-variant", "pdf/ua-1"]])
def test_pdf_options_with_an_html_report_are_refused(
    assess: Callable[..., Run], tmp_path: Path, option: list[str]
) -> None:
    target = tmp_path / "out.html"
    result = assess("report", PROFILE, "--format", "html", *option, "-o", target)
    assert result.code == 2
    assert result.stderr.endswith("\nError: --embed and --pdf-variant apply to a PDF only (--format pdf).\n")
    assert not target.exists()


def test_the_renderer_and_the_command_line_know_the_same_variants() -> None:
    from assess.cli.options import PDF_VARIANTS
    from assess.render.pdf import VARIANTS

    assert PDF_VARIANTS == VARIANTS


def test_extract_is_a_command(assess: Callable[..., Run]) -> None:
    result = assess("--help")
    assert "extract" in result.stdout
