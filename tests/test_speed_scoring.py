"""A programme's totals, summed in one pass, are the scoring module's.

``aggregate`` adds each approach's sums as it goes rather than through
``scoring.tally``: for any mix of statuses, approaches and weights the scores
must be the very floats ``tally`` and ``score_of`` give.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assess.core.checklist import Approach, Kind
from assess.core.evaluate import Outcome, aggregate
from assess.core.result import Status
from assess.core.scoring import Tally, score_of, tally

WEIGHTS = st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 0.1, 0.7, 1.3])
OUTCOMES = st.lists(
    st.builds(
        lambda a, s, w, i: Outcome("c", f"X-{i}", a, Kind.synergy, w, s),
        st.sampled_from(list(Approach)),
        st.sampled_from(list(Status)),
        WEIGHTS,
        st.integers(0, 99),
    ),
    max_size=70,
)


@given(OUTCOMES)
def test_scores_are_the_scoring_module_s(outcomes: list[Outcome]) -> None:
    totals = aggregate(outcomes)
    pairs = {a: [(o.status, o.weight) for o in outcomes if o.approach is a] for a in Approach}
    tallies = {a: tally(p) for a, p in pairs.items() if p}
    assert totals.approaches == {a: score_of(t) for a, t in tallies.items()}
    assert list(totals.approaches) == list(tallies)
    assert totals.overall == score_of(sum(tallies.values(), Tally()))
    assert totals.counts == {s: sum(1 for o in outcomes if o.status is s) for s in Status}
