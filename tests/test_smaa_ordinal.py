"""Ordinal weight sampling with importance orders that are NOT the file order.

Every branch (exact with ties unordered or equal, rejection, hit-and-run) is checked against
analytic means with shuffled ranks and ties: sorted uniform simplex samples average to the ROC
vector (Barron and Barrett 1996), tied places share their ROC average when ties are unordered,
and equal-tie groups have the vertex means ``E u_g = (1/G) sum_{h >= g} 1/S_h``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.smaa.analyse import WeightSampler, sample_weights, smaa


def _roc_unordered(order: list[int]) -> np.ndarray:
    """Mean weights when tied criteria share their places in random order."""
    p = np.asarray(order)
    k = p.size
    place_mean = np.array([sum(1 / q for q in range(r, k + 1)) / k for r in range(1, k + 1)])
    out, start = np.empty(k), 0
    for v in np.unique(p):
        g = np.flatnonzero(p == v)
        out[g] = place_mean[start : start + g.size].mean()
        start += g.size
    return out


def _equal_ties_mean(order: list[int]) -> np.ndarray:
    """Mean weights when tied criteria get equal weights (vertex form of the ordered set)."""
    p = np.asarray(order)
    groups = [np.flatnonzero(p == v) for v in np.unique(p)]
    S = np.cumsum([g.size for g in groups])
    u = np.array([sum(1 / S[h] for h in range(gi, len(groups))) for gi in range(len(groups))])
    out = np.empty(p.size)
    for gi, g in enumerate(groups):
        out[g] = u[gi] / len(groups)
    return out


def _respects(W: np.ndarray, order: list[int], equal: bool) -> bool:
    p = np.asarray(order)
    above = p[:, None] < p[None, :]  # criterion a ranked strictly above criterion c
    ok = bool(np.all((W[:, :, None] >= W[:, None, :] - 1e-9)[:, above]))
    if equal:
        tied = p[:, None] == p[None, :]
        ok &= bool(np.all(np.abs(W[:, :, None] - W[:, None, :])[:, tied] <= 1e-9))
    return ok


def _chain_se(W: np.ndarray, chains: int) -> np.ndarray:
    """Standard error of the column means from independent chains (row r from chain r % chains)."""
    n = W.shape[0] - W.shape[0] % chains
    per_chain = W[:n].reshape(-1, chains, W.shape[1]).mean(axis=0)
    return np.asarray(per_chain.std(axis=0, ddof=1) / np.sqrt(chains))


# --- the audit's reproducers -------------------------------------------------------------


def test_two_criteria_reversed_order_puts_more_weight_on_rank_one() -> None:
    W = sample_weights(2, 5, seed=0, order=[2, 1], ties="equal")
    assert np.all(W[:, 1] > W[:, 0])
    W = sample_weights(2, 5, seed=0, order=[2, 1])
    assert np.all(W[:, 1] > W[:, 0])


def test_equal_ties_mean_with_order_2_1_3_3() -> None:
    W = sample_weights(4, 60_000, seed=0, order=[2, 1, 3, 3], ties="equal")
    expected = np.array([0.250, 0.583, 0.083, 0.083])
    np.testing.assert_allclose(expected, _equal_ties_mean([2, 1, 3, 3]), atol=5e-4)
    se = W.std(axis=0) / np.sqrt(W.shape[0])
    assert np.all(np.abs(W.mean(axis=0) - _equal_ties_mean([2, 1, 3, 3])) <= 5 * se + 1e-12)
    assert _respects(W, [2, 1, 3, 3], equal=True)


def test_equal_ties_vertex_means_match_brute_force_rejection() -> None:
    # independent reference: group values u_g = x_g / s_g with x uniform on the G-simplex is
    # uniform on {sum s_g u_g = 1}; keeping the non-increasing u gives the ordered set
    order = [3, 1, 3, 2, 1, 4]
    p = np.asarray(order)
    groups = [np.flatnonzero(p == v) for v in np.unique(p)]
    sizes = np.array([g.size for g in groups])
    x = np.random.default_rng(99).dirichlet(np.ones(len(groups)), 400_000)
    u = x / sizes
    keep = u[np.all(np.diff(u, axis=1) <= 0, axis=1)]
    ref = np.empty(p.size)
    for gi, g in enumerate(groups):
        ref[g] = keep[:, gi].mean()
    np.testing.assert_allclose(_equal_ties_mean(order), ref, atol=3e-3)
    W = sample_weights(6, 60_000, seed=5, order=order, ties="equal")
    np.testing.assert_allclose(W.mean(axis=0), ref, atol=3e-3)


def test_constraint_order_from_a_shuffled_weight_set_through_smaa() -> None:
    # importance order 2, 1, 3, 3 (criterion 1 first): a value matrix where only criterion 1
    # favours option B, so B must win whenever w1 is largest, i.e. far more often than A
    V = np.array([[100.0, 0.0, 50.0, 50.0], [0.0, 100.0, 50.0, 50.0]])
    r = smaa(V, n=4_000, seed=0, order=[2, 1, 3, 3], ties="equal", options=["A", "B"])
    assert r.acceptability[1, 0] == 1.0 and r.acceptability[0, 0] == 0.0
    assert r.central_weights[1, 1] > r.central_weights[1, 0]


# --- every branch, shuffled orders with ties ---------------------------------------------


@st.composite
def _orders(draw: st.DrawFn) -> list[int]:
    k = draw(st.integers(2, 6))
    ranks = draw(st.lists(st.integers(1, 4), min_size=k, max_size=k))
    return draw(st.permutations(ranks))


@settings(max_examples=20, deadline=None)
@given(_orders(), st.sampled_from(["unordered", "equal"]), st.integers(0, 2**16))
def test_exact_ordinal_means_with_shuffled_orders(order: list[int], ties: str, seed: int) -> None:
    W = sample_weights(len(order), 20_000, seed=seed, order=order, ties=ties)  # type: ignore[arg-type]
    expected = _equal_ties_mean(order) if ties == "equal" else _roc_unordered(order)
    se = W.std(axis=0) / np.sqrt(W.shape[0])
    assert np.all(np.abs(W.mean(axis=0) - expected) <= 5 * se + 1e-12)
    assert _respects(W, order, equal=ties == "equal")


@settings(max_examples=10, deadline=None)
@given(_orders(), st.sampled_from(["unordered", "equal"]), st.integers(0, 2**16))
def test_rejection_ordinal_means_with_shuffled_orders(
    order: list[int], ties: str, seed: int
) -> None:
    # bounds [0, 1] constrain nothing, so the filtered ordinal draws keep the analytic means
    k = len(order)
    s = WeightSampler(k, seed=seed, order=order, ties=ties, bounds=[[0, 1]] * k)  # type: ignore[arg-type]
    assert (s.method, s.proposal) == ("rejection", "ordinal")
    W = s.draw(20_000)
    expected = _equal_ties_mean(order) if ties == "equal" else _roc_unordered(order)
    se = W.std(axis=0) / np.sqrt(W.shape[0])
    assert np.all(np.abs(W.mean(axis=0) - expected) <= 5 * se + 1e-12)
    assert _respects(W, order, equal=ties == "equal")


@settings(max_examples=8, deadline=None)
@given(_orders(), st.sampled_from(["unordered", "equal"]), st.integers(0, 2**16))
def test_hit_and_run_ordinal_means_with_shuffled_orders(
    order: list[int], ties: str, seed: int
) -> None:
    k = len(order)
    s = WeightSampler(
        k,
        seed=seed,
        order=order,
        ties=ties,
        bounds=[[0, 1]] * k,
        method="hit-and-run",  # type: ignore[arg-type]
    )
    if s.method == "fixed":  # equal ties in one group leave a single point: 1/k each
        assert ties == "equal" and len(set(order)) == 1
        W = s.draw(25_600)
        se = np.zeros(k)
    else:
        assert s.method == "hit-and-run"
        W = s.draw(25_600)
        se = _chain_se(W, s.chains)
    expected = _equal_ties_mean(order) if ties == "equal" else _roc_unordered(order)
    assert np.all(np.abs(W.mean(axis=0) - expected) <= 5 * se + 1e-9)
    assert _respects(W, order, equal=ties == "equal")


def test_hit_and_run_from_a_single_start_respects_a_shuffled_order() -> None:
    # bounds tight enough that neither proposal finds any exact start: Motzkin start, burn-in
    # a strict shuffled order inside ±20% of equal weights: the box meets the order 1 time in
    # 12!, the ordered simplex hardly ever meets the box
    order = [7, 3, 12, 1, 9, 5, 11, 2, 8, 4, 10, 6]
    B = np.tile([1 / 12 * 0.8, 1 / 12 * 1.2], (12, 1))
    s = WeightSampler(12, seed=1, order=order, bounds=B)
    assert s.method == "hit-and-run" and s.exact_starts == 0
    assert s.burn_in == 10 * 11**2
    W = s.draw(3_000)
    assert _respects(W, order, equal=False)
    assert np.all(B[:, 0] - 1e-9 <= W) and np.all(B[:, 1] + 1e-9 >= W)


@pytest.mark.parametrize("ties", ["unordered", "equal"])
def test_pinned_criteria_with_a_shuffled_order_stay_exact(ties: str) -> None:
    # a criterion pinned to 0 by its bounds (as for a criterion that carries no weight) and
    # placed last: the ordinal proposal over the other criteria is exact and accepts every draw
    order = [2, 1, 2, 4]
    B = [[0, 1], [0, 1], [0, 1], [0, 0]]
    s = WeightSampler(4, seed=3, order=order, ties=ties, bounds=B)  # type: ignore[arg-type]
    assert (s.method, s.proposal, s.acceptance) == ("rejection", "ordinal", 1.0)
    W = s.draw(30_000)
    assert np.all(W[:, 3] == 0.0)
    expected = _equal_ties_mean([2, 1, 2]) if ties == "equal" else _roc_unordered([2, 1, 2])
    se = W[:, :3].std(axis=0) / np.sqrt(W.shape[0])
    assert np.all(np.abs(W[:, :3].mean(axis=0) - expected) <= 5 * se + 1e-12)
