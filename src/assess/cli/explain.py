"""``assess explain``: print checklist items in full, or write the checklists' reference pages."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assess.cli.common import EXIT_OK
from assess.cli.examples import Command
from assess.cli.options import checklist_option, format_option, lang_option, output_option
from assess.cli.outputs import written
from assess.errors import UsageError
from assess.i18n import _

if TYPE_CHECKING:
    from assess.core.evaluate import CompiledChecklist, CompiledItem


@click.command(
    cls=Command,
    examples=[
        "assess explain GOV-01",
        "assess explain good-governance/GOV-01 --lang fr",
        "assess explain --pages docs/checklists",
    ],
)
@click.argument("items", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every item of the checklists.")
@checklist_option
@format_option(("text", "markdown"), "text")
@output_option("Write to FILE instead of stdout.")
@click.option(
    "--pages",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Write one Markdown page per checklist, and an index (README.md), into DIR (created if missing).",
)
@lang_option
def explain(
    items: tuple[str, ...],
    every: bool,
    checklists: tuple[str, ...],
    fmt: str,
    output: Path | None,
    pages: Path | None,
    lang: str,
) -> int:
    """Print ITEMS (e.g. GOV-01 or good-governance/GOV-01) in full: the question,
    the criteria, where it applies, why it matters, what each side could do,
    the paper's references and the profile fields it reads.
    """
    from assess.files import write_atomic
    from assess.loading.checklists import load_checklists
    from assess.reporters import explain as view

    if pages is not None:
        if items or output is not None:
            raise UsageError(_("--pages writes every item of the checklists, as Markdown; give no ITEMS or -o with it"))
        compiled = load_checklists(checklists, lang)
        pages.mkdir(parents=True, exist_ok=True)
        write_atomic(pages / "README.md", view.index_page(compiled))
        for cc in compiled:
            write_atomic(pages / view.page_name(cc.checklist.id), view.checklist_page(cc))
        written(_("Reference pages written to {path}").format(path=pages))
        return EXIT_OK
    if not items and not every:
        raise UsageError(_("name at least one item (e.g. GOV-01), or give --all"))
    compiled = load_checklists(checklists, lang)
    found = [(cc, ci) for cc in compiled for ci in cc.items] if every else [_find(compiled, key) for key in items]
    if fmt == "markdown":
        if every:
            text = "\n".join(view.checklist_page(cc) for cc in compiled)
        else:
            text = "\n".join(view.item_markdown(cc, ci) for cc, ci in found)
    else:
        text = "\n".join(view.item_text(cc, ci) for cc, ci in found)
    if output is not None:
        write_atomic(output, text)
        written(_("Items written to {path}").format(path=output))
    else:
        click.echo(text, nl=False)
    return EXIT_OK


def _find(compiled: Sequence[CompiledChecklist], key: str) -> tuple[CompiledChecklist, CompiledItem]:
    """The checklist and item ``key`` names (``ID`` or ``CHECKLIST/ID``, any case)."""
    checklist, _sep, item_id = key.rpartition("/")
    # GOV-1 is GOV-01: ids are written with two digits.
    item_id = re.sub(r"-(\d)$", r"-0\1", item_id)
    matches = [
        (cc, ci)
        for cc in compiled
        for ci in cc.items
        if ci.item.id.upper() == item_id.upper() and (not checklist or cc.checklist.id == checklist)
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(f"{cc.checklist.id}/{ci.item.id}" for cc, ci in matches)
        raise UsageError(_("'{key}' names items of several checklists: {names}").format(key=key, names=names))
    known = [f"{cc.checklist.id}/{ci.item.id}" for cc in compiled for ci in cc.items]
    known += [ci.item.id for cc in compiled for ci in cc.items]
    close = difflib.get_close_matches(key.upper(), [k.upper() for k in known], n=1)
    close = [k for k in known if k.upper() in close][:1]
    hint = _("; did you mean '{name}'?").format(name=close[0]) if close else ""
    raise UsageError(_("no checklist has an item '{key}'").format(key=key) + hint)
