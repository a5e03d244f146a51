"""The paper's case studies: each example profile must produce the findings the
paper reports for it.

The verdicts live in ``tests/data/example_verdicts.yaml`` (written from the paper
before the checklists were tuned). Each verdict names the checklist item it
maps to and the result the paper leads us to expect. Where the paper and a
checklist part ways the verdict carries ``disagreement`` and the test is a
strict xfail, so the day the checklist changes the suite says so.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import Run, run_here
from paths import EXAMPLE_VERDICTS, EXAMPLES, ROOT

EXPECTED: dict[str, list[dict[str, Any]]] = YAML(typ="safe").load(EXAMPLE_VERDICTS.read_text(encoding="utf-8"))["cases"]

#: Results an item can have when the paper's verdict is "caution raised".
RAISED = {"missed", "partial"}


def _run(*args: str) -> Run:
    return run_here(args, cwd=ROOT)


@functools.cache
def _assessment(case: str) -> dict[str, Any]:
    proc = _run("check", f"examples/{case}.yaml", "--format", "json")
    assert proc.code == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _verdicts() -> list[Any]:
    params = []
    for case, verdicts in EXPECTED.items():
        for i, verdict in enumerate(verdicts):
            marks = []
            if verdict.get("disagreement"):
                marks.append(pytest.mark.xfail(strict=True, reason=verdict["disagreement"]))
            item = verdict.get("item", "unmapped")
            params.append(pytest.param(case, verdict, id=f"{case}-{i}-{item}", marks=marks))
    return params


def test_every_example_has_its_verdicts() -> None:
    assert sorted(p.stem for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)


def _section(text: str, heading: str) -> str:
    """The lines of one section of the text report, up to the next blank line."""
    if heading not in text:
        return ""
    return text.split(heading, 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_example_validates_and_reads_fairly(case: str) -> None:
    proc = _run("check", f"examples/{case}.yaml")
    assert proc.code == 0, proc.stderr
    assert proc.stderr == ""
    result = _assessment(case)
    first = proc.stdout.splitlines()[0]
    assert result["profile"]["title"] in first
    assert result["profile"]["country"] in first
    assert "Results:" in proc.stdout

    # The summary a reader sees lists the paper's missed synergies and cautions,
    # and never lists as a missed synergy something the paper calls met.
    synergies = _section(proc.stdout, "Missed synergies, most costly first:") + _section(
        proc.stdout, "Synergies met in part, most costly first:"
    )
    cautions = _section(proc.stdout, "Cautions raised:")
    for verdict in EXPECTED[case]:
        if verdict.get("disagreement"):
            continue
        item_id = f" {verdict['item'].split('/')[1]} "
        if verdict.get("missed_synergy"):
            assert item_id in synergies, verdict["claim"]
        if verdict["result"] == "caution raised":
            assert item_id in cautions, verdict["claim"]
        if verdict["result"] == "met":
            assert item_id not in synergies + cautions, verdict["claim"]


@pytest.mark.parametrize(("case", "verdict"), _verdicts())
def test_paper_verdict(case: str, verdict: dict[str, Any]) -> None:
    assert "item" in verdict, f"{case}: verdict not mapped to a checklist item: {verdict['claim']}"
    result = _assessment(case)
    checklist, item_id = verdict["item"].split("/")
    found = [r for r in result["items"] if r["checklist"] == checklist and r["id"] == item_id]
    assert len(found) == 1, f"{verdict['item']} is not in the result"
    item = found[0]

    # The item must read at least one of the facts the verdict rests on, or the
    # mapping is wrong whatever the status says.
    read = {e["field"] for e in item["evidence"]}
    assert read & set(verdict["facts"]), f"{verdict['item']} reads {sorted(read)}, not {verdict['facts']}"

    expected = verdict["result"]
    if expected == "caution raised":
        assert item["kind"] == "caution"
        assert item["status"] in RAISED, item["criterion"]
        assert verdict["item"] in result["cautions"]
    else:
        assert item["status"] == expected, item["criterion"]
    if verdict.get("missed_synergy"):
        # A weak link (partial) is listed apart from an absent one (schema 1.3).
        listed = result["partial_synergies"] if item["status"] == "partial" else result["missed_synergies"]
        assert verdict["item"] in listed
