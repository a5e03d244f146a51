"""Reading a profile fast gives what reading it carefully gives.

The control-character check looks at the bytes first and searches the text
only when they may hold such a character: the verdict and its location must
be the search's in every case.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.errors import InputError
from assess.loading import yamlsrc

#: The characters around the edges of what YAML refuses, and ordinary text.
EDGES = [chr(c) for c in (*range(0x00, 0x21), *range(0x7E, 0xA2), 0xE9, 0x2028, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF)]
EDGES += ["a", " ", "\n", "é", "«", "\u00a0", "\U0001f600"]


def _verdict(text: str) -> tuple[int, int, str] | None:
    try:
        yamlsrc.decode(text.encode("utf-8"), "f.yaml")
    except InputError as e:
        (p,) = e.problems
        assert p.line is not None and p.column is not None
        return p.line, p.column, p.message
    return None


def _searched(text: str) -> tuple[int, int, str] | None:
    """The verdict with the whole text searched, as before the byte check."""
    with mock.patch.object(yamlsrc, "_may_hold_control", lambda raw: True):
        return _verdict(text)


@given(st.lists(st.sampled_from(EDGES), max_size=40).map("".join))
def test_the_byte_check_finds_every_control_character_the_search_finds(text: str) -> None:
    assert _verdict(text) == _searched(text)


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: 1\nb: x\x7fy\n", (2, 5)), ("a: «x»\nb: \u0085ok\n", None), ("a: \u009f\n", (1, 4)), ("é\n\uffff", (2, 1))],
)
def test_control_characters_are_located(text: str, where: tuple[int, int] | None) -> None:
    got = _verdict(text)
    assert (got[:2] if got else None) == where
