"""A portfolio reads a valid profile's locations only when asked for.

``load_profile(..., positions=False)`` (what a portfolio worker calls for a
summary) must give exactly what the eager load gives: the same profile, the
same locations once they are looked up, and for a profile with a problem the
same messages at the same file:line:column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.errors import InputError
from assess.loading.profiles import load_profile
from paths import BAD_INPUTS, DATA, EXAMPLES

_PROFILES = sorted(
    {
        *EXAMPLES.glob("*.yaml"),
        *BAD_INPUTS.glob("profile*.yaml"),
        *(DATA / "judgement").glob("*.yaml"),
        *(DATA / "facts").glob("*.yaml"),
        *(DATA / "evidence").rglob("*.yaml"),
        *(DATA / "voices").rglob("*.yaml"),
    }
)


def _outcome(path: Path, positions: bool) -> object:
    try:
        profile, source = load_profile(path, positions=positions)
    except InputError as e:
        return [(p.path, p.line, p.column, p.message) for p in e.problems]
    return profile.model_dump(), source.path, source.sha256, dict(source.locations)


def test_the_corpus_holds_both_kinds() -> None:
    outcomes = [_outcome(p, True) for p in _PROFILES]
    assert sum(isinstance(o, list) for o in outcomes) >= 50
    assert sum(isinstance(o, tuple) for o in outcomes) >= 15


@pytest.mark.parametrize("path", _PROFILES, ids=lambda p: p.relative_to(DATA.parent.parent).as_posix())
def test_lazy_locations_are_the_eager_ones(path: Path) -> None:
    assert _outcome(path, False) == _outcome(path, True)


def test_locations_left_unread_are_not_read() -> None:
    _, source = load_profile(EXAMPLES / "afghanistan.yaml", positions=False)
    located = source.locations
    assert located._table is None  # nothing looked them up
    assert located[("programme", "title")] == (15, 3)
    assert located._table is not None
