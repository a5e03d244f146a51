"""Fuzz targets: the profile loader and the condition compiler/evaluator.

Whatever the input, they either succeed or raise the project's own located
error, never anything else. ``make test`` runs a bounded pass; ``make fuzz``
runs the same targets much longer (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.core.conditions import ConditionError, compile_condition
from assess.core.profile import Profile
from assess.errors import InputError
from assess.loading import yamlparse, yamlsrc
from assess.loading.validate import validate

SEED = """\
programme:
  title: Seed
  country: Testland
  organisations: [UNMAS, "MAG"]
  assessment_date: 2016-01-01
activities: {mine_action: [pssm], ssr: [defence]}
actors:
  - {name: A, side: ssr, role: armed_forces, national: true}
governance:
  civilian_oversight:
    answer: no
    evidence: "text: with # signs & <b>tags</b>"
  national_authority: yes
"""
YAML_BITS = [
    *list(":-[]{},#&*!|>'\"%@`?\t\n \\"),
    "\n  ",
    "\n- ",
    ": ",
    "&a ",
    "*a",
    "<<: ",
    "---\n",
    "yes",
    "~",
    "2016-13-01",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = SEED
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=4)))
        if op == "insert":
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 10)) :]
        else:
            text = text[:pos] + piece + text[pos + len(piece) :]
    return text


def _load(raw: bytes) -> None:
    try:
        doc = yamlsrc.parse(yamlsrc.decode(raw, "f.yaml"), "f.yaml", raw, "profile")
        validate(Profile, doc)
    except InputError as e:
        for p in e.problems:
            assert p.message and "\n" not in p.message
            assert p.path == "f.yaml"


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_loader_on_mutated_profiles(text: str) -> None:
    _load(text.encode("utf-8"))


@given(st.binary(max_size=200))
def test_loader_on_bytes(raw: bytes) -> None:
    _load(raw)


@given(st.lists(st.sampled_from(YAML_BITS + list("abcxyz01")), max_size=60).map("".join))
def test_loader_on_yaml_shaped_text(text: str) -> None:
    _load(text.encode("utf-8"))


def _outcome(text: str) -> object:
    try:
        return yamlsrc.parse(text, "f.yaml").data
    except InputError:
        return InputError


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_prescan_never_changes_what_a_file_means(text: str) -> None:
    """Files over SCAN_ABOVE get a first pass over the parser's events: with
    the pass forced on, every file loads to the same data or is refused as before."""
    plain = _outcome(text)
    original = yamlparse.SCAN_ABOVE
    yamlparse.SCAN_ABOVE = -1
    try:
        scanned = _outcome(text)
    finally:
        yamlparse.SCAN_ABOVE = original
    assert repr(scanned) == repr(plain)  # repr: NaN is not equal to itself


FIELDS = [
    "governance.civilian_oversight",
    "activities.mine_action",
    "context.phase",
    "actors",
    "programme.period.start",
    "x.y",
    "side",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["yes", "no", "partial", "pssm", "VII", "ssr"])
)
leaf = st.fixed_dictionaries(
    {"field": st.sampled_from(FIELDS)},
    optional={
        op: st.one_of(scalars, st.lists(scalars, max_size=3))
        for op in ["equals", "in", "contains", "exists", "ge", "lt", "bogus"]
    },
)
count = st.fixed_dictionaries(
    {"count": st.sampled_from(FIELDS)},
    optional={"ge": st.one_of(scalars), "where": leaf, "equals": st.integers(-1, 3)},
)
conditions = st.recursive(
    st.one_of(leaf, count, scalars),
    lambda inner: st.one_of(
        st.fixed_dictionaries({"all": st.lists(inner, max_size=3)}),
        st.fixed_dictionaries({"any": st.lists(inner, max_size=3)}),
        st.fixed_dictionaries({"not": inner}),
    ),
    max_leaves=8,
)
PROFILES = [
    Profile.model_validate({"programme": {"title": "T", "country": "C"}}),
    Profile.model_validate(
        {
            "programme": {"title": "T", "country": "C", "period": {"start": 2013}},
            "activities": {"mine_action": ["pssm"]},
            "context": {"phase": "emergency"},
            "actors": [{"name": "A", "side": "ssr", "role": "police"}],
            "governance": {"civilian_oversight": "partial"},
        }
    ),
]


@given(conditions)
def test_condition_compiler_and_evaluator(raw: Any) -> None:
    try:
        cond = compile_condition(raw)
    except ConditionError as e:
        assert e.message
        return
    for profile in PROFILES:
        assert cond.evaluate(profile) in (True, False, None)
