"""What a CI run adds to the result documents: gate verdicts and changes since a baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assess.core.baseline import ProfileChanges
from assess.core.gates import GateResult


@dataclass(frozen=True)
class RunContext:
    """Gate results (every gate judged, passed or not), baseline changes, warnings."""

    gates: Sequence[GateResult] = field(default_factory=tuple)
    changes: Sequence[ProfileChanges] = field(default_factory=tuple)
    warnings: Sequence[str] = field(default_factory=tuple)
