"""What moved since a previous portfolio: the part of a portfolio document that
compares it with an earlier one (``portfolio --previous``).

Kept apart from :mod:`assess.core.trend`, which builds it, so that a portfolio
run that compares nothing does not import the trend's models (or the baseline
diff they use) to declare the one optional field that holds it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScoreMove(_Doc):
    """A score in the earlier and the later assessment; ``scope`` is ``overall`` or an approach."""

    scope: str
    before: float | None
    after: float | None
    change: float | None = Field(description="after - before, rounded to 0.1; null when either is null.")


class ProgrammeRef(_Doc):
    title: str
    country: str
    path: str


class ProgrammeMovement(_Doc):
    """One programme of both portfolios: its scores then and now, and what changed."""

    title: str
    country: str
    path: str = Field(description="The profile in this portfolio.")
    previous_path: str = Field(description="The profile in the previous portfolio.")
    overall: ScoreMove
    approaches: list[ScoreMove]
    newly_missed_synergies: list[str] = Field(description="'checklist/item' ids missed now and not before.")
    synergies_no_longer_missed: list[str]
    new_cautions: list[str]
    cautions_lifted: list[str]


class PortfolioMovement(_Doc):
    """What moved since a previous portfolio, programme by programme."""

    previous: str = Field(description="The previous portfolio document, as given.")
    programmes: list[ProgrammeMovement] = Field(description="Programmes of both, in this portfolio's order.")
    new: list[ProgrammeRef] = Field(description="Programmes of this portfolio only.")
    dropped: list[ProgrammeRef] = Field(description="Programmes of the previous portfolio only.")


__all__ = ["PortfolioMovement", "ProgrammeMovement", "ProgrammeRef", "ScoreMove"]
