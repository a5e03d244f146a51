"""``assess init``: a commented profile scaffold that loads as an all-unknown profile.

Every fact is written out as ``unknown`` with its question beside it (the
profile model's field description) and the checklist items that read it. Other
optional fields are written as comments with a sample value and the allowed
choices, so the scaffold says nothing a checklist could score: it loads, and
``assess check`` gives coverage 0 until someone answers.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import typing
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from assess.core.evaluate import CompiledChecklist, item_key
from assess.core.fields import kind_of, unwrap_optional
from assess.core.profile import Profile

WIDTH = 100

HEADER = """\
# Programme profile for assess (checklists from DCAF SSR Paper 15), written by `assess init`.
# Answer each fact with yes, partial, no or unknown. unknown means the profile is silent:
# an evidence gap, never counted as missed. The long form adds the evidence:
#   civilian_oversight:
#     answer: no
#     evidence: The army runs mine action with no civilian oversight.
#     source: Programme review, 2024, p. 12
#     date: 2024-05-01
# Lines starting with '# key:' are optional fields: uncomment them to answer.
# Check the profile with: assess check THIS_FILE
"""


def _questions(checklists: Sequence[CompiledChecklist]) -> dict[str, list[str]]:
    """Profile path -> 'checklist/ITEM: question' lines of the items that read it."""
    out: dict[str, list[str]] = {}
    for cc in checklists:
        for ci in cc.items:
            fields = [*ci.fields, *ci.caution_fields, *(ci.applies.fields() if ci.applies is not None else [])]
            line = f"{item_key(cc.checklist.id, ci.item.id)}: {' '.join(ci.item.question.split())}"
            for f in dict.fromkeys(fields):
                bucket = out.setdefault(f, [])
                if line not in bucket:
                    bucket.append(line)
    return out


def _comment(text: str, indent: str, prefix: str = "") -> list[str]:
    text = " ".join(text.split())
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=f"{indent}# {prefix}",
        subsequent_indent=f"{indent}#   ",
        break_on_hyphens=False,
    )


def _sample(annotation: Any) -> str:
    """A sample value for a commented-out field."""
    ann = unwrap_optional(annotation)
    if isinstance(ann, tuple):
        return "2020"
    if isinstance(ann, type) and issubclass(ann, Enum):
        return str(next(iter(ann)).value)
    if ann is bool:
        return "true"
    if ann in (int, float):
        return "0"
    if ann is dt.date:
        return "2025-01-31"
    if typing.get_origin(ann) is list:
        (inner,) = typing.get_args(ann)
        if isinstance(inner, type) and issubclass(inner, Enum):
            return "[" + ", ".join(str(e.value) for e in list(inner)[:2]) + "]"
        return "[]"
    return '""'


def _choices(annotation: Any) -> str:
    ann = unwrap_optional(annotation)
    if typing.get_origin(ann) is list:
        (ann,) = typing.get_args(ann)
        prefix = "any of"
    else:
        prefix = "one of"
    if isinstance(ann, type) and issubclass(ann, Enum):
        return f"{prefix}: {', '.join(str(e.value) for e in ann)}"
    return ""


def _has_facts(model: type[BaseModel]) -> bool:
    return any(kind_of(f.annotation).kind == "fact" for f in model.model_fields.values())


def _claims(info: FieldInfo, model: type[BaseModel]) -> bool:
    """Whether writing the optional section ``model`` at all says something: it
    has a field of its own that must be given (a UN mission's name), so the
    section's presence claims the thing exists. Written out with a TODO, it
    would claim that for every programme left as scaffolded."""
    return not info.is_required() and any(f.is_required() for f in model.model_fields.values())


class _Writer:
    def __init__(self, questions: dict[str, list[str]]) -> None:
        self.questions = questions
        self.lines: list[str] = []

    def notes(self, info: FieldInfo, path: str, indent: str) -> None:
        description = info.description
        if description:
            self.lines += _comment(description, indent)
        choices = _choices(info.annotation)
        if choices:
            self.lines += _comment(choices, indent)
        for q in self.questions.get(path, []):
            self.lines += _comment(q, indent, "asked by ")

    def model(self, model: type[BaseModel], prefix: str, depth: int, commented: bool) -> None:
        indent = "  " * depth
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            spec = kind_of(info.annotation)
            top = model is Profile
            if spec.kind == "fact":
                self.notes(info, path, indent)
                self.lines.append(f"{indent}{'# ' if commented else ''}{name}: unknown")
            elif spec.kind == "model" and spec.model is not None:
                claims = _claims(info, spec.model)
                hidden = commented or claims or not (info.is_required() or _has_facts(spec.model))
                self.section(info, spec.model, path, depth, hidden, top, claims and not commented)
            elif spec.kind == "model_list" and spec.model is not None:
                self._gap(top)
                self.notes(info, path, indent)
                self.lines.append(f"{indent}# {name}:")
                self.lines += self._list_example(spec.model, indent)
            elif path == "sources":
                self._gap(top)
                self.notes(info, path, indent)
                self.lines += _sources_example(indent)
            elif info.is_required() and not commented:
                self.notes(info, path, indent)
                self.lines.append(f"{indent}{name}: TODO")
            else:
                self._gap(top)
                self.notes(info, path, indent)
                self.lines.append(f"{indent}# {name}: {_sample(info.annotation)}")

    def _gap(self, top: bool) -> None:
        """A blank line before each top-level section of the profile."""
        if top:
            self.lines.append("")

    def section(
        self,
        info: FieldInfo,
        model: type[BaseModel],
        path: str,
        depth: int,
        commented: bool,
        top: bool,
        claims: bool = False,
    ) -> None:
        """A nested model: its notes, its key, then its own fields one level in;
        with ``claims`` (see :func:`_claims`), a line on leaving it out."""
        indent = "  " * depth
        self._gap(top)
        self.notes(info, path, indent)
        if claims:
            self.lines += _comment(
                "Left out, there is none, and the items that ask about it do not apply; "
                "uncomment it where there is one.",
                indent,
            )
        doc = model.__doc__
        if top and doc and not info.description:
            self.lines += _comment(doc, indent)
        self.lines.append(f"{indent}{'# ' if commented else ''}{path.rsplit('.', 1)[-1]}:")
        self.model(model, f"{path}.", depth + 1, commented)

    def _list_example(self, model: type[BaseModel], indent: str) -> list[str]:
        out = []
        first = True
        for name, info in model.model_fields.items():
            lead = "- " if first else "  "
            first = False
            value = (
                _sample(info.annotation) if not info.is_required() or kind_of(info.annotation).kind != "str" else '""'
            )
            choices = _choices(info.annotation)
            tail = f"  # {choices}" if choices else ""
            out.append(f"{indent}#   {lead}{name}: {value}{tail}")
        return out


def _sources_example(indent: str) -> list[str]:
    """EVIDENCE (issue 18): a commented ``sources`` entry, each key with its choices."""
    from assess.core.profile import Source

    out = [f"{indent}# sources:", f"{indent}#   governance:  # a section (all its facts) or one fact's dotted path"]
    for name, info in Source.model_fields.items():
        sample = "2026-01-31" if name == "date" else _sample(info.annotation)
        choices = _choices(info.annotation)
        out.append(f"{indent}#     {name}: {sample}" + (f"  # {choices}" if choices else ""))
    return out


def scaffold(checklists: Sequence[CompiledChecklist], schema_ref: str | None) -> str:
    """The text of a commented, all-unknown profile for ``checklists``."""
    writer = _Writer(_questions(checklists))
    head = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    lists = ", ".join(f"{cc.checklist.id} {cc.checklist.version}" for cc in checklists)
    head += HEADER + f"# Questions come from the checklists: {lists}.\n"
    writer.model(Profile, "", 0, False)
    body = "\n".join(writer.lines).lstrip("\n")
    return head + "\n" + body + "\n"


__all__ = ["scaffold"]
