"""What a CI run adds to the result documents: gate verdicts and changes since a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.core.baseline import ProfileChanges
from assess.core.gates import GateResult


@dataclass(frozen=True)
class RunContext:
    """Gate results (every gate judged, passed or not), baseline changes, warnings,
    and how the run asked findings to be shown."""

    gates: Sequence[GateResult] = field(default_factory=tuple)
    changes: Sequence[ProfileChanges] = field(default_factory=tuple)
    warnings: Sequence[str] = field(default_factory=tuple)
    #: Annotate unknown items one by one (SARIF results, GitHub notices); by
    #: default they are counted in one note, so that real findings are not
    #: crowded out of the few annotations a CI page shows.
    annotate_unknown: bool = False
    #: GitHub: annotate items met in part one by one; by default they are
    #: counted in one notice, so that a step's annotations are the missed items.
    annotate_partial: bool = False
    #: Where the reference pages of the built-in checklists are published
    #: (an absolute URL of a ``docs/checklists/`` folder, ending in ``/``):
    #: SARIF rules then link there (``helpUri``). None: no link, since a
    #: relative one would point into the user's repository, not assess's.
    docs_url: str | None = None
