"""Validate YAML data against a pydantic model, with located messages.

pydantic reports error locations as paths through the model, which may carry
extra steps (validator names, union members). They are mapped back onto the
data paths the YAML walk recorded, so each message names file:line:column of
the offending key or value.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assess.core.facts import Answer, Fact
from assess.core.fields import kind_of
from assess.core.profile import ActorRole, Extent, Phase, TreatyStatus
from assess.errors import InputError, Problem
from assess.i18n import N_, _
from assess.loading.yamlsrc import DataPath, YamlDoc

M = TypeVar("M", bound=BaseModel)

#: What a text field may not hold: the C0 and C1 control characters and DEL,
#: except tab and newline. They would reach terminals (escape sequences), CI
#: logs and reports; YAML and JSON escapes ("\\e", "\\u001b") can spell them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_message(text: str, key: bool = False) -> str | None:
    """The problem with ``text`` (a key, with ``key``) if it holds a control
    character other than tab and newline, else None."""
    bad = CONTROL.search(text)
    if bad is None:
        return None
    message = (
        _("a key holds the control character U+{code}; keys and texts may hold tab and newline but no other")
        if key
        else _("holds the control character U+{code}; a text may hold tab and newline but no other control character")
    )
    return message.format(code=f"{ord(bad.group()):04X}")


def _texts(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str, bool]]:
    """Every key and text in ``data``: (path, text, is a key)."""
    if isinstance(data, str):
        yield path, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, (*path, i))


def check_controls(doc: YamlDoc, data: Any, base: DataPath = ()) -> None:
    """Refuse, with its location, every key or text of ``data`` (the part of
    ``doc`` at ``base``) that holds a control character other than tab and newline."""
    problems = []
    for path, text, is_key in _texts(data, base):
        message = control_message(text, is_key)
        if message is None:
            continue
        pos = doc.position(path, prefer_key=is_key)
        # A bad key is named by where it is, never by itself.
        where = dotted(path[:-1] if is_key else path)
        shown = f"{where}: {message}"
        problems.append(Problem(doc.path, pos[0] if pos else None, pos[1] if pos else None, shown))
    if problems:
        raise InputError(problems)


def data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """Follow a pydantic error location through ``data``, skipping steps that
    are not in the data (validator and union-member names)."""
    out: list[str | int] = []
    current: Any = data
    for step in loc:
        if isinstance(current, dict) and isinstance(step, str) and step in current:
            out.append(step)
            current = current[step]
        elif isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current):
            out.append(step)
            current = current[step]
    return tuple(out)


def model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path``."""
    current: type[BaseModel] | None = model
    for step in path:
        if current is None:
            return None
        if isinstance(step, int):
            continue
        info = current.model_fields.get(step)
        if info is None:
            return None
        spec = kind_of(info.annotation)
        if spec.kind == "fact":
            current = Fact
        else:
            current = spec.model if spec.kind in ("model", "model_list") else None
    return current


def dotted(path: DataPath) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def _message(model: type[BaseModel], doc: YamlDoc, err: Any, path: DataPath) -> tuple[str, bool]:
    """A plain-language message for one pydantic error; bool: point at the key."""
    del doc
    kind = err["type"]
    if kind == "extra_forbidden":
        return _unknown_key(model, err, path), True
    if kind == "missing":
        where = f"'{dotted(path)}'" if path else _("the top level")
        return _("{where} is missing the required key '{key}'").format(where=where, key=err["loc"][-1]), True
    return _value_message(err, dotted(path)), False


def _unknown_key(model: type[BaseModel], err: Any, path: DataPath) -> str:
    """A key the model does not have, with the closest one it does (or all of them)."""
    parent = path[:-1]
    owner = model_at(model, parent)
    name = str(path[-1]) if path else str(tuple(err["loc"])[-1])
    where = _("in '{path}'").format(path=dotted(parent)) if parent else _("at the top level")
    hint = ""
    if owner is not None:
        close = difflib.get_close_matches(name, list(owner.model_fields), n=1)
        hint = (
            _("; did you mean '{name}'?").format(name=close[0])
            if close
            else _("; expected one of: {names}").format(names=", ".join(owner.model_fields))
        )
    return _("unknown key '{name}' {where}{hint}").format(name=name, where=where, hint=hint)


_DATE_ERRORS = frozenset({"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"})


def _value_message(err: Any, field: str) -> str:
    """A value the model refuses, said about ``field``."""
    kind = err["type"]
    ctx = err.get("ctx", {})
    shown = _show(err.get("input"))
    if kind == "enum":
        return _enum_message(err, field, shown)
    if kind in _DATE_ERRORS:
        return _("{field}: {value} is not a date; write it as YYYY-MM-DD").format(field=field, value=shown)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("{field}: must not be empty").format(field=field)
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        text = _("{field}: needs at least 1 entry") if need == 1 else _("{field}: needs at least {count} entries")
        return text.format(field=field, count=need)
    if kind == "greater_than_equal":
        return _("{field}: must be {bound} or more, not {value}").format(
            field=field, bound=_bound(ctx.get("ge")), value=shown
        )
    if kind == "less_than_equal":
        return _("{field}: must be {bound} or less, not {value}").format(
            field=field, bound=_bound(ctx.get("le")), value=shown
        )
    if kind in _EXPECTED:
        return _("{field}: expected {what}, not {value}").format(field=field, what=_(_EXPECTED[kind]), value=shown)
    return _pydantic_message(kind, err["msg"], field, shown)


def _bound(value: Any) -> Any:
    """A bound as written in a file: 10, not 10.0."""
    return f"{value:g}" if isinstance(value, float) else value


def _values(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(e.value for e in enum)


#: Words a practitioner writes for a choice, read for what they mean before
#: spelling is (:func:`_hint`): spelt alone, 'high' is nearest 'light' and
#: 'state_party' nearest 'not_party'. Only words whose meaning is plain.
_MEANT: dict[frozenset[str], dict[str, StrEnum]] = {
    _values(Extent): {
        "low": Extent.light,
        "small": Extent.light,
        "minor": Extent.light,
        "basse": Extent.light,
        "moderate": Extent.medium,
        "modérée": Extent.medium,
        "moderee": Extent.medium,
        "high": Extent.heavy,
        "élevée": Extent.heavy,
        "elevee": Extent.heavy,
    },
    _values(TreatyStatus): {
        "state_party": TreatyStatus.party,
        "state party": TreatyStatus.party,
        "ratified": TreatyStatus.party,
        "acceded": TreatyStatus.party,
        "ratifié": TreatyStatus.party,
        "ratifie": TreatyStatus.party,
        "signed": TreatyStatus.signatory,
        "signé": TreatyStatus.signatory,
        "signe": TreatyStatus.signatory,
        "withdrew": TreatyStatus.withdrawn,
        "denounced": TreatyStatus.withdrawn,
    },
    _values(Answer): {
        "mostly": Answer.partial,
        "somewhat": Answer.partial,
        "in part": Answer.partial,
        "in_part": Answer.partial,
        "partiellement": Answer.partial,
        "unclear": Answer.unknown,
        "not known": Answer.unknown,
        "not_known": Answer.unknown,
        "tbd": Answer.unknown,
    },
    _values(ActorRole): {
        "army": ActorRole.armed_forces,
        "military": ActorRole.armed_forces,
        "armée": ActorRole.armed_forces,
        "armee": ActorRole.armed_forces,
        "unmas": ActorRole.un,
        "united nations": ActorRole.un,
        "un agency": ActorRole.un,
    },
    _values(Phase): {
        "humanitarian": Phase.emergency,
        "recovery": Phase.reconstruction,
    },
}
_EXTENTS = _values(Extent)
_NOT_KNOWN = frozenset({"unknown", "inconnu", "inconnue", "not known"})


def _hint(given: object, options: list[str]) -> str:
    """What the writer of an unknown choice probably meant, as the end of the message."""
    if not isinstance(given, str):
        return ""
    choices = frozenset(options)
    word = given.strip().lower()
    meant = _MEANT.get(choices, {}).get(word)
    if meant is not None:
        return _("; did you mean '{name}'?").format(name=meant.value)
    written = "_".join(word.replace("-", " ").split())  # 'NGO', 'not party', 'sub-national'
    if written in choices:
        return _("; did you mean '{name}'?").format(name=written)
    if choices == _EXTENTS and word in _NOT_KNOWN:
        return _(
            "; leave the field out where it is not known, or write 'present' where there is some"
            " but its extent is not known"
        )
    close = difflib.get_close_matches(given, options, n=1)
    return _("; did you mean '{name}'?").format(name=close[0]) if close else ""


def _enum_message(err: Any, field: str, shown: str) -> str:
    expected = err.get("ctx", {}).get("expected", "")
    options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
    hint = _hint(err.get("input"), options)
    expected = expected.replace(" or ", _(" or "))
    return _("{field}: {value} is not allowed; expected {expected}{hint}").format(
        field=field, value=shown, expected=expected, hint=hint
    )


def _pydantic_message(kind: str, msg: str, field: str, shown: str) -> str:
    """pydantic's own words, for the errors this module has none for."""
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"{field}: {msg[0].lower() + msg[1:]}, not {shown}"
    if kind == "value_error":
        return f"{field}: {msg.removeprefix('Value error, ')}"
    return f"{field}: {msg[0].lower() + msg[1:]} (found {shown})"


_EXPECTED = {
    "model_type": N_("a mapping of keys"),
    "model_attributes_type": N_("a mapping of keys"),
    "dict_type": N_("a mapping of keys"),
    "list_type": N_("a list"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "string_type": N_("text"),
}


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("an empty value")
    if isinstance(value, bool):  # as written in YAML, not Python's True/False
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


#: Kinds of file by a top-level key only they have: spots a file given in the wrong place.
_SIGNATURES = {
    "schema_version": "result document",
    "programme": "profile",
    "waivers": "list of waivers",
    "items": "checklist",
    "action_plan": "plan",
    "tailoring": "tailoring",
}


_WRONG_KIND = "looks like a {kind} ('{key}' at the top level), not a {what}"


def _wrong_kind(model: type[BaseModel], doc: YamlDoc, data: dict[str, Any], what: str) -> Problem | None:
    """One problem when ``data`` shares no key with ``model`` and looks like another kind of file."""
    if set(data) & set(model.model_fields):
        return None
    for key, kind in _SIGNATURES.items():
        if key in data and kind != what:
            line, col = doc.position((key,), prefer_key=True) or (1, 1)
            return Problem(doc.path, line, col, _WRONG_KIND.format(kind=kind, key=key, what=what))
    return None


def is_another_kind(problems: Sequence[Problem], what: str) -> bool:
    """True when ``problems`` are only that the file is recognisably another
    kind of document (a checklist, a tailoring, a plan …) than a ``what``."""
    told = {_WRONG_KIND.format(kind=kind, key=key, what=what) for key, kind in _SIGNATURES.items() if kind != what}
    return len(problems) == 1 and problems[0].message in told


def validate(model: type[M], doc: YamlDoc, base: DataPath = (), what: str | None = None) -> M:
    """Validate ``doc.data`` (or the part at ``base``) as ``model``, a ``what``
    (named when a file of another kind is recognised)."""
    data = doc.data
    for step in base:
        data = data[step]
    if not isinstance(data, dict):
        line, col = doc.position(base) or (1, 1)
        raise InputError.at(
            doc.path, _("expected a mapping of keys, found {value}").format(value=_show(data)), line, col
        )
    wrong = _wrong_kind(model, doc, data, what) if what is not None else None
    if wrong is not None:
        raise InputError([wrong])
    if doc.may_hold_control:
        check_controls(doc, data, base)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors(include_url=False):
            path = (*base, *data_path(data, tuple(err["loc"])))
            message, at_key = _message(model, doc, err, path[len(base) :])
            pos = doc.position(path, prefer_key=at_key)
            problems.append(Problem(doc.path, pos[0] if pos else None, pos[1] if pos else None, message))
        raise InputError(problems) from None
