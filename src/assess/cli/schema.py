"""``assess schema``: print a document's JSON Schema."""

from __future__ import annotations

import json

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import draft_option


@click.command(
    cls=Command,
    examples=[
        "assess schema profile > schema/profile.schema.json",
        "assess schema profile --draft 07 > schema/profile.draft-07.schema.json",
        "assess schema result",
    ],
)
@click.argument(
    "which", type=click.Choice(["profile", "checklist", "result", "portfolio", "trend", "plan", "tailoring"])
)
@draft_option
def schema(which: str, draft: str) -> int:
    """Print the JSON Schema of a profile, a checklist, a result, a portfolio or a trend document, an
    action plan or a tailoring file."""
    from assess import __version__
    from assess.core.schemas import json_schema

    click.echo(json.dumps(json_schema(which, __version__, draft), indent=2, ensure_ascii=False))
    return EXIT_OK
