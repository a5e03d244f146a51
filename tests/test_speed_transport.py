"""What a worker hands back: a programme's result as plain values.

The portfolio built from packed results (as they arrive from workers) must be
the portfolio built from the results themselves, down to which fields each
part says were given; and a result must survive packing whole, its UN mission
and that mission's facts included.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from pydantic import BaseModel

from assess.app import portfolio as app_portfolio
from assess.core.portfolio import PackedResult, PortfolioBuilder, ProgrammeResult
from assess.loading.checklists import load_checklists

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "examples").rglob("*.yaml"))


def _results() -> tuple[list[ProgrammeResult], object]:
    checklists = load_checklists(())
    results = []
    for path in PROFILES:
        outcome = app_portfolio.assess_one(path, checklists, "test").outcome
        assert isinstance(outcome, ProgrammeResult), path
        results.append(outcome)
    return results, checklists


def _given(model: BaseModel) -> object:
    """The fields given of a model and of every model inside it."""
    inner = {n: _given(v) for n, v in model.__dict__.items() if isinstance(v, BaseModel)}
    return (sorted(model.model_fields_set), inner)


def test_a_portfolio_of_packed_results_is_the_portfolio_of_the_results() -> None:
    results, checklists = _results()
    assert any(r.entry.un_mission is not None for r in results)
    plain = PortfolioBuilder(checklists, "test")  # type: ignore[arg-type]
    packed = PortfolioBuilder(checklists, "test")  # type: ignore[arg-type]
    for r in results:
        plain.add(r)
        packed.add(pickle.loads(pickle.dumps(PackedResult.of(r), protocol=pickle.HIGHEST_PROTOCOL)))
    a, b = plain.build(), packed.build()
    assert a.model_dump_json() == b.model_dump_json()
    assert a.model_dump_json(exclude_unset=True) == b.model_dump_json(exclude_unset=True)
    assert [_given(e) for e in a.programmes] == [_given(e) for e in b.programmes]
    # ... and what each result said was given.
    by_path = {r.entry.path: r.entry for r in results}
    for e in b.programmes:
        assert _given(e) == _given(by_path[e.path]), e.path


def test_a_result_survives_packing_whole() -> None:
    results, _ = _results()
    for r in results:
        back = pickle.loads(pickle.dumps(PackedResult.of(r), protocol=pickle.HIGHEST_PROTOCOL))
        assert back.path == r.entry.path
        unpacked = back.unpack()
        assert unpacked == r
        assert _given(unpacked.entry) == _given(r.entry)
        assert unpacked.model_dump_json(exclude_unset=True) == r.model_dump_json(exclude_unset=True)
