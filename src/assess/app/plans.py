"""Action plans in the use cases: a plan matched to its profile and judged, and a plan drafted.

``assess check --plan``, ``assess report --plan`` and ``assess portfolio
--plans`` all judge a plan through :func:`judge_plan`, so that the result
document says the same thing whichever command wrote it. ``assess plan
draft`` is :func:`draft_plan`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from assess.core.evaluate import CompiledChecklist
from assess.core.plans import plan_state, with_plan
from assess.core.profile import Profile
from assess.core.result import Assessment
from assess.errors import InputError, Problem
from assess.i18n import _
from assess.loading.plans import LoadedPlan, load_plan, owner_names, profile_of


def judge_plan(
    a: Assessment,
    profile: Profile,
    plan: Path,
    checklists: Sequence[CompiledChecklist],
    today: dt.date,
) -> tuple[Assessment, list[str]]:
    """The assessment carrying the state of ``plan`` judged on ``today``, and the plan's warnings.
    Raises a located InputError when the plan is bad or belongs to another profile."""
    loaded = load_plan(plan, checklists, profile, a.profile.path)
    state = plan_state(loaded.body, loaded.closes, a, today, owner_names(profile), loaded.file)
    return with_plan(a, state), loaded.warnings


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def match_plans(
    plans: Sequence[Path], profiles: Sequence[Path], checklists: Sequence[CompiledChecklist]
) -> dict[Path, Path]:
    """Which plan goes with which profile: the profile a plan names (relative
    to the plan's folder), else the only profile of the run with that file
    name. Each plan is read and checked first; a plan that fits no profile of
    the run, or two plans for one profile, is a located error."""
    loaded: list[tuple[Path, LoadedPlan]] = [(p, load_plan(p, checklists)) for p in plans]
    out: dict[Path, Path] = {}
    problems: list[Problem] = []
    for path, lp in loaded:
        named = profile_of(path, lp.body)
        exact = [p for p in profiles if _same_file(p, named)]
        by_name = [p for p in profiles if p.name == Path(lp.body.profile).name]
        found = exact or (by_name if len(by_name) == 1 else [])
        if not found:
            problems.append(
                Problem(
                    lp.path,
                    None,
                    None,
                    _("this plan belongs to the profile '{plan}', which is not assessed in this run").format(
                        plan=lp.body.profile
                    ),
                )
            )
            continue
        target = found[0]
        if target in out:
            problems.append(
                Problem(
                    lp.path,
                    None,
                    None,
                    _("a second plan for {profile} (the first is {first}); give one plan per profile").format(
                        profile=target, first=out[target]
                    ),
                )
            )
            continue
        out[target] = path
    if problems:
        raise InputError(problems)
    return out


__all__ = ["judge_plan", "match_plans"]
