"""The output format names, and nothing else.

The CLI's ``--format`` choices come from here, so that ``assess --help``
imports no reporter; the registry in :mod:`assess.reporters` is keyed by the
same names (a test holds them equal).
"""

from __future__ import annotations

#: ``assess check --format``: one reporter each.
CHECK_FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "gitlab")

#: ``assess check --format`` choices: ``auto`` (github under GitHub Actions,
#: else text), then the reporters' names.
CHECK_CHOICES = ("auto", *CHECK_FORMATS)

#: ``assess portfolio --format`` written by a portfolio reporter.
PORTFOLIO_REPORTS = ("text", "json", "csv", "markdown")

#: Formats laid out from a template (HTML, then a PDF): ``assess report`` and
#: the portfolio's cover page.
PAGE_FORMATS = ("pdf", "html")

#: ``assess portfolio --format``: the reporters' formats, then the pages.
PORTFOLIO_FORMATS = (*PORTFOLIO_REPORTS, *PAGE_FORMATS)
