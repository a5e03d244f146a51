"""Evaluation and scoring through the CLI's JSON output, against a small fixture checklist."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assess.core.evaluate import ProfileSource, compile_checklist, evaluate
from assess.core.profile import Profile
from assess.core.result import Status, WaiverRecord
from assess.loading.checklists import load_checklists
from conftest import Run
from paths import EXAMPLES as EXAMPLES_DIR
from paths import SMALL_CHECKLIST

SMALL = str(SMALL_CHECKLIST)

PROFILE = """\
programme:
  title: Test programme
  country: Testland
  organisations: [UNMAS, Ministry of Defence]
  assessment_date: 2016-02-01
activities:
  mine_action: [pssm]
governance:
  civilian_oversight:
    answer: yes
    evidence: The ministry supervises the centre.
    source: Annual report 2015, p. 4
  victim_data_in_ims: partial
linkage:
  pssm_in_ssr_strategy: no
people_centred:
  ex_combatants_in_demining: no
"""


def _check(assess: Callable[..., Run], tmp_path: Path, text: str = PROFILE) -> dict[str, Any]:
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    result = assess("check", path, "--checklist", SMALL, "--format", "json")
    assert result.code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_statuses(assess: Callable[..., Run], tmp_path: Path) -> None:
    doc = _check(assess, tmp_path)
    assert {i["id"]: i["status"] for i in doc["items"]} == {
        "T-01": "met",
        "T-02": "partial",
        "T-03": "missed",
        "T-04": "unknown",
        "T-05": "not_applicable",
    }
    na = next(i for i in doc["items"] if i["id"] == "T-05")
    assert na["criterion"] == "No former combatants work as deminers."


def test_scores_follow_the_formula(assess: Callable[..., Run], tmp_path: Path) -> None:
    doc = _check(assess, tmp_path)
    # met 3×1 + partial 2×0.5 + missed 1×0 over weights 3+2+1; T-04 unknown, T-05 n/a.
    assert doc["overall"]["score"] == 66.7
    assert doc["overall"]["answered"] == 3
    assert doc["overall"]["applicable"] == 4
    assert doc["overall"]["coverage"] == 0.75
    assert doc["approaches"]["good_governance"]["score"] == 80.0
    assert doc["approaches"]["operational_linkage"]["score"] == 0.0
    assert doc["approaches"]["operational_linkage"]["coverage"] == 0.5
    assert doc["approaches"]["people_centred"]["score"] is None
    assert doc["approaches"]["people_centred"]["applicable"] == 0
    assert doc["counts"] == {
        "met": 1,
        "partial": 1,
        "missed": 1,
        "not_applicable": 1,
        "unknown": 1,
        "waived": 0,
    }
    assert "100 × Σ(weight × value) / Σ(weight)" in doc["scoring"]


def test_missed_synergies_ranked_by_cost(assess: Callable[..., Run], tmp_path: Path) -> None:
    text = PROFILE.replace("victim_data_in_ims: partial", "victim_data_in_ims: no")
    doc = _check(assess, tmp_path, text)
    # T-02 (weight 2, missed) costs more than T-03 (weight 1, missed); T-04 is unknown.
    assert doc["missed_synergies"] == ["test-small/T-02", "test-small/T-03"]
    partial = _check(assess, tmp_path)
    # A partial synergy is listed apart from the missed ones (schema 1.3).
    assert partial["missed_synergies"] == ["test-small/T-03"]
    assert partial["partial_synergies"] == ["test-small/T-02"]


def test_caution_raised_only_when_applicable_and_not_met(assess: Callable[..., Run], tmp_path: Path) -> None:
    assert _check(assess, tmp_path)["cautions"] == []
    text = PROFILE.replace(
        "ex_combatants_in_demining: no", "ex_combatants_in_demining: yes\n  neutrality_safeguards: no"
    )
    assert _check(assess, tmp_path, text)["cautions"] == ["test-small/T-05"]
    text = PROFILE.replace(
        "ex_combatants_in_demining: no", "ex_combatants_in_demining: yes\n  neutrality_safeguards: yes"
    )
    assert _check(assess, tmp_path, text)["cautions"] == []


def test_evidence_and_location(assess: Callable[..., Run], tmp_path: Path) -> None:
    doc = _check(assess, tmp_path)
    t1 = doc["items"][0]
    assert t1["evidence"] == [
        {
            "field": "governance.civilian_oversight",
            "question": "Are mine action bodies and the security institutions involved under civilian control "
            "and the rule of law?",
            "answer": "yes",
            "evidence": "The ministry supervises the centre.",
            "source": "Annual report 2015, p. 4",
            "date": None,
            "note": None,
            "location": {"path": str(tmp_path / "p.yaml"), "line": 9, "column": 3},
            "known_by": None,  # no 'sources' entry (schema 1.5)
        }
    ]
    assert t1["location"] == {"path": str(tmp_path / "p.yaml"), "line": 9, "column": 3}
    # An unknown fact absent from the file points at its section, if present.
    t4 = next(i for i in doc["items"] if i["id"] == "T-04")
    assert t4["location"]["line"] == 14  # the "linkage:" key


def test_silent_profile_is_unknown_not_missed(assess: Callable[..., Run], tmp_path: Path) -> None:
    doc = _check(assess, tmp_path, "programme: {title: Empty, country: Nowhere}\n")
    statuses = {i["id"]: i["status"] for i in doc["items"]}
    # With activities not stated, T-03's applicability is unknown: it stays applicable.
    assert statuses == {"T-01": "unknown", "T-02": "unknown", "T-03": "unknown", "T-04": "unknown", "T-05": "unknown"}
    assert doc["overall"]["score"] is None
    assert doc["overall"]["coverage"] == 0.0


def test_same_input_same_output(assess: Callable[..., Run], tmp_path: Path) -> None:
    assert _check(assess, tmp_path) == _check(assess, tmp_path)


@pytest.mark.parametrize("status", ["missed", "partial", "unknown"])
def test_waiver_turns_gap_into_waived_and_leaves_scores(status: str) -> None:
    (cc,) = load_checklists([SMALL])
    answer = {"missed": "no", "partial": "partial", "unknown": "unknown"}[status]
    profile = Profile.model_validate(
        {"programme": {"title": "T", "country": "C"}, "governance": {"civilian_oversight": answer}}
    )
    waiver = WaiverRecord(justification="Agreed with the donor.", approver="Head of programme", expires="2030-01-01")
    source = ProfileSource("p.yaml", "0" * 64)
    plain = evaluate(profile, [cc], source, "t")
    waived = evaluate(profile, [cc], source, "t", {"test-small/T-01": waiver})
    assert plain.items[0].status is Status(status)
    assert waived.items[0].status is Status.waived
    assert waived.items[0].criterion == "Agreed with the donor."
    assert waived.overall.applicable == plain.overall.applicable - 1
    assert waived.counts[Status.waived] == 1


def test_waiver_does_not_hide_a_met_item() -> None:
    (cc,) = load_checklists([SMALL])
    profile = Profile.model_validate(
        {"programme": {"title": "T", "country": "C"}, "governance": {"civilian_oversight": "yes"}}
    )
    waiver = WaiverRecord(justification="x", expires="2030-01-01")
    result = evaluate(
        profile, [compile_checklist(cc.checklist)], ProfileSource("p", "0"), "t", {"test-small/T-01": waiver}
    )
    assert result.items[0].status is Status.met
    assert result.items[0].waiver is None


EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_documents_built_without_revalidation_are_valid(example: Path) -> None:
    """evaluate() assembles records from checked data without validating them
    again (assess.core.result.trusted): every record must still be exactly
    what validation would make of it, field order included."""
    from assess.core.result import Assessment
    from assess.loading.profiles import load_profile

    profile, source = load_profile(example)
    built = evaluate(profile, load_checklists(), source, "test")
    validated = Assessment.model_validate(built.model_dump())
    assert validated == built
    assert validated.model_dump_json() == built.model_dump_json()
    assert list(built.items[0].model_dump()) == list(type(built.items[0]).model_fields)
