"""The portfolio's fast paths give what the careful ones give.

Reading YAML straight from the parser's events (plain texts) must build the
same data and locations as the node walk, and hand every unusual text to the
walk so its messages stay the same; a programme's result must cross from a
worker process unchanged; forked workers must score with the checklists the
run loaded.
"""

from __future__ import annotations

import math
import pickle
from pathlib import Path
from typing import Any

import pytest

from assess.app import portfolio as app_portfolio
from assess.errors import InputError
from assess.loading import yamlparse, yamlsrc
from assess.loading.checklists import load_checklists

ROOT = Path(__file__).resolve().parents[1]
PLAIN = sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "checklists").glob("*.yaml"))


def _careful(text: str) -> tuple[Any, dict[Any, Any], dict[Any, Any]]:
    root, extra = yamlparse._compose_two(text)
    assert root is not None and extra is None
    builder = yamlparse._Builder("f.yaml")
    return builder.build(root, (), 0), builder.keys, builder.values


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_shipped_files_read_fast_as_the_walk_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = yamlparse.plain_document(text)
    assert fast is not None, "a shipped file should be plain"
    data, keys, values = _careful(text)
    assert _same(fast[0], data)
    assert list(fast[1].items()) == list(keys.items())
    assert list(fast[2].items()) == list(values.items())


PLAIN_TEXTS = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: 2015-08-01, e: 1.5, f: null, g: yes}\n",
    "- 0x1F\n- 0o17\n- 1_000\n- .inf\n- -.Inf\n- .nan\n- ~\n- ''\n",
    "--- \na: |\n  text\nb: >\n  folded\n...\n",
    "when: 2015-08-01 10:00:00\nn: -2\ns: 'yes'\n",
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_plain_texts_read_the_same_either_way(text: str) -> None:
    fast = yamlparse.plain_document(text)
    assert fast is not None
    data, keys, values = _careful(text)
    assert _same(fast[0], data)
    assert fast[1] == keys and fast[2] == values


UNUSUAL = {
    "anchor and alias": "a: &x {b: 1}\nc: *x\n",
    "merge key": "a: &x {b: 1}\nc:\n  <<: *x\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "explicit tag": "a: !!str 5\n",
    "non-specific tag": "a: ! 5\n",
    "list as a key": "? [a, b]\n: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty document": "---\n",
    "null document": "~\n",
    "binary integer": "a: 0b101\n",
    "bad date": "a: 2015-13-45\n",
    "bare merge value": "a: <<\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "too deep": "a: " + "[" * 70 + "]" * 70 + "\n",
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_texts_take_the_careful_walk(text: str) -> None:
    assert yamlparse.plain_document(text) is None


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first defined at line 1)"),
        ("a:\n  b: 0b101\n", 2, 6, "a.b: '0b101' is not a whole number"),
        ("a: 2015-02-30\n", 1, 4, "a: '2015-02-30' is not a valid date"),
        ("x: 1\n---\ny: 2\n", 3, 1, "holds several YAML documents"),
        ("a: &x [1]\nb:\n  <<: *x\n", 3, 3, "merge keys ('<<') are not supported"),
    ],
)
def test_unusual_texts_keep_their_located_messages(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(InputError) as caught:
        yamlsrc.parse(text, "f.yaml", None, "profile")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message


def test_a_programme_result_crosses_processes_unchanged() -> None:
    checklists = load_checklists(())
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        result = app_portfolio.assess_one(path, checklists, "test").outcome
        assert not isinstance(result, list), path
        back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == result
        assert back.model_dump_json() == result.model_dump_json()
        assert back.entry.model_fields_set == result.entry.model_fields_set
        assert back.entry.overall.model_fields_set == result.entry.overall.model_fields_set


def test_forked_workers_score_with_the_run_s_checklists(monkeypatch: pytest.MonkeyPatch) -> None:
    if app_portfolio._context().get_start_method() != "fork":
        pytest.skip("workers are spawned here and load their own checklists")
    # A worker that loaded checklists itself would fail: it must use the ones handed down.
    monkeypatch.setattr(app_portfolio, "load_checklists", _refuse)
    checklists = load_checklists(())
    files = sorted((ROOT / "examples").glob("*.yaml"))
    one = [a.outcome for a in app_portfolio.outcomes(files, (), checklists, "test", jobs=1)]
    two = [a.outcome for a in app_portfolio.outcomes(files, (), checklists, "test", jobs=2)]
    assert one == two
    assert app_portfolio._WORKER is None


def _refuse(*args: object, **kwargs: object) -> object:
    raise AssertionError("a forked worker loaded the checklists again")


# ---------------------------------------------------------------- faster events


def test_the_parser_builds_its_events_through_the_faster_factories() -> None:
    """ruamel's libyaml binding is installed with assess: the check made when
    the parser module is imported finds the factories agree with its classes
    (a ruamel release where they would not is noticed here, not only as a
    slower portfolio)."""
    if yamlparse.CParser is None:  # pragma: no cover - no libyaml binding (PyPy): nothing to speed up
        pytest.skip("ruamel.yaml.clib is not installed")
    assert yamlparse._BINDING is not None
    assert yamlparse.FAST_EVENTS


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name)
def test_the_faster_events_read_every_plain_text_as_ruamels_own(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text("utf-8")
    fast = yamlparse.plain_document(text)
    monkeypatch.setattr(yamlparse, "FAST_EVENTS", False)
    own = yamlparse.plain_document(text)
    assert fast is not None and own is not None
    assert _same(fast[0], own[0]) and fast[1:] == own[1:]


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: 1\na: 2\n", "- &x a\n- *x\n", "a: b\n---\nc: d\n", "plain: text\n"])
def test_the_binding_has_its_own_classes_back_after_every_text(text: str) -> None:
    yamlparse.plain_document(text)
    for name, cls in yamlparse._CLASSES.items():
        assert getattr(yamlparse._BINDING, name) is cls


def test_factories_that_disagree_with_the_binding_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(*args: Any, **kwargs: Any) -> Any:
        event = yamlparse._scalar_event(*args, **kwargs)
        event.value = event.value.upper()
        return event

    monkeypatch.setitem(yamlparse._FACTORIES, "ScalarEvent", wrong)
    assert not yamlparse._factories_agree()
    for name, cls in yamlparse._CLASSES.items():
        assert getattr(yamlparse._BINDING, name) is cls
    monkeypatch.setattr(yamlparse._BINDING, "ScalarEvent", object)  # a binding naming another class
    assert not yamlparse._factories_agree()


# ---------------------------------------------------------------- shared empty sections


def test_profiles_leaving_a_section_out_share_one_empty_section_and_change_nothing_of_it() -> None:
    from assess.core.profile import Profile

    base = {"programme": {"title": "T", "country": "C"}}
    derived = Profile.model_validate({**base, "treaties": {"apmbc": "party", "ccm": "party"}})
    silent = Profile.model_validate(base)
    other = Profile.model_validate(base)
    # The first profile's treaty party is worked out into its own section ...
    assert derived.national_ownership.treaty_party.answer.value == "yes"
    assert derived.national_ownership is not silent.national_ownership
    # ... while the profiles that leave the section out share one, still empty.
    assert silent.national_ownership is other.national_ownership
    assert silent.national_ownership.treaty_party.answer.value == "unknown"
    assert silent.governance is other.governance and silent.linkage is other.linkage
    assert silent.model_dump() == other.model_dump()
    assert "national_ownership" not in silent.model_fields_set


def test_only_sections_with_nothing_changeable_are_shared_empty() -> None:
    """A shared empty section must hold no list, mapping or set, at any depth:
    one profile could otherwise change what the others leave out."""
    import typing

    from pydantic import BaseModel

    from assess.core.profile import Profile

    def changeable(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
        found = []
        for name, spec in model.model_fields.items():
            stack = [spec.annotation]
            while stack:
                ann = stack.pop()
                if typing.get_origin(ann) in (list, dict, set) or ann in (list, dict, set):
                    found.append(f"{model.__name__}.{name}")
                if isinstance(ann, type) and issubclass(ann, BaseModel) and ann not in seen:
                    seen.add(ann)
                    found += changeable(ann, seen)
                stack.extend(typing.get_args(ann))
        return found

    shared = [
        name
        for name, spec in Profile.model_fields.items()
        if spec.default_factory is not None and getattr(spec.default_factory, "__qualname__", "").startswith("_empty")
    ]
    assert len(shared) == 8, shared
    for name in shared:
        section = Profile.model_fields[name].annotation
        assert isinstance(section, type) and issubclass(section, BaseModel)
        assert section.model_config.get("frozen"), name
        assert changeable(section, set()) == [], name


@pytest.mark.parametrize(
    "tallies",
    [[], [(1, 2, 0.1, 0.2, 0.3)], [(1, 2, 0.1, 0.2, 0.1), (0, 3, 0.7, 1.3, 0.2), (4, 4, 2.2, 2.2, 1.1)]],
    ids=["none", "one", "three"],
)
def test_the_total_by_columns_is_the_sum_tally_by_tally(tallies: list[tuple[float, ...]]) -> None:
    from assess.core.scoring import Tally, total

    each = [Tally(*t) for t in tallies]  # type: ignore[arg-type]
    assert total(each) == sum(each, Tally())
    assert [type(v) for v in total(each)] == [type(v) for v in sum(each, Tally())]
