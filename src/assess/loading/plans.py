"""Loading action plan files (:mod:`assess.core.plans`), with locations.

Errors (exit 2): the file's shape, two actions with one id, an item id no
checklist of the run has (or a bare id several have), and a plan given for
another profile than the one assessed (its ``profile`` names another file).
Warnings (printed, the run goes on): an owner who is none of the profile's
actors or authorities (actors change, and a plan naming last year's ones is
still worth reading), and a done action that names no evidence.

A plan's file name ends in ``.plan.yaml`` or ``.plan.yml``: the portfolio's
folder scan leaves such files out, and ``--plans DIR`` finds a profile's plan
as ``DIR/<profile stem>.plan.yaml`` (or ``.plan.yml``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess.core.evaluate import CompiledChecklist, item_key
from assess.core.plans import ActionStatus, PlanBody, PlanFile
from assess.core.profile import Profile
from assess.errors import InputError, Problem
from assess.i18n import _
from assess.loading import yamlsrc
from assess.loading.discovery import PLAN_SUFFIXES
from assess.loading.validate import validate


def is_plan_name(name: str) -> bool:
    """True for a file name that marks an action plan (``x.plan.yaml``, ``x.plan.yml``)."""
    return name.endswith(PLAN_SUFFIXES) and len(name) > len(".plan.yml")


def plan_for(folder: Path, profile: Path) -> Path | None:
    """The plan of ``profile`` in ``folder`` (``<stem>.plan.yaml``, else ``.plan.yml``), if there is one."""
    for suffix in PLAN_SUFFIXES:
        candidate = folder / f"{profile.stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class LoadedPlan:
    """A plan file read and checked against the run's checklists."""

    body: PlanBody
    #: Action id -> the item keys it closes, resolved.
    closes: dict[str, list[str]]
    #: The file as given.
    path: str
    warnings: list[str] = field(default_factory=list)
    #: Where ``action_plan.profile`` is written (line, column).
    profile_at: tuple[int, int] = (1, 1)

    @property
    def file(self) -> str:
        """The plan's file name: what the result document records (no folders)."""
        return Path(self.path).name


def owner_names(profile: Profile) -> set[str]:
    """The names an owner may take: the profile's actors and its mine action authorities."""
    return {a.name for a in profile.actors} | {a.name for a in profile.authorities or []}


def _hint(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return _("; did you mean '{name}'?").format(name=close[0]) if close else _("; no checklist in this run has it")


def _resolve(
    doc: yamlsrc.YamlDoc, body: PlanBody, checklists: Sequence[CompiledChecklist]
) -> tuple[dict[str, list[str]], list[Problem]]:
    keys = {item_key(cc.checklist.id, ci.item.id) for cc in checklists for ci in cc.items}
    by_id: dict[str, list[str]] = {}
    for key in sorted(keys):
        by_id.setdefault(key.split("/", 1)[1], []).append(key)
    problems: list[Problem] = []
    closes: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    for i, action in enumerate(body.actions):
        line, col = doc.position(("action_plan", "actions", i, "id")) or (1, 1)
        if action.id in first_line:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    _("a second action with id '{id}' (the first is at line {line}); ids must be unique").format(
                        id=action.id, line=first_line[action.id]
                    ),
                )
            )
            continue
        first_line[action.id] = line
        resolved: list[str] = []
        for j, ref in enumerate(action.closes):
            rline, rcol = doc.position(("action_plan", "actions", i, "closes", j)) or (line, col)
            found = [ref] if ref in keys else ([] if "/" in ref else by_id.get(ref, []))
            if not found:
                problems.append(
                    Problem(
                        doc.path,
                        rline,
                        rcol,
                        _("action '{id}' closes unknown item '{item}'").format(id=action.id, item=ref)
                        + _hint(ref, sorted(keys) if "/" in ref else sorted(by_id)),
                    )
                )
            elif len(found) > 1:
                problems.append(
                    Problem(
                        doc.path,
                        rline,
                        rcol,
                        _("item '{item}' is in several checklists ({keys}); write checklist/{item}").format(
                            item=ref, keys=", ".join(found)
                        ),
                    )
                )
            elif found[0] not in resolved:
                resolved.append(found[0])
        closes[action.id] = resolved
    return closes, problems


def load_plan(
    path: Path,
    checklists: Sequence[CompiledChecklist],
    profile: Profile | None = None,
    profile_path: str | None = None,
) -> LoadedPlan:
    """Load and check the plan at ``path`` against ``checklists``; with
    ``profile`` (read from ``profile_path``), also that the plan is that
    profile's and that its owners are the profile's actors (warnings)."""
    doc = yamlsrc.load(path, "plan")
    body = validate(PlanFile, doc, what="plan").action_plan
    closes, problems = _resolve(doc, body, checklists)
    if profile_path is not None and Path(body.profile).name != Path(profile_path).name:
        line, col = doc.position(("action_plan", "profile")) or (1, 1)
        problems.append(
            Problem(
                doc.path,
                line,
                col,
                _("this plan belongs to the profile '{plan}', not to '{profile}'").format(
                    plan=body.profile, profile=Path(profile_path).name
                ),
            )
        )
    if problems:
        raise InputError(problems)
    warnings: list[str] = []
    names = owner_names(profile) if profile is not None else None
    for i, action in enumerate(body.actions):
        if names is not None and action.owner is not None and action.owner not in names:
            line, col = doc.position(("action_plan", "actions", i, "owner")) or (1, 1)
            known = sorted(names)
            close = difflib.get_close_matches(action.owner, known, n=1)
            hint = _(" (did you mean '{name}'?)").format(name=close[0]) if close else ""
            warnings.append(
                _("warning: {where}: the owner of '{id}', '{owner}', is none of the profile's actors{hint}").format(
                    where=f"{doc.path}:{line}:{col}", id=action.id, owner=action.owner, hint=hint
                )
            )
        if action.status is ActionStatus.done and not action.evidence:
            line, col = doc.position(("action_plan", "actions", i, "status")) or (1, 1)
            warnings.append(
                _("warning: {where}: action '{id}' is done but names no evidence of completion").format(
                    where=f"{doc.path}:{line}:{col}", id=action.id
                )
            )
    return LoadedPlan(body, closes, doc.path, warnings, doc.position(("action_plan", "profile")) or (1, 1))


def profile_of(plan_path: Path, body: PlanBody) -> Path:
    """The profile a plan names, relative to the plan's folder."""
    return plan_path.parent / body.profile


def looks_like_plan(path: Path) -> bool:
    """True when ``path`` is a file whose name or top-level key marks an action plan."""
    if not path.is_file():
        return False
    if is_plan_name(path.name):
        return True
    try:
        doc = yamlsrc.load(path, "plan")
    except InputError:
        return False
    return isinstance(doc.data, dict) and "action_plan" in doc.data


def lint_plan(
    path: Path, checklists: Sequence[CompiledChecklist]
) -> tuple[LoadedPlan | None, list[Problem], list[str]]:
    """Check a plan file as ``assess lint`` does: its shape and item ids
    against ``checklists``, then, with the profile it names (which must exist),
    that it is that profile's plan and that its owners are the profile's actors.
    Returns the plan (None when it has problems), the problems and the warnings."""
    from assess.loading.profiles import load_profile

    try:
        loaded = load_plan(path, checklists)
    except InputError as e:
        return None, e.problems, []
    named = profile_of(path, loaded.body)
    if not named.is_file():
        doc = yamlsrc.load(path, "plan")
        line, col = doc.position(("action_plan", "profile")) or (1, 1)
        message = _("the profile '{profile}' is not found (a path relative to the plan's folder)").format(
            profile=loaded.body.profile
        )
        return None, [Problem(loaded.path, line, col, message)], []
    try:
        profile, source = load_profile(named)
        checked = load_plan(path, checklists, profile, source.path)
    except InputError as e:
        return None, e.problems, []
    return checked, [], checked.warnings


__all__ = [
    "PLAN_SUFFIXES",
    "LoadedPlan",
    "is_plan_name",
    "lint_plan",
    "load_plan",
    "looks_like_plan",
    "owner_names",
    "plan_for",
    "profile_of",
]
