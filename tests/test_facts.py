"""The wider facts of a profile: authorities with jurisdiction, treaties per
instrument with their clearance deadlines, contamination by type, the newer
activity and actor roles, and how the older ``treaty_party`` maps onto them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from assess.core.conditions import compile_condition
from assess.core.facts import Answer
from assess.core.profile import (
    ActorRole,
    Extent,
    Jurisdiction,
    MineActionActivity,
    Profile,
    TreatyStatus,
)
from assess.loading.profiles import load_profile
from conftest import Run
from paths import FACTS

CASES: list[dict[str, Any]] = YAML(typ="safe").load((FACTS / "treaty-party.yaml").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[json.dumps(c, sort_keys=True) for c in CASES])
def test_treaty_party_from_the_treaties(case: dict[str, Any]) -> None:
    data: dict[str, Any] = {"programme": {"title": "T", "country": "X"}, "treaties": case["treaties"]}
    for key in ("contamination", "national_ownership"):
        if key in case:
            data[key] = case[key]
    profile = Profile.model_validate(data)
    assert profile.national_ownership.treaty_party.answer is Answer(case["treaty_party"])


def test_two_authorities_with_their_jurisdiction() -> None:
    profile, _ = load_profile(FACTS / "two-authorities.yaml")
    assert profile.authorities is not None
    assert [(a.name, a.jurisdiction) for a in profile.authorities] == [
        ("Directorate of Mine Action", Jurisdiction.national),
        ("Iraqi Kurdistan Mine Action Agency", Jurisdiction.sub_national),
        ("Regional Mine Action Centre South", Jurisdiction.regional),
    ]
    assert profile.authorities[1].area == "Kurdistan Region"
    assert profile.authorities[0].civilian is True
    assert [a.role for a in profile.actors] == [ActorRole.hybrid_armed_actor, ActorRole.commercial_operator]
    assert profile.contamination.improvised_mines is Extent.massive
    assert profile.activities.mine_action is not None
    assert MineActionActivity.high_threat_iedd in profile.activities.mine_action
    # A checklist can ask for more than one authority, or for a sub-national one.
    several = compile_condition({"count": "authorities", "ge": 2})
    sub = compile_condition(
        {"count": "authorities", "where": {"field": "jurisdiction", "equals": "sub_national"}, "ge": 1}
    )
    ied = compile_condition({"field": "contamination.improvised_mines", "in": ["heavy", "massive"]})
    assert (several.evaluate(profile), sub.evaluate(profile), ied.evaluate(profile)) == (True, True, True)
    # Left out, the authorities are unknown, not none.
    bare = Profile.model_validate({"programme": {"title": "T", "country": "X"}})
    assert (several.evaluate(bare), sub.evaluate(bare), ied.evaluate(bare)) == (None, None, None)


def _treaty_evidence(doc: dict[str, Any]) -> dict[str, Any]:
    records = [e for i in doc["items"] for e in i["evidence"] if e["field"] == "national_ownership.treaty_party"]
    assert records, "an item reads national_ownership.treaty_party"
    return records[0]


def test_a_ccm_only_state_is_not_an_apmbc_only_state(assess: Callable[..., Run]) -> None:
    apmbc, _ = load_profile(FACTS / "apmbc-only.yaml")
    ccm, _ = load_profile(FACTS / "ccm-only.yaml")
    assert (apmbc.treaties.apmbc, apmbc.treaties.ccm) == (TreatyStatus.party, TreatyStatus.not_party)
    assert (ccm.treaties.apmbc, ccm.treaties.ccm) == (TreatyStatus.not_party, TreatyStatus.party)
    assert apmbc.treaties.apmbc_article5_deadline == dt.date(2028, 3, 1)
    assert (apmbc.treaties.apmbc_article5_extensions, ccm.treaties.ccm_article4_extensions) == (2, 1)
    assert ccm.treaties.ccm_article4_deadline == 2026
    # The older fact the built-in checklists read tells them apart too ...
    assert apmbc.national_ownership.treaty_party.answer is Answer.yes
    assert ccm.national_ownership.treaty_party.answer is Answer.partial
    # ... and so does the result, with the treaties' own location.
    docs = {}
    for name in ("apmbc-only", "ccm-only"):
        r = assess("check", FACTS / f"{name}.yaml", "--format", "json")
        assert r.code == 0, r.stderr
        docs[name] = json.loads(r.stdout)
    a, c = _treaty_evidence(docs["apmbc-only"]), _treaty_evidence(docs["ccm-only"])
    assert (a["answer"], c["answer"]) == ("yes", "partial")
    assert (a["location"]["line"], c["location"]["line"]) == (5, 5)  # treaties.apmbc
    own01 = {d: next(i["status"] for i in docs[d]["items"] if i["id"] == "OWN-01") for d in docs}
    assert own01 == {"apmbc-only": "partial", "ccm-only": "partial"}


def test_french_spellings_read_as_english() -> None:
    profile = Profile.model_validate(
        {
            "programme": {"title": "T", "country": "X"},
            "treaties": {"apmbc": "partie", "ccm": "signataire", "att": "retiré"},
            "contamination": {"mines": "forte", "other_erw": "présente", "cluster_munition_remnants": "aucune"},
        }
    )
    assert (profile.treaties.apmbc, profile.treaties.ccm, profile.treaties.att) == (
        TreatyStatus.party,
        TreatyStatus.signatory,
        TreatyStatus.withdrawn,
    )
    assert (profile.contamination.mines, profile.contamination.other_erw) == (Extent.heavy, Extent.present)


def test_the_form_round_trips_the_new_facts(tmp_path: Path, assess: Callable[..., Run]) -> None:
    form = tmp_path / "form.xlsx"
    assert assess("xlsform", "-o", form).code == 0
    header = [
        "programme/title",
        "programme/country",
        "context/arms_embargo",
        "context/arms_embargo_notes",
        "activities/mine_action",
        "treaties/apmbc",
        "treaties/ccm",
        "treaties/apmbc_article5_deadline",
        "treaties/apmbc_article5_extensions",
        "contamination/mines",
        "contamination/improvised_mines",
        "national_ownership/donor_dependent",
        "governance/authorities_coordinated",
    ]
    row = [
        "Federal programme",
        "Iraq",
        "partial",
        "Embargo on non-state groups only.",
        "survey_clearance high_threat_iedd",
        "party",
        "not_party",
        "2028-02-01",
        "2",
        "massive",
        "heavy",
        "yes",
        "no",
    ]
    subs = tmp_path / "subs.csv"
    subs.write_text(";".join(header) + "\n" + ";".join(row) + "\n", "utf-8")
    r = assess("import", subs, "--form", form, "-o", tmp_path / "out")
    assert r.code == 0, r.stderr
    profile, _ = load_profile(tmp_path / "out" / "federal-programme.yaml")
    assert profile.context.arms_embargo.answer is Answer.partial
    assert profile.context.arms_embargo.evidence == "Embargo on non-state groups only."
    assert profile.activities.mine_action == [MineActionActivity.survey_clearance, MineActionActivity.high_threat_iedd]
    assert (profile.treaties.apmbc, profile.treaties.ccm) == (TreatyStatus.party, TreatyStatus.not_party)
    assert profile.treaties.apmbc_article5_deadline == dt.date(2028, 2, 1)
    assert profile.treaties.apmbc_article5_extensions == 2
    assert (profile.contamination.mines, profile.contamination.improvised_mines) == (Extent.massive, Extent.heavy)
    assert profile.national_ownership.donor_dependent.answer is Answer.yes
    assert profile.governance.authorities_coordinated.answer is Answer.no
    assert profile.national_ownership.treaty_party.answer is Answer.partial


def _import_export(csv_text: str, tmp_path: Path, assess: Callable[..., Run]) -> tuple[Path, Run]:
    """Write the built-in form and an export holding ``csv_text``, and import it."""
    form = tmp_path / "form.xlsx"
    assert assess("xlsform", "-o", form).code == 0
    subs = tmp_path / "subs.csv"
    subs.write_text(csv_text, "utf-8")
    return subs, assess("import", subs, "--form", form, "-o", tmp_path / "out")


def test_a_bad_extension_count_in_an_export_is_located(tmp_path: Path, assess: Callable[..., Run]) -> None:
    subs, r = _import_export(
        "programme/title;programme/country;treaties/apmbc;treaties/apmbc_article5_extensions\nT;X;party;two\n",
        tmp_path,
        assess,
    )
    assert r.code == 2
    assert (
        r.stderr == f'error: {subs}:row 2, column "treaties/apmbc_article5_extensions": "two" is not a whole number\n'
    )
    assert not (tmp_path / "out").exists()


def test_the_scaffold_shows_the_new_sections(assess: Callable[..., Run]) -> None:
    r = assess("init")
    assert r.code == 0
    for line in ("# authorities:", "# treaties:", "# contamination:", "arms_embargo: unknown"):
        assert line in r.stdout, line


def test_an_export_whose_treaty_party_contradicts_its_treaties_is_located(
    tmp_path: Path, assess: Callable[..., Run]
) -> None:
    subs, r = _import_export(
        "programme/title;programme/country;treaties/apmbc;national_ownership/treaty_party\nT;X;party;no\n",
        tmp_path,
        assess,
    )
    assert r.code == 2
    assert r.stderr == (
        f'error: {subs}:row 2, column "national_ownership/treaty_party": '
        "'no' means party to neither the APMBC nor the CCM, but treaties.apmbc is 'party'\n"
    )
