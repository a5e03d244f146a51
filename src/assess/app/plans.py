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
                    *lp.profile_at,
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
                    *lp.profile_at,
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


# ---------------------------------------------------------------- drafting


def _comment(text: str) -> str:
    """``text`` fit for a ``#`` comment: one line, every unprintable character escaped."""
    return "".join(
        c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in text
    )


_SIDE_CODE = {"ssr": "SSR", "mine_action": "MA"}


def draft_actions(a: Assessment, limit: int | None) -> list[dict[str, object]]:
    """The draft's actions: the report's action plan (:func:`assess.render.plan.action_plan`)
    one action per recommendation, owned by the first fitting actor, all planned.

    Ids are the first item an action closes and its side (``GOV-03-SSR``), with
    ``-2``, ``-3`` for further actions on the same item and side: the same
    profile and checklists give the same ids."""
    from assess.render.plan import action_plan

    out: list[dict[str, object]] = []
    used: dict[str, int] = {}
    for group in action_plan(a, limit):
        for x in group.actions:
            base = f"{x.items[0].id}-{_SIDE_CODE.get(x.side, x.side)}"
            used[base] = used.get(base, 0) + 1
            ident = base if used[base] == 1 else f"{base}-{used[base]}"
            out.append(
                {
                    "id": ident,
                    "text": x.text,
                    "closes": [f"{r.checklist}/{r.id}" for r in x.items],
                    "owner": group.actors[0] if group.actors else None,
                    "also": list(group.actors[1:]),
                    "side": x.side,
                    "due": None,
                    "horizon": x.horizon.value,
                    "status": "planned",
                }
            )
    return out


def draft_plan(a: Assessment, profile_ref: str, limit: int | None = 10) -> str:
    """An action plan for ``a`` as YAML text, to be edited by people: a
    commented header saying what to edit, then ``action_plan:`` with one
    planned action per recommendation of the report's plan. ``profile_ref``
    is the profile's path relative to the plan's folder."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    actions = CommentedSeq()
    for d in draft_actions(a, limit):
        m = CommentedMap()
        for key in ("id", "text", "closes", "owner", "side", "due", "horizon", "status"):
            m[key] = d[key]
        also = d["also"]
        if isinstance(also, list) and also:
            m.yaml_add_eol_comment(_comment(_("also fits: {names}").format(names=", ".join(also))), "owner")
        m.yaml_add_eol_comment(_comment(_("set a date (YYYY-MM-DD)")), "due")
        actions.append(m)
    body = CommentedMap()
    body["version"] = 1
    body["profile"] = profile_ref
    body["title"] = _("Action plan: {title}").format(title=a.profile.title)
    body["actions"] = actions
    root = CommentedMap()
    root["action_plan"] = body
    header = [
        _("Action plan drafted by `assess plan draft` from the key gaps and recommendations of {file}.").format(
            file=Path(a.profile.path).name
        ),
        _("Edit it: set each 'due' date, check each 'owner' (one of the profile's actors, by name),"),
        _("reword or drop actions, and keep 'status' up to date: planned, under_way, done or dropped,"),
        _("with 'status_date', a 'note' and, once done, the 'evidence' of completion."),
        _("An action marked done changes no score: the next assessment's answer does."),
        _("Check it with: assess lint THIS_FILE"),
    ]
    root.yaml_set_start_comment("\n".join(_comment(line) for line in header))
    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line per text: a folded plain scalar would keep a trailing space
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()


__all__ = ["draft_actions", "draft_plan", "judge_plan", "match_plans"]
