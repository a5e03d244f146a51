"""Reading result documents in full: what ``assess check --format json`` wrote.

Unlike a baseline (:mod:`assess.loading.baseline`, which reads only the parts
it compares), a trend or a report's ``--previous`` shows an earlier
assessment's items, cautions and scores, so each document is validated as a
whole :class:`~assess.core.result.Assessment`. A newer *major*
``schema_version`` is refused; every problem is located at file:line:col.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.core.result import Assessment
from assess.core.trend import PreviousPortfolio
from assess.errors import InputError
from assess.loading import yamlsrc
from assess.loading.baseline import MAX_BASELINE_BYTES, _bases, _check_version, _decode, _parse, _positioned
from assess.loading.validate import validate

#: A portfolio document holds one entry (a few kB) per programme.
MAX_PORTFOLIO_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class LoadedResult:
    """One result document of a file, and where its parts sit in the file."""

    assessment: Assessment
    doc: yamlsrc.YamlDoc
    #: The document's data path in the file: () for a lone document, (n,) in an array.
    base: yamlsrc.DataPath

    def position(self, *path: str) -> tuple[int, int]:
        """Line and column of ``path`` inside this document (or of its nearest ancestor)."""
        return self.doc.position((*self.base, *path)) or (1, 1)


def load_results(path: Path) -> list[LoadedResult]:
    """Every result document in ``path`` (one, or a JSON array of them); raise a located InputError."""
    shown = str(path)
    raw = yamlsrc.read_bytes(path, "result document", MAX_BASELINE_BYTES)
    text = _decode(raw, shown)
    data = _parse(text, shown)
    doc = _positioned(raw, text, data, shown)
    if isinstance(data, dict) and data.get("kind") == "portfolio":
        line, col = doc.position(("kind",)) or (1, 1)
        raise InputError.at(
            shown,
            "is a portfolio document; expected a result document of one programme (`assess check --format json`)",
            line,
            col,
        )
    bases = _bases(data, shown)
    for base in bases:
        _check_version(doc, base)
    return [LoadedResult(validate(Assessment, doc, base, what="result document"), doc, base) for base in bases]


def load_portfolio(path: Path) -> PreviousPortfolio:
    """An earlier portfolio document (``assess portfolio --format json``), read for
    the parts a ``--previous`` compares; raise a located InputError."""
    from assess.core.portfolio import PORTFOLIO_SCHEMA_VERSION

    shown = str(path)
    raw = yamlsrc.read_bytes(path, "portfolio document", MAX_PORTFOLIO_BYTES)
    text = _decode(raw, shown)
    data = _parse(text, shown)
    doc = _positioned(raw, text, data, shown)
    if not isinstance(data, dict) or data.get("kind") != "portfolio" or "schema_version" not in data:
        raise InputError.at(
            shown,
            "is not a portfolio document: --previous takes what `assess portfolio --format json -o FILE` wrote",
            1,
            1,
        )
    version = str(data["schema_version"])
    head, ours = version.split(".", 1)[0], PORTFOLIO_SCHEMA_VERSION.split(".", 1)[0]
    if not head.isdigit() or int(head) > int(ours):
        line, col = doc.position(("schema_version",)) or (1, 1)
        raise InputError.at(
            shown,
            f"schema_version {version} is not one this assess reads ({PORTFOLIO_SCHEMA_VERSION} or an earlier 1.x)",
            line,
            col,
        )
    return validate(PreviousPortfolio, doc)
