"""The gates the command line sets: ``assess check``'s options as the core's
:class:`~assess.core.gates.Gates`, and ``assess portfolio``'s verdict lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assess.core.gates import Gates
    from assess.core.portfolio import Portfolio


def check_gates(
    fail_under: float | None,
    fail_under_approach: dict[str, float],
    fail_on_synergy: str | None,
    max_unknown: float | None,
    fail_on_overdue: bool = False,
    min_evidence: float | None = None,
) -> Gates:
    """The gates of ``assess check`` from its options' values (approaches by name)."""
    from assess.core.checklist import Approach
    from assess.core.gates import Gates

    return Gates(
        fail_under=fail_under,
        fail_under_approach={Approach(k): v for k, v in fail_under_approach.items()},
        fail_on_synergy=fail_on_synergy,
        max_unknown=max_unknown,
        fail_on_overdue=fail_on_overdue,
        min_evidence=min_evidence,
    )


def portfolio_score_failures(result: Portfolio | None, fail_under: float | None) -> list[str]:
    """``assess portfolio --fail-under``: a line for each programme below the threshold."""
    if fail_under is None or result is None:
        return []  # before the imports: a run with no gate imports no wording for one
    from assess.app.portfolio import below
    from assess.reporters.labels import portfolio_gate_line

    return [portfolio_gate_line(fail_under, e.path, e.title, e.overall.score) for e in below(result, fail_under)]


def portfolio_evidence_failures(result: Portfolio | None, min_evidence: float | None) -> list[str]:
    """EVIDENCE (issue 18) ``assess portfolio --min-evidence``: a line for each programme
    whose overall evidence strength is under the threshold (none worked out: under it),
    in rank order."""
    if min_evidence is None or result is None:
        return []
    from assess.reporters.labels import portfolio_evidence_gate_line

    out = []
    for e in result.programmes:
        share = None if e.overall.evidence is None else e.overall.evidence.share
        if share is None or 100.0 * share < min_evidence - 1e-9:
            out.append(portfolio_evidence_gate_line(min_evidence, e.path, e.title, share))
    return out
