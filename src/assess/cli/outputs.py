"""What commands share about their outputs: the format a file's suffix names,
the one wording of the status line that says a file was written, and
``assess check``'s several outputs of one run.

The rule for folders, the same in every command: ``-o FILE`` needs FILE's
folder to exist (else a located error, exit 2, nothing written), while an
output that *is* a folder (``import -o DIR``, ``portfolio --reports-dir``,
``explain --pages``) is created when missing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

from assess.errors import UsageError
from assess.i18n import _

#: The page formats a file suffix names (``assess report -o x.html``).
PAGE_SUFFIXES: Mapping[str, str] = {".pdf": "pdf", ".html": "html", ".htm": "html"}

#: ``assess portfolio -o``: the pages, and the reporters' formats.
PORTFOLIO_SUFFIXES: Mapping[str, str] = {**PAGE_SUFFIXES, ".json": "json", ".csv": "csv", ".md": "markdown"}

#: ``assess check -o``: the formats a suffix names without doubt (``.xml``
#: and ``.json`` could be several of them; ``.json`` is the result document).
CHECK_SUFFIXES: Mapping[str, str] = {".json": "json", ".sarif": "sarif", ".md": "markdown"}


def format_for(output: Path | None, fmt: str, explicit: bool, suffixes: Mapping[str, str] = PAGE_SUFFIXES) -> str:
    """The format to write: the one ``output``'s suffix names, else ``fmt``.
    A ``--format`` given on the command line (``explicit``) that disagrees
    with the suffix is a usage error."""
    named = suffixes.get(output.suffix.lower()) if output is not None else None
    if named is None:
        return fmt
    if explicit and named != fmt and fmt != "auto":
        raise UsageError(
            _(
                "-o {path}: the file's suffix says {named} but --format says {fmt}; drop --format, or make them agree"
            ).format(path=output, named=named, fmt=fmt)
        )
    return named


def format_given(name: str = "fmt") -> bool:
    """True when the current command's option ``name`` was given on the command line."""
    from click.core import ParameterSource

    source = click.get_current_context().get_parameter_source(name)
    return source not in (ParameterSource.DEFAULT, None)


def written(line: str, detail: str | None = None) -> None:
    """A status line on stderr, every one worded ``<What> written to <path>``
    (a msgid each, so that a language can make the words agree) with an
    optional ``(<detail>)``."""
    click.echo(line + (f" ({detail})" if detail else ""), err=True)


def parse_output_formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, Path]]:
    """``assess check --output-format FORMAT=FILE`` (repeated) -> (format, file) pairs."""
    from assess.reporters.names import CHECK_FORMATS

    out: list[tuple[str, Path]] = []
    for text in values:
        fmt, sep, file = text.partition("=")
        if not sep or not file or fmt not in CHECK_FORMATS:
            raise click.BadParameter(
                _("'{value}' is not FORMAT=FILE with FORMAT one of {formats}").format(
                    value=text, formats=", ".join(CHECK_FORMATS)
                ),
                ctx,
                param,
            )
        out.append((fmt, Path(file)))
    return out


def check_targets(fmt: str, output: Path | None, outputs: Sequence[tuple[str, Path]]) -> list[tuple[str, Path | None]]:
    """Every output of an ``assess check`` run (None: stdout), each file named once and writable."""
    from assess.files import check_writable

    targets: list[tuple[str, Path | None]] = [(fmt, output), *outputs]
    seen: set[Path] = set()
    for _fmt, path in targets:
        if path is None:
            continue
        key = Path(os.path.abspath(path))
        if key in seen:
            raise UsageError(_("the file '{path}' is named by more than one output").format(path=path))
        seen.add(key)
        check_writable(path)  # before the run, so that no output is written when one cannot be
    return targets
