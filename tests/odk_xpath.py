"""The XPath of an XLSForm's ``relevant`` column, evaluated by elementpath as ODK would.

ODK Collect, Enketo and KoboToolbox evaluate ``relevant`` as XPath 1.0 over the
form's instance, plus functions of their own. Here the expression goes to
elementpath's XPath 1.0 parser, an evaluator that knows nothing of
:mod:`assess.forms.xlsform`, in the form pyxform gives it: each ``${name}`` becomes
the path of the instance node ``name``. The instance holds a node for every field
the expression names, empty when unanswered (as in ODK, where every field of the
form has its node). The three ODK functions the forms use are added from the ODK
XForms specification: ``selected``, ``count-selected`` and ``if``.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from xml.etree import ElementTree

from elementpath import XPath1Parser, XPathContext
from elementpath.xpath_tokens import XPathFunction, XPathToken

_REF = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}")
_ROOT = "data"


class ODKXPathParser(XPath1Parser):
    """XPath 1.0 with the ODK functions ``selected``, ``count-selected`` and ``if``."""


_method = ODKXPathParser.method
_function = ODKXPathParser.function


def _choices(token: XPathFunction, context: Any) -> list[str]:
    """The space-separated choices of a select_multiple answer (its first argument)."""
    return str(token.get_argument(token.context or context, default="", cls=str)).split()


@_method(_function("selected", nargs=2))
def evaluate__selected(self: XPathFunction, context: Any = None) -> bool:
    """selected(answer, choice): ``choice`` is among the answer's chosen values."""
    choice = self.get_argument(self.context or context, index=1, default="", cls=str)
    return str(choice) in _choices(self, context)


@_method(_function("count-selected", nargs=1))
def evaluate__count_selected(self: XPathFunction, context: Any = None) -> float:
    """count-selected(answer): how many values the answer chose."""
    return float(len(_choices(self, context)))


@_method(_function("if", nargs=3))
def evaluate__if(self: XPathFunction, context: Any = None) -> Any:
    """if(condition, then, else): ``then`` when the condition's boolean value is true."""
    context = self.context or context
    branch = self[1] if self.boolean_value(self[0].select(context)) else self[2]
    return branch.evaluate(context)


@functools.cache
def _compiled(expression: str) -> tuple[XPathToken, tuple[str, ...]]:
    """The parsed expression, as a boolean (ODK reads ``relevant`` as one), and the
    fields it names."""
    xpath = _REF.sub(lambda m: f"/{_ROOT}/{m.group(1)}", expression)
    return ODKXPathParser().parse(f"boolean({xpath})"), tuple(sorted(set(_REF.findall(expression))))


def evaluate(expression: str, values: dict[str, str]) -> bool:
    """The truth of ``relevant`` expression ``expression`` for the answers
    ``values`` by field name (a field not in ``values`` is unanswered)."""
    names = _compiled(expression)[1]
    return _truth(expression, tuple(values.get(name, "") for name in names))


@functools.cache
def _truth(expression: str, answers: tuple[str, ...]) -> bool:
    # A pure function of the answers to the fields it names: many random
    # programmes share them, and elementpath takes ~0.2 ms an evaluation.
    token, names = _compiled(expression)
    root = ElementTree.Element(_ROOT)
    for name, answer in zip(names, answers, strict=True):
        ElementTree.SubElement(root, name).text = answer
    result = token.evaluate(XPathContext(ElementTree.ElementTree(root)))
    if not isinstance(result, bool):
        raise TypeError(f"{expression!r} evaluated to {result!r}, not a boolean")
    return result
