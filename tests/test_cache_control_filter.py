"""The checklist cache's quick test for control characters (assess.loading.cache)
answers exactly as the full pattern does, on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assess.loading import cache

#: Texts made mostly of what matters here: backslashes, the escape letters, digits, controls.
PIECES = st.sampled_from(
    ["\\", "u", "0", "1", "7", "8", "9", "f", "F", "b", "r", "n", "a", '"', "\x00", "\x1f", "\x85", "é", " "]
)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_quick_test_agrees_with_the_pattern(body: str) -> None:
    assert cache._holds_control(body) == (cache._CONTROL_IN_JSON.search(body) is not None)


def test_the_cases_it_must_catch_and_pass() -> None:
    assert cache._holds_control('{"t": "a\\u0007b"}')
    assert cache._holds_control('{"t": "a\\rb"}')
    assert cache._holds_control('{"t": "a\x85b"}')
    assert not cache._holds_control('{"t": "a\\\\rb"}')  # an escaped backslash, then the letter r
    assert not cache._holds_control('{"t": "line\\nnext, tab\\t, quote \\" and é"}')
