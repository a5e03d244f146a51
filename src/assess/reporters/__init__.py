"""Reporters: each output format is a view of the same result documents.

``REPORTER_BY_NAME`` maps a ``--format`` name to a function that turns a list
of :class:`~assess.core.result.Assessment` into text. Renderers that need
heavy libraries (the PDF) are not here: scoring commands never import them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assess.core.result import Assessment
from assess.reporters import json_report, text

Reporter = Callable[[Sequence[Assessment], bool], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
}
