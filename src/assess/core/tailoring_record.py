"""The tailoring record a result or portfolio document carries: which tailoring
was applied to a run, and what it changed.

Kept apart from :mod:`assess.core.tailoring` (the tailoring file's model and its
application), so that a run without a tailoring declares the documents' one
optional field that holds it without importing the rest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: A version a tailoring builds on: exact (1.2.0) or a release line (1.2, any 1.2.x).
BUILDS_ON_VERSION_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)(\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?)?$"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BuildsOn(_Doc):
    """One checklist a tailoring adapts, and the version it was written for."""

    checklist: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="The checklist's id, e.g. good-governance.")
    version: str = Field(
        pattern=BUILDS_ON_VERSION_PATTERN,
        description="The version it was written for: exact (1.2.0) or a release line (1.2 matches any 1.2.x).",
    )


ChangeKind = Literal["deselect", "select", "weight", "text", "add"]


class TailoringChange(_Doc):
    """One change a tailoring made to an item."""

    tailoring: str = Field(description="The id of the tailoring of the chain that made it.")
    checklist: str
    item: str
    title: str = Field("", description="The item's title as the run shows it (tailored, in its language).")
    what: ChangeKind = Field(description="deselect, select, weight, text or add.")
    field: str | None = Field(None, description="For a text: title, question, rationale or recommendations.SIDE[N].")
    language: str | None = Field(None, description="For a text: the language it is worded in.")
    base: str | float | None = Field(
        description="The value before the change (a weight, a text, 'selected' or 'deselected'; null for an add)."
    )
    new: str | float | None = Field(description="The value after it.")
    reason: str | None


class TailoringLink(_Doc):
    """One file of the chain."""

    id: str
    version: str
    title: str
    file: str = Field(description="The file as the run named it (relative to the first file's folder for bases).")
    sha256: str


class AddedRef(_Doc):
    """One of the organisation's checklists the chain adds items from."""

    id: str
    version: str
    title: str
    file: str
    sha256: str
    items: list[str]


class TailoringRecord(_Doc):
    """Which tailoring was applied to a run, and what it changed (added in 1.5)."""

    id: str = Field(description="The id of the tailoring named on the command line (the last of the chain).")
    version: str
    title: str = Field(description="Its title, in the document's language where the file translates it.")
    digest: str = Field(
        description="SHA-256 over the SHA-256 of every file of the resolved chain, base first, then the added "
        "checklists, one hex digest per line: the same files give the same digest wherever they lie."
    )
    chain: list[TailoringLink] = Field(description="The files of the chain, base first.")
    builds_on: list[BuildsOn]
    added: list[AddedRef] = Field(default_factory=list)
    changes: list[TailoringChange]


__all__ = [
    "BUILDS_ON_VERSION_PATTERN",
    "AddedRef",
    "BuildsOn",
    "ChangeKind",
    "TailoringChange",
    "TailoringLink",
    "TailoringRecord",
]
