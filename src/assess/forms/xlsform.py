"""``assess xlsform``: the profile as an XLSForm for KoboToolbox, ODK and Survey123.

The form asks what the checklists read: the programme's identity, its context
(phase, UN mission), its activities, and every fact a checklist condition
names, as ``select_one answer`` (yes / no / partial / unknown) followed by a
text field for the evidence. Facts are grouped by profile section, one group
per approach; the group and field names are the profile's own, so an export
maps back to profile paths (``governance/civilian_oversight`` is
``governance.civilian_oversight``) and :mod:`assess.forms.submissions` needs no table.

Each fact's ``relevant`` expression mirrors the applicability of the items
that read it. The engine hides an item (not applicable) only when its
``applies_when`` is known to be false; a silent condition leaves it
applicable. The form does the same: a question is shown unless every item
that reads it is known not to apply. A condition the form cannot express
(a field the form does not ask, ``count`` with ``where``, comparisons of
numbers or dates) leaves its questions always shown; :func:`build_form`
returns a note for each.

Output is deterministic: fixed workbook properties and zip timestamps, so the
same checklists give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel

from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.conditions import (
    FIELD_TESTS,
    All,
    AnyOf,
    Condition,
    Count,
    FieldTest,
    Not,
)
from assess.core.evaluate import CompiledChecklist, item_key
from assess.core.facts import Answer
from assess.core.fields import resolve_field
from assess.core.profile import (
    FACT_SECTIONS,
    Chapter,
    MandateLevel,
    MineActionActivity,
    MissionType,
    Phase,
    Profile,
    SSRComponent,
)
from assess.forms.xlsform_fr import (
    APPROACH_TITLES_FR,
    CHOICE_LABELS,
    FACT_QUESTIONS_FR,
    UI,
)

EN = "English (en)"
FR = "French (fr)"
LANGS = (EN, FR)

SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{EN}",
    f"label::{FR}",
    f"hint::{EN}",
    f"hint::{FR}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{EN}",
    f"constraint_message::{FR}",
    "appearance",
)
CHOICES_COLUMNS = ("list_name", "name", f"label::{EN}", f"label::{FR}")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language", "instance_name")

FORM_ID = "assess_profile"

#: Answers in the order the form offers them.
ANSWERS = ("yes", "no", "partial", "unknown")

#: The select_one / select_multiple lists the form defines, by list name.
ENUM_LISTS: dict[str, type[Enum]] = {
    "phase": Phase,
    "mission_type": MissionType,
    "chapter": Chapter,
    "mandate": MandateLevel,
    "ssr_component": SSRComponent,
    "mine_action_activity": MineActionActivity,
}

#: The choice meaning "none of these" in a select_multiple: an empty list,
#: which the engine tells apart from a list left out (unknown).
NONE_CHOICE = "none"

#: The question that says whether a UN mission operates (``context.un_mission`` exists).
UN_MISSION_PRESENT = "un_mission_present"

#: Suffix of the evidence field beside each fact.
NOTES_SUFFIX = "_notes"

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"


class _Unsupported(Exception):
    """A condition the form cannot express in XPath."""


# ---------------------------------------------------------------- XPath


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise _Unsupported(f"the value {value!r} has both kinds of quotes")


def _or(parts: Iterable[str]) -> str:
    items = list(dict.fromkeys(parts))
    if "true()" in items:
        return "true()"
    items = [p for p in items if p != "false()"]
    if not items:
        return "false()"
    return items[0] if len(items) == 1 else " or ".join(f"({p})" for p in items)


def _and(parts: Iterable[str]) -> str:
    items = list(dict.fromkeys(parts))
    if "false()" in items:
        return "false()"
    items = [p for p in items if p != "true()"]
    if not items:
        return "true()"
    return items[0] if len(items) == 1 else " and ".join(f"({p})" for p in items)


def _wrapped(text: str) -> bool:
    """True when ``text`` is ``not(...)`` with the parentheses around all the rest."""
    if not (text.startswith("not(") and text.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(text[3:], start=3):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(text) - 1
    return False


def _not(part: str) -> str:
    if part == "true()":
        return "false()"
    if part == "false()":
        return "true()"
    if _wrapped(part):
        return part[4:-1]
    return f"not({part})"


@dataclass(frozen=True)
class _Field:
    """A profile path the form asks, and how its answer reads in XPath."""

    ref: str  # ${name}
    kind: str
    values: tuple[str, ...] = ()  # choice names a select can hold


class _Translator:
    """Three-valued conditions as two XPath expressions: known true, known false."""

    def __init__(self, fields: dict[str, _Field], un_mission_ref: str | None) -> None:
        self.fields = fields
        self.un_mission_ref = un_mission_ref

    def sides(self, cond: Condition) -> tuple[str, str]:
        if isinstance(cond, All):
            pairs = [self.sides(p) for p in cond.parts]
            return _and(t for t, _ in pairs), _or(f for _, f in pairs)
        if isinstance(cond, AnyOf):
            pairs = [self.sides(p) for p in cond.parts]
            return _or(t for t, _ in pairs), _and(f for _, f in pairs)
        if isinstance(cond, Not):
            t, f = self.sides(cond.part)
            return f, t
        if isinstance(cond, FieldTest):
            return self._field(cond)
        if isinstance(cond, Count):
            return self._count(cond)
        raise _Unsupported(f"unknown condition {type(cond).__name__}")

    def _field(self, cond: FieldTest) -> tuple[str, str]:
        if cond.path == "context.un_mission" and cond.op == "exists" and self.un_mission_ref:
            # A profile without the mission: exists is false, never silent.
            present = f"{self.un_mission_ref} = 'yes'"
            return (present, _not(present)) if cond.operand else (_not(present), present)
        spec = self.fields.get(cond.path)
        if spec is None:
            raise _Unsupported(f"the form does not ask '{cond.path}'")
        ref = spec.ref
        if spec.kind in ("fact", "enum"):
            values = spec.values
            known = _or(f"{ref} = '{v}'" for v in values)
            if cond.op == "exists":
                return (known, _not(known)) if cond.operand else (_not(known), known)
            test = FIELD_TESTS[cond.op]
            true = [v for v in values if test(v, cond.operand)]
            false = [v for v in values if v not in true]
            return _or(f"{ref} = '{v}'" for v in true), _or(f"{ref} = '{v}'" for v in false)
        if spec.kind == "enum_list":
            known = f"count-selected({ref}) > 0"
            if cond.op == "exists":
                return (known, _not(known)) if cond.operand else (_not(known), known)
            if cond.op == "contains":
                chosen = f"selected({ref}, {_quote(str(cond.operand))})"
                return chosen, _and([known, _not(chosen)])
        if spec.kind in ("str", "date") and cond.op == "exists":
            known = f"{ref} != ''"
            return (known, _not(known)) if cond.operand else (_not(known), known)
        if spec.kind == "str" and cond.op in ("equals", "in"):
            operands = [cond.operand] if cond.op == "equals" else list(cond.operand)
            same = _or(f"{ref} = {_quote(str(v))}" for v in operands)
            return same, _and([f"{ref} != ''", _not(same)])
        raise _Unsupported(f"'{cond.op}' on '{cond.path}' ({spec.kind})")

    def _count(self, cond: Count) -> tuple[str, str]:
        spec = self.fields.get(cond.path)
        if spec is None or spec.kind != "enum_list" or cond.where is not None:
            raise _Unsupported(f"count over '{cond.path}'")
        ref = spec.ref
        known = f"count-selected({ref}) > 0"
        n = f"if(selected({ref}, '{NONE_CHOICE}'), 0, count-selected({ref}))"
        symbol = {"equals": "=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}[cond.op]
        holds = f"{n} {symbol} {cond.operand}"
        return _and([known, holds]), _and([known, _not(holds)])


# ---------------------------------------------------------------- the form


@dataclass
class Form:
    """The three sheets of an XLSForm, as rows of cells, and notes for the user."""

    survey: list[dict[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: XPath relevance of each item (``checklist/ITEM``): false exactly when the
    #: engine finds the item not applicable; "true()" when always shown.
    item_relevant: dict[str, str] = field(default_factory=dict)


def _row(type_: str, name: str, label: tuple[str, str], **extra: str) -> dict[str, str]:
    row = {"type": type_, "name": name, f"label::{EN}": label[0], f"label::{FR}": label[1]}
    hint = extra.pop("hint", None)
    if hint is not None:
        row[f"hint::{EN}"], row[f"hint::{FR}"] = UI[hint]
    message = extra.pop("constraint_message", None)
    if message is not None:
        row[f"constraint_message::{EN}"], row[f"constraint_message::{FR}"] = UI[message]
    row.update({k: v for k, v in extra.items() if v})
    return row


def _end(kind: str = "group") -> dict[str, str]:
    return {"type": f"end_{kind}"}


def _field_paths(checklists: Sequence[CompiledChecklist]) -> tuple[list[str], set[str]]:
    """Profile paths the checklists read (in order), and those read by applicability."""
    read: list[str] = []
    by_applies: set[str] = set()
    for cc in checklists:
        for ci in cc.items:
            read += ci.fields
            if ci.applies is not None:
                names = ci.applies.fields()
                read += names
                by_applies.update(names)
    return list(dict.fromkeys(read)), by_applies


def _section_model(section: str) -> type[BaseModel]:
    model = resolve_field(Profile, section).model
    assert model is not None
    return model


def _fact_label(section: str, name: str) -> tuple[str, str]:
    model = _section_model(section)
    description = model.model_fields[name].description or name
    text = " ".join(description.split())
    return text, FACT_QUESTIONS_FR.get(f"{section}.{name}", text)


def _item_hint(items: list[tuple[str, str, str]]) -> tuple[str, str]:
    """'Read by: GOV-01 Title; ...' in both languages."""
    en = "; ".join(f"{i} {t_en}" for i, t_en, _ in items)
    fr = "; ".join(f"{i} {t_fr}" for i, _, t_fr in items)
    return f"{UI['read_by'][0]} {en}", f"{UI['read_by'][1]} {fr}"


def build_form(checklists: Sequence[CompiledChecklist], tool_version: str) -> Form:
    """The XLSForm for ``checklists``: rows of the survey, choices and settings sheets."""
    form = Form()
    paths, by_applies = _field_paths(checklists)
    facts_by_section: dict[str, list[str]] = {}
    for path in paths:
        parent, _, leaf = path.rpartition(".")
        if resolve_field(Profile, path).kind == "fact":
            facts_by_section.setdefault(parent, []).append(leaf)

    for section, names in facts_by_section.items():
        order = list(_section_model(section).model_fields)
        names.sort(key=order.index)
    fields: dict[str, _Field] = {}

    def ask(path: str, kind: str, values: Sequence[str] = ()) -> None:
        fields[path] = _Field("${" + path.rsplit(".", 1)[-1] + "}", kind, tuple(values))

    # Every form field the translator may name, before any relevance is written.
    ask("context.phase", "enum", [p.value for p in Phase])
    ask("activities.ssr", "enum_list", [c.value for c in SSRComponent])
    ask("activities.mine_action", "enum_list", [a.value for a in MineActionActivity])
    for name in ("title", "country", "assessor", "summary"):
        ask(f"programme.{name}", "str")
    ask("programme.assessment_date", "date")
    # The mission's mandate is asked whatever the checklists read: the portfolio's
    # mandate table uses it, and it decides where the mission's items apply.
    ask("context.un_mission.name", "str")
    for name, enum in (
        ("type", MissionType),
        ("charter_chapter", Chapter),
        ("ssr_mandate", MandateLevel),
        ("mine_action_mandate", MandateLevel),
    ):
        ask(f"context.un_mission.{name}", "enum", [e.value for e in enum])
    fact_values = [a.value for a in Answer if a is not Answer.unknown]
    for section, names in facts_by_section.items():
        for name in names:
            ask(f"{section}.{name}", "fact", fact_values)
    translator = _Translator(fields, "${" + UN_MISSION_PRESENT + "}")

    # Which items read each path, and the relevance of each item.
    readers: dict[str, list[tuple[str, str, str]]] = {}
    field_relevant: dict[str, str] = {}
    for cc in checklists:
        for ci in cc.items:
            relevant = "true()"
            if ci.applies is not None:
                try:
                    _, false = translator.sides(ci.applies)
                    relevant = _not(false)
                except _Unsupported as e:
                    form.notes.append(
                        f"{cc.checklist.id}/{ci.item.id}: its applicability cannot be expressed in the form "
                        f"({e}); its questions are always shown"
                    )
            form.item_relevant[item_key(cc.checklist.id, ci.item.id)] = relevant
            fr_title = ci.item.localized("fr").title
            applies_fields = ci.applies.fields() if ci.applies is not None else []
            for path in dict.fromkeys([*ci.fields, *applies_fields]):
                readers.setdefault(path, []).append((ci.item.id, ci.item.title, fr_title))
            for path in ci.fields:
                field_relevant[path] = _or([field_relevant.get(path, "false()"), relevant])

    def relevant_of(path: str) -> str:
        if path in by_applies:
            return ""
        expr = field_relevant.get(path, "true()")
        return "" if expr == "true()" else expr

    s = form.survey
    # Programme identity.
    s.append(_row("begin_group", "programme", UI["programme"]))
    s.append(_row("text", "title", UI["title"], required="yes"))
    s.append(_row("text", "country", UI["country"], required="yes"))
    s.append(_row("text", "organisations", UI["organisations"], hint="organisations_hint", appearance="multiline"))
    s.append(_row("date", "assessment_date", UI["assessment_date"]))
    s.append(_row("text", "assessor", UI["assessor"]))
    s.append(_row("text", "summary", UI["summary"], appearance="multiline"))
    s.append(_end())

    # Context.
    s.append(_row("begin_group", "context", UI["context"]))
    s.append(_row("select_one phase", "phase", UI["phase"]))
    context_facts = facts_by_section.get("context", [])
    for name in context_facts:
        _fact_rows(form, "context", name, readers, relevant_of)
    s.append(_row("select_one yes_no", UN_MISSION_PRESENT, UI[UN_MISSION_PRESENT]))
    s.append(_row("begin_group", "un_mission", UI["un_mission"], relevant="${" + UN_MISSION_PRESENT + "} = 'yes'"))
    s.append(_row("text", "name", UI["un_mission_name"], required="yes"))
    s.append(_row("select_one mission_type", "type", UI["mission_type"]))
    s.append(_row("select_one chapter", "charter_chapter", UI["charter_chapter"]))
    s.append(_row("select_one mandate", "ssr_mandate", UI["ssr_mandate"]))
    s.append(_row("select_one mandate", "mine_action_mandate", UI["mine_action_mandate"]))
    for name in facts_by_section.get("context.un_mission", []):
        _fact_rows(form, "context.un_mission", name, readers, relevant_of)
    s.append(_end())
    s.append(_end())

    # Activities.
    s.append(_row("begin_group", "activities", UI["activities"]))
    none_rule = f"not(selected(., '{NONE_CHOICE}') and count-selected(.) > 1)"
    for name, list_name in (("ssr", "ssr_component"), ("mine_action", "mine_action_activity")):
        s.append(
            _row(
                f"select_multiple {list_name}",
                name,
                UI[f"activities_{name}"],
                hint="activities_hint",
                constraint=none_rule,
                constraint_message="none_alone",
            )
        )
    s.append(_end())

    # One group per approach: its section's facts.
    for section, approach in FACT_SECTIONS.items():
        names = facts_by_section.get(section, [])
        if not names:
            continue
        title = (APPROACH_TITLES[Approach(approach)], APPROACH_TITLES_FR[approach])
        s.append(_row("begin_group", section, title))
        for name in names:
            _fact_rows(form, section, name, readers, relevant_of)
        s.append(_end())

    form.choices = _choices()
    lists = ", ".join(f"{cc.checklist.id} {cc.checklist.version}" for cc in checklists)
    digest = hashlib.sha256(repr((lists, s)).encode("utf-8")).hexdigest()[:8]
    form.settings = {
        "form_title": UI["form_title"][0],
        "form_id": FORM_ID,
        "version": f"{tool_version}-{digest}",
        "default_language": EN,
        "instance_name": "concat(${title}, ' (', ${country}, ')')",
    }
    return form


def _fact_rows(
    form: Form,
    section: str,
    name: str,
    readers: dict[str, list[tuple[str, str, str]]],
    relevant_of: Any,
) -> None:
    path = f"{section}.{name}"
    relevant = relevant_of(path)
    row = _row("select_one answer", name, _fact_label(section, name), relevant=relevant)
    items = readers.get(path)
    if items:
        row[f"hint::{EN}"], row[f"hint::{FR}"] = _item_hint(items)
    form.survey.append(row)
    form.survey.append(_row("text", name + NOTES_SUFFIX, UI["evidence"], hint="evidence_hint", relevant=relevant))


def _choices() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(list_name: str, name: str) -> None:
        en, fr = CHOICE_LABELS[list_name][name]
        rows.append({"list_name": list_name, "name": name, f"label::{EN}": en, f"label::{FR}": fr})

    for a in ANSWERS:
        add("answer", a)
    for v in ("yes", "no"):
        add("yes_no", v)
    for list_name, enum in ENUM_LISTS.items():
        for member in enum:
            add(list_name, str(member.value))
        if list_name in ("ssr_component", "mine_action_activity"):
            add(list_name, NONE_CHOICE)
    return rows


# ---------------------------------------------------------------- writing


#: The fixed time stamped into the workbook and its zip entries (the zip epoch).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(form: Form) -> bytes:
    """The form as .xlsx bytes; the same form gives the same bytes."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = SURVEY
    sheet.append(list(SURVEY_COLUMNS))
    for row in form.survey:
        sheet.append([row.get(c, "") or None for c in SURVEY_COLUMNS])
    choices = wb.create_sheet(CHOICES)
    choices.append(list(CHOICES_COLUMNS))
    for row in form.choices:
        choices.append([row.get(c, "") for c in CHOICES_COLUMNS])
    settings = wb.create_sheet(SETTINGS)
    settings.append(list(SETTINGS_COLUMNS))
    settings.append([form.settings.get(c, "") for c in SETTINGS_COLUMNS])
    for ws in (sheet, choices, settings):
        ws.freeze_panes = "A2"
    fixed = dt.datetime(*FIXED_TIME)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "assess"
    wb.properties.lastModifiedBy = "assess"

    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    # Re-pack with fixed entry times (ZipFile.writestr stamps the clock).
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


__all__ = ["ANSWERS", "Form", "build_form", "workbook_bytes"]
