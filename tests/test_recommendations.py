"""Recommendations that fit the country: conditions, and the profile's own names.

Data: tests/data/model/checklist-actions.yaml (one item using every part of the
scheme, with French), two-authorities.yaml (two authorities, a mission, names
with markup characters), no-names.yaml (nothing named), and two checklists that
break the scheme.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ci_support import at_root, check, run
from paths import MODEL, rel

__all__ = ["at_root"]

ACTIONS = MODEL / "checklist-actions.yaml"
TWO = rel(MODEL / "two-authorities.yaml")
NONE = rel(MODEL / "no-names.yaml")
REGIONAL = "Regional <b>Agency</b> | *North*"


def item(path: str, checklist: Path | str = ACTIONS, lang: str = "en", wanted: str = "") -> dict[str, Any]:
    r = run("check", "--checklist", checklist, path, "--format", "json", "--lang", lang)
    assert r.code in (0, 1), r.err
    items = json.loads(r.out)["items"]
    return next(i for i in items if i["id"] == wanted) if wanted else items[0]


def test_the_profile_names_its_authorities_mission_and_actors() -> None:
    got = item(TWO)
    assert got["actions"] == [
        {
            "side": "ssr",
            "text": "Use SSR dialogue to settle which institution leads.",
            "horizon": None,
            "by": [],
            "actors": [],
        },
        {
            "side": "ssr",
            "text": "Bring Federal Mine Action Directorate into the oversight of Testland's ministries.",
            "horizon": "structural",
            "by": ["ministry", "parliament"],
            "actors": ["Ministry of Defence"],
        },
        {
            "side": "mine_action",
            "text": f"Help Federal Mine Action Directorate and {REGIONAL} agree which of them answers for mine "
            "action, and where.",
            "horizon": "year",
            "by": ["national_authority"],
            "actors": ["Federal Mine Action Directorate", REGIONAL],
        },
        {
            "side": "mine_action",
            # Only the army's deminers (side mine_action), not its command (side ssr).
            "text": "Report to UN<i>TEST</i> on the work of Army Engineers.",
            "horizon": "now",
            "by": ["un", "armed_forces"],
            "actors": ["Army Engineers", "Army Command"],
        },
    ]
    # The plain-text recommendations are the same resolved texts, per side.
    assert got["recommendations"] == {
        "ssr": [a["text"] for a in got["actions"][:2]],
        "mine_action": [a["text"] for a in got["actions"][2:]],
    }


def test_without_names_the_checklist_words_stand_and_conditions_that_do_not_hold_drop_out() -> None:
    got = item(NONE)
    assert got["recommendations"] == {
        "ssr": [
            "Use SSR dialogue to settle which institution leads.",
            "Bring the national mine action authority into the oversight of Testland's ministries.",
        ],
        # No mission: its recommendation is left out; authorities not stated: the
        # two-authorities advice is not given either (shown only where it is known to fit).
        "mine_action": [],
    }
    assert [a["actors"] for a in got["actions"]] == [[], []]


def test_french_uses_its_own_fallbacks_and_joins_names_with_et() -> None:
    assert item(TWO, lang="fr")["recommendations"]["mine_action"] == [
        f"Aider Federal Mine Action Directorate et {REGIONAL} à convenir de celle qui répond de l'action contre "
        "les mines, et où.",
        "Rendre compte à UN<i>TEST</i> du travail de Army Engineers.",
    ]
    assert item(NONE, lang="fr")["recommendations"]["ssr"][1] == (
        "Associer l'autorité nationale de l'action contre les mines au contrôle des ministères de Testland."
    )


def test_an_unknown_name_does_not_load() -> None:
    bad = rel(MODEL / "bad-actions-name.yaml")
    r = run("lint", bad)
    assert r.code == 2
    assert r.err_lines == [
        f"error: {bad}:27:17: item ACT-01: unknown name 'autority' (did you mean 'authority'?); a placeholder "
        "names country, mission, authority, authorities, centre, an actor role (e.g. armed_forces) or SIDE.ROLE "
        "(e.g. ssr.police)",
        "1 problem(s) found.",
    ]
    assert check(NONE, checklist=MODEL / "bad-actions-name.yaml").code == 2


def test_lint_holds_translations_to_the_english_names() -> None:
    bad = rel(MODEL / "bad-actions-translation.yaml")
    r = run("lint", bad)
    assert r.code == 2
    assert r.err_lines == [
        f"error: {bad}:52:15: item ACT-01: the French text of recommendations.ssr[1] names {{authority}} where "
        "the English names {authority}, {country}; a translation puts in the same names",
        f"error: {bad}:54:13: item ACT-01: the French translation has 3 recommendation(s) for mine_action where "
        "the English has 2; they pair by position",
        f"error: {bad}:55:15: item ACT-01: placeholder {{mine_action.armed_forces}} needs a name and one "
        "fallback, e.g. {authority|the national mine action authority}",
        "3 problem(s) found.",
    ]


def test_built_in_items_name_the_profiles_authorities_where_two_compete() -> None:
    gov11 = item(TWO, "good-governance", wanted="GOV-11")
    assert gov11["status"] == "missed"
    assert gov11["recommendations"]["mine_action"][-1] == (
        f"Help Federal Mine Action Directorate and {REGIONAL} agree in writing which of them answers for "
        "which part of mine action, and in which territory."
    )
    # One authority, or none stated: the advice is not given.
    assert len(item(NONE, "good-governance", wanted="GOV-11")["recommendations"]["mine_action"]) == 1


def test_built_in_items_name_the_mission_in_french_too() -> None:
    lnk02 = item(TWO, "operational-linkage", lang="fr", wanted="LNK-02")
    assert lnk02["recommendations"]["mine_action"] == [
        "Rendre compte des résultats de PSSM et d'élimination au regard des objectifs de RSS et de DDR de "
        "UN<i>TEST</i>."
    ]


def test_the_phase_decides_which_reintegration_advice_is_given(tmp_path: Path) -> None:
    base = "programme: {title: T, country: Testland}\nactivities: {ssr: [ddr], mine_action: [survey_clearance]}\n"
    texts = {}
    for phase in ("emergency", "reconstruction", None):
        p = tmp_path / f"{phase}.yaml"
        p.write_text(base + (f"context: {{phase: {phase}}}\n" if phase else ""), "utf-8")
        got = item(str(p), "people-centred", wanted="PPL-12")
        texts[phase] = [t.split(",")[0] for t in got["recommendations"]["mine_action"]]
    assert texts == {
        "emergency": ["While fighting goes on"],
        "reconstruction": ["Recruit reintegrees only after vetting"],
        None: ["Recruit reintegrees only after vetting"],
    }


def test_profile_names_are_text_in_every_output(tmp_path: Path) -> None:
    for fmt in ("junit", "sarif", "github"):
        r = run("check", "--checklist", "operational-linkage", TWO, "--format", fmt)
        assert "UN<i>TEST</i>" in r.out or "UN&lt;i&gt;TEST&lt;/i&gt;" in r.out, fmt
        if fmt == "junit":
            ET.fromstring(r.out)  # well-formed: the markup is escaped
            assert "UN<i>TEST</i>" not in r.out
        if fmt == "sarif":
            assert "of UN<i>TEST</i>." in json.dumps(json.loads(r.out), ensure_ascii=False)
    html = tmp_path / "report.html"
    r = run("report", TWO, "--checklist", "operational-linkage", "--format", "html", "-o", html)
    assert r.code == 0, r.err
    page = html.read_text("utf-8")
    assert "the mandate of UN&lt;i&gt;TEST&lt;/i&gt; that makes" in page
    assert "<i>TEST</i>" not in page


def test_the_checklist_schema_covers_the_new_fields() -> None:
    import jsonschema
    from ruamel.yaml import YAML

    from paths import ROOT

    stored = json.loads((ROOT / "schema" / "checklist.schema.json").read_text("utf-8"))
    assert stored == json.loads(run("schema", "checklist").out), "regenerate: assess schema checklist"
    validator = jsonschema.Draft202012Validator(stored)
    for path in [*sorted((ROOT / "checklists").glob("*.yaml")), ACTIONS, MODEL / "checklist-split.yaml"]:
        assert list(validator.iter_errors(YAML(typ="safe").load(path.read_text("utf-8")))) == [], path
    doc = YAML(typ="safe").load(ACTIONS.read_text("utf-8"))
    entry = doc["items"][0]["recommendations"]["mine_action"][0]
    entry["horizon"] = "soon"
    entry["when"] = {"feld": "authorities"}
    doc["items"][0]["replaces"] = ["not an id"]
    doc["items"][0]["caution_when"] = {"any": "x"}
    errors = sorted(e.json_path for e in validator.iter_errors(doc))
    assert errors == [
        "$.items[0].caution_when",
        "$.items[0].recommendations.mine_action[0]",
        "$.items[0].replaces[0]",
    ]


def test_names_from_the_profile_are_put_in_once_never_read_as_placeholders(tmp_path: Path) -> None:
    p = tmp_path / "braces.yaml"
    p.write_text(
        "programme: {title: Braces, country: '{mission|Nowhere}'}\n"
        "authorities: [{name: '{{country}} ${x} %s', jurisdiction: national}]\n"
        "governance: {single_accountable_body: no}\n",
        "utf-8",
    )
    assert item(str(p))["recommendations"]["ssr"][1] == (
        "Bring {{country}} ${x} %s into the oversight of {mission|Nowhere}'s ministries."
    )
