"""The options more than one command takes, each declared once.

Where two commands word an option's help differently, the help is the
caller's argument; the option's name and type are here, and the parsing of
its value in :mod:`assess.cli.option_values`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from assess.cli import option_values
from assess.i18n import LANGUAGES, set_language

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


def date_option(help: str) -> Callable[[F], F]:
    """``--date YYYY-MM-DD``: a report's date."""
    return click.option("--date", "date", callback=option_values.parse_date, metavar="YYYY-MM-DD", help=help)


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


#: The gates of ``assess check``, in the order they are judged.
gate_options = _compose(
    fail_under_option("Exit 1 if a profile's overall score is below N (0-100)."),
    click.option(
        "--fail-under-approach",
        "fail_under_approach",
        multiple=True,
        metavar="APPROACH=N",
        callback=option_values.approach_thresholds,
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


#: ``assess schema --draft``: the JSON Schema draft to write.
draft_option = click.option(
    "--draft",
    type=click.Choice(("2020-12", "07")),
    default="2020-12",
    show_default=True,
    help="The JSON Schema draft: 07 for editors that do not read 2020-12 in full (yaml-language-server).",
)


#: ``assess check --docs-url``: where SARIF rules link the built-in items' pages.
docs_url_option = click.option(
    "--docs-url",
    metavar="URL",
    callback=option_values.docs_url,
    help="SARIF: link each built-in item's rule (helpUri) to its page under URL, the address of "
    "docs/checklists/ in the assess repository at the commit you install.",
)


def previous_option(help: str) -> Callable[[F], F]:
    """``--previous FILE``: the programme's (or portfolio's) earlier assessment, to show what moved since."""
    return click.option("--previous", type=click.Path(path_type=Path), metavar="EARLIER", help=help)


# --- PLANS ---


def plan_option(help: str, *, multiple: bool = True) -> Callable[[F], F]:
    """``--plan FILE``: an action plan file (repeatable where several profiles are assessed;
    the value reaches the command as ``plans``, or ``plan`` when it is not repeatable)."""
    name = "plans" if multiple else "plan"
    return click.option("--plan", name, multiple=multiple, type=click.Path(path_type=Path), metavar="FILE", help=help)


#: ``--fail-on-overdue``: the action plan gate of ``assess check``.
fail_on_overdue_option = click.option(
    "--fail-on-overdue",
    is_flag=True,
    help="Exit 1 if an action of a profile's plan (--plan) is overdue on --today.",
)


# --- EVIDENCE (issue 18) ------------------------------------------------------------


#: How old an answer's source may be before the answer is stale.
stale_after_option = click.option(
    "--stale-after",
    "stale_after",
    metavar="DAYS|Ny",
    callback=option_values.stale_after,
    help="An answer whose source (profile 'sources') is older than this is stale: days (730), or years (2y). "
    "Default: 2y.",
)

#: The evidence-strength gate.
min_evidence_option = click.option(
    "--min-evidence",
    "min_evidence",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit 1 if under PERCENT of the answered facts behind the overall score are backed by a document "
    "or by several respondents.",
)


# --- VOICES (issue 18): merging several respondents' submissions on import ---
#: ``assess import --merge-by FIELD --merge-rule RULE --lead-respondent ID``.
merge_options = _compose(
    click.option(
        "--merge-by",
        "merge_by",
        metavar="FIELD",
        help="Merge the submissions that share this column's value (e.g. programme/title) into one "
        "profile that keeps every respondent's answers.",
    ),
    click.option(
        "--merge-rule",
        "merge_rule",
        type=click.Choice(("majority", "cautious", "lead")),
        default="majority",
        show_default=True,
        help="How the answers to a fact are merged: the majority (a tie stays unknown); the most cautious "
        "(no < partial < unknown < yes); or the lead respondent's (--lead-respondent).",
    ),
    click.option(
        "--lead-respondent",
        "lead_respondent",
        metavar="ID",
        help="The respondent whose answers decide under --merge-rule lead: r1, r2... in the order of the export.",
    ),
)


# --- TAILORING ---
#: ``--tailoring FILE``: an organisation's tailoring of the checklists (docs/tailoring.md).
tailoring_option = click.option(
    "--tailoring",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A tailoring file: items deselected, weights and texts changed, the organisation's items added.",
)
