"""Loading tailoring files: the chain resolved, the organisation's checklists read,
every problem located at file:line:column.

:func:`load_tailored` is what the scoring commands call with ``--tailoring``:
it returns the tailored checklists of the run, compiled and in the run's
language, beside the untailored ones (for the base scores that keep runs
comparable) and the record the result document carries. :func:`lint_tailoring`
is ``assess lint`` on a tailoring file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.core.checklist import Checklist
from assess.core.evaluate import CompiledChecklist, compile_checklist, score_profile
from assess.core.profile import Profile
from assess.core.result import Assessment
from assess.core.tailoring import (
    Applied,
    Step,
    Tailoring,
    TailoringError,
    apply,
    attach,
    digest,
)
from assess.core.tailoring_record import AddedRef, TailoringLink, TailoringRecord
from assess.errors import InputError, Problem
from assess.loading import yamlsrc
from assess.loading.checklists import _clashes, _load_one, load_checklists, localize, resolve
from assess.loading.validate import validate

#: A chain longer than this is refused (no organisation needs it; it bounds the work).
MAX_CHAIN = 16


@dataclass(frozen=True)
class _File:
    """One tailoring file of the chain as read."""

    doc: yamlsrc.YamlDoc
    tailoring: Tailoring
    path: Path
    shown: str
    added: list[tuple[str, CompiledChecklist]]


@dataclass
class Tailored:
    """The checklists of a run with a tailoring applied."""

    #: The tailored checklists, compiled, in the run's language.
    checklists: list[CompiledChecklist]
    #: The same run's checklists untailored: the base scores are theirs.
    base: list[CompiledChecklist]
    record: TailoringRecord

    def onto(self, assessment: Assessment, profile: Profile) -> Assessment:
        """``assessment`` (made with :attr:`checklists`) with the record and the base scores."""
        return attach(assessment, self.record, score_profile(profile, self.base))


def is_tailoring(path: Path) -> bool:
    """True when ``path`` reads as a YAML mapping with a top-level ``tailoring`` key
    (what ``assess lint`` goes by); a file that does not read is not one."""
    try:
        doc = yamlsrc.load(path, "tailoring")
    except InputError:
        return False
    return isinstance(doc.data, dict) and "tailoring" in doc.data


def _at(doc: yamlsrc.YamlDoc, path: yamlsrc.DataPath, message: str, prefer_key: bool = False) -> Problem:
    line, col = doc.position(path, prefer_key=prefer_key) or (None, None)
    return Problem(doc.path, line, col, message)


def _shown(parent_shown: str, relative: str) -> str:
    """How a file named inside another is shown: beside its parent as the run named it."""
    return os.path.normpath(os.path.join(os.path.dirname(parent_shown), relative))


def _read_chain(path: Path) -> list[_File]:
    """Every file of the chain, base first; raises InputError for a missing base, a cycle,
    a bad file or a bad added checklist."""
    files: list[_File] = []
    seen: dict[str, str] = {}  # real path -> shown
    current, shown = path, str(path)
    via: tuple[yamlsrc.YamlDoc, yamlsrc.DataPath] | None = None
    while True:
        real = os.path.realpath(current)
        if real in seen:
            assert via is not None  # the first file cannot be seen before
            loop = " -> ".join([*(f.shown for f in files), seen[real]])
            raise InputError(
                [_at(via[0], via[1], f"'extends' makes a cycle ({loop}): a tailoring cannot build on itself")]
            )
        if via is not None and not current.is_file():
            what = "is not a file" if current.exists() else "does not exist"
            message = f"'extends' names {shown}, which {what} (paths are relative to this file)"
            raise InputError([_at(via[0], via[1], message)])
        if len(files) >= MAX_CHAIN:
            assert via is not None
            raise InputError([_at(via[0], via[1], f"the chain of 'extends' is longer than {MAX_CHAIN} files")])
        raw = yamlsrc.read_bytes(current, "tailoring")
        doc = yamlsrc.parse(yamlsrc.decode(raw, shown), shown, raw, "tailoring")
        tailoring = validate(Tailoring, doc, what="tailoring")
        added = _read_added(doc, tailoring, current, shown)
        files.append(_File(doc, tailoring, current, shown, added))
        seen[real] = shown
        if tailoring.extends is None:
            break
        via = (doc, ("extends",))
        current = current.parent / tailoring.extends
        shown = _shown(shown, tailoring.extends)
    files.reverse()
    return files


def _read_added(
    doc: yamlsrc.YamlDoc, tailoring: Tailoring, path: Path, shown: str
) -> list[tuple[str, CompiledChecklist]]:
    """The organisation's checklists ``add`` names, each loaded as ``assess check`` would."""
    out: list[tuple[str, CompiledChecklist]] = []
    problems: list[Problem] = []
    for i, entry in enumerate(tailoring.add):
        target = path.parent / entry.checklist
        name = _shown(shown, entry.checklist)
        if not target.is_file():
            problems.append(
                _at(
                    doc,
                    ("add", i, "checklist"),
                    f"the checklist {name} does not exist (paths are relative to this file)",
                )
            )
            continue
        try:
            out.append((name, _load_one(Path(name))[1]))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _apply(files: Sequence[_File], base: Sequence[Checklist], lang: str = "en") -> Applied:
    steps = [Step(f.tailoring, [cc.checklist for _, cc in f.added]) for f in files]
    try:
        return apply(steps, base, lang)
    except TailoringError as e:
        raise InputError(
            [
                _at(
                    files[p.step].doc,
                    p.path,
                    p.message,
                    prefer_key=p.path[:1] == ("texts",) or "translations" in p.path,
                )
                for p in e.problems
            ]
        ) from None


def _record(files: Sequence[_File], applied: Applied, lang: str = "en") -> TailoringRecord:
    top = files[-1].tailoring
    chain = [
        TailoringLink(
            id=f.tailoring.tailoring,
            version=f.tailoring.version,
            title=f.tailoring.title_in(lang),
            file=Path(f.shown).as_posix(),
            sha256=f.doc.sha256,
        )
        for f in files
    ]
    added: list[AddedRef] = []
    for f in files:
        for name, cc in f.added:
            if cc.checklist.id in applied.added_items:
                added.append(
                    AddedRef(
                        id=cc.checklist.id,
                        version=cc.checklist.version,
                        title=cc.checklist.title,
                        file=Path(name).as_posix(),
                        sha256=_sha(Path(name)),
                        items=applied.added_items[cc.checklist.id],
                    )
                )
    builds_on: dict[str, Any] = {}
    for f in files:
        for on in f.tailoring.builds_on:
            builds_on[on.checklist] = on  # a later file's version wins
    return TailoringRecord(
        id=top.tailoring,
        version=top.version,
        title=top.title_in(lang),
        digest=digest([link.sha256 for link in chain] + [a.sha256 for a in added]),
        chain=chain,
        builds_on=list(builds_on.values()),
        added=added,
        changes=applied.changes,
    )


def load_tailored(specs: Sequence[str], tailoring: Path | None, lang: str = "en") -> Tailored | None:
    """The run's checklists (``--checklist`` values, default the built-in ones) with the
    tailoring file ``tailoring`` applied; None without one. Raises InputError with
    every problem located."""
    if tailoring is None:
        return None
    files = _read_chain(tailoring)
    base = load_checklists(specs, "en")
    applied = _apply(files, [cc.checklist for cc in base], lang)
    # A checklist the tailoring left untouched is the loaded one: its compiled form is reused.
    known = {id(cc.checklist): cc for cc in base}
    known.update((id(cc.checklist), cc) for f in files for _name, cc in f.added)
    compiled = [known.get(id(c)) or compile_checklist(c) for c in applied.checklists]
    problems = _clashes(compiled)
    if problems:
        raise InputError(problems)
    return Tailored(
        checklists=[localize(cc, lang) for cc in compiled],
        base=base,
        record=_record(files, applied, lang),
    )


def checklists_for(specs: Sequence[str], tailoring: Path | None, lang: str = "en") -> list[CompiledChecklist]:
    """The compiled checklists a command uses: tailored with ``tailoring``, else as loaded."""
    tailored = load_tailored(specs, tailoring, lang)
    return tailored.checklists if tailored is not None else load_checklists(specs, lang)


def lint_tailoring(path: Path) -> tuple[TailoringRecord | None, list[Problem]]:
    """Check a tailoring file and its chain against the built-in checklists it
    builds on (and the organisation's checklists it adds); returns the record
    and no problem, or every problem."""
    from assess.resources import checklists_dir

    try:
        files = _read_chain(path)
        wanted: list[str] = []
        unknown: list[Problem] = []
        for f in files:
            for i, on in enumerate(f.tailoring.builds_on):
                if not (checklists_dir() / f"{on.checklist}.yaml").is_file():
                    unknown.append(
                        _at(
                            f.doc,
                            ("builds_on", i, "checklist"),
                            f"'{on.checklist}' is not a built-in checklist: assess lint checks a tailoring against "
                            "the built-in ones; check it with assess check --checklist FILE --tailoring FILE",
                        )
                    )
                elif on.checklist not in wanted:
                    wanted.append(on.checklist)
        if unknown:
            raise InputError(unknown)
        base = [_load_one(p, lint=True)[1].checklist for p in resolve(wanted)]
        for f in files:
            for name, _cc in f.added:
                _load_one(Path(name), lint=True)
        applied = _apply(files, base)
        return _record(files, applied), []
    except InputError as e:
        return None, e.problems
