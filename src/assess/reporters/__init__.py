"""Reporters: each output format is a view of the same result documents.

One protocol per kind of document, one registry keyed by the names in
:mod:`assess.reporters.names`:

- :class:`CheckReporter`: ``render(assessments, color, context)`` turns the
  result documents of ``assess check`` (with the run's gates, baseline
  changes and warnings, :class:`~assess.reporters.context.RunContext`) into
  text. :func:`check_reporter` gives the one for a ``--format`` name.
- :class:`PortfolioReporter`: a portfolio document as pieces of text
  (:func:`portfolio_reporter`); JSON comes in many pieces, so that a large
  portfolio is never held as one string.

Each entry imports its module when it is asked for: a run pays only for the
format it prints, and importing this package imports no reporter. Renderers
that need heavy libraries (the PDF) are not here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assess.core.portfolio import Portfolio
    from assess.core.result import Assessment
    from assess.reporters.context import RunContext


class CheckReporter(Protocol):
    """The result documents of one ``assess check`` run as text."""

    def __call__(self, assessments: Sequence[Assessment], color: bool, context: RunContext, /) -> str: ...


class PortfolioReporter(Protocol):
    """A portfolio document as pieces of text, written one after the other."""

    def __call__(self, portfolio: Portfolio, color: bool, /) -> Iterable[str]: ...


def _text() -> CheckReporter:
    from assess.reporters import text

    return text.render


def _json() -> CheckReporter:
    from assess.reporters import json_report

    return json_report.render


def _junit() -> CheckReporter:
    from assess.reporters import junit

    return junit.render


def _sarif() -> CheckReporter:
    from assess.reporters import sarif

    return sarif.render


def _github() -> CheckReporter:
    from assess.reporters import github

    return github.render


def _markdown() -> CheckReporter:
    from assess.reporters import markdown

    return markdown.render


def _gitlab() -> CheckReporter:
    from assess.reporters import gitlab

    return gitlab.render


#: ``--format`` name to a loader of its reporter, in the order of
#: :data:`~assess.reporters.names.CHECK_FORMATS`.
CHECK_REPORTERS: Mapping[str, Callable[[], CheckReporter]] = {
    "text": _text,
    "json": _json,
    "junit": _junit,
    "sarif": _sarif,
    "github": _github,
    "markdown": _markdown,
    "gitlab": _gitlab,
}


def _whole(render: Callable[[Portfolio, bool], str]) -> PortfolioReporter:
    def pieces(portfolio: Portfolio, color: bool, /) -> Iterable[str]:
        return (render(portfolio, color),)

    return pieces


def _portfolio_text() -> PortfolioReporter:
    from assess.reporters import portfolio

    return _whole(portfolio.render_text)


def _portfolio_json() -> PortfolioReporter:
    from assess.reporters import portfolio_json

    def pieces(p: Portfolio, color: bool, /) -> Iterable[str]:
        return portfolio_json.json_chunks(p)

    return pieces


def _portfolio_csv() -> PortfolioReporter:
    from assess.reporters import portfolio

    return _whole(portfolio.render_csv)


def _portfolio_markdown() -> PortfolioReporter:
    from assess.reporters import portfolio

    return _whole(portfolio.render_markdown)


#: Portfolio ``--format`` name to a loader of its reporter, in the order of
#: :data:`~assess.reporters.names.PORTFOLIO_REPORTS`.
PORTFOLIO_REPORTERS: Mapping[str, Callable[[], PortfolioReporter]] = {
    "text": _portfolio_text,
    "json": _portfolio_json,
    "csv": _portfolio_csv,
    "markdown": _portfolio_markdown,
}


def check_reporter(name: str) -> CheckReporter:
    """The check reporter for the ``--format`` ``name`` (its module imported now)."""
    return CHECK_REPORTERS[name]()


def portfolio_reporter(name: str) -> PortfolioReporter:
    """The portfolio reporter for the ``--format`` ``name`` (its module imported now)."""
    return PORTFOLIO_REPORTERS[name]()


__all__ = [
    "CHECK_REPORTERS",
    "PORTFOLIO_REPORTERS",
    "CheckReporter",
    "PortfolioReporter",
    "check_reporter",
    "portfolio_reporter",
]
