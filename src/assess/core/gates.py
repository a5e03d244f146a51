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
from assess.i18n import N_, _, decimal, number

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

    Filled in by :mod:`assess.loading.baseline` from a (lenient) earlier document.
    """

    overall: float | None
    approaches: Mapping[str, float | None]
    unknown_percent: float
    #: Keys (checklist/item) of synergies whose status was missed, any priority.
    missed_synergies: frozenset[str]


@dataclass(frozen=True)
class Num:
    """A number in a message: ``digits`` decimals, or as written (``None``)."""

    x: float
    digits: int | None = 1

    def en(self) -> str:
        return f"{self.x:g}" if self.digits is None else f"{self.x:.{self.digits}f}"

    def local(self) -> str:
        return number(self.x) if self.digits is None else decimal(self.x, self.digits)


@dataclass(frozen=True)
class Pct(Num):
    """A percentage 0-100 in a message: '83.0%', '83,0 %' in French."""

    def en(self) -> str:
        return super().en() + "%"

    def local(self) -> str:
        return _("{number}%").format(number=super().local())


@dataclass(frozen=True)
class Said:
    """An English message (a catalogue msgid) with its arguments.

    ``en()`` is the message as machine formats and English print it;
    ``local()`` is it in the language of ``--lang``.
    """

    template: str
    args: Mapping[str, object] = field(default_factory=dict)

    def en(self) -> str:
        return self.template.format(**{k: _arg(v, False) for k, v in self.args.items()})

    def local(self) -> str:
        return _(self.template).format(**{k: _arg(v, True) for k, v in self.args.items()})


def _arg(value: object, local: bool) -> str:
    if isinstance(value, Num | Said):
        return value.local() if local else value.en()
    if value is None:  # a score that is not a number
        return _("n/a") if local else "n/a"
    return str(value)


@dataclass(frozen=True)
class GateResult:
    """One gate judged on one profile.

    ``threshold``, ``value`` and ``note`` are English (machine formats);
    :meth:`text` and the ``local_*`` properties say them in the language of ``--lang``.
    """

    gate: str
    profile: str
    said_threshold: Said
    said_value: Said
    passed: bool
    said_note: Said | None = None

    @property
    def threshold(self) -> str:
        return self.said_threshold.en()

    @property
    def value(self) -> str:
        return self.said_value.en()

    @property
    def note(self) -> str:
        return self.said_note.en() if self.said_note else ""

    @property
    def local_threshold(self) -> str:
        return self.said_threshold.local()

    @property
    def local_value(self) -> str:
        return self.said_value.local()

    @property
    def local_note(self) -> str:
        return self.said_note.local() if self.said_note else ""

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "failed"
        note = f" ({self.note})" if self.note else ""
        return f"gate {verdict}: {self.gate}: {self.profile}: {self.value}; threshold: {self.threshold}{note}"

    def text(self) -> str:
        """The verdict line in the language of ``--lang`` (English: ``str(self)``)."""
        template = (
            _("gate passed: {gate}: {profile}: {value}; threshold: {threshold}{note}")
            if self.passed
            else _("gate failed: {gate}: {profile}: {value}; threshold: {threshold}{note}")
        )
        note = _(" ({note})").format(note=self.local_note) if self.said_note else ""
        return template.format(
            gate=self.gate, profile=self.profile, value=self.local_value, threshold=self.local_threshold, note=note
        )


def _shown(score: float | None) -> Num | None:
    return None if score is None else Num(score)


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
    measure: Said,
    threshold: float,
    now: float | None,
    before: float | None,
    has_baseline: bool,
) -> GateResult:
    past = now is None or now < threshold - _EPSILON
    note = None
    passed = not past
    if past and has_baseline:
        if _score_worse(now, before):
            note = Said(N_("{score} in the baseline"), {"score": _shown(before)})
        else:
            passed = True
            note = Said(N_("not worse than the baseline's {score}"), {"score": _shown(before)})
    value = Said(N_("{measure} {score}"), {"measure": measure, "score": _shown(now)})
    return GateResult(gate, profile, Said("{threshold}", {"threshold": Num(threshold, None)}), value, passed, note)


def _synergy_gate(a: Assessment, level: str, baseline: BaselineMeasures | None) -> GateResult:
    name = f"--fail-on-synergy {level}"
    missed = missed_synergies(a, level)
    threshold = {
        "any": Said(N_("no missed synergy")),
        "medium": Said(N_("no missed synergy of priority medium or high")),
        "high": Said(N_("no missed synergy of priority high")),
    }[level]
    n = len(missed)
    keys = ", ".join(k for k, _p in missed)
    if n == 0:
        value = Said(N_("0 missed synergies"))
    elif n == 1:
        value = Said(N_("1 missed synergy ({keys})"), {"keys": keys})
    else:
        value = Said(N_("{count} missed synergies ({keys})"), {"count": n, "keys": keys})
    if not missed:
        return GateResult(name, a.profile.path, threshold, value, True)
    if baseline is None:
        return GateResult(name, a.profile.path, threshold, value, False)
    new = [k for k, _p in missed if k not in baseline.missed_synergies]
    if new:
        note = Said(N_("newly missed: {keys}"), {"keys": ", ".join(new)})
        return GateResult(name, a.profile.path, threshold, value, False, note)
    return GateResult(name, a.profile.path, threshold, value, True, Said(N_("all were missed in the baseline too")))


def _unknown_gate(a: Assessment, limit: float, baseline: BaselineMeasures | None) -> GateResult:
    now = unknown_percent(a)
    past = now > limit + _EPSILON
    passed, note = not past, None
    if past and baseline is not None:
        before = Pct(baseline.unknown_percent)
        if now > baseline.unknown_percent + _EPSILON:
            note = Said(N_("{percent} in the baseline"), {"percent": before})
        else:
            passed, note = True, Said(N_("not worse than the baseline's {percent}"), {"percent": before})
    value = Said(N_("{percent} of applicable items unknown"), {"percent": Pct(now)})
    threshold = Said("{percent}", {"percent": Pct(limit, None)})
    return GateResult(f"--max-unknown {limit:g}", a.profile.path, threshold, value, passed, note)


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
                Said(N_("overall score")),
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
            Said(N_("{approach} score"), {"approach": approach.value})
            if score is not None
            else Said(N_("{approach} (no items in the checklists run):"), {"approach": approach.value})
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
