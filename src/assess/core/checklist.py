"""The checklist model: versioned, declarative items derived from the paper.

Conditions (``applies_when`` and the ``when`` of each criterion) are kept as
plain data here and compiled by :mod:`assess.core.conditions`, which checks
every operator and every profile field they name.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Approach(StrEnum):
    """The paper's shared approaches, plus operational linkage."""

    national_ownership = "national_ownership"
    good_governance = "good_governance"
    people_centred = "people_centred"
    gender_diversity = "gender_diversity"
    operational_linkage = "operational_linkage"


APPROACH_TITLES: dict[Approach, str] = {
    Approach.national_ownership: "National ownership and capacity development",
    Approach.good_governance: "Good governance",
    Approach.people_centred: "People-centred approach and human rights",
    Approach.gender_diversity: "Gender and diversity",
    Approach.operational_linkage: "Operational linkage",
}


class Kind(StrEnum):
    """practice: a good practice on one side; synergy: a link between SSR and
    mine action; caution: a risk the paper warns about."""

    practice = "practice"
    synergy = "synergy"
    caution = "caution"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Criterion(_Strict):
    text: str = Field(min_length=1, description="What this result means, in words.")
    when: Any = Field(None, description="The condition over profile fields.")


class Criteria(_Strict):
    """met and partial carry a condition; missed is everything else that is known."""

    met: Criterion
    partial: Criterion | None = None
    missed: Criterion

    @model_validator(mode="after")
    def _conditions(self) -> Criteria:
        if self.met.when is None:
            raise ValueError("criteria.met needs a 'when' condition")
        if self.partial is not None and self.partial.when is None:
            raise ValueError("criteria.partial needs a 'when' condition")
        if self.missed.when is not None:
            raise ValueError(
                "criteria.missed takes no 'when': an item is missed when it is "
                "neither met nor partial and the facts it reads are known"
            )
        return self


class Reference(_Strict):
    section: str = Field(min_length=1, description="Section title in the paper.")
    page: int | str = Field(description="Page number (or range such as '32-39').")
    case: str | None = Field(None, description="The paper's case study, if any.")


class Recommendations(_Strict):
    ssr: list[str] = Field(min_length=1, description="What SSR actors could do.")
    mine_action: list[str] = Field(min_length=1, description="What mine action actors could do.")


class CriteriaText(_Strict):
    """The words of each criterion in another language (the conditions stay shared)."""

    met: str = Field(min_length=1)
    partial: str | None = Field(None, min_length=1)
    missed: str = Field(min_length=1)


class ItemTranslation(_Strict):
    """Every text of an item a reader sees, in one other language."""

    title: str = Field(min_length=1)
    question: str = Field(min_length=1)
    weight_reason: str = Field(min_length=1)
    not_applicable_reason: str | None = Field(None, min_length=1)
    criteria: CriteriaText
    ssr_side: str = Field(min_length=1)
    mine_action_side: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    recommendations: Recommendations


class ChecklistTranslation(_Strict):
    title: str = Field(min_length=1)
    description: str | None = Field(None, min_length=1)


LANGUAGE_PATTERN = r"^[a-z]{2}$"

ITEM_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$"


class Item(_Strict):
    id: str = Field(pattern=ITEM_ID_PATTERN, description="Stable id, e.g. GOV-01.")
    approach: Approach
    kind: Kind
    title: str = Field(min_length=1)
    question: str = Field(min_length=1, description="The question a field officer answers.")
    weight: float = Field(gt=0, le=10)
    weight_reason: str = Field(min_length=1)
    applies_when: Any = None
    not_applicable_reason: str | None = None
    criteria: Criteria
    ssr_side: str = Field(min_length=1)
    mine_action_side: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    recommendations: Recommendations
    references: list[Reference] = Field(min_length=1)
    instruments: list[str] = Field(default_factory=list)
    translations: dict[str, ItemTranslation] = Field(
        default_factory=dict,
        description="The item's texts in other languages, keyed by language code (e.g. fr).",
    )

    def localized(self, lang: str) -> Item:
        """This item with its texts in ``lang``, or unchanged if it has none."""
        tr = self.translations.get(lang)
        if tr is None:
            return self
        criteria = self.criteria.model_copy(
            update={
                "met": self.criteria.met.model_copy(update={"text": tr.criteria.met}),
                "missed": self.criteria.missed.model_copy(update={"text": tr.criteria.missed}),
                "partial": (
                    self.criteria.partial.model_copy(update={"text": tr.criteria.partial or self.criteria.partial.text})
                    if self.criteria.partial is not None
                    else None
                ),
            }
        )
        return self.model_copy(
            update={
                "title": tr.title,
                "question": tr.question,
                "weight_reason": tr.weight_reason,
                "not_applicable_reason": tr.not_applicable_reason or self.not_applicable_reason,
                "criteria": criteria,
                "ssr_side": tr.ssr_side,
                "mine_action_side": tr.mine_action_side,
                "rationale": tr.rationale,
                "recommendations": tr.recommendations,
            }
        )

    @model_validator(mode="after")
    def _applicability(self) -> Item:
        if self.applies_when is not None and not self.not_applicable_reason:
            raise ValueError("an item with 'applies_when' needs a 'not_applicable_reason'")
        return self


class Checklist(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=SEMVER_PATTERN)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    description: str | None = None
    languages: list[str] = Field(
        default_factory=lambda: ["en"],
        description="Languages the checklist's texts exist in; English first and always.",
    )
    translations: dict[str, ChecklistTranslation] = Field(default_factory=dict)
    items: list[Item] = Field(min_length=1)

    def localized(self, lang: str) -> Checklist:
        """This checklist with its texts in ``lang`` where a translation exists.

        Texts without a translation stay in English; ``assess lint`` reports
        them for every language the checklist declares.
        """
        if lang == "en":
            return self
        update: dict[str, Any] = {"items": [item.localized(lang) for item in self.items]}
        head = self.translations.get(lang)
        if head is not None:
            update["title"] = head.title
            if head.description is not None:
                update["description"] = head.description
        return self.model_copy(update=update)
