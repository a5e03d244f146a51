"""The built-in checklists: sound as data, and honest in their verdicts.

The first half checks every built-in checklist file present (not only the
ones written so far): it lints, it is big enough, it cites the paper, its ids
are unique and carry the file's prefix, and synergy items are a fair share.

The second half runs ``assess check --format json`` on small profiles that
state what the paper says about a case (Nepal, Ukraine, Liberia, Moldova,
Côte d'Ivoire, Burundi) and asserts the verdict a reader of the paper would
expect: met, partial, missed, unknown (the profile is silent) or
not_applicable.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.resources import builtin_checklists
from conftest import Run, run_here
from paths import ROOT

REPO = ROOT
LINKAGE_FILE = "operational-linkage.yaml"
MIN_ITEMS_APPROACH = 10
MIN_ITEMS_LINKAGE = 8

FILES = builtin_checklists()


def _run(*args: str | Path) -> Run:
    return run_here(args, cwd=REPO)


def _data(path: Path) -> dict[str, Any]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _prefix(item_id: str) -> str:
    return item_id.split("-", 1)[0]


# ---------------------------------------------------------------- the files


def test_builtin_checklists_are_present() -> None:
    names = {p.name for p in FILES}
    assert {"national-ownership.yaml", "good-governance.yaml"} <= names


def test_lint_passes_on_every_builtin_checklist() -> None:
    proc = _run("lint")
    assert proc.code == 0, proc.stderr
    for path in FILES:
        assert f"ok  {_data(path)['id']} " in proc.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_checklist_is_big_enough(path: Path) -> None:
    minimum = MIN_ITEMS_LINKAGE if path.name == LINKAGE_FILE else MIN_ITEMS_APPROACH
    assert len(_data(path)["items"]) >= minimum


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_item_cites_a_page(path: Path) -> None:
    for item in _data(path)["items"]:
        refs = item.get("references") or []
        assert refs, f"{item['id']} has no reference"
        for ref in refs:
            assert ref.get("section"), f"{item['id']}: reference without a section"
            assert ref.get("page") not in (None, ""), f"{item['id']}: reference without a page"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_item_ids_follow_the_file_prefix(path: Path) -> None:
    ids = [item["id"] for item in _data(path)["items"]]
    prefixes = {_prefix(i) for i in ids}
    assert len(prefixes) == 1, f"{path.name} mixes id prefixes: {sorted(prefixes)}"


def test_item_ids_are_unique_across_checklists() -> None:
    ids = Counter(item["id"] for path in FILES for item in _data(path)["items"])
    assert [i for i, n in ids.items() if n > 1] == []
    owners: dict[str, str] = {}
    for path in FILES:
        prefix = _prefix(_data(path)["items"][0]["id"])
        assert prefix not in owners, f"{path.name} and {owners.get(prefix)} share the prefix {prefix}"
        owners[prefix] = path.name


def test_synergy_items_are_at_least_a_third() -> None:
    kinds = [item["kind"] for path in FILES for item in _data(path)["items"]]
    assert kinds.count("synergy") * 3 >= len(kinds), Counter(kinds)


@pytest.mark.parametrize("name", ["national-ownership.yaml", "good-governance.yaml"])
def test_approach_checklists_are_versioned_and_synergy_heavy(name: str) -> None:
    data = _data(REPO / "checklists" / name)
    assert int(data["version"].split(".")[0]) >= 1
    kinds = [item["kind"] for item in data["items"]]
    # The report is about missed synergies: at least 40% of these two lists.
    assert kinds.count("synergy") * 5 >= len(kinds) * 2, Counter(kinds)


# ---------------------------------------------------------------- verdicts

HEADER = "programme: {{title: {title}, country: {country}}}\n"

#: name -> (profile body, {item id: expected status}).
CASES: dict[str, tuple[str, dict[str, str]]] = {
    "silent": (
        "",
        # Nothing stated: evidence gaps everywhere, never a made-up miss.
        {
            "OWN-01": "unknown",
            "OWN-05": "unknown",
            "OWN-09": "unknown",
            "OWN-13": "unknown",
            "GOV-01": "unknown",
            "GOV-02": "unknown",
            "GOV-03": "unknown",
            "GOV-08": "unknown",
            "GOV-11": "unknown",
        },
    ),
    "nepal": (
        """
activities: {mine_action: [survey_clearance, eod_ied, risk_education]}
governance:
  civilian_oversight: {answer: no, evidence: The army runs mine action; the civilian ministry never took over.}
  information_management: yes
  victim_data_in_ims: {answer: no, evidence: The army says it has no mandate to track victims.}
  ims_civilian_access: {answer: no, evidence: Requests go to the army centre along military lines.}
  civilian_request_channels: no
  national_strategy: no
  national_standards: no
national_ownership:
  residual_capacity_in_security_sector: yes
""",
        {
            "GOV-01": "missed",
            "GOV-02": "missed",
            "GOV-06": "missed",
            "GOV-09": "missed",
            "OWN-13": "missed",
            "OWN-09": "met",
            "GOV-03": "not_applicable",
            "GOV-11": "unknown",
        },
    ),
    "ukraine": (
        """
governance:
  single_accountable_body: {answer: no, evidence: "SES, MoD and Ministry of Infrastructure overlap."}
  legal_basis: {answer: partial, evidence: A mine action law is in draft.}
  interministerial_coordination: no
  international_coordination: partial
linkage:
  mine_action_institutions_in_ssr: partial
  ssr_advice_to_mine_action_institutions: partial
""",
        {"GOV-11": "missed", "GOV-05": "partial", "GOV-12": "missed", "GOV-13": "partial", "GOV-01": "unknown"},
    ),
    "cote-divoire": (
        """
activities: {mine_action: [pssm, stockpile_destruction]}
linkage:
  pssm_in_defence_policy: yes
  pssm_working_group: yes
national_ownership:
  security_forces_trained: yes
""",
        {"GOV-03": "met", "OWN-10": "met", "OWN-09": "not_applicable", "OWN-13": "not_applicable"},
    ),
    "burundi": (
        """
activities: {mine_action: [pssm, stockpile_destruction]}
linkage:
  pssm_in_ssr_strategy: {answer: no, evidence: PSSM figures only minimally in the 2012-2015 SSR plan.}
""",
        {"GOV-03": "missed"},
    ),
    "burundi-with-defence-policy": (
        """
activities: {mine_action: [pssm]}
linkage: {pssm_in_ssr_strategy: no, pssm_in_defence_policy: yes}
""",
        {"GOV-03": "partial"},
    ),
    "liberia": (
        """
context:
  un_mission: {name: UNMIL, ssr_mandate: explicit}
activities: {mine_action: [eod_ied], ssr: [defence, police]}
national_ownership:
  transition_plan: yes
  residual_capacity_in_security_sector: {answer: yes, evidence: 32 AFL soldiers trained as EOD operators.}
  security_forces_trained: yes
  handover_planned_with_ssr: yes
""",
        {"OWN-05": "met", "OWN-09": "met", "OWN-10": "met", "OWN-11": "met", "GOV-03": "not_applicable"},
    ),
    "moldova": (
        """
activities: {mine_action: [stockpile_destruction]}
national_ownership:
  high_level_commitment: {answer: yes, evidence: Requests come from the defence and foreign ministries.}
  security_forces_trained: yes
""",
        {"OWN-12": "met", "OWN-10": "met", "OWN-09": "not_applicable", "OWN-11": "unknown"},
    ),
    "fully-national-no-treaty-no-ims": (
        """
activities: {mine_action: []}
national_ownership: {domestic_design_and_management: yes, national_funding: yes, treaty_party: no, state_responsibility: yes}
governance: {information_management: no}
""",
        {
            "OWN-03": "met",
            "OWN-05": "not_applicable",
            "OWN-01": "met",
            "GOV-08": "not_applicable",
            "GOV-02": "not_applicable",
            "GOV-09": "not_applicable",
            "OWN-10": "not_applicable",
        },
    ),
    "half-answered": (
        # A partial verdict must not stand in for an unanswered half of "met".
        """
national_ownership: {state_responsibility: no}
governance: {national_authority: yes, national_strategy: yes, national_standards: no}
""",
        {"GOV-04": "unknown", "GOV-06": "partial", "OWN-01": "unknown"},
    ),
    "treaty-in-law-only": (
        """
national_ownership: {state_responsibility: no, treaty_party: yes}
governance: {national_authority: no, national_centre: no}
""",
        {"OWN-01": "partial", "GOV-04": "missed"},
    ),
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Run one ``assess check`` over every case; return each case's items by id."""
    folder = tmp_path_factory.mktemp("profiles")
    paths = []
    for name, (body, _) in CASES.items():
        path = folder / f"{name}.yaml"
        path.write_text(HEADER.format(title=name, country=name) + body, encoding="utf-8")
        paths.append(path)
    proc = _run(
        "check", "--format", "json", "--checklist", "national-ownership", "--checklist", "good-governance", *paths
    )
    assert proc.code == 0, proc.stderr
    docs = json.loads(proc.stdout)
    return {Path(doc["profile"]["path"]).stem: {r["id"]: r for r in doc["items"]} for doc in docs}


@pytest.mark.parametrize("case", CASES)
def test_case_verdicts(case: str, verdicts: dict[str, dict[str, Any]]) -> None:
    expected = CASES[case][1]
    got = {item_id: verdicts[case][item_id]["status"] for item_id in expected}
    assert got == expected


def test_silent_profile_is_unknown_throughout(verdicts: dict[str, dict[str, Any]]) -> None:
    statuses = Counter(r["status"] for r in verdicts["silent"].values())
    assert statuses == Counter({"unknown": len(verdicts["silent"])})


def test_nepal_reports_missed_synergies_with_the_evidence(verdicts: dict[str, dict[str, Any]]) -> None:
    oversight = verdicts["nepal"]["GOV-01"]
    assert oversight["kind"] == "synergy"
    assert oversight["criterion"].startswith("Mine action is not under civilian oversight")
    assert oversight["evidence"][0]["evidence"].startswith("The army runs mine action")
    assert any(ref.get("case") == "Nepal" for ref in oversight["references"])


def test_not_applicable_items_give_their_reason(verdicts: dict[str, dict[str, Any]]) -> None:
    item = verdicts["fully-national-no-treaty-no-ims"]["GOV-08"]
    assert "party to neither" in item["criterion"]
