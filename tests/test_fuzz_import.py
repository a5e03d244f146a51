"""Fuzz target: the import reader (``assess import``: CSV and JSON exports).

Whatever the export, the reader and the conversion either give profiles that
load and validate, under a header of comment lines only (nothing from the
export outside the serializer), or raise the project's own located error, each problem one line once shown.
Never anything else: no crash, no recursion error, no fact nobody answered.
``make test`` runs a bounded pass; ``make fuzz`` (and ``make fuzz-import``)
runs it much longer (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.core.profile import Profile
from assess.errors import InputError, printable
from assess.forms.submissions import FormSpec, _read_csv, _read_json, convert, read_form
from assess.loading import yamlsrc
from assess.loading.validate import validate
from paths import HARDENING

SEED_CSV = (
    "programme/title;programme/country;governance/civilian_oversight;governance/civilian_oversight_notes;"
    "activities/mine_action;meta/instanceID\n"
    'Nepal MA;Nepal;no;"The army runs it;\nno civilian body";pssm survey_clearance;uuid:1\n'
    "Second;Ukraine;yes;;none;uuid:2\n"
)
SEED_JSON = json.dumps(
    {
        "value": [
            {
                "programme": {"title": "Nepal MA", "country": "Nepal"},
                "governance": {"civilian_oversight": "partial"},
                "meta": {"instanceID": "uuid:3"},
            }
        ]
    }
)
BITS = [*list(';,"\n\r{}[]:/\\ \t#'), "\\u001b", "\\n", "uuid:", "yes", "no", "null", "\u2028", "\x85", "---\n", "- "]


@pytest.fixture(scope="module")
def form() -> FormSpec:
    return read_form(HARDENING / "form.xlsx")


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    text = seed
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.sampled_from(BITS), st.text(max_size=4)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        if op == "insert":
            text = text[:pos] + piece + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 8)) :]
        else:
            text = text[:pos] + piece + text[pos + len(piece) :]
    return text


def _import(form: FormSpec, text: str, kind: str) -> None:
    try:
        export = _read_csv("e.csv", text) if kind == "csv" else _read_json("e.json", text)
        imported = convert(form, export)
    except InputError as e:
        for p in e.problems:
            assert p.path.startswith("e.")
            assert "\n" not in printable(str(p))
        return
    for item in imported:
        assert item.name.endswith(".yaml") and "/" not in item.name
        head = item.text.partition("\nprogramme:")[0]
        assert all(line.startswith("# ") for line in head.splitlines()), head
        doc = yamlsrc.parse(yamlsrc.decode(item.text.encode(), item.name), item.name)
        profile: Any = validate(Profile, doc, what="profile")
        assert profile.programme.title


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated(SEED_CSV))
def test_import_reader_on_mutated_csv(form: FormSpec, text: str) -> None:
    _import(form, text, "csv")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated(SEED_JSON))
def test_import_reader_on_mutated_json(form: FormSpec, text: str) -> None:
    _import(form, text, "json")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    [
                        "programme",
                        "title",
                        "country",
                        "meta",
                        "instanceID",
                        "governance",
                        "civilian_oversight",
                        "x/y",
                        "",
                    ]
                ),
                inner,
                max_size=4,
            ),
        ),
        max_leaves=30,
    )
)
def test_import_reader_on_json_shapes(form: FormSpec, doc: Any) -> None:
    _import(form, json.dumps(doc), "json")
