"""The condition language: declarative tests over profile fields, never ``eval``.

A condition is a mapping with one operator::

    all: [COND, ...]            every one holds
    any: [COND, ...]            at least one holds
    not: COND                   it does not hold
    field: PATH  + one test     equals, in, contains, exists, gt, ge, lt, le
    count: PATH  + one bound    equals, gt, ge, lt, le  (optional where: COND)

PATH is a dotted profile path such as ``governance.civilian_oversight`` or
``activities.mine_action``. Facts compare by their answer; ``ge: partial``
means "partial or yes" (no < partial < yes).

Evaluation is three-valued: True, False, or None when the profile is silent
(an unknown fact, a list left out). ``all`` is False as soon as one part is
False, ``any`` True as soon as one part is True; otherwise a silent part
makes the whole silent. This keeps an evidence gap apart from a miss.
"""

from __future__ import annotations

import datetime as dt
import operator
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from operator import attrgetter
from typing import Any

from pydantic import BaseModel

from assess.core.facts import ANSWER_RANK, Answer, Fact
from assess.core.fields import FieldSpec, resolve_field
from assess.core.profile import Profile

Truth = bool | None
Path = tuple[str | int, ...]


class ConditionError(ValueError):
    """A condition that cannot be compiled; ``path`` points into the checklist data."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


# ---------------------------------------------------------------- compiled form


class Condition:
    """A compiled condition. ``evaluate`` returns True, False or None (silent)."""

    def evaluate(self, root: Any) -> Truth:  # pragma: no cover - abstract
        raise NotImplementedError

    def fields(self) -> list[str]:
        """Profile paths this condition reads, in order."""
        return []


@dataclass(frozen=True)
class _Combination(Condition):
    """``all`` or ``any``: the first part giving ``decisive`` decides; else a
    silent part makes the whole silent; else the whole is ``not decisive``."""

    parts: tuple[Condition, ...]
    decisive: typing.ClassVar[bool]

    def __post_init__(self) -> None:
        # Specialised once into a closure that shadows the method (see FieldTest).
        object.__setattr__(self, "evaluate", _combined(tuple(p.evaluate for p in self.parts), self.decisive))

    def evaluate(self, root: Any) -> Truth:  # replaced per instance in __post_init__
        return _combined(tuple(p.evaluate for p in self.parts), self.decisive)(root)

    def fields(self) -> list[str]:
        return [f for p in self.parts for f in p.fields()]


@dataclass(frozen=True)
class All(_Combination):
    decisive = False


@dataclass(frozen=True)
class AnyOf(_Combination):
    decisive = True


def _combined(tests: tuple[Callable[[Any], Truth], ...], decisive: bool) -> Callable[[Any], Truth]:
    def combined(root: Any) -> Truth:
        silent = False
        for test in tests:
            value = test(root)
            if value is decisive:
                return decisive
            if value is None:
                silent = True
        return None if silent else not decisive

    return combined


@dataclass(frozen=True)
class Not(Condition):
    part: Condition

    def evaluate(self, root: Any) -> Truth:
        value = self.part.evaluate(root)
        return None if value is None else not value

    def fields(self) -> list[str]:
        return self.part.fields()


def _lookup(root: Any, parts: tuple[str, ...]) -> Any:
    value = root
    for part in parts:
        if value is None:
            return None
        value = getattr(value, part)
    return value


def _plain(value: Any) -> Any:
    """The comparable value of a field: a fact's answer (None when unknown).

    Answers and the other choices are ``StrEnum`` members, which compare and
    hash as their text, so they are used as they are (this runs per item).
    """
    if type(value) is Fact:
        answer = value.answer
        return None if answer is _UNKNOWN else answer
    return value


def _rank(value: Any) -> Any:
    return _RANKS.get(value, value) if isinstance(value, str) else value


_ANSWERS = {a.value for a in Answer if a is not Answer.unknown}
_UNKNOWN = Answer.unknown  # read per field test: a module name is faster than the enum's member
_RANKS: dict[str, int] = {a.value: rank for a, rank in ANSWER_RANK.items()}

Test = Callable[[Any, Any], bool]

#: The tests a ``field:`` condition may use, by name. An explicit registry: an
#: unknown operator is an error at load time, never a silent pass.
FIELD_TESTS: dict[str, Test] = {
    "equals": lambda value, operand: value == operand,
    "in": lambda value, operand: value in operand,
    "contains": lambda value, operand: operand in value,
    "gt": lambda value, operand: _rank(value) > _rank(operand),
    "ge": lambda value, operand: _rank(value) >= _rank(operand),
    "lt": lambda value, operand: _rank(value) < _rank(operand),
    "le": lambda value, operand: _rank(value) <= _rank(operand),
}
_ORDER: dict[str, Callable[[Any, Any], Any]] = {
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}
COUNT_TESTS: dict[str, Test] = {name: FIELD_TESTS[name] for name in ("equals", "gt", "ge", "lt", "le")}


def _field_evaluator(path: str, op: str, operand: Any) -> Callable[[Any], Truth]:
    get = attrgetter(path)
    unknown = Answer.unknown

    def read(root: Any) -> Any:
        try:
            return _plain(get(root))
        except AttributeError:  # an optional section above the field is absent
            return None

    if op == "exists":
        wanted = bool(operand)

        def exists(root: Any) -> Truth:
            return (read(root) is not None) is wanted

        return exists
    if op in ("gt", "ge", "lt", "le"):
        ranked = _rank(operand)
        compare = _ORDER[op]

        def ordered(root: Any) -> Truth:
            # ``read`` written out, as in ``tested`` below.
            try:
                value = get(root)
            except AttributeError:
                return None
            if type(value) is Fact:
                value = value.answer
                if value is unknown:
                    return None
            if value is None:
                return None
            if isinstance(value, dt.date) is not isinstance(ranked, dt.date):
                # A year against a date (a period may give either): decided
                # by the years, silent when they are the same year.
                year = value.year if isinstance(value, dt.date) else value
                other = ranked.year if isinstance(ranked, dt.date) else ranked
                return None if year == other else bool(compare(year, other))
            return bool(compare(_rank(value), ranked))

        return ordered
    # operator's C functions bound to the operand where the argument order
    # allows; the registry's own test otherwise.
    test: Callable[[Any], Any]
    if op == "equals":
        test = partial(operator.eq, operand)
    elif op == "in":
        test = partial(operator.contains, operand)
    elif op == "contains":

        def test(value: Any) -> Any:  # FIELD_TESTS["contains"], without its second call
            return operand in value

    else:
        registered = FIELD_TESTS[op]

        def test(value: Any) -> Any:
            return registered(value, operand)

    # The common case, with ``read`` (and ``_plain``) written out: one call
    # per test, not three.
    def tested(root: Any) -> Truth:
        try:
            value = get(root)
        except AttributeError:
            return None
        if type(value) is Fact:
            value = value.answer
            if value is unknown:
                return None
        elif value is None:
            return None
        return test(value) is True

    return tested


@dataclass(frozen=True)
class FieldTest(Condition):
    path: str
    parts: tuple[str, ...]
    op: str
    operand: Any

    def __post_init__(self) -> None:
        # This runs for every item of every profile: specialise it once here
        # into a closure that shadows the method.
        object.__setattr__(self, "evaluate", _field_evaluator(self.path, self.op, self.operand))

    def evaluate(self, root: Any) -> Truth:  # replaced per instance in __post_init__
        return _field_evaluator(self.path, self.op, self.operand)(root)

    def fields(self) -> list[str]:
        return [self.path]


@dataclass(frozen=True)
class Count(Condition):
    path: str
    parts: tuple[str, ...]
    where: Condition | None
    op: str
    operand: int

    def __post_init__(self) -> None:
        # As for FieldTest: specialised once into a closure shadowing the method.
        object.__setattr__(self, "evaluate", _count_evaluator(self.parts, self.where, self.op, self.operand))

    def evaluate(self, root: Any) -> Truth:  # replaced per instance in __post_init__
        values = _lookup(root, self.parts)
        if values is None:
            return None
        if self.where is None:
            n = len(values)
        else:
            verdicts = [self.where.evaluate(v) for v in values]
            if any(v is None for v in verdicts):
                # Silent elements could go either way: decide only if the
                # bound holds (or fails) whichever way they fall.
                low = sum(1 for v in verdicts if v is True)
                high = low + sum(1 for v in verdicts if v is None)
                test = COUNT_TESTS[self.op]
                a, b = test(low, self.operand), test(high, self.operand)
                return a if a == b else None
            n = sum(1 for v in verdicts if v)
        return COUNT_TESTS[self.op](n, self.operand)

    def fields(self) -> list[str]:
        return [self.path]


#: The bounds of a ``count:`` condition on whole numbers: what
#: :data:`COUNT_TESTS` gives for two numbers, as operator's C functions.
_BOUNDS: dict[str, Callable[[int, int], bool]] = {"equals": operator.eq, **_ORDER}


def _count_evaluator(parts: tuple[str, ...], where: Condition | None, op: str, operand: int) -> Callable[[Any], Truth]:
    """:meth:`Count.evaluate` for one condition: the same verdicts, with the
    bound and the filter looked up once rather than on every call."""
    bound = _BOUNDS[op]
    get = attrgetter(".".join(parts))

    def read(root: Any) -> Any:
        try:
            return get(root)
        except AttributeError:  # an optional section above the list is absent
            return None

    if where is None:

        def counted(root: Any) -> Truth:
            try:
                values = get(root)
            except AttributeError:
                return None
            return None if values is None else bound(len(values), operand)

        return counted
    holds = where.evaluate

    def filtered(root: Any) -> Truth:
        values = read(root)
        if values is None:
            return None
        low = silent = 0
        for v in values:
            verdict = holds(v)
            if verdict is None:
                silent += 1
            elif verdict:
                low += 1
        if silent:
            # Silent elements could go either way: decide only if the bound
            # holds (or fails) whichever way they fall.
            a, b = bound(low, operand), bound(low + silent, operand)
            return a if a == b else None
        return bound(low, operand)

    return filtered


# ---------------------------------------------------------------- compiling

_COMBINATORS = ("all", "any", "not")


def compile_condition(raw: Any, path: Path = (), model: type[BaseModel] = Profile) -> Condition:
    """Compile checklist data into a :class:`Condition`, checking every field
    and operand against ``model``. Raises :class:`ConditionError`."""
    if not isinstance(raw, dict):
        raise ConditionError(path, "a condition must be a mapping such as {field: ..., equals: ...}")
    keys = set(raw)
    combinators = [k for k in raw if k in _COMBINATORS]
    if combinators:
        if len(raw) != 1:
            raise ConditionError(path, f"'{combinators[0]}' must stand alone in its mapping")
        ((op, body),) = raw.items()
        if op == "not":
            return Not(compile_condition(body, (*path, "not"), model))
        if not isinstance(body, list) or not body:
            raise ConditionError((*path, op), f"'{op}' takes a non-empty list of conditions")
        parts = tuple(compile_condition(c, (*path, op, i), model) for i, c in enumerate(body))
        return All(parts) if op == "all" else AnyOf(parts)
    if "field" in raw:
        return _compile_field(raw, path, model)
    if "count" in raw:
        return _compile_count(raw, path, model)
    known = ", ".join([*_COMBINATORS, "field", "count"])
    raise ConditionError(path, f"unknown condition {sorted(keys)}; a condition starts with one of: {known}")


#: :func:`resolve_field`, once per model and path: the checklists name the same
#: fields again and again, and every run compiles them (twice in French).
#: A spec is immutable; a path that does not resolve raises each time.
_resolved = cache(resolve_field)


def _spec(raw: dict[str, Any], key: str, path: Path, model: type[BaseModel]) -> FieldSpec:
    dotted = raw[key]
    if not isinstance(dotted, str) or not dotted:
        raise ConditionError((*path, key), f"'{key}' takes a dotted profile path")
    try:
        return _resolved(model, dotted)
    except KeyError as e:
        raise ConditionError((*path, key), str(e.args[0])) from e


def _one_test(raw: dict[str, Any], path: Path, head: str, allowed: Sequence[str]) -> tuple[str, Any]:
    rest = {k: v for k, v in raw.items() if k not in (head, "where")}
    if len(rest) != 1:
        raise ConditionError(
            path,
            f"a '{head}' condition needs exactly one test ({', '.join(allowed)}), found {sorted(rest) or 'none'}",
        )
    ((op, operand),) = rest.items()
    if op not in allowed:
        raise ConditionError((*path, op), f"unknown operator '{op}'; use one of: {', '.join(allowed)}")
    return op, operand


def _check_operand(spec: FieldSpec, op: str, operand: Any, path: Path) -> Any:
    """Check that ``operand`` can be compared with the field; return it normalised."""
    loc = (*path, op)
    if op == "exists":
        if not isinstance(operand, bool):
            raise ConditionError(loc, "'exists' takes true or false")
        return operand
    if op == "in":
        if not isinstance(operand, list) or not operand:
            raise ConditionError(loc, "'in' takes a non-empty list")
        return tuple(_scalar(spec, "in", v, loc) for v in operand)
    if op == "contains":
        if spec.kind not in ("enum_list", "str_list", "str"):
            raise ConditionError(loc, f"'contains' needs a list or text field; '{spec.path}' is {spec.kind}")
        if spec.kind == "enum_list":
            return _enum_value(spec, operand, loc)
        return str(operand)
    if spec.kind in ("enum_list", "str_list", "model_list", "model"):
        raise ConditionError(loc, f"'{op}' cannot compare '{spec.path}' ({spec.kind}); use contains or count")
    if op in ("gt", "ge", "lt", "le") and spec.kind in ("enum", "str", "bool"):
        raise ConditionError(loc, f"'{op}' needs a fact, a number or a date; '{spec.path}' is {spec.kind}")
    return _scalar(spec, op, operand, loc)


def _scalar(spec: FieldSpec, op: str, operand: Any, loc: Path) -> Any:
    if spec.kind == "fact":
        if isinstance(operand, bool):
            operand = "yes" if operand else "no"
        if not isinstance(operand, str) or operand not in _ANSWERS:
            raise ConditionError(
                loc,
                f"'{spec.path}' is a fact: compare it with yes, partial or no (not {operand!r}); use 'exists' for unknown",
            )
        return operand
    if spec.kind in ("enum", "enum_list"):
        return _enum_value(spec, operand, loc)
    if spec.kind == "bool" and not isinstance(operand, bool):
        raise ConditionError(loc, f"'{spec.path}' is true or false")
    if spec.kind == "number" and (isinstance(operand, bool) or not isinstance(operand, int | float)):
        raise ConditionError(loc, f"'{spec.path}' is a number")
    if spec.kind == "date" and not isinstance(operand, dt.date):
        raise ConditionError(loc, f"'{spec.path}' is a date (YYYY-MM-DD)")
    if spec.kind == "number_or_date" and (isinstance(operand, bool) or not isinstance(operand, int | float | dt.date)):
        raise ConditionError(loc, f"'{spec.path}' is a year or a date (YYYY-MM-DD)")
    return operand


def _enum_value(spec: FieldSpec, operand: Any, loc: Path) -> str:
    assert spec.enum is not None
    allowed = [m.value for m in spec.enum]
    if operand not in allowed:
        from difflib import get_close_matches

        hint = get_close_matches(str(operand), allowed, n=1)
        more = f"; did you mean '{hint[0]}'?" if hint else f"; one of: {', '.join(allowed)}"
        raise ConditionError(loc, f"{operand!r} is not a value of '{spec.path}'{more}")
    return str(operand)


def _compile_field(raw: dict[str, Any], path: Path, model: type[BaseModel]) -> Condition:
    spec = _spec(raw, "field", path, model)
    if "where" in raw:
        raise ConditionError((*path, "where"), "'where' belongs to a 'count' condition")
    op, operand = _one_test(raw, path, "field", [*FIELD_TESTS, "exists"])
    value = _check_operand(spec, op, operand, path)
    return FieldTest(spec.path, tuple(spec.path.split(".")), op, value)


def _compile_count(raw: dict[str, Any], path: Path, model: type[BaseModel]) -> Condition:
    spec = _spec(raw, "count", path, model)
    if spec.kind not in ("enum_list", "str_list", "model_list"):
        raise ConditionError((*path, "count"), f"'count' needs a list field; '{spec.path}' is {spec.kind}")
    where: Condition | None = None
    if "where" in raw:
        if spec.kind != "model_list" or spec.model is None:
            raise ConditionError((*path, "where"), "'where' filters a list of records such as 'actors'")
        where = compile_condition(raw["where"], (*path, "where"), spec.model)
    op, operand = _one_test(raw, path, "count", list(COUNT_TESTS))
    if isinstance(operand, bool) or not isinstance(operand, int) or operand < 0:
        raise ConditionError((*path, op), "a count is compared with a whole number ≥ 0")
    return Count(spec.path, tuple(spec.path.split(".")), where, op, operand)
