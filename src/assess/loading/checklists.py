"""Loading and linting checklists.

``load_checklists`` is what scoring commands use; ``lint`` reports every
problem it can find across files (it does not stop at the first).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess.core.checklist import Checklist
from assess.core.conditions import ConditionError
from assess.core.evaluate import CompiledChecklist, compile_checklist
from assess.errors import InputError, Problem
from assess.loading import yamlsrc
from assess.loading.validate import validate
from assess.resources import builtin_checklists, checklists_dir


def resolve(specs: Sequence[str]) -> list[Path]:
    """Turn ``--checklist`` values (paths or built-in ids) into files.

    No value means every built-in checklist.
    """
    if not specs:
        return builtin_checklists()
    out: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.suffix in (".yaml", ".yml") or path.exists() or "/" in spec:
            out.append(path)
            continue
        builtin = checklists_dir() / f"{spec}.yaml"
        if builtin.is_file():
            out.append(builtin)
            continue
        known = ", ".join(p.stem for p in builtin_checklists())
        raise InputError.at(spec, f"unknown checklist id; built-in checklists are: {known}")
    return out


def _load_one(path: Path) -> CompiledChecklist:
    doc = yamlsrc.load(path, "checklist")
    checklist = validate(Checklist, doc, what="checklist")
    try:
        compiled = compile_checklist(checklist)
    except ConditionError as e:
        line, col = doc.position(e.path) or (None, None)
        index = e.path[1] if len(e.path) > 1 and isinstance(e.path[1], int) else None
        owner = f"item {checklist.items[index].id}: " if index is not None else ""
        raise InputError([Problem(doc.path, line, col, owner + e.message)]) from None
    problems = _duplicate_ids(doc, checklist)
    if problems:
        raise InputError(problems)
    return compiled


def _duplicate_ids(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(checklist.items):
        if item.id in seen:
            line, col = doc.position(("items", i, "id")) or (None, None)
            first = doc.position(("items", seen[item.id], "id")) or (0, 0)
            problems.append(Problem(doc.path, line, col, f"duplicate item id '{item.id}' (first at line {first[0]})"))
        else:
            seen[item.id] = i
    return problems


def load_checklists(specs: Sequence[str] = ()) -> list[CompiledChecklist]:
    """Load, validate and compile checklists; raises InputError on any problem."""
    problems: list[Problem] = []
    compiled: list[CompiledChecklist] = []
    for path in resolve(specs):
        try:
            compiled.append(_load_one(path))
        except InputError as e:
            problems.extend(e.problems)
    problems.extend(_clashes(compiled))
    if problems:
        raise InputError(problems)
    return compiled


def _clashes(compiled: Sequence[CompiledChecklist]) -> list[Problem]:
    """Checklist ids must be unique in one run, so item keys are unambiguous."""
    seen: set[str] = set()
    problems = []
    for cc in compiled:
        if cc.checklist.id in seen:
            problems.append(Problem(cc.checklist.id, None, None, "checklist id is used by two files in this run"))
        seen.add(cc.checklist.id)
    return problems


def lint(specs: Sequence[str] = ()) -> tuple[list[CompiledChecklist], list[Problem]]:
    """Check checklist files; return what loaded and every problem found."""
    try:
        return load_checklists(specs), []
    except InputError as e:
        return [], e.problems
