"""A checklist reference gives the page of its claim, inside the section it names.

The section's pages run from its start in the paper's table of contents to the start
of the next section (the README's table below the format). A page equal to a section's
first page is allowed (a claim can open a section) but is no longer the rule: the
claim's page was looked up in the paper for every reference.
"""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from paths import ROOT

# (section title, first page, last page) from the paper's table of contents
SECTIONS = [
    ("Security sector reform: Towards comprehensive security and good governance", 8, 11),
    ("Mine action: From humanitarian demining to explosive hazard management", 11, 16),
    ("The evolution of peacekeeping and peacebuilding", 16, 21),
    ("National ownership and capacity development", 21, 23),
    ("Good governance: Transparency, accountability and effectiveness", 23, 26),
    ("People-centred approach and human rights", 26, 32),
    ("SSR and mine action in the mandates of UN peacekeeping missions", 32, 39),
    ("National ownership and capacity development", 39, 42),
    ("Good governance: Transparency, accountability and effectiveness", 42, 45),
    ("People-centred approach and human rights", 45, 48),
    ("Broadening mandates: Mine action organizations and security providers", 48, 57),
    ("Conclusion", 57, 60),
]


def references() -> list[tuple[str, str, int]]:
    out = []
    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        doc = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
        for item in doc["items"]:
            out += [(item["id"], ref["section"], int(ref["page"])) for ref in item["references"]]
    return out


def test_every_reference_page_lies_inside_its_section() -> None:
    bad = [
        f"{item}: {section}, p. {page}"
        for item, section, page in references()
        if not any(title == section and first <= page <= last for title, first, last in SECTIONS)
    ]
    assert not bad, "reference page outside the section it names:\n" + "\n".join(bad)


def test_references_give_the_claim_page_not_the_section_start() -> None:
    refs = references()
    starts = {first for _, first, _ in SECTIONS}
    at_start = [r for r in refs if r[2] in starts and any(r[1] == t and r[2] == f for t, f, _ in SECTIONS)]
    assert len(refs) >= 100
    assert len(at_start) <= len(refs) // 4, f"{len(at_start)} of {len(refs)} references give the section's first page"
