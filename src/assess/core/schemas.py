"""JSON Schemas of the three documents, for editors and for validation."""

from __future__ import annotations

from typing import Any

from assess.core.checklist import Checklist
from assess.core.profile import Profile
from assess.core.result import Assessment

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


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``profile``, ``checklist``, ``result``, ``portfolio`` or ``tailoring``."""
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
    elif which == "portfolio":
        from assess.core.portfolio import Portfolio

        schema = Portfolio.model_json_schema(mode="serialization")
        schema["title"] = "assess portfolio document"
    elif which == "tailoring":
        from assess.core.tailoring import Tailoring

        schema = Tailoring.model_json_schema()
        schema["title"] = "assess tailoring"
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(which)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
