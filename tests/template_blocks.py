"""Cut a part's blocks out of a shipped template, as a user's older template
folder would lack them: every ``{# --- PART --- #}`` … ``{# --- end PART --- #}``."""

from __future__ import annotations

import re


def without_blocks(source: str, part: str) -> str:
    """``source`` with every block of ``part`` removed (a test fails if there is none)."""
    pattern = re.compile(
        r"\{# --- " + re.escape(part) + r" --- #\}.*?\{# --- end " + re.escape(part) + r" --- #\}", re.S
    )
    cut, n = pattern.subn("", source)
    assert n, f"no {part} block in the template"
    return cut
