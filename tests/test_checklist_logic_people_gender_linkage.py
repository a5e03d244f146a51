"""Behaviour of the people-centred, gender-diversity and operational-linkage
checklists on small profiles, run through ``assess check --format json``.

The case profiles state what DCAF SSR Paper 15 states about each case, and the
verdicts the paper draws must come out: CAR (PSSM under SSR guidance, vetting
before army integration), Afghanistan (reintegration through demining, with a
neutrality caution), Uganda (community dialogue with security providers),
Guatemala (destruction with the military). A silent profile gives ``unknown``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assess.cli import main

CHECKLISTS = ("people-centred", "gender-diversity", "operational-linkage")
HEAD = "programme: {title: Test programme, country: Testland}\n"


def run_check(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> dict[str, Any]:
    """Run the CLI on a profile made of ``body`` against the three checklists."""
    path = tmp_path / "profile.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    args = ["check", "--format", "json", str(path)]
    for checklist in CHECKLISTS:
        args += ["--checklist", checklist]
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out = capsys.readouterr()
    assert exit_info.value.code == 0, out.err
    doc: dict[str, Any] = json.loads(out.out)
    return doc


def statuses(doc: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["status"] for item in doc["items"]}


CAR = """
context:
  un_mission:
    name: MINUSCA
    charter_chapter: VII
    ssr_mandate: explicit
    mine_action_mandate: implicit
    links_mine_action_to_ssr: yes
    integrated_structure: yes
activities:
  ssr: [defence, ddr]
  mine_action: [pssm, salw_control, stockpile_destruction]
linkage:
  joint_work_with_security_forces: yes
  pssm_under_ssr_guidance:
    answer: yes
    evidence: UNMAS began a permanent armoury at Camp Kassai under SSR guidance in April 2015.
people_centred:
  vetting: yes
  hrddp_applied: yes
  support_conditioned_on_human_rights: no
"""

AFGHANISTAN = """
activities:
  ssr: [ddr]
  mine_action: [survey_clearance, ddr_support]
people_centred:
  ex_combatants_in_demining: yes
  ex_combatant_vetting: yes
  no_reward_for_combatants: yes
  perceived_partisanship:
    answer: yes
    evidence: Some employees were seen as spies and threatened.
"""

UGANDA = """
activities:
  ssr: [police, community_policing]
  mine_action: [survey_clearance, community_safety]
linkage:
  clearance_linked_to_security_providers: yes
  risk_education_linked_to_ssr: yes
people_centred:
  community_dialogue_with_security_providers: yes
  trust_in_security_providers_measured: yes
  trust_in_security_providers_improved:
    answer: yes
    evidence: Very good trust in the police rose from 27.7% (2010) to 41.1% (2011).
gender_diversity:
  inclusive_community_committees: yes
"""

GUATEMALA = """
activities:
  mine_action: [stockpile_destruction, salw_control]
linkage:
  joint_work_with_security_forces: yes
  destruction_with_security_forces: yes
  salw_control_linked_to_ssr: yes
"""


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        pytest.param(
            CAR,
            {"LNK-05": "met", "PPL-03": "met", "PPL-02": "partial", "LNK-01": "met", "LNK-02": "met", "LNK-03": "met"},
            id="car-minusca",
        ),
        pytest.param(AFGHANISTAN, {"PPL-12": "met", "PPL-13": "partial", "LNK-07": "unknown"}, id="afghanistan-halo"),
        pytest.param(
            UGANDA,
            {
                "PPL-10": "met",
                "PPL-11": "met",
                "GEN-11": "met",
                "LNK-08": "not_applicable",
                "LNK-18": "met",
                "LNK-19": "met",
            },
            id="uganda-ddg",
        ),
        pytest.param(GUATEMALA, {"LNK-06": "met", "LNK-05": "unknown"}, id="guatemala-oas"),
    ],
)
def test_the_papers_cases_give_the_papers_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], profile: str, expected: dict[str, str]
) -> None:
    got = statuses(run_check(tmp_path, capsys, profile))
    assert {k: got[k] for k in expected} == expected


def test_afghanistan_raises_the_neutrality_caution(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_check(tmp_path, capsys, AFGHANISTAN)
    assert "people-centred/PPL-13" in doc["cautions"]
    assert "people-centred/PPL-12" not in doc["missed_synergies"]


def test_car_has_no_missed_pssm_synergy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_check(tmp_path, capsys, CAR)
    assert "operational-linkage/LNK-05" not in doc["missed_synergies"]
    # Support not yet tied to human rights commitments is a partial synergy the report should show.
    assert "people-centred/PPL-02" in doc["partial_synergies"]


def test_a_silent_profile_is_unknown_not_missed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_check(tmp_path, capsys, "")
    got = statuses(doc)
    # Without a UN mission the mandate items cannot apply; everything else is an evidence gap.
    mandate_items = {"LNK-01", "LNK-02", "LNK-03", "LNK-20", "PPL-02"}
    assert {k for k, v in got.items() if v == "not_applicable"} == mandate_items
    assert {v for k, v in got.items() if k not in mandate_items} == {"unknown"}
    assert doc["cautions"] == []
    assert doc["missed_synergies"] == []


def test_items_do_not_apply_where_the_programme_lacks_the_activity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = """
activities:
  ssr: [police]
  mine_action: [survey_clearance]
context:
  mine_action_before_ssr: no
people_centred:
  ex_combatants_in_demining: no
linkage:
  joint_work_with_security_forces: no
"""
    got = statuses(run_check(tmp_path, capsys, body))
    for item in ("PPL-12", "PPL-13", "PPL-14", "PPL-05", "LNK-05", "LNK-06", "LNK-07", "LNK-17", "GEN-09", "PPL-01"):
        assert got[item] == "not_applicable", item
    # Clearance runs, so its link to security providers applies but is not answered.
    assert got["LNK-18"] == "unknown"


def test_a_known_absent_link_is_a_missed_synergy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = """
activities:
  mine_action: [pssm, victim_assistance]
linkage:
  pssm_under_ssr_guidance: no
  victim_assistance_linked_to_ssr: partial
"""
    doc = run_check(tmp_path, capsys, body)
    got = statuses(doc)
    assert got["LNK-05"] == "missed"
    assert got["LNK-10"] == "partial"
    assert "operational-linkage/LNK-05" in doc["missed_synergies"]
    # A weak link is listed apart from an absent one (schema 1.3).
    assert "operational-linkage/LNK-10" in doc["partial_synergies"]
    assert "operational-linkage/LNK-10" not in doc["missed_synergies"]


@pytest.mark.parametrize(
    ("facts", "status", "raised"),
    [
        ("neutrality_safeguards: yes\n  perceived_partisanship: no", "met", False),
        # Safeguards in place and nobody has reported partisanship.
        ("neutrality_safeguards: yes", "met", False),
        ("neutrality_safeguards: yes\n  perceived_partisanship: yes", "partial", True),
        ("neutrality_safeguards: no\n  perceived_partisanship: yes", "missed", True),
        ("neutrality_safeguards: no", "missed", True),
        ("perceived_partisanship: no", "unknown", False),
    ],
)
def test_neutrality_caution(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], facts: str, status: str, raised: bool
) -> None:
    body = f"people_centred:\n  ex_combatants_in_demining: yes\n  {facts}\n"
    doc = run_check(tmp_path, capsys, body)
    assert statuses(doc)["PPL-13"] == status
    assert ("people-centred/PPL-13" in doc["cautions"]) is raised


def test_time_lapse_caution_raised_and_managed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raised = run_check(
        tmp_path, capsys, "context:\n  mine_action_before_ssr: yes\nlinkage:\n  early_ssr_engagement: no\n"
    )
    assert statuses(raised)["LNK-17"] == "missed"
    assert "operational-linkage/LNK-17" in raised["cautions"]
    managed = run_check(
        tmp_path, capsys, "context:\n  mine_action_before_ssr: yes\nlinkage:\n  early_ssr_engagement: yes\n"
    )
    assert statuses(managed)["LNK-17"] == "met"
    assert "operational-linkage/LNK-17" not in managed["cautions"]


def test_political_neutrality_caution_needs_both_safeguards_and_engagement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = "activities:\n  mine_action: [pssm]\n"
    both = run_check(
        tmp_path,
        capsys,
        base + "people_centred:\n  neutrality_safeguards: yes\nlinkage:\n  coordination_mechanism: yes\n",
    )
    assert statuses(both)["LNK-15"] == "met"
    aloof = run_check(
        tmp_path,
        capsys,
        base + "people_centred:\n  neutrality_safeguards: yes\nlinkage:\n  coordination_mechanism: no\n",
    )
    assert statuses(aloof)["LNK-15"] == "partial"
    assert "operational-linkage/LNK-15" in aloof["cautions"]


def test_reintegration_without_balance_with_civilians_is_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = """
people_centred:
  ex_combatants_in_demining: yes
  ex_combatant_vetting: yes
  no_reward_for_combatants: no
"""
    assert statuses(run_check(tmp_path, capsys, body))["PPL-12"] == "partial"
    body_ddr_only = "activities:\n  ssr: [ddr]\npeople_centred:\n  ex_combatants_in_demining: no\n"
    assert statuses(run_check(tmp_path, capsys, body_ddr_only))["PPL-12"] == "missed"


def test_gender_sensitive_pillars_count_only_the_pillars_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only_risk_education = (
        "activities:\n  mine_action: [risk_education]\ngender_diversity:\n  gender_sensitive_risk_education: yes\n"
    )
    assert statuses(run_check(tmp_path, capsys, only_risk_education))["GEN-08"] == "met"
    two_pillars = (
        "activities:\n  mine_action: [risk_education, victim_assistance]\n"
        "gender_diversity:\n  gender_sensitive_risk_education: yes\n  gender_sensitive_victim_assistance: no\n"
    )
    assert statuses(run_check(tmp_path, capsys, two_pillars))["GEN-08"] == "partial"


def test_joint_gender_work_missed_is_a_missed_synergy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_check(tmp_path, capsys, "gender_diversity:\n  joint_gender_work: no\n  disaggregated_data: no\n")
    got = statuses(doc)
    assert got["GEN-10"] == "missed"
    assert got["GEN-01"] == "missed"
    # No data collected: using or sharing it does not apply.
    assert got["GEN-02"] == got["GEN-03"] == "not_applicable"
    assert "gender-diversity/GEN-10" in doc["missed_synergies"]
