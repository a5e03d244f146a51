"""``assess import --merge-by``: several submissions about one programme, one profile.

Submissions are grouped by the value of one column of the export (e.g. the
programme's title or a code the team agreed on). Each group becomes one
profile that keeps every voice:

- ``respondents``: one entry per submission, ``r1``, ``r2``... in the order of
  the export, with the role, organisation, side and sex the respondent gave
  (the form's "About you" group);
- ``responses``: every answer each respondent gave, per fact (a "don't know"
  kept as ``unknown``; a blank left out);
- ``merge``: the rule used;

and, in the normal place of each fact, the merged answer by that rule
(:mod:`assess.core.voices`), with the evidence of the first respondent who
gave that answer. Answers that are not facts (title, phase, activities,
treaties...) are taken from the first submission of the group that gives them
(the lead's first under the lead rule).

Everything from the export reaches the YAML through ruamel's serializer or
through ``submissions._comment``; nothing else is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.core.facts import Answer
from assess.core.profile import MergeRule, Profile, voice_problems
from assess.core.voices import merge_answers
from assess.errors import InputError, Problem
from assess.forms.submissions import (
    MAX_SUBMISSIONS,
    Export,
    FormSpec,
    Imported,
    Question,
    Submission,
    _Answers,
    _comment,
    _matched_columns,
    _problem,
    _profile_data,
    _profile_problems,
    _read_answers,
    _set,
    _slug,
    _text,
    _yaml_text,
    read_export,
    read_form,
)


@dataclass
class _Voice:
    """One submission of a group: its respondent id and what it answered."""

    id: str
    sub: Submission
    got: _Answers
    data: dict[str, Any]


def _column(form: FormSpec, export: Export, matched: list[tuple[Question, str]], merge_by: str) -> str:
    """The export's column ``merge_by`` names: a column as exported, or a question's
    profile path (``programme.title``) or group path (``programme/title``)."""
    if merge_by in export.columns:
        return merge_by
    for q, header in matched:
        if merge_by in (q.path, q.shown, q.name) and q.role in ("value", "respondent"):
            return header
    shown = ", ".join(export.columns[:8]) + (", ..." if len(export.columns) > 8 else "")
    raise InputError.at(
        export.path,
        f'--merge-by: no column "{merge_by}" in the export (its columns: {shown}); give a column name as '
        f"exported, e.g. programme/title",
    )


def _kept(data: dict[str, Any], dotted: str) -> bool:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _groups(
    export: Export, matched: list[tuple[Question, str]], column: str
) -> tuple[list[tuple[str, list[_Voice]]], list[Problem]]:
    """The submissions by their value in ``column``, in the order each value first
    appears; every submission checked alone as a profile first."""
    header_of = {q.path: h for q, h in matched if q.role == "value"}
    groups: dict[str, list[_Voice]] = {}
    problems: list[Problem] = []
    for sub in export.submissions:
        key = _text(sub.values.get(column))
        if not key:
            problems.append(_problem(export, sub, column, "has no value; --merge-by needs one in every submission"))
            continue
        got = _read_answers(export, matched, sub)
        data = _profile_data(matched, got)
        bad = got.problems or _profile_problems(export, sub, header_of, data)
        if bad:
            problems += bad
            continue
        voices = groups.setdefault(key, [])
        voices.append(_Voice(f"r{len(voices) + 1}", sub, got, data))
    return list(groups.items()), problems


def _respondent(voice: _Voice) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": voice.id}
    for name in ("role", "organisation", "side", "sex"):
        if name in voice.got.respondent:
            entry[name] = voice.got.respondent[name]
    return entry


def _flow(entry: dict[str, Any]) -> Any:
    """``entry`` written on one line (``{respondent: r1, answer: yes}``)."""
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap(entry)
    out.fa.set_flow_style()
    return out


def _answer_of(voice: _Voice, path: str) -> Answer | None:
    if path in voice.got.dont_know:
        # A don't-know is not in the submission's profile; it stands unless its mission was left out.
        dropped = path.startswith("context.un_mission.") and not _kept(voice.data, "context.un_mission")
        return None if dropped else Answer.unknown
    if path in voice.got.values and _kept(voice.data, path):
        return Answer(voice.got.values[path])
    return None


def merge_group(
    matched: list[tuple[Question, str]], voices: list[_Voice], rule: MergeRule, lead: str | None
) -> dict[str, Any]:
    """One profile's data from the submissions of one group."""
    order = sorted(voices, key=lambda v: v.id != lead) if rule is MergeRule.lead else voices
    data: dict[str, Any] = {"programme": {}}
    responses: dict[str, list[Any]] = {}
    mission = any(_kept(v.data, "context.un_mission") for v in voices)
    for q, _ in matched:
        if not _merged_question(q, mission):
            continue
        if q.kind != "fact":
            _take_first_given(data, q.path, order)
            continue
        entries = _responses(q.path, voices)
        if entries:
            responses[q.path] = entries
            _merge_fact(data, q.path, voices, order, rule, lead)
    if mission:
        data.setdefault("context", {}).setdefault("un_mission", {})
    data["respondents"] = [_respondent(v) for v in voices]
    data["responses"] = responses
    data["merge"] = {"rule": rule.value, **({"lead": lead} if lead is not None else {})}
    return data


def _merged_question(q: Question, mission: bool) -> bool:
    """True when ``q`` is an answer of the profile to merge: a value, and for a UN
    mission's question only when some submission describes a mission."""
    return q.role == "value" and (mission or not q.path.startswith("context.un_mission."))


def _take_first_given(data: dict[str, Any], path: str, order: list[_Voice]) -> None:
    """Put into ``data`` the answer to the non-fact question at ``path`` that the first
    voice of ``order`` giving one gave (none when no voice gives it)."""
    given = next((v.got.values[path] for v in order if path in v.got.values and _kept(v.data, path)), None)
    if given is not None:
        _set(data, path, given)


def _responses(path: str, voices: list[_Voice]) -> list[Any]:
    """Every voice's answer to the fact at ``path`` (with its evidence), one line each;
    empty when no voice answered it."""
    entries = []
    for v in voices:
        answer = _answer_of(v, path)
        if answer is None:
            continue
        entry: dict[str, Any] = {"respondent": v.id, "answer": answer.value}
        if path in v.got.evidence:
            entry["evidence"] = v.got.evidence[path]
        entries.append(_flow(entry))
    return entries


def _merge_fact(
    data: dict[str, Any], path: str, voices: list[_Voice], order: list[_Voice], rule: MergeRule, lead: str | None
) -> None:
    """Put into ``data`` the fact at ``path`` merged by ``rule``, with the evidence of the
    first voice of ``order`` that gave the merged answer; nothing when the merge leaves
    it unknown."""
    pairs = [(v.id, a) for v in voices if (a := _answer_of(v, path)) is not None]
    merged = merge_answers(pairs, rule, lead, path)
    if merged is Answer.unknown:
        return
    note = next(
        (v.got.evidence[path] for v in order if _answer_of(v, path) is merged and path in v.got.evidence),
        None,
    )
    _set(data, path, {"answer": merged.value, "evidence": note} if note else merged.value)


def _check_merged(
    export: Export, matched: list[tuple[Question, str]], first: Submission, data: dict[str, Any]
) -> list[Problem]:
    """What the profile model finds wrong with a merged profile (answers each valid
    alone may conflict once merged, e.g. a treaty and treaty_party)."""
    header_of = {q.path: h for q, h in matched if q.role == "value"}
    problems = _profile_problems(export, first, header_of, data)
    if not problems:
        problems = [_problem(export, first, "", m) for _, m in voice_problems(Profile.model_validate(data))]
    return problems


def _dump(
    export: Export, form: FormSpec, column: str, key: str, voices: list[_Voice], rule: MergeRule, data: dict[str, Any]
) -> str:
    body = _yaml_text(data)
    units = ", ".join(str(v.sub.number) for v in voices)
    count = len(voices)
    head = (
        f"# Merged by `assess import --merge-by` from {count} submission{'s' if count != 1 else ''} of "
        f"{_comment(Path(export.path).name)} ({export.unit}s {units})\n"
        f"# whose {_comment(column)} is {_comment(key)}; facts merged by the {rule.value} rule.\n"
    )
    if form.form_id:
        head += f"# Form {_comment(form.form_id)}, version {_comment(form.version) or 'unknown'}.\n"
    head += "# responses: keeps every answer. Check it with: assess check THIS_FILE\n"
    return head + body


def convert_merged(
    form: FormSpec, export: Export, merge_by: str, rule: MergeRule = MergeRule.majority, lead: str | None = None
) -> list[Imported]:
    """One profile per group of submissions sharing a value of ``merge_by``;
    raises InputError listing every problem (nothing is written)."""
    matched = _matched_columns(form, export)
    column = _column(form, export, matched, merge_by)
    groups, problems = _groups(export, matched, column)
    if problems:
        raise InputError(problems)
    out: list[Imported] = []
    used: set[str] = set()
    for key, voices in groups:
        if lead is not None and all(v.id != lead for v in voices):
            ids = ", ".join(v.id for v in voices)
            raise InputError.at(
                export.path,
                f'--lead-respondent {lead}: the {len(voices)} submission(s) whose {column} is "{key}" are '
                f"respondents {ids} (numbered in the order of the export)",
            )
        data = merge_group(matched, voices, rule, lead)
        problems += _check_merged(export, matched, voices[0].sub, data)
        base = _slug(str(data["programme"].get("title", ""))) or _slug(key) or f"programme-{len(out) + 1}"
        name, n = base, 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        out.append(Imported(f"{name}.yaml", _dump(export, form, column, key, voices, rule, data), voices[0].sub.number))
    if problems:
        raise InputError(problems)
    return out


def import_merged(
    export_path: Path,
    form_path: Path,
    merge_by: str,
    rule: MergeRule = MergeRule.majority,
    lead: str | None = None,
    max_submissions: int = MAX_SUBMISSIONS,
) -> list[Imported]:
    """Read the form and the export and merge the submissions by ``merge_by`` (nothing is written)."""
    form = read_form(form_path)
    export = read_export(export_path, max_submissions)
    return convert_merged(form, export, merge_by, rule, lead)


__all__ = ["convert_merged", "import_merged", "merge_group"]
