"""Reporters: each output format is a view of the same result documents.

``REPORTER_BY_NAME`` maps a ``--format`` name to a function that turns a list
of :class:`~assess.core.result.Assessment` into text. Renderers that need
heavy libraries (the PDF) are not here: scoring commands never import them.
``RUN_REPORTERS`` holds the formats that also show a CI run's gates and
baseline changes (:class:`RunContext`); the CLI prefers them when it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import import_module
from typing import Any, Generic, TypeVar

from assess.core.result import Assessment
from assess.reporters.context import RunContext

Reporter = Callable[[Sequence[Assessment], bool], str]
RunReporter = Callable[[Sequence[Assessment], bool, RunContext], str]

F = TypeVar("F")


class _Registry(Mapping[str, F], Generic[F]):
    """Names to ``module:function`` paths, imported on first use: a run pays
    only for the format it prints."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths

    def __getitem__(self, name: str) -> F:
        module, function = self._paths[name].split(":")
        found: Any = getattr(import_module(f"assess.reporters.{module}"), function)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


REPORTER_BY_NAME: Mapping[str, Reporter] = _Registry(
    {
        "text": "text:render",
        "json": "json_report:render",
        "junit": "junit:render",
        "sarif": "sarif:render",
        "github": "github:render",
        "markdown": "markdown:render",
    }
)

RUN_REPORTERS: Mapping[str, RunReporter] = _Registry(
    {
        "github": "github:render_run",
        "markdown": "markdown:render_run",
    }
)

__all__ = ["REPORTER_BY_NAME", "RUN_REPORTERS", "Reporter", "RunContext", "RunReporter"]
