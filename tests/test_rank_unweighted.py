"""A criterion with ``weighted: false`` carries no weight in the ranking, as in every analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

import appraisal
from appraisal.errors import InputError


@pytest.fixture
def depot(repo: Path) -> appraisal.Appraisal:
    return appraisal.load(repo / "examples" / "depot-relocation")


@pytest.mark.parametrize("method", ["rank", "oneway", "score_switching", "tornado"])
def test_weight_on_an_unweighted_criterion_is_refused_by_rank_and_analyses_alike(
    depot: appraisal.Appraisal, method: str
) -> None:
    (gate,) = [c.id for c in depot.criteria if not c.weighted]
    other = next(c.id for c in depot.criteria if c.weighted)
    with pytest.raises(InputError, match=rf"'weighted: false'.*\(got {gate}: 0\.5\)"):
        getattr(depot, method)({other: 1, gate: 1})


def test_zero_weight_on_an_unweighted_criterion_is_accepted(depot: appraisal.Appraisal) -> None:
    (gate,) = [c.id for c in depot.criteria if not c.weighted]
    other = next(c.id for c in depot.criteria if c.weighted)
    r = depot.rank({other: 1, gate: 0})
    assert r.to_dict()["weights"][gate] == 0
