"""The parsing of option values: each callback turns what the user typed into the
value the command receives, or a usage error (exit 2) worded in the user's language.

:mod:`assess.cli.options` declares the options and names these callbacks; they
live here so that the declarations read as a list.
"""

from __future__ import annotations

import datetime as dt

import click

from assess.i18n import _


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` -> a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            _("'{value}' is not a date of the form YYYY-MM-DD").format(value=value), ctx, param
        ) from None


def approach_thresholds(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, float]:
    """``APPROACH=N`` (repeated) -> the threshold of each approach, by its name."""
    from assess.core.gates import GateSyntaxError, parse_approach_threshold
    from assess.reporters.labels import gate_syntax_message

    out: dict[str, float] = {}
    for text in values:
        try:
            approach, value = parse_approach_threshold(text)
        except GateSyntaxError as e:
            raise click.BadParameter(gate_syntax_message(e), ctx, param) from None
        out[approach.value] = value
    return out


def docs_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An absolute http(s) URL, kept as given: SARIF's helpUri must be absolute."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        example = "https://github.com/OWNER/assess/blob/COMMIT_SHA/docs/checklists/"
        raise click.BadParameter(
            _("expected the absolute http(s) address of the docs/checklists/ folder, e.g. {example}").format(
                example=example
            ),
            ctx,
            param,
        )
    return value if value.endswith("/") else value + "/"


def stale_after(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """``--stale-after``: DAYS, ``Nd`` or ``Ny`` (years of 365 days) -> days."""
    if value is None:
        return None
    text = value.strip().lower()
    scale = 1
    if text.endswith(("y", "d")):
        scale = 365 if text[-1] == "y" else 1
        text = text[:-1].strip()
    if not text.isdigit() or int(text) < 1:
        raise click.BadParameter(
            _(
                "'{value}' is not an age; write a number of days (730), of days with 'd' (730d) or of years with 'y' (2y)"
            ).format(value=value),
            ctx,
            param,
        )
    return int(text) * scale
