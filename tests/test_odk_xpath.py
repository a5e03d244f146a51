"""The evaluator the XLSForm tests trust (elementpath's XPath 1.0 with ODK's
functions) gives the answers the ODK XForms specification gives, false ones
included: an evaluator that always said yes would make the relevance test vacuous."""

from __future__ import annotations

import pytest
from elementpath import ElementPathError

from odk_xpath import evaluate


@pytest.mark.parametrize(
    ("expression", "values", "truth"),
    [
        ("${a} = 'yes'", {"a": "yes"}, True),
        ("${a} = 'yes'", {"a": "no"}, False),
        ("${a} = 'yes'", {}, False),  # unanswered: the node is empty
        ("${a} != ''", {}, False),
        ("${a} != ''", {"a": "partial"}, True),
        ("not(${a} = 'yes')", {}, True),
        ("(${a} = 'yes') or (${b} = 'no')", {"a": "no", "b": "no"}, True),
        ("(${a} = 'yes') and (${b} = 'no')", {"a": "yes", "b": "yes"}, False),
        ("selected(${m}, 'pssm')", {"m": "advocacy pssm"}, True),
        ("selected(${m}, 'pss')", {"m": "advocacy pssm"}, False),  # whole choices, not substrings
        ("count-selected(${m}) > 0", {"m": ""}, False),
        ("count-selected(${m}) = 3", {"m": "a b c"}, True),
        ("if(selected(${m}, 'none'), 0, count-selected(${m})) >= 1", {"m": "none"}, False),
        ("if(selected(${m}, 'none'), 0, count-selected(${m})) >= 2", {"m": "a b"}, True),
        ("true()", {}, True),
        ("false()", {}, False),
    ],
)
def test_odk_semantics(expression: str, values: dict[str, str], truth: bool) -> None:
    assert evaluate(expression, values) is truth


@pytest.mark.parametrize("expression", ["${a} = ", "selected(${a})", "nosuch(${a})", "${a} === 'x'"])
def test_malformed_xpath_is_an_error_not_a_truth(expression: str) -> None:
    with pytest.raises(ElementPathError):
        evaluate(expression, {"a": "x"})
