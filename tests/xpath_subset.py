"""A tiny evaluator for the XPath that `assess xlsform` writes in `relevant`.

Just enough of XPath 1.0 for the forms' expressions, so tests can check that a
question is hidden exactly when the engine finds its items not applicable:
``or``, ``and``, ``= != > >= < <=``, string and number literals, ``${name}``
references, and the functions not, true, false, selected, count-selected, if.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{[A-Za-z_][\w.-]*\})|(?P<str>'[^']*'|\"[^\"]*\")|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>!=|>=|<=|=|>|<|\(|\)|,)|(?P<name>[A-Za-z][\w-]*))"
)


@functools.cache
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"cannot read {text[pos:]!r}")
        kind = m.lastgroup
        assert kind is not None
        out.append((kind, m.group(kind)))
        pos = m.end()
    return tuple(out)


class _Parser:
    def __init__(self, text: str, values: dict[str, str]) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.values = values

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.tokens[self.i]
        if value is not None and tok[1] != value:
            raise ValueError(f"expected {value!r}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self) -> Any:
        value = self.or_()
        if self.peek() is not None:
            raise ValueError(f"trailing {self.peek()}")
        return value

    def or_(self) -> Any:
        value = self.and_()
        while self.peek() == ("name", "or"):
            self.take()
            right = self.and_()
            value = bool(value) or bool(right)
        return value

    def and_(self) -> Any:
        value = self.compare()
        while self.peek() == ("name", "and"):
            self.take()
            right = self.compare()
            value = bool(value) and bool(right)
        return value

    def compare(self) -> Any:
        left = self.primary()
        tok = self.peek()
        if tok is not None and tok[0] == "op" and tok[1] in ("=", "!=", ">", ">=", "<", "<="):
            op = self.take()[1]
            right = self.primary()
            if op in ("=", "!="):
                same = str(left) == str(right)
                return same if op == "=" else not same
            a, b = float(left), float(right)
            return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]
        return left

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "ref":
            return self.values.get(text[2:-1], "")
        if kind == "str":
            return text[1:-1]
        if kind == "num":
            return float(text)
        if kind == "op" and text == "(":
            value = self.or_()
            self.take(")")
            return value
        if kind == "name":
            self.take("(")
            args: list[Any] = []
            if self.peek() != ("op", ")"):
                args.append(self.or_())
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.or_())
            self.take(")")
            return self.call(text, args)
        raise ValueError(f"unexpected {text!r}")

    @staticmethod
    def call(name: str, args: list[Any]) -> Any:
        if name == "not":
            return not bool(args[0])
        if name == "true":
            return True
        if name == "false":
            return False
        if name == "selected":
            return str(args[1]) in str(args[0]).split()
        if name == "count-selected":
            return len(str(args[0]).split())
        if name == "if":
            return args[1] if bool(args[0]) else args[2]
        raise ValueError(f"unknown function {name}")


def evaluate(expression: str, values: dict[str, str]) -> bool:
    """The truth of ``expression`` with ``values`` by field name (absent = empty)."""
    return bool(_Parser(expression, values).parse())
