"""The JUnit XML view, for CI test-report pages (GitLab, Jenkins, and others).

Shape: ``testsuites / testsuite / testcase``, one testsuite per profile and
checklist, one testcase per item (classname: the checklist id; name: the item
id and title). A met item passes; missed and partial items fail (with the
criterion and the recommendations); not-applicable, unknown and waived items
are skipped with the reason. Counts on every suite add up.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assess.core.result import Assessment, ItemResult, Status
from assess.errors import printable
from assess.reporters.labels import score, skip_reason

if TYPE_CHECKING:
    from assess.reporters.context import RunContext  # the protocol's third argument, unused here

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe to put in an XML document (invalid characters dropped)."""
    return _INVALID_XML.sub("", text)


def _where(r: ItemResult, profile: str) -> str:
    loc = r.location
    return f"{loc.path}:{loc.line}:{loc.column}" if loc else profile


def failure_body(r: ItemResult, profile: str) -> str:
    """The text of a failure: criterion, why, what each side could do, evidence."""
    lines = [r.criterion, "", f"Item: {r.checklist}/{r.id} {r.title}", f"Profile: {_where(r, profile)}"]
    lines += [f"Question: {r.question}", f"Why it matters: {r.rationale}", "", "What SSR actors could do:"]
    lines += [f"  - {x}" for x in r.recommendations.ssr]
    lines.append("What mine action actors could do:")
    lines += [f"  - {x}" for x in r.recommendations.mine_action]
    if r.evidence:
        lines += ["", "Evidence read:"]
        lines += [f"  - {e.field}: {e.answer}" + (f" ({e.evidence})" if e.evidence else "") for e in r.evidence]
    refs = "; ".join(f"{ref.section}, p. {ref.page}" for ref in r.references)
    lines += ["", f"Source: DCAF SSR Paper 15: {refs}"]
    # One line each: a line break inside a text from a file is shown escaped,
    # so that no line of the report starts with it (CI logs run '::' lines).
    return "\n".join(printable(line) for line in lines)


def _suite(a: Assessment, checklist: str, version: str, items: list[ItemResult]) -> ET.Element:
    profile = a.profile.path
    failures = sum(1 for r in items if r.status in (Status.missed, Status.partial))
    skipped = sum(1 for r in items if r.status in (Status.not_applicable, Status.unknown, Status.waived))
    suite = ET.Element(
        "testsuite",
        {
            "name": clean(f"{profile}: {checklist} {version}"),
            "tests": str(len(items)),
            "failures": str(failures),
            "errors": "0",
            "skipped": str(skipped),
            "time": "0",
        },
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("profile", profile),
        ("programme", f"{a.profile.title} — {a.profile.country}"),
        ("checklist", f"{checklist} {version}"),
        ("overall_score", score(a.overall.score, english=True)),
        ("overall_coverage", f"{a.overall.coverage:.0%}"),
    ):
        ET.SubElement(props, "property", {"name": name, "value": clean(value)})
    strength = a.overall.evidence
    if strength is not None and strength.share is not None:
        # EVIDENCE (issue 18): where the profile says how its answers are known.
        ET.SubElement(props, "property", {"name": "overall_evidence", "value": f"{strength.share:.0%}"})
    for r in items:
        attrs = {"classname": r.checklist, "name": clean(f"{r.id} {r.title}"), "file": profile, "time": "0"}
        if r.location is not None:
            attrs["line"] = str(r.location.line)
        case = ET.SubElement(suite, "testcase", attrs)
        if r.status in (Status.missed, Status.partial):
            fail = ET.SubElement(
                case, "failure", {"message": clean(f"{r.status.value}: {r.criterion}"), "type": r.status.value}
            )
            fail.text = clean(failure_body(r, profile))
        elif r.status in (Status.not_applicable, Status.unknown, Status.waived):
            ET.SubElement(case, "skipped", {"message": clean(skip_reason(r, english=True))})
    return suite


# --- PLANS: a profile's action plan as one suite (an overdue action fails) ---


def _plan_suite(a: Assessment) -> ET.Element | None:
    """One testcase per action of the plan: overdue fails, dropped is skipped."""
    plan = a.plan
    if plan is None:
        return None
    profile = a.profile.path
    suite = ET.Element(
        "testsuite",
        {
            "name": clean(f"{profile}: action plan {plan.file}"),
            "tests": str(len(plan.actions)),
            "failures": str(len(plan.overdue)),
            "errors": "0",
            "skipped": str(sum(1 for x in plan.actions if x.status == "dropped")),
            "time": "0",
        },
    )
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "judged_on", "value": plan.judged_on.isoformat()})
    for x in plan.actions:
        case = ET.SubElement(
            suite, "testcase", {"classname": "action-plan", "name": clean(f"{x.id} {x.text}"), "time": "0"}
        )
        if x.overdue:
            due = x.due.isoformat() if x.due is not None else ""
            fail = ET.SubElement(
                case,
                "failure",
                {"message": clean(f"overdue: due {due}, {x.status.replace('_', ' ')}"), "type": "overdue"},
            )
            fail.text = clean(f"{x.id}: due {due} (judged on {plan.judged_on.isoformat()}); owner: {x.owner or '-'}")
        elif x.status == "dropped":
            ET.SubElement(case, "skipped", {"message": clean(f"dropped{': ' + x.note if x.note else ''}")})
    return suite


# --- end PLANS ---


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """One ``testsuites`` document for all profiles."""
    del color, context
    root = ET.Element("testsuites", {"name": "assess"})
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for a in assessments:
        for ref in a.checklists:
            items = [r for r in a.items if r.checklist == ref.id]
            suite = _suite(a, ref.id, ref.version, items)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        plan_suite = _plan_suite(a)
        if plan_suite is not None:
            root.append(plan_suite)
            for key in totals:
                totals[key] += int(plan_suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
