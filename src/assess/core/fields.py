"""What a profile path holds: the one reading of the profile model's field types.

Conditions check their operands with it, the loader walks it to phrase
validation errors, the form, the scaffold and the result's questions read it.
A path is dotted (``context.un_mission.ssr_mandate``); each step below the
first names a field of the model the step before holds.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from assess.core.facts import Fact


@dataclass(frozen=True)
class FieldSpec:
    """What a profile path holds, so operands can be checked at load time."""

    path: str
    #: fact | enum | enum_list | str | str_list | number | number_or_date | date | bool | model_list | model
    kind: str
    enum: type[Enum] | None = None
    model: type[BaseModel] | None = None


def unwrap_optional(annotation: Any) -> Any:
    """``X`` for ``X | None``; a tuple of the members for a wider union; else ``annotation``."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        return tuple(args)
    return annotation


def build_validators(*models: type[BaseModel]) -> None:
    """Build now the validators and serialisers of ``models`` and of every
    model their fields hold, which the models otherwise build when first
    used (they defer it). A portfolio builds the profile's before it forks
    its workers, rather than once in each, and the portfolio document's while
    the workers start rather than after they finish.

    Each model is built after the models its fields hold, so that its schema
    takes theirs as built. A model built first works out the schemas of
    everything below it, and each of those models then works out its own
    again (the profile's validators took about 40% longer that way)."""
    seen: set[type[BaseModel]] = set()

    def walk(annotation: Any) -> None:
        for arg in typing.get_args(annotation):
            walk(arg)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
            seen.add(annotation)
            for spec in annotation.model_fields.values():
                walk(spec.annotation)
            annotation.model_rebuild()

    for model in models:
        walk(model)


def _kind_of_list(ann: Any) -> FieldSpec:
    (inner,) = typing.get_args(ann)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return FieldSpec("", "enum_list", enum=inner)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return FieldSpec("", "model_list", model=inner)
    return FieldSpec("", "str_list")


def kind_of(annotation: Any) -> FieldSpec:
    """The kind of value a field of type ``annotation`` holds (its ``path`` left empty)."""
    ann = unwrap_optional(annotation)
    if isinstance(ann, tuple):
        if all(a in (int, float, dt.date) for a in ann):
            return FieldSpec("", "number_or_date")
        return FieldSpec("", "str")
    if ann is Fact:
        return FieldSpec("", "fact")
    if isinstance(ann, type) and issubclass(ann, Enum):
        return FieldSpec("", "enum", enum=ann)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return FieldSpec("", "model", model=ann)
    if ann is bool:
        return FieldSpec("", "bool")
    if ann in (int, float):
        return FieldSpec("", "number")
    if ann is dt.date:
        return FieldSpec("", "date")
    if typing.get_origin(ann) is list:
        return _kind_of_list(ann)
    return FieldSpec("", "str")


def resolve_field(model: type[BaseModel], dotted: str) -> FieldSpec:
    """Return what ``dotted`` names in ``model``; raise KeyError with a hint."""
    current: type[BaseModel] = model
    parts = dotted.split(".")
    spec: FieldSpec | None = None
    for i, part in enumerate(parts):
        fields = current.model_fields
        if part not in fields:
            prefix = ".".join(parts[:i])
            raise KeyError(_unknown_field_message(part, prefix, sorted(fields)))
        spec = kind_of(fields[part].annotation)
        if i < len(parts) - 1:
            if spec.kind != "model" or spec.model is None:
                raise KeyError(f"'{'.'.join(parts[: i + 1])}' has no fields below it")
            current = spec.model
    assert spec is not None
    return FieldSpec(dotted, spec.kind, spec.enum, spec.model)


def _unknown_field_message(part: str, prefix: str, choices: Sequence[str]) -> str:
    where = f"'{prefix}'" if prefix else "a profile"
    hint = get_close_matches(part, choices, n=1)
    suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
    return f"{where} has no field '{part}'{suggestion}"


def field_info(model: type[BaseModel], dotted: str) -> FieldInfo | None:
    """The pydantic field ``dotted`` names in ``model``, or None when there is none.

    Unlike :func:`resolve_field`, a step through an optional model
    (``context.un_mission``) or a step that leads nowhere is not an error."""
    current: type[BaseModel] | None = model
    info: FieldInfo | None = None
    for part in dotted.split("."):
        if current is None:
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = kind_of(info.annotation).model
    return info


def question(model: type[BaseModel], dotted: str) -> str | None:
    """The English question a field asks: its description in the model (the
    profile's fact questions are their fields' descriptions), or None."""
    info = field_info(model, dotted)
    return info.description if info is not None else None


__all__ = ["FieldSpec", "field_info", "kind_of", "question", "resolve_field", "unwrap_optional"]
