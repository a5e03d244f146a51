"""Invariants of evaluation and scoring, checked on generated profiles (hypothesis)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from assess.core.evaluate import ProfileSource, compile_checklist, evaluate
from assess.core.facts import Answer
from assess.core.profile import FACT_SECTIONS, MineActionActivity, Profile, SSRComponent
from assess.core.result import Assessment, Status
from assess.core.scoring import score
from assess.loading.checklists import load_checklists

SMALL = str(Path(__file__).parent / "data" / "checklist_small.yaml")
CHECKLISTS = load_checklists([]) + load_checklists([SMALL])
SOURCE = ProfileSource("p.yaml", "0" * 64)

FACTS = [
    (section, name)
    for section in FACT_SECTIONS
    for name in Profile.model_fields[section].annotation.model_fields  # type: ignore[union-attr]
]
answers = st.sampled_from([a.value for a in Answer])


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """Profile data: a random subset of facts answered, random activities."""
    data: dict[str, Any] = {"programme": {"title": "Generated", "country": "Testland"}}
    for section, name in draw(st.lists(st.sampled_from(FACTS), unique=True, max_size=len(FACTS))):
        data.setdefault(section, {})[name] = draw(answers)
    if draw(st.booleans()):
        data["activities"] = {
            "mine_action": draw(st.lists(st.sampled_from([m.value for m in MineActionActivity]), unique=True)),
            "ssr": draw(st.lists(st.sampled_from([s.value for s in SSRComponent]), unique=True)),
        }
    return data


def _assess(data: dict[str, Any], checklists: Any = CHECKLISTS) -> Assessment:
    return evaluate(Profile.model_validate(data), checklists, SOURCE, "test")


@given(profiles())
def test_scores_and_coverage_in_range(data: dict[str, Any]) -> None:
    a = _assess(data)
    for s in [a.overall, *a.approaches.values()]:
        assert s.score is None or 0 <= s.score <= 100
        assert 0 <= s.coverage <= 1
        assert s.answered <= s.applicable
    assert sum(a.counts.values()) == len(a.items)


statuses = st.sampled_from(list(Status))
weights = st.floats(min_value=0.1, max_value=10, allow_nan=False)


@given(st.lists(st.tuples(statuses, weights), min_size=1), st.data())
def test_turning_missed_into_met_never_lowers_a_score(results: list[tuple[Status, float]], data: st.DataObject) -> None:
    missed = [i for i, (s, _) in enumerate(results) if s in (Status.missed, Status.partial)]
    if not missed:
        return
    i = data.draw(st.sampled_from(missed))
    better = list(results)
    better[i] = (Status.met, results[i][1])
    before, after = score(results).score, score(better).score
    assert before is not None and after is not None
    assert after >= before - 1e-9


@given(profiles(), st.data())
def test_not_applicable_item_leaves_other_results_alone(data: dict[str, Any], pick: st.DataObject) -> None:
    cc = CHECKLISTS[-1].checklist
    k = pick.draw(st.integers(0, len(cc.items) - 1))
    never = {"field": "activities.mine_action", "contains": "pssm"}
    forced = cc.items[k].model_copy(
        update={"applies_when": {"all": [never, {"not": never}]}, "not_applicable_reason": "Forced."}
    )
    changed = compile_checklist(cc.model_copy(update={"items": [*cc.items[:k], forced, *cc.items[k + 1 :]]}))
    data = {**data, "activities": {"mine_action": ["pssm"]}}
    plain = _assess(data, [CHECKLISTS[-1]])
    other = _assess(data, [changed])
    assert other.items[k].status is Status.not_applicable
    for i, (x, y) in enumerate(zip(plain.items, other.items, strict=True)):
        if i != k:
            assert x == y


@given(profiles(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_key_or_checklist_order(data: dict[str, Any], rnd: random.Random) -> None:
    shuffled: dict[str, Any] = {}
    for key in rnd.sample(list(data), len(data)):
        value = data[key]
        shuffled[key] = dict(rnd.sample(list(value.items()), len(value))) if isinstance(value, dict) else value
    a = _assess(data)
    b = _assess(shuffled, list(reversed(CHECKLISTS)))
    by_key = {(i.checklist, i.id): i for i in b.items}
    assert [by_key[(i.checklist, i.id)] for i in a.items] == a.items
    assert a.overall == b.overall
    assert a.approaches == b.approaches
    assert a.missed_synergies == b.missed_synergies


@given(profiles())
def test_result_document_round_trips_through_json(data: dict[str, Any]) -> None:
    a = _assess(data)
    assert Assessment.model_validate_json(a.model_dump_json()) == a
