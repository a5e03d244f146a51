"""``assess import``: field submissions (KoboToolbox, ODK Central) to profile YAML.

An export has one row (CSV) or one object (JSON) per submission. The form
made by ``assess xlsform`` names its groups and fields after the profile, so a
column maps back to a profile path whatever the export's style:

- KoboToolbox CSV: ``;`` or ``,`` separated, columns ``group/field`` (or the
  bare ``field`` when exported without group names); select-multiple answers
  space-separated, plus one 0/1 column per choice (ignored).
- ODK Central CSV: ``,`` separated, columns ``group-field``.
- KoboToolbox JSON: a list of objects with ``group/field`` keys.
- ODK Central JSON (OData): ``{"value": [...]}`` with nested group objects.

Columns that are not questions of the form (submission metadata) are ignored.
An empty cell leaves its fact unknown. Every problem is reported with the
file, the row (CSV, the header being row 1) or submission (JSON, from 1) and
the column; nothing is written unless every submission converts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assess.core.fields import resolve_field
from assess.core.profile import FACT_SECTIONS, Profile, treaty_party_conflict
from assess.errors import InputError, Problem
from assess.forms.xlsform import (
    NONE_CHOICE,
    NOTES_SUFFIX,
    RESPONDENT_GROUP,
    SOURCE_ATTRS,
    SOURCE_SUFFIX,
    UN_MISSION_PRESENT,
)
from assess.loading.validate import control_message

#: Question types that carry no profile data.
_SKIPPED_TYPES = {
    "note",
    "calculate",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "hidden",
}
_KINDS = {"fact", "enum", "enum_list", "str", "str_list", "date", "number_or_date", "number"}

#: Submissions one import converts unless ``--max-submissions`` says more:
#: each becomes a profile file, and a programme has one profile.
MAX_SUBMISSIONS = 10_000
#: Nesting of a JSON export (ODK Central nests groups: a few levels).
MAX_JSON_DEPTH = 64
#: A form workbook: its parts unpacked, and the rows and columns of a sheet
#: (the form `assess xlsform` writes unpacks to some 200 kB, 240 rows, 12 columns).
MAX_FORM_UNPACKED = 16 * 1024 * 1024
MAX_SHEET_ROWS = 5_000
MAX_SHEET_COLUMNS = 200

#: Columns that name a submission, in the order they are preferred.
_INSTANCE_KEYS = ("meta/instanceID", "meta-instanceID", "instanceID", "KEY", "__id", "_uuid")


@dataclass(frozen=True, order=True)
class RowProblem(Problem):
    """A problem in one submission of an export: ``file:row N, column "x": message``."""

    unit: str = "row"
    where: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.unit} {self.line}"
        if self.where:
            text += f', column "{self.where}"' if self.unit == "row" else f', field "{self.where}"'
        return f"{text}: {self.message}"


# ---------------------------------------------------------------- the form


@dataclass(frozen=True)
class Question:
    """One question of the form and the profile path it fills."""

    name: str
    groups: tuple[str, ...]
    type: str
    role: str  # value | evidence | un_mission_present | source | respondent
    path: str  # the profile path (for evidence: the fact's path; for a source: the section's)
    kind: str
    choices: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # (lower-case label, choice name)

    def headers(self) -> list[str]:
        """Column names this question may have in an export, most specific first."""
        parts = [*self.groups, self.name]
        return list(dict.fromkeys(["/".join(parts), "-".join(parts), self.name]))

    @property
    def shown(self) -> str:
        return "/".join([*self.groups, self.name])


@dataclass
class FormSpec:
    path: str
    form_id: str
    version: str
    questions: list[Question] = field(default_factory=list)


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _check_unpacked(raw: bytes, shown: str) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_FORM_UNPACKED
    (a zip bomb, or 30 million shared strings), before anything is unpacked."""
    from zipfile import BadZipFile, ZipFile

    try:
        with ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (BadZipFile, ValueError, OSError) as e:
        raise InputError.at(shown, f"is not an .xlsx workbook ({e}); give the form made by `assess xlsform`") from None
    if unpacked > MAX_FORM_UNPACKED:
        raise InputError.at(
            shown,
            f"unpacks to {unpacked / 1_048_576:.1f} MB; a form workbook is limited to "
            f"{MAX_FORM_UNPACKED // 1_048_576} MB unpacked (give the form made by `assess xlsform`)",
        )


def _open_sheets(path: Path) -> dict[str, Any]:
    """The workbook's sheets by lower-case name; located errors for a file that is not one."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    from assess.loading.yamlsrc import read_bytes

    shown = str(path)
    raw = read_bytes(path, "form workbook (.xlsx)")
    _check_unpacked(raw, shown)
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as e:
        raise InputError.at(shown, f"is not an .xlsx workbook ({e}); give the form made by `assess xlsform`") from None
    sheets = {name.lower(): wb[name] for name in wb.sheetnames}
    if "survey" not in sheets:
        raise InputError.at(shown, "has no 'survey' sheet; give the form made by `assess xlsform`")
    return sheets


def _table(sheets: dict[str, Any], name: str, shown: str = "") -> list[tuple[int, dict[str, str]]]:
    """The rows of a sheet as (row number, {lower-case column: cell text}).

    The sheet's declared size is not trusted (``A1:XFD1048576`` would make the
    reader pad every row to 16,384 cells): rows are read as stored, at most
    MAX_SHEET_ROWS of them, each of at most MAX_SHEET_COLUMNS cells."""
    sheet = sheets.get(name)
    if sheet is None:
        return []
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise InputError.at(
                shown, f"{name}: has more than {MAX_SHEET_ROWS:,} rows; a sheet of a form may have at most that many"
            )
        if len(row) > MAX_SHEET_COLUMNS:
            raise InputError.at(
                shown,
                f"{name}: the row has {len(row):,} columns; a sheet of a form may have at most {MAX_SHEET_COLUMNS}",
                number,
            )
        rows.append(row)
    if not rows:
        return []
    head = [_cell(c).lower() for c in rows[0]]
    return [(i, dict(zip(head, (_cell(c) for c in row), strict=False))) for i, row in enumerate(rows[1:], start=2)]


def _choice_lists(
    rows: list[tuple[int, dict[str, str]]],
) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Choice names by list, and (lower-case label, name) pairs by list, in every language."""
    choices: dict[str, list[str]] = {}
    labels: dict[str, list[tuple[str, str]]] = {}
    for _, row in rows:
        list_name, name = row.get("list_name", ""), row.get("name", "")
        if not list_name or not name:
            continue
        choices.setdefault(list_name, []).append(name)
        for key, text in row.items():
            if key.startswith("label") and text:
                labels.setdefault(list_name, []).append((text.lower(), name))
    return choices, labels


class _SurveyReader:
    """The survey sheet, row by row: the groups open, and the questions found."""

    def __init__(self, shown: str, choices: dict[str, list[str]], labels: dict[str, list[tuple[str, str]]]) -> None:
        self.shown = shown
        self.choices = choices
        self.labels = labels
        self.questions: list[Question] = []
        self.problems: list[Problem] = []
        self.groups: list[str] = []
        self.facts: dict[tuple[tuple[str, ...], str], Question] = {}

    def row(self, line: int, row: dict[str, str]) -> None:
        kind_text = " ".join(row.get("type", "").split())
        name = row.get("name", "")
        head = kind_text.split(" ")[0].lower() if kind_text else ""
        if head in ("begin_group", "begin group"):
            self.groups.append(name)
        elif head in ("end_group", "end group"):
            if self.groups:
                self.groups.pop()
        elif head in ("begin_repeat", "begin repeat"):
            self.problems.append(Problem(self.shown, line, None, "survey: repeats are not part of a profile form"))
        elif head and name and head not in _SKIPPED_TYPES:
            self.question(line, name, kind_text)

    def question(self, line: int, name: str, kind_text: str) -> None:
        list_name = kind_text.split(" ")[1] if " " in kind_text else ""
        opts = tuple(self.choices.get(list_name, ()))
        lab = tuple(self.labels.get(list_name, ()))
        where = tuple(self.groups)
        if where == (RESPONDENT_GROUP,):
            # Who answered (VOICES): read for ``import --merge-by``, not a profile field.
            kind = "enum" if kind_text.startswith("select_one") else "str"
            self.questions.append(Question(name, where, kind_text, "respondent", name, kind, opts, lab))
            return
        if name == UN_MISSION_PRESENT:
            self.questions.append(Question(name, where, kind_text, "un_mission_present", "", "enum", opts, lab))
            return
        source = _source_of(name)
        if source is not None:
            # EVIDENCE (issue 18): how a section's answers are known, for 'sources:'.
            section, attr = source
            kind = "date" if attr == "date" else "str" if attr == "note" else "enum"
            self.questions.append(Question(name, where, kind_text, "source", section, kind, opts, lab))
            return
        base = name[: -len(NOTES_SUFFIX)] if name.endswith(NOTES_SUFFIX) else None
        if base is not None and (where, base) in self.facts:
            fact_q = self.facts[(where, base)]
            self.questions.append(Question(name, where, kind_text, "evidence", fact_q.path, "str"))
            return
        dotted = ".".join([*where, name])
        try:
            kind = resolve_field(Profile, dotted).kind
        except KeyError as e:
            self.problems.append(
                Problem(self.shown, line, None, f"survey: question '{dotted}' is not a profile field ({e.args[0]})")
            )
            return
        if kind not in _KINDS:
            self.problems.append(
                Problem(self.shown, line, None, f"survey: '{dotted}' ({kind}) cannot be asked in a form")
            )
            return
        q = Question(name, where, kind_text, "value", dotted, kind, opts, lab)
        self.questions.append(q)
        if kind == "fact":
            self.facts[(where, name)] = q


def _source_of(name: str) -> tuple[str, str] | None:
    """(section, attribute) of a source question ``{section}_source_{attr}``, else None."""
    for section in FACT_SECTIONS:
        for attr in SOURCE_ATTRS:
            if name == f"{section}{SOURCE_SUFFIX}_{attr}":
                return section, attr
    return None


def source_key(q: Question) -> str:
    """The ``sources`` path a source question fills: ``sources.governance.kind``."""
    return f"sources.{q.path}.{q.name.rsplit('_', 1)[1]}"


def read_form(path: Path) -> FormSpec:
    """Read the questions of an XLSForm made by ``assess xlsform``."""
    shown = str(path)
    sheets = _open_sheets(path)
    choices, labels = _choice_lists(_table(sheets, "choices", shown))
    settings = _table(sheets, "settings", shown)
    first = settings[0][1] if settings else {}
    spec = FormSpec(shown, first.get("form_id", ""), first.get("version", ""))
    survey = _SurveyReader(shown, choices, labels)
    for line, row in _table(sheets, "survey", shown):
        survey.row(line, row)
    if survey.problems:
        raise InputError(survey.problems)
    spec.questions = survey.questions
    if not spec.questions:
        raise InputError.at(shown, "asks no profile question; give the form made by `assess xlsform`")
    return spec


# ---------------------------------------------------------------- the export


@dataclass(frozen=True)
class Submission:
    number: int  # CSV row (header = 1) or JSON position (from 1)
    values: dict[str, Any]


@dataclass
class Export:
    path: str
    unit: str  # row | submission
    columns: list[str]
    submissions: list[Submission]


def _flatten(obj: dict[str, Any]) -> dict[str, Any]:
    """``{"a": {"b": 1}}`` as ``{"a/b": 1}``, without recursion (the depth is
    bounded before, but a loop keeps the stack flat whatever it is)."""
    out: dict[str, Any] = {}
    stack: list[tuple[str, dict[str, Any]]] = [("", obj)]
    while stack:
        prefix, node = stack.pop()
        for key, value in node.items():
            name = f"{prefix}/{key}" if prefix else str(key)
            if isinstance(value, dict):
                stack.append((name, value))
            else:
                out[name] = value
    return out


def _too_deep(doc: Any, limit: int) -> bool:
    """Whether ``doc`` nests lists and objects more than ``limit`` levels (no recursion)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _too_many(shown: str, limit: int, unit: str) -> InputError:
    return InputError.at(
        shown,
        f"holds more than {limit:,} {unit}s; an import converts at most {limit:,} "
        "(raise the limit with --max-submissions)",
    )


def read_export(path: Path, max_submissions: int = MAX_SUBMISSIONS) -> Export:
    """Read a CSV or JSON export into submissions; located errors on malformed
    files, and on more than ``max_submissions`` submissions."""
    from assess.loading.yamlsrc import read_bytes

    shown = str(path)
    suffix = path.suffix.lower()
    if suffix == ".zip":  # ODK Central's zip: its main CSV, read in memory after safety checks
        from assess.forms.odk_zip import read_odk_zip

        return read_odk_zip(path, max_submissions)
    if suffix not in (".csv", ".json"):
        raise InputError.at(shown, "expected a .csv, .json or .zip export of the form's submissions")
    raw = read_bytes(path, "submissions export")
    if b"\x00" in raw:
        raise InputError.at(shown, "contains binary data (a NUL byte); expected a CSV or JSON text export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        raise InputError.at(
            shown, f"is not valid UTF-8 (byte 0x{raw[e.start]:02x}); export it as UTF-8", before.count(b"\n") + 1
        ) from None
    if suffix == ".csv":
        return _read_csv(shown, text, max_submissions)
    return _read_json(shown, text, max_submissions)


def _read_csv(shown: str, text: str, max_submissions: int = MAX_SUBMISSIONS) -> Export:
    """The submissions of a CSV export (one a row after the header); located errors on
    a malformed or empty file, a column named twice or a row longer than the header."""
    rows = _csv_rows(shown, text, max_submissions)
    if not rows or not any(c.strip() for c in rows[0]):
        raise InputError.at(shown, "is empty; expected a header row of column names")
    header = [c.strip() for c in rows[0]]
    problems = _twice_named(shown, header)
    submissions = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            problems.append(
                RowProblem(shown, number, None, f"has {len(row)} cells but the header has {len(header)} columns")
            )
            continue
        values = {name: row[i] for i, name in enumerate(header) if name and i < len(row)}
        submissions.append(Submission(number, values))
    if problems:
        raise InputError(problems)
    return Export(shown, "row", [h for h in header if h], submissions)


def _csv_rows(shown: str, text: str, max_submissions: int) -> list[list[str]]:
    """The rows of a CSV text, header included, split on ``;`` where the header holds
    more semicolons than commas (a spreadsheet's export in many locales) and on ``,``
    otherwise; a located error on invalid CSV or more than ``max_submissions`` rows."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if len(rows) > max_submissions:  # the header and max_submissions rows read: one more is too many
                raise _too_many(shown, max_submissions, "row")
            rows.append(row)
    except csv.Error as e:
        raise InputError.at(shown, f"is not valid CSV: {e}") from None
    return rows


def _twice_named(shown: str, header: list[str]) -> list[Problem]:
    """A problem for each column of ``header`` whose name an earlier column has."""
    seen: set[str] = set()
    problems: list[Problem] = []
    for name in header:
        if name and name in seen:
            problems.append(RowProblem(shown, 1, None, "the column appears twice", "row", name))
        seen.add(name)
    return problems


def _read_json(shown: str, text: str, max_submissions: int = MAX_SUBMISSIONS) -> Export:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError.at(shown, f"is not valid JSON: {e.msg}", e.lineno, e.colno) from None
    except RecursionError:
        raise InputError.at(shown, f"is nested too deeply (more than {MAX_JSON_DEPTH} levels)") from None
    if _too_deep(doc, MAX_JSON_DEPTH):
        raise InputError.at(shown, f"is nested too deeply (more than {MAX_JSON_DEPTH} levels)")
    if isinstance(doc, dict) and isinstance(doc.get("value"), list):
        items = doc["value"]  # ODK Central (OData)
    elif isinstance(doc, dict) and isinstance(doc.get("results"), list):
        items = doc["results"]  # KoboToolbox API
    elif isinstance(doc, list):
        items = doc  # KoboToolbox export
    else:
        raise InputError.at(shown, 'expected a list of submissions (KoboToolbox) or {"value": [...]} (ODK Central)')
    if len(items) > max_submissions:
        raise _too_many(shown, max_submissions, "submission")
    problems: list[Problem] = []
    submissions = []
    columns: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(RowProblem(shown, number, None, "is not an object of answers", "submission"))
            continue
        values = _flatten(item)
        columns.update(dict.fromkeys(values))
        submissions.append(Submission(number, values))
    if problems:
        raise InputError(problems)
    return Export(shown, "submission", list(columns), submissions)


# ---------------------------------------------------------------- conversion


@dataclass(frozen=True)
class Imported:
    """One converted submission: its file name and profile YAML text."""

    name: str
    text: str
    number: int


def _match(form: FormSpec, columns: Sequence[str]) -> list[tuple[Question, str]]:
    present = set(columns)
    out = []
    for q in form.questions:
        for header in q.headers():
            if header in present:
                out.append((q, header))
                break
    return out


def _matched_columns(form: FormSpec, export: Export) -> list[tuple[Question, str]]:
    """The form's questions the export has a column for; raises InputError
    when none is the programme title, the one question every profile answers:
    without it this is another form's export."""
    matched = _match(form, export.columns)
    if not any(q.path == "programme.title" for q, _ in matched):
        raise InputError.at(
            export.path,
            f"no column is the programme title (programme/title) of {form.path}; is this an export of "
            "that form, with XML values and headers?",
        )
    return matched


def _text(value: Any) -> str | None:
    """A cell as text; None for a list or object where one answer is expected."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | str):
        return str(value).strip()
    return None


def _choice(q: Question, value: str) -> str | None:
    if value in q.choices:
        return value
    lower = value.lower()
    for name in q.choices:
        if name.lower() == lower:
            return name
    for label, name in q.labels:
        if label == lower:
            return name
    return None


_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})([T ].*)?$")


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


#: Names Windows reserves for devices, with any extension (``con.yaml`` is the console).
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)", re.IGNORECASE)


def _slug(text: str) -> str:
    """A file name stem from ``text``: lower-case ASCII words joined by '-',
    never a name Windows reserves for a device."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return f"{slug}-profile" if _RESERVED.fullmatch(slug) else slug


def convert(form: FormSpec, export: Export) -> list[Imported]:
    """Every submission of ``export`` as profile YAML; raises InputError listing every problem."""
    matched = _matched_columns(form, export)
    problems: list[Problem] = []
    results: list[tuple[Submission, dict[str, Any], str]] = []
    header_of = {q.path: h for q, h in matched if q.role == "value"}
    header_of.update({source_key(q): h for q, h in matched if q.role == "source"})
    for sub in export.submissions:
        data, bad = _convert_one(export, matched, header_of, sub)
        problems += bad
        if not bad:
            results.append((sub, data, _instance(sub)))
    if problems:
        raise InputError(problems)
    return _name_and_dump(form, export, results)


def _problem(export: Export, sub: Submission, column: str, message: str) -> RowProblem:
    return RowProblem(export.path, sub.number, None, message, export.unit, column)


@dataclass
class _Answers:
    """What one submission answers, before it is made a profile."""

    values: dict[str, Any] = field(default_factory=dict)  # profile path -> value
    evidence: dict[str, str] = field(default_factory=dict)  # fact path -> evidence text
    un_present: str | None = None  # the answer to "does a UN mission operate?"
    dont_know: set[str] = field(default_factory=set)  # fact paths answered "unknown"
    respondent: dict[str, str] = field(default_factory=dict)  # who answered (role, side...)
    problems: list[Problem] = field(default_factory=list)
    #: EVIDENCE (issue 18): ``sources.SECTION.ATTR`` -> value, in form order.
    sources: dict[str, Any] = field(default_factory=dict)


def _read_answers(export: Export, matched: list[tuple[Question, str]], sub: Submission) -> _Answers:
    got = _Answers()
    for q, header in matched:
        text = _text(sub.values.get(header))
        if text is None:
            got.problems.append(_problem(export, sub, header, "expected one answer, found a list or an object"))
            continue
        if not text:
            continue
        text = text.replace("\r\n", "\n")  # a multi-line cell as Excel writes it
        control = control_message(text)
        if control is not None:
            # What a profile may not hold, an export may not bring in (JSON can spell it \u001b).
            got.problems.append(_problem(export, sub, header, control))
        elif q.role == "evidence":
            got.evidence[q.path] = text
        elif q.role == "source":
            value, message = _value(q, text)
            if message:
                got.problems.append(_problem(export, sub, header, message))
            elif value is not None:
                got.sources[source_key(q)] = value
        elif q.role == "respondent":
            chosen = _choice(q, text) if q.kind == "enum" else text
            if chosen is None:
                got.problems.append(_problem(export, sub, header, f'"{text}" is not one of {", ".join(q.choices)}'))
            else:
                got.respondent[q.path] = chosen
        elif q.role == "un_mission_present":
            chosen = _choice(q, text)
            if chosen is None:
                got.problems.append(_problem(export, sub, header, f'"{text}" is not one of {", ".join(q.choices)}'))
            got.un_present = chosen
        else:
            value, message = _value(q, text)
            if message:
                got.problems.append(_problem(export, sub, header, message))
            elif value is not None:
                got.values[q.path] = value
            elif q.kind == "fact":
                got.dont_know.add(q.path)
    return got


def _profile_data(matched: list[tuple[Question, str]], got: _Answers) -> dict[str, Any]:
    """The profile of one submission's answers: the mission kept only when one operates."""
    data: dict[str, Any] = {"programme": {}}
    has_mission = any(p.startswith("context.un_mission.") for p in got.values)
    keep_mission = got.un_present == "yes" or (got.un_present is None and has_mission)
    for q, _ in matched:
        if q.role != "value":
            continue
        if q.path.startswith("context.un_mission.") and not keep_mission:
            continue
        note = got.evidence.get(q.path)
        if q.path in got.values:
            value = got.values[q.path]
            _set(data, q.path, {"answer": value, "evidence": note} if note and q.kind == "fact" else value)
        elif note and q.kind == "fact":
            _set(data, q.path, {"answer": "unknown", "evidence": note})
    if keep_mission:
        data.setdefault("context", {}).setdefault("un_mission", {})
    for dotted, value in got.sources.items():
        # ``sources.governance.kind``: the section path is one key of ``sources``.
        _, section, attr = dotted.split(".")
        data.setdefault("sources", {}).setdefault(section, {})[attr] = value
    return data


def _profile_problems(
    export: Export, sub: Submission, header_of: dict[str, str], data: dict[str, Any]
) -> list[Problem]:
    """What the profile model finds wrong with one submission's profile, by column."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as e:
        problems: list[Problem] = []
        for err in e.errors():
            dotted = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
            column = header_of.get(dotted, dotted.replace(".", "/"))
            message = "is required but has no answer" if err["type"] == "missing" else err["msg"]
            problems.append(_problem(export, sub, column, message))
        return problems
    conflict = (
        None
        if profile.treaty_party_was_derived
        else treaty_party_conflict(profile.national_ownership.treaty_party, profile.treaties)
    )
    if conflict is not None:
        column = header_of.get("national_ownership.treaty_party", "national_ownership/treaty_party")
        return [_problem(export, sub, column, conflict)]
    return []


def _convert_one(
    export: Export, matched: list[tuple[Question, str]], header_of: dict[str, str], sub: Submission
) -> tuple[dict[str, Any], list[Problem]]:
    """One submission as profile data, and every problem found in it."""
    got = _read_answers(export, matched, sub)
    data = _profile_data(matched, got)
    if got.problems:
        return data, got.problems
    return data, _profile_problems(export, sub, header_of, data)


def _value(q: Question, text: str) -> tuple[Any, str]:
    """The profile value of one answer, or an error message."""
    if q.kind == "fact":
        chosen = _choice(q, text)
        if chosen is None:
            return None, f'"{text}" is not one of {", ".join(q.choices)}'
        return (None if chosen == "unknown" else chosen), ""
    if q.kind == "enum":
        chosen = _choice(q, text)
        if chosen is None:
            return None, f'"{text}" is not one of {", ".join(q.choices)}'
        return chosen, ""
    if q.kind == "enum_list":
        picked: list[str] = []
        for word in text.split():
            chosen = _choice(q, word)
            if chosen is None:
                return None, f'"{word}" is not one of {", ".join(q.choices)}'
            picked.append(chosen)
        if NONE_CHOICE in picked:
            if len(picked) > 1:
                return None, f'"{NONE_CHOICE}" cannot be chosen with other answers'
            return [], ""
        return list(dict.fromkeys(picked)), ""
    if q.kind == "str_list":
        return [p.strip() for p in re.split(r"[\n;]", text) if p.strip()], ""
    if q.kind == "number":
        if not re.fullmatch(r"\d+", text):
            return None, f'"{text}" is not a whole number'
        return int(text), ""
    if q.kind == "date" or q.kind == "number_or_date":
        m = _DATE.match(text)
        if m is None:
            return None, f'"{text}" is not a date (YYYY-MM-DD)'
        try:
            return dt.date.fromisoformat(m.group(1)), ""
        except ValueError:
            return None, f'"{text}" is not a date (YYYY-MM-DD)'
    return text, ""


def _instance(sub: Submission) -> str:
    for key in _INSTANCE_KEYS:
        value = sub.values.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _name_and_dump(
    form: FormSpec, export: Export, results: Iterable[tuple[Submission, dict[str, Any], str]]
) -> list[Imported]:
    out: list[Imported] = []
    used: set[str] = set()
    for sub, data, instance in results:
        title = str(data.get("programme", {}).get("title", ""))
        base = _slug(title) or _slug(instance.removeprefix("uuid:")) or f"submission-{sub.number}"
        name = base
        if name in used:
            tail = _slug(instance.removeprefix("uuid:"))[:8] or f"{export.unit}-{sub.number}"
            name = f"{base}-{tail}"
            n = 2
            while name in used:
                name = f"{base}-{tail}-{n}"
                n += 1
        used.add(name)
        out.append(Imported(f"{name}.yaml", _dump(form, export, sub, instance, data), sub.number))
    return out


def _comment(text: str) -> str:
    """``text`` fit for a ``#`` comment: on one line, every line break and
    control or format character escaped (a line break would end the comment
    and let an export write YAML of its own)."""
    return "".join(
        c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in text
    )


def _yaml_text(data: dict[str, Any]) -> str:
    """``data`` as an imported profile's YAML, through ruamel.yaml's serializer."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _dump(form: FormSpec, export: Export, sub: Submission, instance: str, data: dict[str, Any]) -> str:
    body = _yaml_text(data)
    # Everything from the export or the form reaches the file through the
    # serializer (_yaml_text) or through _comment: nothing else is written.
    source = f"{_comment(Path(export.path).name)}, {export.unit} {sub.number}"
    if instance:
        source += f" (instance {_comment(instance)})"
    head = f"# Imported by `assess import` from {source}\n"
    if form.form_id:
        head += f"# Form {_comment(form.form_id)}, version {_comment(form.version) or 'unknown'}.\n"
    head += "# Empty answers were left out: those facts are unknown. Check it with: assess check THIS_FILE\n"
    return head + body


def import_submissions(export_path: Path, form_path: Path, max_submissions: int = MAX_SUBMISSIONS) -> list[Imported]:
    """Read the form and the export and convert every submission (nothing is
    written); more than ``max_submissions`` is an error."""
    form = read_form(form_path)
    export = read_export(export_path, max_submissions)
    return convert(form, export)


__all__ = ["MAX_SUBMISSIONS", "Imported", "RowProblem", "convert", "import_submissions", "read_export", "read_form"]
