"""``assess schema``: print a document's JSON Schema."""

from __future__ import annotations

import json

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command


@click.command(cls=Command, examples=["assess schema profile > schema/profile.schema.json", "assess schema result"])
@click.argument("which", type=click.Choice(["profile", "checklist", "result", "portfolio", "tailoring"]))
def schema(which: str) -> int:
    """Print the JSON Schema of a profile, a checklist, a result, a portfolio or a tailoring document."""
    from assess.core.schemas import json_schema

    click.echo(json.dumps(json_schema(which), indent=2, ensure_ascii=False))
    return EXIT_OK
