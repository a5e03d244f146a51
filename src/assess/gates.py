"""Gates: thresholds a CI run holds the assessment to.

Each gate reads one measure of a result document and fails when the measure is
past its threshold:

``--fail-under N``                 the overall score is below N (n/a fails)
``--fail-under-approach A=N``      approach A's score is below N (n/a fails)
``--fail-on-synergy P``            a missed synergy (status missed) has priority P
                                   or higher (``any``: every priority)
``--max-unknown PERCENT``          more than PERCENT of the applicable items are
                                   unknown (100 × (1 - coverage))

With a baseline (a result document from an earlier run of the same profile) a
gate fails only on a regression: the measure is past the threshold AND worse
than the baseline's. "Worse" is: a lower score (a score of n/a is lower than
any number), a higher unknown share, a missed synergy at or above the priority
that the baseline did not have missed. A measure the baseline lacks (a new
approach, a profile new to the baseline) is judged on the threshold alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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

    @property
    def any(self) -> bool:
        """True when at least one gate is on."""
        return (
            self.fail_under is not None
            or bool(self.fail_under_approach)
            or self.fail_on_synergy is not None
            or self.max_unknown is not None
        )


class GateSyntaxError(ValueError):
    """A gate option that cannot be read."""


def parse_approach_threshold(text: str) -> tuple[Approach, float]:
    """Read ``APPROACH=N`` (N from 0 to 100); raise GateSyntaxError with the reason."""
    known = ", ".join(a.value for a in Approach)
    name, sep, number = text.partition("=")
    name = name.strip()
    if not sep or not name or not number.strip():
        raise GateSyntaxError(f"'{text}' is not APPROACH=N (e.g. good_governance=60); approaches are: {known}")
    try:
        approach = Approach(name)
    except ValueError:
        raise GateSyntaxError(f"'{name}' is not an approach; approaches are: {known}") from None
    try:
        value = float(number)
    except ValueError:
        raise GateSyntaxError(f"'{number.strip()}' in '{text}' is not a number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise GateSyntaxError(f"{value:g} in '{text}' is not a number from 0 to 100")
    return approach, value


@dataclass(frozen=True)
class BaselineMeasures:
    """What a gate compares against: the measures of the baseline document.

    Filled in by :mod:`assess.baseline` from a (lenient) earlier document.
    """

    overall: float | None
    approaches: Mapping[str, float | None]
    unknown_percent: float
    #: Keys (checklist/item) of synergies whose status was missed, any priority.
    missed_synergies: frozenset[str]


@dataclass(frozen=True)
class GateResult:
    """One gate judged on one profile."""

    gate: str
    profile: str
    threshold: str
    value: str
    passed: bool
    note: str = ""

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "failed"
        note = f" ({self.note})" if self.note else ""
        return f"gate {verdict}: {self.gate}: {self.profile}: {self.value}; threshold: {self.threshold}{note}"


def _shown(score: float | None) -> str:
    return "n/a" if score is None else f"{score:.1f}"


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
    measure: str,
    threshold: float,
    now: float | None,
    before: float | None,
    has_baseline: bool,
) -> GateResult:
    past = now is None or now < threshold - _EPSILON
    note = ""
    passed = not past
    if past and has_baseline:
        if _score_worse(now, before):
            note = f"{_shown(before)} in the baseline"
        else:
            passed = True
            note = f"not worse than the baseline's {_shown(before)}"
    return GateResult(gate, profile, f"{threshold:g}", f"{measure} {_shown(now)}", passed, note)


def _synergy_gate(a: Assessment, level: str, baseline: BaselineMeasures | None) -> GateResult:
    name = f"--fail-on-synergy {level}"
    missed = missed_synergies(a, level)
    threshold = "no missed synergy" if level == "any" else f"no missed synergy of priority {level}"
    if level == "medium":
        threshold += " or high"
    n = len(missed)
    value = f"{n} missed synerg{'y' if n == 1 else 'ies'}" + (f" ({', '.join(k for k, _ in missed)})" if missed else "")
    if not missed:
        return GateResult(name, a.profile.path, threshold, value, True)
    if baseline is None:
        return GateResult(name, a.profile.path, threshold, value, False)
    new = [k for k, _ in missed if k not in baseline.missed_synergies]
    if new:
        return GateResult(name, a.profile.path, threshold, value, False, f"newly missed: {', '.join(new)}")
    return GateResult(name, a.profile.path, threshold, value, True, "all were missed in the baseline too")


def _unknown_gate(a: Assessment, limit: float, baseline: BaselineMeasures | None) -> GateResult:
    now = unknown_percent(a)
    past = now > limit + _EPSILON
    passed, note = not past, ""
    if past and baseline is not None:
        if now > baseline.unknown_percent + _EPSILON:
            note = f"{baseline.unknown_percent:.1f}% in the baseline"
        else:
            passed, note = True, f"not worse than the baseline's {baseline.unknown_percent:.1f}%"
    value = f"{now:.1f}% of applicable items unknown"
    return GateResult(f"--max-unknown {limit:g}", a.profile.path, f"{limit:g}%", value, passed, note)


def judge(a: Assessment, gates: Gates, baseline: BaselineMeasures | None = None) -> list[GateResult]:
    """Judge every gate that is on for one assessment, in option order."""
    profile = a.profile.path
    out: list[GateResult] = []
    if gates.fail_under is not None:
        before = baseline.overall if baseline else None
        out.append(
            _score_gate(
                f"--fail-under {gates.fail_under:g}",
                profile,
                "overall score",
                gates.fail_under,
                a.overall.score,
                before,
                baseline is not None,
            )
        )
    for approach, threshold in gates.fail_under_approach.items():
        name = f"--fail-under-approach {approach.value}={threshold:g}"
        score = a.approaches.get(approach)
        now = score.score if score is not None else None
        in_base = baseline is not None and approach.value in baseline.approaches
        before = baseline.approaches.get(approach.value) if baseline else None
        measure = (
            f"{approach.value} score" if score is not None else f"{approach.value} (no items in the checklists run):"
        )
        out.append(_score_gate(name, profile, measure, threshold, now, before, in_base))
    if gates.fail_on_synergy is not None:
        out.append(_synergy_gate(a, gates.fail_on_synergy, baseline))
    if gates.max_unknown is not None:
        out.append(_unknown_gate(a, gates.max_unknown, baseline))
    return out


def failures(results: Sequence[GateResult]) -> list[GateResult]:
    """The gates that failed."""
    return [r for r in results if not r.passed]
