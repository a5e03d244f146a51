"""``assess explain``: a checklist item in full, as text or Markdown.

Each item is shown with its checklist, approach, kind and weight, the
question it asks, what met, partial and missed mean, where it does not
apply, why it matters (and why it weighs what it does), the SSR and mine
action sides, what actors on each side could do, the paper's references and
the profile fields it reads, each with its question. The same parts make the
reference pages of the built-in checklists (:func:`checklist_page`), which
``docs/checklists/`` holds and SARIF rules link to.

Labels are English msgids, translated into the language of ``--lang``; the
item's own texts come from the checklist in that language.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from assess.core.actions import parse_template
from assess.core.checklist import APPROACH_TITLES, Kind, Need, RecommendationEntry, entry_text
from assess.core.evaluate import CompiledChecklist, CompiledItem
from assess.core.result import Priority
from assess.core.scoring import priority
from assess.i18n import N_, _, number

#: What each side an item needs means, as the reader sees it.
NEED_WORDS: dict[Need, str] = {
    Need.ssr: N_("an SSR process is under way"),
    Need.mine_action: N_("mine action work is under way"),
    Need.security_forces: N_("an SSR process, or security forces taking part in mine action"),
    Need.un_mandate: N_("a UN mission holds an SSR or a mine action mandate"),
    Need.ddr: N_("a DDR process, or former combatants working in demining"),
}

PRIORITY_WORDS: dict[Priority, str] = {
    Priority.high: N_("high priority"),
    Priority.medium: N_("medium priority"),
    Priority.low: N_("low priority"),
}

KIND_WORDS: dict[Kind, str] = {Kind.synergy: N_("Synergy"), Kind.practice: N_("Practice"), Kind.caution: N_("Caution")}


@dataclass(frozen=True)
class Part:
    """One labelled part of an item: a heading and its paragraphs or list entries."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    entries: tuple[str, ...] = ()


def anchor(item_id: str) -> str:
    """The Markdown heading anchor of an item on its checklist's page (GitHub's rule)."""
    return item_id.lower()


def page_name(checklist_id: str) -> str:
    """The file name of a checklist's reference page under ``docs/checklists/``."""
    return f"{checklist_id}.md"


def _reference(section: str, page: int | str, case: str | None) -> str:
    text = _("{section}, p. {page}").format(section=section, page=page)
    return text + (_(" (case: {case})").format(case=case) if case else "")


def _recommendations(entries: Sequence[RecommendationEntry]) -> tuple[str, ...]:
    """Each recommendation as a reader of the checklist sees it: the profile's
    names left to the checklist's own words, a conditional one marked so."""
    out = []
    for entry in entries:
        text = parse_template(entry_text(entry)).render(lambda _name: None)
        if not isinstance(entry, str) and entry.when is not None:
            text = _("{text} (only where the profile fits the condition)").format(text=text)
        out.append(text)
    return tuple(out)


def parts(cc: CompiledChecklist, ci: CompiledItem) -> list[Part]:
    """The item's parts, in the order they are shown."""
    item = ci.item
    facts = [
        _("Checklist: {id} {version} ({title})").format(
            id=cc.checklist.id, version=cc.checklist.version, title=cc.checklist.title
        ),
        _("Approach: {approach}").format(approach=_(APPROACH_TITLES[item.approach])),
        _("Kind: {kind}").format(kind=_(KIND_WORDS[item.kind])),
        _("Weight: {weight} ({priority})").format(
            weight=number(item.weight), priority=_(PRIORITY_WORDS[priority(item.weight)])
        ),
    ]
    out = [Part(_("Item"), entries=tuple(facts)), Part(_("Question"), (item.question,))]
    criteria = [_("Met: {text}").format(text=item.criteria.met.text)]
    if item.criteria.partial is not None:
        criteria.append(_("Partial: {text}").format(text=item.criteria.partial.text))
    criteria.append(_("Missed: {text}").format(text=item.criteria.missed.text))
    out.append(Part(_("Criteria"), entries=tuple(criteria)))
    applies: list[str] = []
    if item.needs:
        applies += [_("Only where {need}.").format(need=_(NEED_WORDS[n])) for n in item.needs]
    if item.not_applicable_reason and item.applies_when is not None:
        applies.append(_("Not applicable where: {reason}").format(reason=item.not_applicable_reason))
    if item.caution_in:
        applies.append(
            _("A caution rather than a gap in these phases: {phases}.").format(
                phases=", ".join(p.value for p in item.caution_in)
            )
        )
    if item.caution_when is not None and item.caution_reason:
        applies.append(_("A caution rather than a gap where: {reason}").format(reason=item.caution_reason))
    if applies:
        out.append(Part(_("Where it applies"), entries=tuple(applies)))
    out.append(Part(_("Why it matters"), (item.rationale, _("Weight: {reason}").format(reason=item.weight_reason))))
    out.append(Part(_("SSR side"), (item.ssr_side,)))
    out.append(Part(_("Mine action side"), (item.mine_action_side,)))
    out.append(Part(_("What SSR actors could do"), entries=_recommendations(item.recommendations.ssr)))
    out.append(Part(_("What mine action actors could do"), entries=_recommendations(item.recommendations.mine_action)))
    refs = [_reference(r.section, r.page, r.case) for r in item.references]
    out.append(Part(_("References (DCAF SSR Paper 15)"), entries=tuple(refs)))
    if item.instruments:
        out.append(Part(_("Instruments"), entries=tuple(item.instruments)))
    if ci.fields:
        fields = [f"{f}: {ci.questions[f]}" if ci.questions.get(f) else f for f in ci.fields]
        out.append(Part(_("Profile fields it reads"), entries=tuple(fields)))
    return out


def _title(ci: CompiledItem) -> str:
    return f"{ci.item.id} {ci.item.title}"


def item_text(cc: CompiledChecklist, ci: CompiledItem) -> str:
    """The item in full for the terminal, wrapped to 88 columns."""
    out = [_title(ci), "=" * len(_title(ci))]
    for part in parts(cc, ci):
        out += ["", _("{heading}:").format(heading=part.heading)]
        for n, p in enumerate(part.paragraphs):
            out += [""] if n else []
            out += textwrap.wrap(p, 86, initial_indent="  ", subsequent_indent="  ")
        for e in part.entries:
            out += textwrap.wrap(e, 86, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Checklist text safe in Markdown: no HTML, no stray emphasis from * or _."""
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("*", "\\*"), ("_", "\\_"), ("`", "\\`")):
        text = text.replace(old, new)
    return " ".join(text.split())


def item_markdown(cc: CompiledChecklist, ci: CompiledItem, level: int = 1) -> str:
    """The item in full as Markdown, its title at heading ``level``."""
    out = [f"{'#' * level} {_md(_title(ci))}"]
    for part in parts(cc, ci):
        out += ["", f"**{_md(part.heading)}**"]
        for p in part.paragraphs:
            out += ["", _md(p)]
        if part.entries:
            out += ["", *(f"- {_md(e)}" for e in part.entries)]
    return "\n".join(out) + "\n"


def checklist_page(cc: CompiledChecklist) -> str:
    """A checklist's reference page: its description, an index of items, then each item."""
    c = cc.checklist
    out = [
        f"# {_md(c.title)}",
        "",
        _("Checklist `{id}`, version {version}. Source: {source}.").format(
            id=c.id, version=c.version, source=_md(c.source)
        ),
        "",
    ]
    if c.description:
        out += [_md(c.description), ""]
    out += [_("Generated by `assess explain --pages docs/checklists`; do not edit by hand."), ""]
    out += [f"- [{_md(_title(ci))}](#{anchor(ci.item.id)})" for ci in cc.items]
    for ci in cc.items:
        out += ["", f'<a id="{anchor(ci.item.id)}"></a>', "", item_markdown(cc, ci, level=2).rstrip("\n")]
    return "\n".join(out) + "\n"


def index_page(checklists: Sequence[CompiledChecklist]) -> str:
    """The index of the reference pages."""
    out = ["# " + _("The built-in checklists"), ""]
    out += [
        _("One page per checklist, every item in full. Regenerate with `assess explain --pages docs/checklists`."),
        "",
    ]
    out += _table(checklists)
    return "\n".join(out) + "\n"


def _table(checklists: Sequence[CompiledChecklist]) -> list[str]:
    out = [
        "| " + " | ".join([_("Checklist"), _("Version"), _("Title"), _("Items")]) + " |",
        "| --- | --- | --- | ---: |",
    ]
    for cc in checklists:
        c = cc.checklist
        out.append(f"| [`{c.id}`]({page_name(c.id)}) | {c.version} | {_md(c.title)} | {len(c.items)} |")
    return out
