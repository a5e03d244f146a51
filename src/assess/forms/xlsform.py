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

The form carries English and French side by side. Its own words (groups,
hints, choices) and the fact questions (the profile model's descriptions) are
English msgids of the gettext catalogue; the French comes from the catalogue,
set by :func:`assess.i18n.french_typography`, the one French typography rule.

Output is deterministic: fixed workbook properties and zip timestamps, so the
same checklists give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

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
from assess.core.evaluate import CompiledChecklist, CompiledItem, item_key
from assess.core.facts import Answer
from assess.core.fields import question, resolve_field
from assess.core.profile import (
    FACT_SECTIONS,
    Chapter,
    Contamination,
    Extent,
    MandateLevel,
    MineActionActivity,
    MissionType,
    Phase,
    Profile,
    SSRComponent,
    Treaties,
    TreatyStatus,
)
from assess.i18n import N_, french_typography, translations

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
    "treaty_status": TreatyStatus,
    "extent": Extent,
}

#: Facts the form asks whatever the checklists read: the context a reader of the
#: report needs (they are in every profile the form makes).
ALWAYS_ASKED = ("context.arms_embargo", "national_ownership.donor_dependent", "governance.authorities_coordinated")

#: The treaty questions: each instrument's standing, then the clearance deadlines.
TREATY_STATUSES = ("apmbc", "ccm", "ccw_amended_protocol_ii", "ccw_protocol_v", "att")
TREATY_DATES = (
    "apmbc_article5_deadline",
    "apmbc_article5_completed",
    "ccm_article4_deadline",
    "ccm_article4_completed",
)
TREATY_COUNTS = ("apmbc_article5_extensions", "ccm_article4_extensions")
CONTAMINATION_TYPES = ("mines", "cluster_munition_remnants", "other_erw", "improvised_mines")

#: The choice meaning "none of these" in a select_multiple: an empty list,
#: which the engine tells apart from a list left out (unknown).
NONE_CHOICE = "none"

#: The question that says whether a UN mission operates (``context.un_mission`` exists).
UN_MISSION_PRESENT = "un_mission_present"

#: Suffix of the evidence field beside each fact.
NOTES_SUFFIX = "_notes"

#: EVIDENCE (issue 18): each approach group ends with an optional group
#: ``{section}_source`` asking how its answers are known, with the questions
#: ``{section}_source_{attr}``; ``assess import`` writes them into ``sources:``.
SOURCE_SUFFIX = "_source"
SOURCE_ATTRS = ("kind", "date", "confidence", "note")
#: The group of questions about who answers (VOICES, issue 18): read by
#: ``assess import --merge-by``, never a profile field.
RESPONDENT_GROUP = "respondent"
#: Its questions and their choice lists ("" for free text).
RESPONDENT_QUESTIONS = (
    ("role", ""),
    ("organisation", ""),
    ("side", "respondent_side"),
    ("sex", "respondent_sex"),
)

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"

#: The form's own questions, groups and hints (English, the catalogue's msgids;
#: the French is looked up in the catalogue and set in French typography).
UI: dict[str, str] = {
    "form_title": N_("Programme assessment: SSR and mine action"),
    "programme": N_("Programme"),
    "title": N_("Name of the programme"),
    "country": N_("Country or territory"),
    "organisations": N_("Organisations running or funding it"),
    "organisations_hint": N_("One per line."),
    "assessment_date": N_("Date of this assessment"),
    "assessor": N_("Who filled in this form"),
    "summary": N_("The programme in a few sentences"),
    "context": N_("Context"),
    "phase": N_("Where does the country stand in the post-conflict continuum?"),
    "un_mission_present": N_("Does a UN mission operate in the country?"),
    "un_mission_name": N_("Acronym of the mission (e.g. UNMIL)"),
    "mission_type": N_("Type of mission"),
    "charter_chapter": N_("Chapter of the UN Charter the mandate is adopted under"),
    "ssr_mandate": N_("SSR tasks in the mandate"),
    "mine_action_mandate": N_("Mine action tasks in the mandate"),
    "activities": N_("Activities under way"),
    "activities_ssr": N_("Which SSR components does the programme touch?"),
    "activities_mine_action": N_("Which mine action pillars and broadened activities are under way?"),
    "activities_hint": N_(
        "Tick every one that applies; 'None of these' alone if none does. Leave it blank if you do not know."
    ),
    "none_alone": N_("'None of these' cannot be ticked with another answer."),
    "evidence": N_("Evidence for this answer"),
    "evidence_hint": N_("What shows the answer, and its source (document, page, date)."),
    "read_by": N_("Checklist items:"),
    "treaties": N_("Treaties"),
    "contamination": N_("Contamination"),
    "year_hint": N_("If you know only the year, give 1 January of that year."),
    # EVIDENCE (issue 18): how a section's answers are known.
    "source_group": N_("How the answers of this section are known"),
    "source_kind": N_("How are most of these answers known?"),
    "source_kind_hint": N_("Optional. A document counts towards the evidence strength of the scores."),
    "source_date": N_("When were they learned?"),
    "source_date_hint": N_("Optional. Answers learned long ago are marked stale in the report."),
    "source_date_future": N_("The date cannot be later than today."),
    "source_confidence": N_("How sure are these answers?"),
    "source_note": N_("A note on the source, e.g. the title of the document"),
    # VOICES: who answers (one submission per respondent; the answers are merged later).
    "respondent": N_("About you"),
    "respondent_note": N_(
        "Several people may answer this form about the same programme. These questions say who answered,"
        " so that answers can be compared by side. Your name is not asked."
    ),
    "respondent_role": N_("Your role (e.g. operations officer)"),
    "respondent_organisation": N_("Your organisation"),
    "respondent_side": N_("Which side do you speak from?"),
    "respondent_sex": N_("Your sex (optional)"),
    "respondent_sex_hint": N_(
        "Asked so that the assessment can show where women's and men's answers differ, as a gender"
        " approach to mine action and SSR asks. You may leave it blank or choose 'Prefer not to say'."
    ),
}

#: The label of every choice (English), by list name and choice name.
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "answer": {"yes": N_("Yes"), "no": N_("No"), "partial": N_("Partly"), "unknown": N_("Unknown")},
    "yes_no": {"yes": N_("Yes"), "no": N_("No")},
    "phase": {
        "emergency": N_("Emergency"),
        "stabilisation": N_("Stabilisation"),
        "reconstruction": N_("Reconstruction"),
        "development": N_("Development"),
    },
    "mission_type": {"peacekeeping": N_("Peacekeeping operation"), "political": N_("Political mission")},
    "chapter": {"VI": N_("Chapter VI"), "VII": N_("Chapter VII"), "none": N_("Neither")},
    "mandate": {"explicit": N_("Explicit tasks"), "implicit": N_("Implicit tasks"), "none": N_("None")},
    "ssr_component": {
        "defence": N_("Defence"),
        "police": N_("Police"),
        "justice": N_("Justice"),
        "corrections": N_("Corrections (prisons)"),
        "border_management": N_("Border management"),
        "intelligence": N_("Intelligence"),
        "parliamentary_oversight": N_("Parliamentary oversight"),
        "civil_society_oversight": N_("Civil society oversight"),
        "security_policy": N_("National security policy"),
        "ddr": N_("Disarmament, demobilisation and reintegration (DDR)"),
        "community_policing": N_("Community policing"),
        "none": N_("None of these"),
    },
    "mine_action_activity": {
        "risk_education": N_("Risk education"),
        "survey_clearance": N_("Survey and clearance"),
        "victim_assistance": N_("Victim assistance"),
        "stockpile_destruction": N_("Stockpile destruction"),
        "advocacy": N_("Advocacy"),
        "pssm": N_("Physical security and stockpile management (PSSM)"),
        "salw_control": N_("Small arms and light weapons (SALW) control"),
        "eod_ied": N_("EOD and IED disposal"),
        "ddr_support": N_("Support to DDR"),
        "community_safety": N_("Community safety"),
        "high_threat_iedd": N_("High-threat IED disposal"),
        "none": N_("None of these"),
    },
    "respondent_side": {
        "authority": N_("National authority or centre"),
        "operator": N_("Mine action operator"),
        "security_forces": N_("Security forces (army, police)"),
        "donor": N_("Donor"),
        "community": N_("Affected community"),
        "ssr": N_("SSR actor or adviser"),
        "other": N_("Other"),
    },
    "respondent_sex": {
        "female": N_("Female"),
        "male": N_("Male"),
        "other": N_("Other"),
        "not_given": N_("Prefer not to say"),
    },
    "treaty_status": {
        "party": N_("State party"),
        "signatory": N_("Signatory, not party"),
        "not_party": N_("Not party"),
        "withdrawn": N_("Withdrawn"),
    },
    "source_kind": {
        "document": N_("A document"),
        "interview": N_("An interview"),
        "focus_group": N_("A focus group"),
        "survey": N_("A survey"),
        "observation": N_("Direct observation"),
    },
    "confidence": {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")},
    "extent": {
        "none": N_("None"),
        "present": N_("Present, extent not known"),
        "light": N_("Light (under 5 km²)"),
        "medium": N_("Medium (5 to 20 km²)"),
        "heavy": N_("Heavy (20 to 100 km²)"),
        "massive": N_("Massive (over 100 km²)"),
    },
}


def _french(message: str) -> str:
    """``message`` in French from the catalogue, in French typography (the
    form carries both languages whatever the language of the run)."""
    return french_typography(translations("fr").gettext(message))


def _both(message: str) -> tuple[str, str]:
    return message, _french(message)


def _un_mission_label() -> tuple[str, str]:
    # The report says « Mission de l'ONU »; the form's group keeps its own words.
    return "UN mission", french_typography(translations("fr").pgettext("xlsform", "UN mission"))


class _Unsupported(Exception):
    """A condition the form cannot express in XPath."""


# ---------------------------------------------------------------- XPath


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise _Unsupported(f"the value {value!r} has both kinds of quotes")


def _combine(parts: Iterable[str], operator: str, deciding: str, neutral: str) -> str:
    """``parts`` joined by ``operator`` (each once): ``deciding`` anywhere decides the
    whole, ``neutral`` parts are dropped, and nothing left is ``neutral``."""
    items = list(dict.fromkeys(parts))
    if deciding in items:
        return deciding
    items = [p for p in items if p != neutral]
    if not items:
        return neutral
    return items[0] if len(items) == 1 else f" {operator} ".join(f"({p})" for p in items)


def _or(parts: Iterable[str]) -> str:
    return _combine(parts, "or", "true()", "false()")


def _and(parts: Iterable[str]) -> str:
    return _combine(parts, "and", "false()", "true()")


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
            return _exists(f"{self.un_mission_ref} = 'yes'", cond.operand)
        spec = self.fields.get(cond.path)
        if spec is None:
            raise _Unsupported(f"the form does not ask '{cond.path}'")
        if spec.kind in ("fact", "enum"):
            return _choice_sides(spec, cond)
        if spec.kind == "enum_list" and cond.op in ("exists", "contains"):
            return _selected_sides(spec, cond)
        if spec.kind in ("str", "date") and cond.op == "exists":
            return _exists(f"{spec.ref} != ''", cond.operand)
        if spec.kind == "str" and cond.op in ("equals", "in"):
            return _text_sides(spec, cond)
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


def _exists(known: str, wanted: object) -> tuple[str, str]:
    """The sides of ``exists: wanted`` when ``known`` says the answer is given."""
    return (known, _not(known)) if wanted else (_not(known), known)


def _choice_sides(spec: _Field, cond: FieldTest) -> tuple[str, str]:
    """A fact or a choice: the test is worked out for each value the select can hold."""
    ref = spec.ref
    if cond.op == "exists":
        return _exists(_or(f"{ref} = '{v}'" for v in spec.values), cond.operand)
    test = FIELD_TESTS[cond.op]
    true = [v for v in spec.values if test(v, cond.operand)]
    false = [v for v in spec.values if v not in true]
    return _or(f"{ref} = '{v}'" for v in true), _or(f"{ref} = '{v}'" for v in false)


def _selected_sides(spec: _Field, cond: FieldTest) -> tuple[str, str]:
    """``exists`` or ``contains`` on a select_multiple: silent while nothing is ticked."""
    known = f"count-selected({spec.ref}) > 0"
    if cond.op == "exists":
        return _exists(known, cond.operand)
    chosen = f"selected({spec.ref}, {_quote(str(cond.operand))})"
    return chosen, _and([known, _not(chosen)])


def _text_sides(spec: _Field, cond: FieldTest) -> tuple[str, str]:
    """``equals`` or ``in`` on a text: silent while it is empty."""
    operands = [cond.operand] if cond.op == "equals" else list(cond.operand)
    same = _or(f"{spec.ref} = {_quote(str(v))}" for v in operands)
    return same, _and([f"{spec.ref} != ''", _not(same)])


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
        row[f"hint::{EN}"], row[f"hint::{FR}"] = _both(UI[hint])
    message = extra.pop("constraint_message", None)
    if message is not None:
        row[f"constraint_message::{EN}"], row[f"constraint_message::{FR}"] = _both(UI[message])
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
            read += ci.caution_fields  # the facts that make an item a caution are asked too
            if ci.applies is not None:
                names = ci.applies.fields()
                read += names
                by_applies.update(names)
    return list(dict.fromkeys(read)), by_applies


def _section_model(section: str) -> type[BaseModel]:
    model = resolve_field(Profile, section).model
    assert model is not None
    return model


def _facts_by_section(paths: Iterable[str]) -> dict[str, list[str]]:
    """The facts among ``paths``, by section, each section's in the model's order."""
    facts: dict[str, list[str]] = {}
    for path in paths:
        parent, _, leaf = path.rpartition(".")
        if resolve_field(Profile, path).kind == "fact":
            facts.setdefault(parent, []).append(leaf)
    for section, names in facts.items():
        order = list(_section_model(section).model_fields)
        names.sort(key=order.index)
    return facts


def _form_fields(facts_by_section: dict[str, list[str]]) -> dict[str, _Field]:
    """Every form field the translator may name, by profile path."""
    fields: dict[str, _Field] = {}

    def ask(path: str, kind: str, values: Sequence[str] = ()) -> None:
        fields[path] = _Field("${" + path.rsplit(".", 1)[-1] + "}", kind, tuple(values))

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
    for name in TREATY_STATUSES:
        ask(f"treaties.{name}", "enum", [e.value for e in TreatyStatus])
    for name in CONTAMINATION_TYPES:
        ask(f"contamination.{name}", "enum", [e.value for e in Extent])
    fact_values = [a.value for a in Answer if a is not Answer.unknown]
    for section, names in facts_by_section.items():
        for name in names:
            ask(f"{section}.{name}", "fact", fact_values)
    return fields


#: An item that reads a path: its id, English title and French title.
_Reader = tuple[str, str, str]


@dataclass
class _Reading:
    """Which items read each path, and when the form shows each path's question."""

    by_applies: set[str]
    readers: dict[str, list[_Reader]] = field(default_factory=dict)
    shown_when: dict[str, str] = field(default_factory=dict)

    def relevant_of(self, path: str) -> str:
        """The ``relevant`` cell of a fact: empty when always shown."""
        if path in self.by_applies:
            return ""
        expr = self.shown_when.get(path, "true()")
        return "" if expr == "true()" else expr


def _item_relevance(form: Form, cc: CompiledChecklist, ci: CompiledItem, translator: _Translator) -> str:
    """The XPath that is false exactly when the item does not apply (a note when it cannot be said)."""
    if ci.applies is None:
        return "true()"
    try:
        _, false = translator.sides(ci.applies)
    except _Unsupported as e:
        form.notes.append(
            f"{cc.checklist.id}/{ci.item.id}: its applicability cannot be expressed in the form "
            f"({e}); its questions are always shown"
        )
        return "true()"
    return _not(false)


def _read(
    form: Form, checklists: Sequence[CompiledChecklist], translator: _Translator, by_applies: set[str]
) -> _Reading:
    """Each item's relevance (into ``form``), the items reading each path and when each is shown."""
    reading = _Reading(by_applies)
    for cc in checklists:
        for ci in cc.items:
            relevant = _item_relevance(form, cc, ci, translator)
            form.item_relevant[item_key(cc.checklist.id, ci.item.id)] = relevant
            fr_title = ci.item.localized("fr").title
            applies_fields = ci.applies.fields() if ci.applies is not None else []
            for path in dict.fromkeys([*ci.fields, *ci.caution_fields, *applies_fields]):
                reading.readers.setdefault(path, []).append((ci.item.id, ci.item.title, fr_title))
            for path in (*ci.fields, *ci.caution_fields):
                if path in ALWAYS_ASKED:  # asked in every form, whatever reads it
                    continue
                reading.shown_when[path] = _or([reading.shown_when.get(path, "false()"), relevant])
    return reading


def _fact_label(section: str, name: str) -> tuple[str, str]:
    """A fact's question, in English and French: the same catalogue entry the report reads."""
    description = question(Profile, f"{section}.{name}")
    if description is None:
        return name, name
    return " ".join(description.split()), _french(description)


def _item_hint(items: list[_Reader]) -> tuple[str, str]:
    """'Read by: GOV-01 Title; ...' in both languages."""
    en = "; ".join(f"{i} {t_en}" for i, t_en, _ in items)
    fr = "; ".join(f"{i} {t_fr}" for i, _, t_fr in items)
    read_en, read_fr = _both(UI["read_by"])
    return f"{read_en} {en}", f"{read_fr} {fr}"


class _Survey:
    """The survey sheet, written group by group."""

    def __init__(self, facts_by_section: dict[str, list[str]], reading: _Reading) -> None:
        self.facts_by_section = facts_by_section
        self.reading = reading
        self.rows: list[dict[str, str]] = []

    def add(self, type_: str, name: str, label: tuple[str, str], **extra: str) -> None:
        self.rows.append(_row(type_, name, label, **extra))

    def ask(self, type_: str, name: str, **extra: str) -> None:
        """A question whose label is the UI text of the same name (``name`` unless ``ui`` says)."""
        self.add(type_, name, _both(UI[extra.pop("ui", name)]), **extra)

    def end(self) -> None:
        self.rows.append(_end())

    def facts(self, section: str) -> None:
        for name in self.facts_by_section.get(section, []):
            self.fact(section, name)

    def fact(self, section: str, name: str) -> None:
        """A fact's answer and, beside it, its evidence."""
        path = f"{section}.{name}"
        relevant = self.reading.relevant_of(path)
        row = _row("select_one answer", name, _fact_label(section, name), relevant=relevant)
        items = self.reading.readers.get(path)
        if items:
            row[f"hint::{EN}"], row[f"hint::{FR}"] = _item_hint(items)
        self.rows.append(row)
        self.add("text", name + NOTES_SUFFIX, _both(UI["evidence"]), hint="evidence_hint", relevant=relevant)

    def programme(self) -> None:
        self.ask("begin_group", "programme")
        self.ask("text", "title", required="yes")
        self.ask("text", "country", required="yes")
        self.ask("text", "organisations", hint="organisations_hint", appearance="multiline")
        self.ask("date", "assessment_date")
        self.ask("text", "assessor")
        self.ask("text", "summary", appearance="multiline")
        self.end()

    def respondent(self) -> None:
        """Who answers (VOICES): role, organisation, side and, optionally, sex."""
        self.ask("begin_group", RESPONDENT_GROUP)
        self.ask("note", "respondent_note")
        for name, list_name in RESPONDENT_QUESTIONS:
            type_ = f"select_one {list_name}" if list_name else "text"
            extra = {"hint": "respondent_sex_hint"} if name == "sex" else {}
            self.ask(type_, name, ui=f"respondent_{name}", **extra)
        self.end()

    def context(self) -> None:
        self.ask("begin_group", "context")
        self.ask("select_one phase", "phase")
        self.facts("context")
        self.ask("select_one yes_no", UN_MISSION_PRESENT)
        self.add("begin_group", "un_mission", _un_mission_label(), relevant="${" + UN_MISSION_PRESENT + "} = 'yes'")
        self.ask("text", "name", ui="un_mission_name", required="yes")
        self.ask("select_one mission_type", "type", ui="mission_type")
        self.ask("select_one chapter", "charter_chapter")
        self.ask("select_one mandate", "ssr_mandate")
        self.ask("select_one mandate", "mine_action_mandate")
        self.facts("context.un_mission")
        self.end()
        self.end()

    def activities(self) -> None:
        self.ask("begin_group", "activities")
        none_rule = f"not(selected(., '{NONE_CHOICE}') and count-selected(.) > 1)"
        for name, list_name in (("ssr", "ssr_component"), ("mine_action", "mine_action_activity")):
            self.ask(
                f"select_multiple {list_name}",
                name,
                ui=f"activities_{name}",
                hint="activities_hint",
                constraint=none_rule,
                constraint_message="none_alone",
            )
        self.end()

    def _described(self, type_: str, model: type[BaseModel], name: str, **extra: str) -> None:
        """A question labelled with its field's description (the profile's own question)."""
        description = model.model_fields[name].description or name
        self.add(type_, name, (" ".join(description.split()), _french(description)), **extra)

    def treaties(self) -> None:
        self.ask("begin_group", "treaties")
        for name in TREATY_STATUSES:
            self._described("select_one treaty_status", Treaties, name)
        for name in (*TREATY_DATES, *TREATY_COUNTS):
            treaty = name.split("_", 1)[0]
            party = "${" + treaty + "} = 'party'"
            if name in TREATY_COUNTS:
                self._described("integer", Treaties, name, relevant=party, constraint=". >= 0")
            else:
                self._described("date", Treaties, name, relevant=party, hint="year_hint")
        self.end()

    def contamination(self) -> None:
        self.ask("begin_group", "contamination")
        for name in CONTAMINATION_TYPES:
            self._described("select_one extent", Contamination, name)
        self.end()

    def approaches(self) -> None:
        """One group per approach: its section's facts."""
        for section, approach in FACT_SECTIONS.items():
            if not self.facts_by_section.get(section):
                continue
            self.add("begin_group", section, _both(APPROACH_TITLES[Approach(approach)]))
            self.facts(section)
            self.sources(section)
            self.end()

    def sources(self, section: str) -> None:
        """EVIDENCE (issue 18): how the section's answers are known; every question optional."""
        name = section + SOURCE_SUFFIX
        self.ask("begin_group", name, ui="source_group")
        self.ask("select_one source_kind", f"{name}_kind", ui="source_kind", hint="source_kind_hint")
        self.ask(
            "date",
            f"{name}_date",
            ui="source_date",
            hint="source_date_hint",
            constraint=". <= today()",
            constraint_message="source_date_future",
        )
        self.ask("select_one confidence", f"{name}_confidence", ui="source_confidence")
        self.ask("text", f"{name}_note", ui="source_note")
        self.end()


def build_form(checklists: Sequence[CompiledChecklist], tool_version: str) -> Form:
    """The XLSForm for ``checklists``: rows of the survey, choices and settings sheets."""
    form = Form()
    paths, by_applies = _field_paths(checklists)
    # Each once: a fact always asked may also be read by a checklist (arms_embargo by caution_when).
    facts_by_section = _facts_by_section(dict.fromkeys([*paths, *ALWAYS_ASKED]))
    translator = _Translator(_form_fields(facts_by_section), "${" + UN_MISSION_PRESENT + "}")
    survey = _Survey(facts_by_section, _read(form, checklists, translator, by_applies))
    survey.programme()
    survey.respondent()
    survey.context()
    survey.activities()
    survey.treaties()
    survey.contamination()
    survey.approaches()
    form.survey = survey.rows
    form.choices = _choices()
    lists = ", ".join(f"{cc.checklist.id} {cc.checklist.version}" for cc in checklists)
    digest = hashlib.sha256(repr((lists, form.survey)).encode("utf-8")).hexdigest()[:8]
    form.settings = {
        "form_title": UI["form_title"],
        "form_id": FORM_ID,
        "version": f"{tool_version}-{digest}",
        "default_language": EN,
        "instance_name": "concat(${title}, ' (', ${country}, ')')",
    }
    return form


def _choices() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(list_name: str, name: str) -> None:
        en, fr = _both(CHOICE_LABELS[list_name][name])
        rows.append({"list_name": list_name, "name": name, f"label::{EN}": en, f"label::{FR}": fr})

    for a in ANSWERS:
        add("answer", a)
    for list_name in ("respondent_side", "respondent_sex"):
        for name in CHOICE_LABELS[list_name]:
            add(list_name, name)
    for v in ("yes", "no"):
        add("yes_no", v)
    for list_name, enum in ENUM_LISTS.items():
        for member in enum:
            add(list_name, str(member.value))
        if list_name in ("ssr_component", "mine_action_activity"):
            add(list_name, NONE_CHOICE)
    _source_choices(add)
    return rows


def _source_choices(add: Callable[[str, str], None]) -> None:
    """EVIDENCE (issue 18): the choices of the source questions."""
    for list_name in ("source_kind", "confidence"):
        for name in CHOICE_LABELS[list_name]:
            add(list_name, name)


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
