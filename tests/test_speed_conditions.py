"""The compiled conditions' fast forms give the verdicts of their plain forms.

``field:`` and ``count:`` conditions are specialised at compile time into
closures; each class keeps its plain ``evaluate`` as the reference. On every
condition of the built-in checklists and every example profile, and on counts
over lists of every mix of verdicts, the two must agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.core.conditions import Condition, Count, FieldTest, Not, _Combination
from assess.core.evaluate import CompiledChecklist, need_condition
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "examples").rglob("*.yaml"))


def _conditions(cc: CompiledChecklist) -> list[Condition]:
    out: list[Condition] = []

    def walk(c: Condition) -> None:
        out.append(c)
        if isinstance(c, _Combination):
            for p in c.parts:
                walk(p)
        elif isinstance(c, Not):
            walk(c.part)
        elif isinstance(c, Count) and c.where is not None:
            walk(c.where)

    for ci in cc.items:
        for c in (ci.applies, ci.met, ci.partial, *(need_condition(n) for n, _ in ci.needs)):
            if c is not None:
                walk(c)
    return out


def _reference(c: Condition, root: Any) -> Any:
    return type(c).evaluate(c, root)


def test_every_built_in_condition_gives_its_plain_verdict_on_every_example() -> None:
    conditions = [c for cc in load_checklists(()) for c in _conditions(cc)]
    counts = [c for c in conditions if isinstance(c, Count)]
    assert counts  # none filters with 'where' today: the mixes below cover that
    for path in PROFILES:
        profile, _ = load_profile(path)
        for c in conditions:
            if isinstance(c, Count | FieldTest):
                assert c.evaluate(profile) == _reference(c, profile), (path.name, c)


class _Verdict(Condition):
    def evaluate(self, root: Any) -> Any:
        return root.verdict


class _Element:
    def __init__(self, verdict: bool | None) -> None:
        self.verdict = verdict


class _Root:
    def __init__(self, items: list[_Element] | None) -> None:
        self.items = items


@pytest.mark.parametrize("op", ["equals", "gt", "ge", "lt", "le"])
@given(
    verdicts=st.none() | st.lists(st.sampled_from([True, False, None]), max_size=6),
    operand=st.integers(min_value=0, max_value=7),
    filtered=st.booleans(),
)
def test_a_count_gives_its_plain_verdict_for_every_mix(
    op: str, verdicts: list[bool | None] | None, operand: int, filtered: bool
) -> None:
    c = Count("items", ("items",), _Verdict() if filtered else None, op, operand)
    root = _Root(None if verdicts is None else [_Element(v) for v in verdicts])
    assert c.evaluate(root) == _reference(c, root)
