"""Reporters: each output format is a view of the same result documents.

``REPORTER_BY_NAME`` maps a ``--format`` name to a function that turns a list
of :class:`~assess.core.result.Assessment` into text. Renderers that need
heavy libraries (the PDF) are not here: scoring commands never import them.
``RUN_REPORTERS`` holds the formats that also show a CI run's gates and
baseline changes (:class:`RunContext`); the CLI prefers them when it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assess.core.result import Assessment
from assess.reporters import github, json_report, junit, markdown, sarif, text
from assess.reporters.context import RunContext

Reporter = Callable[[Sequence[Assessment], bool], str]
RunReporter = Callable[[Sequence[Assessment], bool, RunContext], str]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
}

RUN_REPORTERS: dict[str, RunReporter] = {
    "github": github.render_run,
    "markdown": markdown.render_run,
}

__all__ = ["REPORTER_BY_NAME", "RUN_REPORTERS", "Reporter", "RunContext", "RunReporter"]
