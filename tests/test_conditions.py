"""The condition language: verdicts and compile errors, as data."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.core.conditions import ConditionError, compile_condition
from assess.core.profile import Profile
from paths import CONDITIONS

DATA = YAML(typ="safe").load(CONDITIONS.read_text("utf-8"))
PROFILE = Profile.model_validate({"programme": {"title": "T", "country": "C"}, **DATA["profile"]})


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: repr(c["when"])[:80])
def test_verdict(case: dict[str, Any]) -> None:
    assert compile_condition(case["when"]).evaluate(PROFILE) is case["expect"]


@pytest.mark.parametrize("case", DATA["errors"], ids=lambda c: c["message"][:60])
def test_compile_error(case: dict[str, Any]) -> None:
    with pytest.raises(ConditionError) as exc:
        compile_condition(case["when"])
    assert exc.value.message == case["message"]


def test_fields_lists_what_a_condition_reads_in_order() -> None:
    cond = compile_condition(
        {
            "all": [
                {"field": "governance.civilian_oversight", "equals": "yes"},
                {"not": {"count": "activities.mine_action", "ge": 1}},
            ]
        }
    )
    assert cond.fields() == ["governance.civilian_oversight", "activities.mine_action"]


@pytest.mark.parametrize(
    ("start", "test", "expected"),
    [
        (2015, {"ge": "2014-06-01"}, True),
        (2013, {"ge": "2014-06-01"}, False),
        (2014, {"ge": "2014-06-01"}, None),  # which day of 2014? the profile does not say
        ("2014-07-01", {"lt": 2015}, True),
        ("2016-01-01", {"lt": 2015}, False),
        ("2015-03-01", {"lt": 2015}, None),
    ],
)
def test_a_year_and_a_date_compare_by_year(start: object, test: dict[str, object], expected: bool | None) -> None:
    import datetime as dt

    from assess.core.conditions import compile_condition
    from assess.core.profile import Profile

    operand = next(iter(test.values()))
    op = next(iter(test))
    raw = {
        "field": "programme.period.start",
        op: dt.date.fromisoformat(operand) if isinstance(operand, str) else operand,
    }
    value = dt.date.fromisoformat(start) if isinstance(start, str) else start
    profile = Profile.model_validate({"programme": {"title": "T", "country": "C", "period": {"start": value}}})
    assert compile_condition(raw).evaluate(profile) is expected


def test_a_fact_compared_with_a_list_is_a_located_error() -> None:
    """Found by the fuzzer: an unhashable operand crashed the compiler."""
    with pytest.raises(ConditionError) as e:
        compile_condition({"field": "governance.civilian_oversight", "equals": []}, ("when",))
    assert e.value.path == ("when", "equals")
    assert "is a fact: compare it with yes, partial or no (not [])" in e.value.message
