"""JSON Schemas of the documents, for editors and for validation.

Each schema carries an ``$id`` naming the document and its version (the
result and portfolio documents' own ``schema_version``, else the version of
assess), so that an editor or a validator can tell two schemas apart. The id
is an identifier, not an address to fetch: it lives under the reserved
``.invalid`` domain (RFC 2606), since the project has no web host of its own,
and it names no path of the machine that wrote it.

Two drafts: 2020-12, and draft-07 for tools that do not read 2020-12 in full
(yaml-language-server, and so the YAML extension of VS Code and others). The
draft-07 variant is the same schema with ``$defs`` as ``definitions`` and
every ``$ref`` that has sibling keywords (a description, a default) wrapped in
an ``allOf``, since draft-07 ignores a ``$ref``'s siblings: the questions a
user sees on hover are those descriptions.
"""

from __future__ import annotations

import copy
from typing import Any

from assess.core.checklist import Checklist
from assess.core.profile import Profile
from assess.core.result import SCHEMA_VERSION, Assessment

_CONDITION: dict[str, Any] = {
    "description": "A condition: all/any/not, or field/count with one test.",
    "type": "object",
    "oneOf": [
        {"required": ["all"], "properties": {"all": {"type": "array", "items": {"$ref": "#/$defs/Condition"}}}},
        {"required": ["any"], "properties": {"any": {"type": "array", "items": {"$ref": "#/$defs/Condition"}}}},
        {"required": ["not"], "properties": {"not": {"$ref": "#/$defs/Condition"}}},
        {
            "required": ["field"],
            "properties": {
                "field": {"type": "string"},
                "equals": {},
                "in": {"type": "array"},
                "contains": {},
                "exists": {"type": "boolean"},
                "gt": {},
                "ge": {},
                "lt": {},
                "le": {},
            },
            "additionalProperties": False,
        },
        {
            "required": ["count"],
            "properties": {
                "count": {"type": "string"},
                "where": {"$ref": "#/$defs/Condition"},
                "equals": {"type": "integer"},
                "gt": {"type": "integer"},
                "ge": {"type": "integer"},
                "lt": {"type": "integer"},
                "le": {"type": "integer"},
            },
            "additionalProperties": False,
        },
    ],
}


#: The drafts :func:`json_schema` writes, by the name ``assess schema --draft`` takes.
DRAFTS = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "07": "http://json-schema.org/draft-07/schema#",
}

#: What every ``$id`` starts with (see the module docstring).
ID_BASE = "https://assess-ssr-mine-action.invalid/schemas"

#: Keywords of 2020-12 (and 2019-09) that draft-07 does not know; none may be
#: left in a draft-07 variant, where an editor would silently skip them.
_NOT_IN_DRAFT_07 = frozenset(
    {
        "$anchor",
        "$dynamicAnchor",
        "$dynamicRef",
        "$recursiveAnchor",
        "$recursiveRef",
        "$vocabulary",
        "dependentRequired",
        "dependentSchemas",
        "maxContains",
        "minContains",
        "prefixItems",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)

#: Keys whose value maps names to schemas (a name there is not a keyword).
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions")


def schema_id(which: str, version: str, draft: str = "2020-12") -> str:
    """The ``$id`` of a schema: the document, its version and, for draft-07, the draft."""
    suffix = "" if draft == "2020-12" else f".draft-{draft}"
    return f"{ID_BASE}/{which}/{version}/{which}{suffix}.schema.json"


def to_draft_07(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of a 2020-12 ``schema`` written as draft-07 (see the module
    docstring); a 2020-12 keyword draft-07 lacks is a ValueError, since the
    variant would then accept what the original refuses."""
    out: dict[str, Any] = copy.deepcopy(schema)
    if "$defs" in out:
        out["definitions"] = out.pop("$defs")
    # A loop, not recursion: the schemas nest a few levels, but a stack keeps that unbounded.
    stack: list[Any] = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        found = _NOT_IN_DRAFT_07 & node.keys()
        if found:
            raise ValueError(f"draft-07 has no {', '.join(sorted(found))}")
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref.startswith("#/$defs/"):
                ref = "#/definitions/" + ref.removeprefix("#/$defs/")
            if len(node) > 1:
                del node["$ref"]
                node["allOf"] = [{"$ref": ref}, *node.get("allOf", [])]
            else:
                node["$ref"] = ref
        for key, value in node.items():
            if key in _SCHEMA_MAPS and isinstance(value, dict):
                stack.extend(value.values())
            elif key not in ("enum", "const", "default", "examples", "required"):
                stack.append(value)
    return out


def json_schema(which: str, version: str, draft: str = "2020-12") -> dict[str, Any]:
    """The JSON Schema of ``profile``, ``checklist``, ``result`` or ``portfolio``
    in ``draft`` (a key of :data:`DRAFTS`); ``version`` is the version of
    assess, named in the ``$id`` of the profile and checklist schemas."""
    if draft not in DRAFTS:
        raise ValueError(draft)
    if which == "profile":
        schema = Profile.model_json_schema()
        schema["title"] = "assess programme profile"
    elif which == "checklist":
        schema = Checklist.model_json_schema()
        schema["title"] = "assess checklist"
        defs = schema.setdefault("$defs", {})
        defs["Condition"] = _CONDITION
        item = defs["Item"]["properties"]
        for name in ("applies_when", "caution_when"):
            item[name] = {"$ref": "#/$defs/Condition", "description": item[name].get("description", "")}
        defs["Criterion"]["properties"]["when"] = {"$ref": "#/$defs/Condition"}
        when = defs["Recommendation"]["properties"]["when"]
        defs["Recommendation"]["properties"]["when"] = {"$ref": "#/$defs/Condition", "description": when["description"]}
    elif which == "result":
        schema = Assessment.model_json_schema(mode="serialization")
        schema["title"] = "assess result document"
        version = SCHEMA_VERSION
    elif which == "plan":
        from assess.core.plans import PLAN_VERSION, PlanFile

        schema = PlanFile.model_json_schema()
        schema["title"] = "assess action plan"
        version = str(PLAN_VERSION)
    elif which == "portfolio":
        from assess.core.portfolio import PORTFOLIO_SCHEMA_VERSION, Portfolio

        schema = Portfolio.model_json_schema(mode="serialization")
        schema["title"] = "assess portfolio document"
        version = PORTFOLIO_SCHEMA_VERSION
    elif which == "trend":
        from assess.core.trend import TREND_SCHEMA_VERSION, Trend

        schema = Trend.model_json_schema(mode="serialization")
        schema["title"] = "assess trend document"
        version = TREND_SCHEMA_VERSION
    elif which == "tailoring":
        from assess.core.tailoring import Tailoring

        schema = Tailoring.model_json_schema()
        schema["title"] = "assess tailoring"
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(which)
    # $schema and $id first, where a reader of the file looks for them.
    schema = {"$schema": DRAFTS["2020-12"], "$id": schema_id(which, version), **schema}
    if draft == "07":
        schema = to_draft_07(schema)
        schema["$schema"] = DRAFTS["07"]
        schema["$id"] = schema_id(which, version, "07")
    return schema
