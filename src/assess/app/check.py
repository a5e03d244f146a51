"""Checking profiles: the use case behind ``assess check``.

:func:`run_check` loads the checklists, waivers and baseline, assesses each
profile and judges the gates, and returns everything as a :class:`CheckRun`.
It prints nothing: the CLI picks a reporter for the run and maps it to an
exit status. A profile that cannot be read is recorded as its problems and
the others are still assessed; a bad checklist, waiver file or baseline
raises InputError before any profile is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess import __version__
from assess.core.baseline import BaselineDoc, ProfileChanges, diff, pair
from assess.core.evaluate import CompiledChecklist, evaluate
from assess.core.evidence import DEFAULT_STALE_AFTER_DAYS, with_evidence
from assess.core.gates import GateResult, Gates, judge
from assess.core.result import Assessment
from assess.core.voices import corroborated
from assess.errors import InputError, Problem
from assess.i18n import _
from assess.loading.baseline import load_baseline
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile
from assess.loading.tailoring import Tailored, load_tailored
from assess.loading.waivers import Waiver, expired_message, for_profile, load_waivers


@dataclass
class CheckRun:
    """What one ``assess check`` run found."""

    #: One result document per profile that could be read, in input order.
    assessments: list[Assessment] = field(default_factory=list)
    #: Why the other profiles could not be read.
    problems: list[Problem] = field(default_factory=list)
    #: Expired waivers that would apply, each once.
    warnings: list[str] = field(default_factory=list)
    #: Every gate judged on every profile (passed or not), in option order.
    gates: list[GateResult] = field(default_factory=list)
    #: Changes since the baseline, for each profile it has.
    changes: list[ProfileChanges] = field(default_factory=list)
    #: Notes on the run (a profile the baseline lacks).
    notes: list[str] = field(default_factory=list)

    @property
    def gate_failed(self) -> bool:
        """True when at least one gate failed."""
        return any(not r.passed for r in self.gates)


def _assess(
    run: CheckRun,
    profiles: Sequence[Path],
    compiled: Sequence[CompiledChecklist],
    waivers: Sequence[Waiver],
    day: dt.date,
    lang: str,
    plans: Mapping[Path, Path] | None = None,
    stale_after: int = DEFAULT_STALE_AFTER_DAYS,
    tailored: Tailored | None = None,
) -> None:
    from assess.app.plans import judge_plan

    warnings: dict[str, None] = {}  # ordered, each once
    for path in profiles:
        try:
            profile, source = load_profile(path, today=day)
        except InputError as e:
            run.problems.extend(e.problems)
            continue
        decision = for_profile(waivers, source.path, day)
        warnings.update((expired_message(w, day), None) for w in decision.expired)
        a = evaluate(profile, compiled, source, __version__, decision.in_force, language=lang)
        if tailored is not None:
            a = tailored.onto(a, profile)
        # EVIDENCE (issue 18): strength and staleness, judged on the run's day.
        a = with_evidence(a, profile, as_of=day, stale_after_days=stale_after, corroborated=corroborated(profile))
        plan = (plans or {}).get(path)
        if plan is not None:
            try:
                a, said = judge_plan(a, profile, plan, compiled, day)
            except InputError as e:
                run.problems.extend(e.problems)
                continue
            warnings.update((w, None) for w in said)
        run.assessments.append(a)
    run.warnings = list(warnings)


def _compare(run: CheckRun, gates: Gates, baseline: list[BaselineDoc] | None) -> None:
    paired = pair(baseline, run.assessments) if baseline is not None else {}
    for a in run.assessments:
        before = paired.get(a.profile.path)
        if baseline is not None and before is None:
            run.notes.append(
                _("note: the baseline has no result for {path}; its gates use thresholds alone").format(
                    path=a.profile.path
                )
            )
        if before is not None:
            run.changes.append(diff(before, a))
        if gates.any:
            run.gates += judge(a, gates, before.measures(a) if before is not None else None)


def run_check(
    profiles: Sequence[Path],
    checklists: Sequence[str] = (),
    *,
    lang: str = "en",
    gates: Gates | None = None,
    baseline: Path | None = None,
    waivers: Path | None = None,
    today: dt.date | None = None,
    plans: Sequence[Path] = (),
    stale_after: int | None = None,
    tailoring: Path | None = None,
) -> CheckRun:
    """Assess ``profiles`` against ``checklists`` (files or built-in ids; none:
    every built-in one) in ``lang``.

    ``gates`` are judged on each profile; with ``baseline`` (a result
    document of an earlier run) only regressions fail them, and the changes
    are in the run. ``waivers`` is a waiver file, judged on ``today``
    (default: the clock's date). ``plans`` are action plan files, each
    matched to the profile it names and judged on ``today`` too; so are the
    profiles' sources, an answer whose source is older than ``stale_after``
    days being stale (default: two years). ``tailoring`` is a tailoring file
    applied to the checklists; each result then carries its record and the
    base scores."""
    day = today if today is not None else dt.date.today()
    tailored = load_tailored(checklists, tailoring, lang)
    compiled = tailored.checklists if tailored is not None else load_checklists(checklists, lang)
    waiver_list = load_waivers(waivers, compiled) if waivers is not None else []
    ids = {cc.checklist.id for cc in compiled}
    baseline_docs = load_baseline(baseline, ids) if baseline is not None else None
    from assess.app.plans import match_plans

    matched = match_plans(plans, profiles, compiled) if plans else None
    run = CheckRun()
    age = stale_after if stale_after is not None else DEFAULT_STALE_AFTER_DAYS
    _assess(run, profiles, compiled, waiver_list, day, lang, matched, age, tailored)
    _compare(run, gates if gates is not None else Gates(), baseline_docs)
    return run
