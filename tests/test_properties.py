"""Invariants of evaluation and scoring, checked on generated profiles (hypothesis)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import re
from typing import Any

import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

from assess.core.evaluate import ProfileSource, compile_checklist, evaluate
from assess.core.facts import Answer
from assess.core.profile import FACT_SECTIONS, MineActionActivity, Profile, SSRComponent
from assess.core.result import Assessment, Status
from assess.core.scoring import score
from assess.loading.checklists import load_checklists
from paths import SMALL_CHECKLIST

SMALL = str(SMALL_CHECKLIST)
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


@given(profiles(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_items(data: dict[str, Any], rnd: random.Random) -> None:
    reordered = [
        compile_checklist(
            cc.checklist.model_copy(update={"items": rnd.sample(cc.checklist.items, len(cc.checklist.items))})
        )
        for cc in CHECKLISTS
    ]
    a = _assess(data)
    b = _assess(data, reordered)
    by_key = {(i.checklist, i.id): i for i in b.items}
    assert [by_key[(i.checklist, i.id)] for i in a.items] == a.items
    assert (a.overall, a.approaches, a.counts) == (b.overall, b.approaches, b.counts)
    assert a.missed_synergies == b.missed_synergies
    assert a.cautions == sorted(b.cautions, key=a.cautions.index)


@given(profiles())
def test_result_document_round_trips_through_json(data: dict[str, Any]) -> None:
    a = _assess(data)
    assert Assessment.model_validate_json(a.model_dump_json()) == a


# ---------------------------------------------------------------- the PDF report

#: Each example lays out a PDF (seconds): a handful in `make test`, more in
#: `make fuzz`; no shrinking (a failure is reported as generated).
PDF_EXAMPLES = 5 if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci" else 40
SMALL_LIST = load_checklists([SMALL])
#: The facts the small checklist reads: every example answers some of them.
SMALL_FACTS = [
    ("governance", "civilian_oversight"),
    ("governance", "victim_data_in_ims"),
    ("linkage", "pssm_in_ssr_strategy"),
    ("linkage", "risk_education_linked_to_ssr"),
    ("people_centred", "ex_combatants_in_demining"),
    ("people_centred", "neutrality_safeguards"),
]


@functools.cache
def _inter() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    from assess.resources import templates_dir

    return frozenset(TTFont(templates_dir() / "fonts" / "Inter-Regular.otf").getBestCmap())


@st.composite
def small_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A generated profile that also answers (or leaves out) what the small checklist asks."""
    data = draw(profiles())
    # Titles in characters the bundled Inter font has (Latin, Greek, Cyrillic):
    # a glyph no font has renders as .notdef with a warning, and pypdf then
    # cannot read the page's text back (poppler's pdftotext can).
    letters = st.characters(max_codepoint=0x4FF, categories=["L", "N", "P", "Zs"]).filter(lambda c: ord(c) in _inter())
    data["programme"]["title"] = draw(st.text(letters, min_size=1, max_size=40))
    for section, name in SMALL_FACTS:
        answer = draw(st.none() | answers)
        if answer is not None:
            data.setdefault(section, {})[name] = answer
    return data


@pytest.mark.slow
@settings(max_examples=PDF_EXAMPLES, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(small_profiles())
def test_every_missed_synergy_is_in_the_pdf(data: dict[str, Any]) -> None:
    from assess.render.pdf import render_pdf
    from assess.render.report import render_html
    from assess.resources import templates_dir
    from test_report import pdf_text

    a = _assess(data, SMALL_LIST)
    created = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    pdf = render_pdf(render_html(a, templates_dir(), created, pdf=True), templates_dir(), created)
    text = re.sub(r"\s+", "", pdf_text(pdf.data))
    titles = {(i.checklist, i.id): i.title for i in a.items}
    missed = [titles[tuple(key.split("/", 1))] for key in a.missed_synergies]  # type: ignore[index]
    note(f"missed synergies: {missed}")
    for title in missed:
        assert re.sub(r"\s+", "", title) in text, title
