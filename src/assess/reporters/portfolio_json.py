"""The portfolio as JSON: the versioned document itself, written in pieces.

A module of its own (not in :mod:`assess.reporters.portfolio`, the other
views): ``--format json``, what CI reads, imports none of the wording the
other views need (:mod:`assess.reporters.labels`, the gates' and baseline's
words among it, and the Markdown helpers).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from assess.core.portfolio import Portfolio


def render_json(p: Portfolio, color: bool = False) -> str:
    """The portfolio document itself."""
    del color
    return "".join(json_chunks(p))


def _indented(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)


def json_chunks(p: Portfolio) -> Iterator[str]:
    """The text of :func:`render_json`, in pieces: one per programme and per
    synergy. Serialising a portfolio of 10,000 programmes as one string would
    hold it two or three times over (some 40 MB each) at the end of the run."""
    big = ("programmes", "synergies")
    head = p.model_copy(update={name: [] for name in big}).model_dump_json(indent=2)
    for name in big:
        items: list[BaseModel] = getattr(p, name)
        marker = f'\n  "{name}": [],'
        before, found, head = head.partition(marker)
        assert found, f"no top-level {name} in the portfolio document"
        yield before
        if not items:
            yield marker
            continue
        yield f'\n  "{name}": ['
        for n, item in enumerate(items):
            yield ("\n" if n == 0 else ",\n") + _indented(item.model_dump_json(indent=2), "    ")
        yield "\n  ],"
    yield head + "\n"


__all__ = ["json_chunks", "render_json"]
