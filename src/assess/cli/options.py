"""The options more than one command takes, each declared once.

Where two commands word an option's help differently, the help is the
caller's argument; the option's name, type and parsing are here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from assess.i18n import LANGUAGES, _, set_language

F = TypeVar("F", bound=Callable[..., Any])


def _compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several options as one decorator, listed in ``--help`` in this order."""

    def apply(f: F) -> F:
        for decorate in reversed(decorators):
            f = decorate(f)
        return f

    return apply


checklist_option = click.option(
    "--checklist",
    "checklists",
    multiple=True,
    metavar="PATH_OR_ID",
    help="A checklist file or built-in id (repeatable). Default: all built-in checklists.",
)


def use_language(value: str) -> None:
    """Set the language of every message and output; the one place the CLI sets it."""
    set_language(value)


def _set_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    use_language(value)
    return value


#: Eager: the language is set before the other options are read, so their
#: errors are in it too.
lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    envvar="ASSESS_LANG",
    is_eager=True,
    callback=_set_lang,
    help="Language of the output, messages and checklist texts (or set ASSESS_LANG).",
)


def format_option(choices: Sequence[str], default: str) -> Callable[[F], F]:
    """``--format`` (the value reaches the command as ``fmt``)."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True)


def output_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output``: a file or folder path to write."""
    return click.option("-o", "--output", type=click.Path(path_type=Path), required=required, help=help)


def template_dir_option(help: str) -> Callable[[F], F]:
    """``--template-dir``: a folder of templates replacing the built-in ones."""
    return click.option("--template-dir", type=click.Path(path_type=Path), help=help)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            _("'{value}' is not a date of the form YYYY-MM-DD").format(value=value), ctx, param
        ) from None


def date_option(help: str) -> Callable[[F], F]:
    """``--date YYYY-MM-DD``: a report's date."""
    return click.option("--date", "date", callback=_parse_date, metavar="YYYY-MM-DD", help=help)


#: ``--pdf-variant`` choices: WeasyPrint's names (here, not in the renderer, so
#: that reading the command line never imports WeasyPrint).
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")

pdf_variant_option = click.option(
    "--pdf-variant",
    type=click.Choice(PDF_VARIANTS),
    help="Write the PDF as PDF/UA-1 (accessibility) or PDF/A-3b (archiving). Default: a tagged PDF.",
)


def fail_under_option(help: str) -> Callable[[F], F]:
    """``--fail-under N``: the overall-score gate."""
    return click.option("--fail-under", type=click.FloatRange(0, 100), metavar="N", help=help)


def _approach_thresholds(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, float]:
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


#: The gates of ``assess check``, in the order they are judged.
gate_options = _compose(
    fail_under_option("Exit 1 if a profile's overall score is below N (0-100)."),
    click.option(
        "--fail-under-approach",
        "fail_under_approach",
        multiple=True,
        metavar="APPROACH=N",
        callback=_approach_thresholds,
        help="Exit 1 if APPROACH's score is below N (repeatable), e.g. good_governance=60.",
    ),
    click.option(
        "--fail-on-synergy",
        type=click.Choice(["high", "medium", "any"]),
        help="Exit 1 if a synergy of this priority or higher is missed.",
    ),
    click.option(
        "--max-unknown",
        type=click.FloatRange(0, 100),
        metavar="PERCENT",
        help="Exit 1 if more than PERCENT of the applicable items are unknown.",
    ),
)


#: ``--detail`` of a report: the brief and compact findings, or one card per finding as well.
detail_option = click.option(
    "--detail",
    type=click.Choice(("brief", "full")),
    default="brief",
    show_default=True,
    help="brief: the brief, the action plan and compact findings; full: one card per finding as well.",
)


# --- TAILORING ---
#: ``--tailoring FILE``: an organisation's tailoring of the checklists (docs/tailoring.md).
tailoring_option = click.option(
    "--tailoring",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A tailoring file: items deselected, weights and texts changed, the organisation's items added.",
)
