"""Gates: thresholds a CI run holds the assessment to.

Each gate reads one measure of a result document and fails when the measure is
past its threshold:

``--fail-under N``                 the overall score is below N (n/a fails)
``--fail-under-approach A=N``      approach A's score is below N (n/a fails)
``--fail-on-synergy P``            a missed synergy (status missed) has priority P
                                   or higher (``any``: every priority)
``--max-unknown PERCENT``          more than PERCENT of the applicable items are
                                   unknown (100 × (1 - coverage))
``--fail-on-overdue``              an action of the profile's action plan is
                                   overdue (a profile without a plan passes)
``--min-evidence PERCENT``         the overall score's evidence strength is under
                                   PERCENT (none worked out: fails, as n/a)

With a baseline (a result document from an earlier run of the same profile) a
gate fails only on a regression: the measure is past the threshold AND worse
than the baseline's. "Worse" is: a lower score (a score of n/a is lower than
any number), a higher unknown share, a missed synergy at or above the priority
that the baseline did not have missed. A measure the baseline lacks (a new
approach, a profile new to the baseline) is judged on the threshold alone.

This module judges and says nothing: a :class:`GateResult` holds the figures a
verdict rests on, and :mod:`assess.reporters.labels` words them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from assess.core.checklist import Approach
from assess.core.result import Assessment, Priority, Status

#: Priorities a ``--fail-on-synergy`` level covers.
SYNERGY_LEVELS: dict[str, tuple[Priority, ...]] = {
    "high": (Priority.high,),
    "medium": (Priority.high, Priority.medium),
    "any": (Priority.high, Priority.medium, Priority.low),
}

_EPSILON = 1e-9


@dataclass(frozen=True)
class Gates:
    """The gates of one run; ``None`` (or empty) leaves a gate off."""

    fail_under: float | None = None
    fail_under_approach: Mapping[Approach, float] = field(default_factory=dict)
    fail_on_synergy: str | None = None
    max_unknown: float | None = None
    fail_on_overdue: bool = False
    min_evidence: float | None = None

    @property
    def any(self) -> bool:
        """True when at least one gate is on."""
        return (
            self.fail_under is not None
            or bool(self.fail_under_approach)
            or self.fail_on_synergy is not None
            or self.max_unknown is not None
            or self.fail_on_overdue
            or self.min_evidence is not None
        )


class GateSyntax(Enum):
    """What is wrong with an ``APPROACH=N`` option."""

    not_a_pair = "not_a_pair"
    unknown_approach = "unknown_approach"
    not_a_number = "not_a_number"
    out_of_range = "out_of_range"


class GateSyntaxError(ValueError):
    """A gate option that cannot be read: the option, the part at fault and why.

    :func:`assess.reporters.labels.gate_syntax_message` says it.
    """

    def __init__(self, reason: GateSyntax, text: str, part: str = "", value: float | None = None) -> None:
        super().__init__(reason.value, text)
        self.reason = reason
        #: The option's argument as given.
        self.text = text
        #: The approach name or the number at fault (stripped), when there is one.
        self.part = part
        #: The number read, when it is out of range.
        self.value = value


def parse_approach_threshold(text: str) -> tuple[Approach, float]:
    """Read ``APPROACH=N`` (N from 0 to 100); raise GateSyntaxError with the reason."""
    name, sep, number = text.partition("=")
    name = name.strip()
    if not sep or not name or not number.strip():
        raise GateSyntaxError(GateSyntax.not_a_pair, text)
    try:
        approach = Approach(name)
    except ValueError:
        raise GateSyntaxError(GateSyntax.unknown_approach, text, name) from None
    try:
        value = float(number)
    except ValueError:
        raise GateSyntaxError(GateSyntax.not_a_number, text, number.strip()) from None
    if not 0 <= value <= 100:
        raise GateSyntaxError(GateSyntax.out_of_range, text, number.strip(), value)
    return approach, value


@dataclass(frozen=True)
class BaselineMeasures:
    """What a gate compares against: the measures of the baseline document.

    Built by :meth:`assess.core.baseline.BaselineDoc.measures` from a (lenient) earlier document.
    """

    overall: float | None
    approaches: Mapping[str, float | None]
    unknown_percent: float
    #: Keys (checklist/item) of synergies whose status was missed, any priority.
    missed_synergies: frozenset[str]
    #: The overall evidence strength in percent (None: none in the baseline).
    evidence_percent: float | None = None


class Regression(Enum):
    """How the baseline entered a verdict."""

    #: Judged on the threshold alone: within it, or nothing in the baseline to compare.
    unjudged = "unjudged"
    #: Past the threshold and worse than the baseline: failed.
    worse = "worse"
    #: Past the threshold but not worse than the baseline: passed.
    not_worse = "not_worse"


@dataclass(frozen=True)
class GateResult:
    """One gate judged on one profile; a subclass holds the measure's figures."""

    #: The option as given, e.g. ``--fail-under 60``.
    gate: str
    profile: str
    passed: bool
    regression: Regression

    @property
    def compared(self) -> bool:
        """True when the verdict rests on the baseline (passed or failed because of it)."""
        return self.regression is not Regression.unjudged


@dataclass(frozen=True)
class ScoreGateResult(GateResult):
    """``--fail-under`` (``approach`` None) or ``--fail-under-approach``."""

    threshold: float
    #: The score now (None: n/a).
    score: float | None
    #: The baseline's score (None: n/a or no baseline).
    baseline_score: float | None
    approach: Approach | None = None
    #: False when the approach has no items in the checklists run.
    scored: bool = True


@dataclass(frozen=True)
class SynergyGateResult(GateResult):
    """``--fail-on-synergy LEVEL``."""

    level: str
    #: Keys of the missed synergies at or above the level.
    missed: tuple[str, ...]
    #: Those the baseline did not have missed (with a baseline).
    newly_missed: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnknownGateResult(GateResult):
    """``--max-unknown PERCENT``."""

    limit: float
    percent: float
    baseline_percent: float | None = None


@dataclass(frozen=True)
class OverdueGateResult(GateResult):
    """``--fail-on-overdue``: judged on the plan alone (a baseline does not enter it)."""

    #: Ids of the plan's overdue actions.
    overdue: tuple[str, ...]
    #: False when the profile was given no plan.
    has_plan: bool = True


def _overdue_gate(a: Assessment) -> OverdueGateResult:
    overdue = tuple(a.plan.overdue) if a.plan is not None else ()
    return OverdueGateResult(
        "--fail-on-overdue", a.profile.path, not overdue, Regression.unjudged, overdue, a.plan is not None
    )


@dataclass(frozen=True)
class EvidenceGateResult(GateResult):
    """``--min-evidence PERCENT``."""

    limit: float
    #: The overall evidence strength in percent (None: none worked out).
    percent: float | None
    baseline_percent: float | None = None


def _score_worse(now: float | None, before: float | None) -> bool:
    if now is None:
        return before is not None
    return before is not None and now < before - _EPSILON


def unknown_percent(a: Assessment) -> float:
    """The share of applicable items that are unknown, in percent."""
    s = a.overall
    return 100.0 * (s.applicable - s.answered) / s.applicable if s.applicable else 0.0


def missed_synergies(a: Assessment, level: str) -> list[tuple[str, str]]:
    """(key, priority) of synergies with status missed at or above ``level``."""
    wanted = SYNERGY_LEVELS[level]
    by_key = {f"{r.checklist}/{r.id}": r for r in a.items}
    out = []
    for key in a.missed_synergies:
        r = by_key.get(key)
        if r is not None and r.status is Status.missed and r.priority in wanted:
            out.append((key, r.priority.value))
    return out


def _score_gate(
    gate: str,
    profile: str,
    threshold: float,
    now: float | None,
    before: float | None,
    has_baseline: bool,
    approach: Approach | None = None,
    scored: bool = True,
) -> ScoreGateResult:
    past = now is None or now < threshold - _EPSILON
    passed, regression = not past, Regression.unjudged
    if past and has_baseline:
        worse = _score_worse(now, before)
        passed, regression = not worse, Regression.worse if worse else Regression.not_worse
    return ScoreGateResult(gate, profile, passed, regression, threshold, now, before, approach, scored)


def _synergy_gate(a: Assessment, level: str, baseline: BaselineMeasures | None) -> SynergyGateResult:
    name = f"--fail-on-synergy {level}"
    missed = tuple(k for k, _p in missed_synergies(a, level))
    if not missed:
        return SynergyGateResult(name, a.profile.path, True, Regression.unjudged, level, missed)
    if baseline is None:
        return SynergyGateResult(name, a.profile.path, False, Regression.unjudged, level, missed)
    new = tuple(k for k in missed if k not in baseline.missed_synergies)
    regression = Regression.worse if new else Regression.not_worse
    return SynergyGateResult(name, a.profile.path, not new, regression, level, missed, new)


def _unknown_gate(a: Assessment, limit: float, baseline: BaselineMeasures | None) -> UnknownGateResult:
    now = unknown_percent(a)
    past = now > limit + _EPSILON
    passed, regression, before = not past, Regression.unjudged, None
    if past and baseline is not None:
        before = baseline.unknown_percent
        worse = now > before + _EPSILON
        passed, regression = not worse, Regression.worse if worse else Regression.not_worse
    return UnknownGateResult(f"--max-unknown {limit:g}", a.profile.path, passed, regression, limit, now, before)


def _evidence_gate(a: Assessment, limit: float, baseline: BaselineMeasures | None) -> EvidenceGateResult:
    e = a.overall.evidence
    now = None if e is None or e.share is None else 100.0 * e.share
    past = now is None or now < limit - _EPSILON
    passed, regression, before = not past, Regression.unjudged, None
    if past and baseline is not None and baseline.evidence_percent is not None:
        before = baseline.evidence_percent
        worse = _score_worse(now, before)
        passed, regression = not worse, Regression.worse if worse else Regression.not_worse
    return EvidenceGateResult(f"--min-evidence {limit:g}", a.profile.path, passed, regression, limit, now, before)


def judge(a: Assessment, gates: Gates, baseline: BaselineMeasures | None = None) -> list[GateResult]:
    """Judge every gate that is on for one assessment, in option order."""
    profile = a.profile.path
    out: list[GateResult] = []
    if gates.fail_under is not None:
        before = baseline.overall if baseline else None
        name = f"--fail-under {gates.fail_under:g}"
        out.append(_score_gate(name, profile, gates.fail_under, a.overall.score, before, baseline is not None))
    for approach, threshold in gates.fail_under_approach.items():
        name = f"--fail-under-approach {approach.value}={threshold:g}"
        score = a.approaches.get(approach)
        now = score.score if score is not None else None
        in_base = baseline is not None and approach.value in baseline.approaches
        before = baseline.approaches.get(approach.value) if baseline else None
        out.append(_score_gate(name, profile, threshold, now, before, in_base, approach, score is not None))
    if gates.fail_on_synergy is not None:
        out.append(_synergy_gate(a, gates.fail_on_synergy, baseline))
    if gates.max_unknown is not None:
        out.append(_unknown_gate(a, gates.max_unknown, baseline))
    if gates.fail_on_overdue:
        out.append(_overdue_gate(a))
    if gates.min_evidence is not None:
        out.append(_evidence_gate(a, gates.min_evidence, baseline))
    return out


def failures(results: Sequence[GateResult]) -> list[GateResult]:
    """The gates that failed."""
    return [r for r in results if not r.passed]
