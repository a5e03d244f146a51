"""Facts: one answer about a programme, with optional evidence.

A fact is written either in the short form (``civilian_oversight: yes``) or in
the long form::

    civilian_oversight:
      answer: no
      evidence: The army runs mine action without civilian oversight.
      source: DCAF SSR Paper 15, p. 43
      date: 2015-08-01

Both forms validate into :class:`Fact`. A fact that is absent from a profile is
``unknown``: an evidence gap, never silently "no". A profile written in French
may answer ``oui``, ``partiel``, ``non`` or ``inconnu``: read as the English value.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, WithJsonSchema, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema as cs


class Answer(StrEnum):
    """The answer a profile gives to one fact."""

    yes = "yes"
    partial = "partial"
    no = "no"
    unknown = "unknown"


#: French spellings of the answers, read as the English value they stand for.
ANSWER_ALIASES: dict[str, Answer] = {
    "oui": Answer.yes,
    "partiel": Answer.partial,
    "partielle": Answer.partial,
    "non": Answer.no,
    "inconnu": Answer.unknown,
    "inconnue": Answer.unknown,
}
ANSWER_SPELLINGS: list[str] = [a.value for a in Answer] + list(ANSWER_ALIASES)

#: Order used by comparisons (``ge: partial`` means "partial or yes").
ANSWER_RANK: dict[Answer, int] = {Answer.no: 0, Answer.partial: 1, Answer.yes: 2}


class Fact(BaseModel):
    """One answered question about the programme, with optional evidence."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    answer: Annotated[
        Answer,
        WithJsonSchema(
            {
                "enum": ANSWER_SPELLINGS,
                "description": "yes, partial, no, or unknown (the profile is silent); "
                "in French oui, partiel, non or inconnu.",
            }
        ),
    ] = Field(
        Answer.unknown,
        description="yes, partial, no, or unknown (the profile is silent).",
    )
    evidence: str | None = Field(None, description="What shows the answer, in a sentence or two.")
    source: str | None = Field(None, description="The document the evidence comes from (title, page, link).")
    date: dt.date | None = Field(None, description="When the evidence was true.")
    note: str | None = Field(None, description="Anything an assessor should add.")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        # ``field: yes`` is the short form; YAML 1.2 keeps ``yes`` a string but
        # ``true``/``false`` are booleans, which read naturally as yes/no.
        if isinstance(value, bool):
            return {"answer": "yes" if value else "no"}
        if isinstance(value, str):
            return {"answer": ANSWER_ALIASES.get(value, value)}
        if value is None:
            return {"answer": "unknown"}
        if isinstance(value, dict) and isinstance(value.get("answer"), str) and value["answer"] in ANSWER_ALIASES:
            return {**value, "answer": ANSWER_ALIASES[value["answer"]]}
        if not isinstance(value, dict | Fact):
            raise ValueError(
                "a fact is yes, partial, no or unknown, or a mapping with 'answer' and optional "
                "'evidence', 'source', 'date' and 'note'"
            )
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: cs.CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # Editors must accept the short form too, or they flag every ``: yes``.
        long_form = handler(schema)
        return {
            "anyOf": [
                {"type": "string", "enum": ANSWER_SPELLINGS},
                {"type": "boolean"},
                {"type": "null"},
                long_form,
            ]
        }

    @property
    def known(self) -> bool:
        """True when the profile answers this fact."""
        return self.answer is not Answer.unknown


UNKNOWN = Fact()


def fact(description: str) -> Any:
    """Declare a fact field of a profile section: unknown unless answered."""
    return Field(default=UNKNOWN, description=description)
