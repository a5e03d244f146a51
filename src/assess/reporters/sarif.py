"""The SARIF 2.1.0 view, for code-scanning pages that annotate the profile YAML.

One run; ``tool.driver.rules`` are the checklist items; results are the
missed, partial and unknown items (and waived ones, marked as suppressed),
each located at the profile line of the field it concerns (line 1 when the
profile does not write that field). Levels: missed -> error for high-priority
items, warning otherwise; partial -> warning; unknown -> note. Unknown items
are left out of the results unless the run context asks for them
(``--annotate-unknown``); one tool notification of the run's invocation
counts them instead, so that code scanning is not flooded with evidence gaps.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from assess import __version__
from assess.core.checklist import APPROACH_TITLES
from assess.core.result import Assessment, ItemResult, Priority, Status
from assess.reporters.ci_notes import unknown_note
from assess.reporters.labels import skip_reason

if TYPE_CHECKING:
    from assess.reporters.context import RunContext

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

REPORTED = (Status.missed, Status.partial, Status.unknown, Status.waived)


def level(r: ItemResult) -> str:
    """The SARIF level of a finding."""
    if r.status is Status.missed:
        return "error" if r.priority is Priority.high else "warning"
    if r.status is Status.unknown:
        return "note"
    return "warning"


def artifact_uri(path: str, base: Path | None = None) -> str:
    """``path`` as a URI reference relative to ``base`` (the working folder)."""
    here = (base or Path.cwd()).resolve()
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(here)
        except ValueError:
            return p.resolve().as_uri()
    rel = PurePath(os.path.normpath(p)).as_posix()
    return quote(rel, safe="/-._~")


def _rule_name(title: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", title)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Item"


#: Where the reference pages of the built-in checklists are, relative to the
#: root of the assess repository (``assess explain --pages`` writes them).
PAGES = "docs/checklists"


def _builtin_ids() -> frozenset[str]:
    from assess.resources import builtin_checklists

    return frozenset(p.stem for p in builtin_checklists())


def help_uri(checklist: str, item_id: str, docs_url: str) -> str:
    """The reference page of a built-in item under ``docs_url``, the absolute
    address of the published ``docs/checklists/`` folder. SARIF's ``helpUri``
    is an absolute URI: a relative one would be read against the page that
    shows the alert (on GitHub, the user's repository), where no such page is."""
    return f"{docs_url.rstrip('/')}/{checklist}.md#{item_id.lower()}"


def _md(text: str) -> str:
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("*", "\\*"), ("_", "\\_"), ("`", "\\`")):
        text = text.replace(old, new)
    return " ".join(text.split())


def help_markdown(r: ItemResult, page: str | None, builtin: bool = False) -> str:
    """The rule's help as Markdown: question, why, what each side could do, sources."""
    refs = "\n".join(
        f"- {_md(ref.section)}, p. {ref.page}" + (f" ({_md(ref.case)})" if ref.case else "") for ref in r.references
    )
    lines = [
        f"**{_md(r.question)}**",
        "",
        f"**Why it matters:** {_md(r.rationale)}",
        "",
        "**What SSR actors could do:**",
        "",
        *(f"- {_md(x)}" for x in r.recommendations.ssr),
        "",
        "**What mine action actors could do:**",
        "",
        *(f"- {_md(x)}" for x in r.recommendations.mine_action),
        "",
        "**Source:** DCAF SSR Paper 15",
        "",
        refs,
    ]
    if page is not None:
        lines += ["", f"The item in full: [{r.checklist}/{r.id}]({page})"]
    elif builtin:
        lines += ["", f"The item in full: `assess explain {r.checklist}/{r.id}`"]
    return "\n".join(lines)


def _rule(
    r: ItemResult, version: str, builtin: frozenset[str] = frozenset(), docs_url: str | None = None
) -> dict[str, Any]:
    refs = "; ".join(f"{ref.section}, p. {ref.page}" + (f" ({ref.case})" if ref.case else "") for ref in r.references)
    ssr = "\n".join(f"- {x}" for x in r.recommendations.ssr)
    ma = "\n".join(f"- {x}" for x in r.recommendations.mine_action)
    help_text = (
        f"{r.question}\n\nWhy it matters: {r.rationale}\n\nWhat SSR actors could do:\n{ssr}\n\n"
        f"What mine action actors could do:\n{ma}\n\nSource: DCAF SSR Paper 15: {refs}"
    )
    page = help_uri(r.checklist, r.id, docs_url) if r.checklist in builtin and docs_url else None
    rule: dict[str, Any] = {
        "id": f"{r.checklist}/{r.id}",
        "name": _rule_name(r.title),
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": f"{r.question} {r.rationale}"},
        "help": {"text": help_text, "markdown": help_markdown(r, page, r.checklist in builtin)},
        "defaultConfiguration": {"level": "error" if r.priority is Priority.high else "warning"},
        "properties": {
            "checklist": r.checklist,
            "checklistVersion": version,
            "approach": r.approach.value,
            "approachTitle": APPROACH_TITLES[r.approach],
            "kind": r.kind.value,
            "weight": r.weight,
            "priority": r.priority.value,
            "ssrSide": r.ssr_side,
            "mineActionSide": r.mine_action_side,
            "references": [ref.model_dump(mode="json", exclude_none=True) for ref in r.references],
            "instruments": list(r.instruments),
            "tags": [r.approach.value, r.kind.value],
        },
    }
    if page is not None:
        rule["helpUri"] = page
    return rule


def _message(r: ItemResult, a: Assessment) -> str:
    known = r.status not in (Status.unknown, Status.waived)
    text = f"{r.status.value}: {r.criterion}" if known else skip_reason(r, english=True)
    return f"{r.id} {r.title} — {text} [{a.profile.title}]"


def _result(r: ItemResult, a: Assessment, index: int, base: Path | None) -> dict[str, Any]:
    loc = r.location
    uri = artifact_uri(loc.path if loc else a.profile.path, base)
    region = {"startLine": loc.line, "startColumn": loc.column} if loc else {"startLine": 1}
    key = f"{r.checklist}/{r.id}"
    out: dict[str, Any] = {
        "ruleId": key,
        "ruleIndex": index,
        "level": level(r),
        "message": {"text": _message(r, a)},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
        "partialFingerprints": {
            "assessItem/v1": hashlib.sha256(f"{a.profile.path}\0{key}".encode()).hexdigest()[:32],
        },
        "properties": {
            "status": r.status.value,
            "profile": a.profile.path,
            "priority": r.priority.value,
            "approach": r.approach.value,
        },
    }
    if r.stale:
        # EVIDENCE (issue 18): the item reads an answer whose source is older than the stale age.
        out["properties"]["stale"] = True
    if r.status is Status.waived and r.waiver is not None:
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": skip_reason(r, english=True)}
        ]
    return out


def build(
    assessments: Sequence[Assessment],
    base: Path | None = None,
    *,
    annotate_unknown: bool = True,
    docs_url: str | None = None,
) -> dict[str, Any]:
    """The SARIF log as JSON-ready data; without ``annotate_unknown``, unknown
    items are counted in one notification instead of a result each; with
    ``docs_url``, the rules of built-in items link to their reference pages."""
    reported = REPORTED if annotate_unknown else tuple(s for s in REPORTED if s is not Status.unknown)
    rules: dict[str, dict[str, Any]] = {}
    versions = {c.id: c.version for a in assessments for c in a.checklists}
    builtin = _builtin_ids()
    for a in assessments:
        for r in a.items:
            key = f"{r.checklist}/{r.id}"
            if key not in rules:
                rules[key] = _rule(r, versions.get(r.checklist, ""), builtin, docs_url)
    index = {key: i for i, key in enumerate(rules)}
    results = [
        _result(r, a, index[f"{r.checklist}/{r.id}"], base)
        for a in assessments
        for r in a.items
        if r.status in reported
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "assess",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": list(rules.values()),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "profiles": [
                {
                    "path": a.profile.path,
                    "overallScore": a.overall.score,
                    "coverage": a.overall.coverage,
                    "checklists": [f"{c.id} {c.version}" for c in a.checklists],
                }
                for a in assessments
            ]
        },
    }
    note = None if annotate_unknown else unknown_note(assessments)
    if note is not None:
        run["invocations"] = [
            {"executionSuccessful": True, "toolExecutionNotifications": [{"level": "note", "message": {"text": note}}]}
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """The SARIF log as JSON text (unknown items as results only when the
    context asks for them)."""
    del color
    annotate = context is not None and context.annotate_unknown
    docs_url = context.docs_url if context is not None else None
    doc = build(assessments, annotate_unknown=annotate, docs_url=docs_url)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
