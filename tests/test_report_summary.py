"""The executive summary counts missed synergies and those met in part apart."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from paths import EXAMPLES


def _summary(profile: str, lang: str, tmp_path: Path) -> str:
    out = tmp_path / "r.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "assess",
            "report",
            str(EXAMPLES / profile),
            "--format",
            "html",
            "--lang",
            lang,
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    text = re.sub(r"<[^>]+>", "", out.read_text("utf-8"))
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("profile", "lang", "expected"),
    [
        # Liberia: LNK-02 is met only in part; nothing is missed outright.
        (
            "liberia.yaml",
            "en",
            "finds no missed synergy between security sector reform and mine action, 1 synergy met only in part, 1 caution",
        ),
        ("liberia.yaml", "fr", "1 synergie réalisée en partie seulement"),
        # Nepal: three synergies missed (GOV-01, LNK-12, GOV-02), one met in part (GOV-09).
        (
            "nepal.yaml",
            "en",
            "finds 3 missed synergies between security sector reform and mine action, 1 synergy met only in part",
        ),
    ],
)
def test_summary_keeps_partial_apart_from_missed(profile: str, lang: str, expected: str, tmp_path: Path) -> None:
    assert expected in _summary(profile, lang, tmp_path)
