"""The JSON view: the versioned result document itself."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assess.core.result import Assessment

if TYPE_CHECKING:
    from assess.reporters.context import RunContext  # the protocol's third argument, unused here


def document(assessment: Assessment) -> dict[str, Any]:
    """The result document as JSON-ready data."""
    return assessment.model_dump(mode="json")


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """One profile gives one result document; several give a JSON array of them."""
    del color, context
    docs: Any = [document(a) for a in assessments]
    if len(docs) == 1:
        docs = docs[0]
    return json.dumps(docs, indent=2, ensure_ascii=False) + "\n"
