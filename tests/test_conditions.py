"""The condition language: verdicts and compile errors, as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.core.conditions import ConditionError, compile_condition
from assess.core.profile import Profile

DATA = YAML(typ="safe").load((Path(__file__).parent / "data" / "conditions.yaml").read_text("utf-8"))
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
