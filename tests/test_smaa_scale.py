"""Many options, many criteria, tight intervals: what changes with size, and what must not.

Timing is measured in ``benchmarks/bench_smaa.py``, never asserted here; these tests check the
behaviour the fast paths must keep: the exact box proposal is uniform, pairwise indices are
skipped (with a reason) above ``PAIRWISE_AUTO_MAX`` options and identical when asked for, and
the sorted-slot rank histogram equals brute force, ties included.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.smaa.analyse import (
    PAIRWISE_AUTO_MAX,
    WeightSampler,
    analyse,
    evaluate,
    interval_around,
    smaa,
)


def _brute(V: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    S = evaluate(V, W)
    beaten = (S[:, None, :] > S[:, :, None] + 1e-9).sum(axis=2)  # [s, i]: options beating i
    m = V.shape[0]
    acc = np.stack([(beaten == r).mean(axis=0) for r in range(m)], axis=1)
    first = beaten == 0
    return acc, first, int(np.count_nonzero(first.sum(axis=1) > 1))


@settings(max_examples=20, deadline=None)
@given(st.integers(13, 90), st.integers(1, 4), st.integers(0, 2**16), st.booleans())
def test_many_options_without_pairwise_match_brute_force(
    m: int, k: int, seed: int, ties: bool
) -> None:
    rng = np.random.default_rng(seed)
    V = rng.integers(0, 3, (m, k)).astype(float) * 50 if ties else rng.random((m, k)) * 100
    if ties:
        V[rng.integers(0, m, 3)] += 1e-12  # ties within the tolerance too
    W = rng.dirichlet(np.ones(k), 150) if k > 1 else np.ones((150, 1))
    r = analyse(V, W, pairwise=False)
    acc, first, tied = _brute(V, W)
    np.testing.assert_allclose(r.acceptability, acc, atol=1e-12)
    assert r.tied_first == tied
    for i in range(m):
        if first[:, i].any():
            np.testing.assert_allclose(r.central_weights[i], W[first[:, i]].mean(axis=0))
    with_pw = analyse(V, W, pairwise=True)
    np.testing.assert_array_equal(with_pw.acceptability, r.acceptability)
    np.testing.assert_allclose(with_pw.central_weights, r.central_weights, rtol=1e-12)


def test_pairwise_indices_are_skipped_above_the_limit_with_a_reason() -> None:
    rng = np.random.default_rng(0)
    V = rng.random((PAIRWISE_AUTO_MAX + 1, 3)) * 100
    r = smaa(V, n=200, seed=0)
    assert r.pairwise is None and r.pairwise_se is None
    assert r.pairwise_note is not None and "pairwise=True" in r.pairwise_note
    d = r.to_dict()
    assert d["pairwise_winning"] is None and d["pairwise_winning_se"] is None
    assert d["pairwise_winning_note"] == r.pairwise_note
    json.dumps(d, allow_nan=False)
    asked = smaa(V, n=200, seed=0, pairwise=True)
    assert asked.pairwise is not None and asked.pairwise_note is None
    np.testing.assert_array_equal(asked.acceptability, r.acceptability)
    small = smaa(V[:PAIRWISE_AUTO_MAX], n=50, seed=0)
    assert small.pairwise is not None and small.to_dict()["pairwise_winning_note"] is None
    off = smaa(V[:5], n=50, seed=0, pairwise=False).to_dict()
    assert off["pairwise_winning"] is None and off["pairwise_winning_note"] is not None


@pytest.mark.parametrize("k", [4, 19, 60])
def test_box_proposal_is_uniform_on_the_bounded_simplex(k: int) -> None:
    w = np.random.default_rng(k).dirichlet(np.full(k, 5.0))
    B = interval_around(w, 0.6)
    s = WeightSampler(k, seed=1, bounds=B)
    assert (s.method, s.proposal) == ("rejection", "box")
    W = s.draw(20_000)
    assert np.all(B[:, 0] - 1e-10 <= W) and np.all(B[:, 1] + 1e-10 >= W)
    np.testing.assert_allclose(W.sum(axis=1), 1.0, atol=1e-12)
    # brute-force reference: uniform points of the whole box in a thin slab |sum - 1| < eps
    # (uniform on the cut up to O(eps^2)); independent of the proposal's code
    rng = np.random.default_rng(100 + k)
    keep = []
    while sum(x.shape[0] for x in keep) < 20_000:
        X = B[:, 0] + rng.random((200_000, k)) * (B[:, 1] - B[:, 0])
        keep.append(X[np.abs(X.sum(axis=1) - 1) < 2e-4 * k])
    R = np.concatenate(keep)
    se = np.sqrt(W.var(axis=0) / W.shape[0] + R.var(axis=0) / R.shape[0])
    assert np.all(np.abs(W.mean(axis=0) - R.mean(axis=0)) <= 5 * se + 1e-4)
    np.testing.assert_allclose(W.std(axis=0), R.std(axis=0), rtol=0.05, atol=1e-4)
    if k == 4:  # and uniform-simplex rejection, which still accepts here
        D = rng.dirichlet(np.ones(k), 400_000)
        D = D[np.all((B[:, 0] <= D) & (B[:, 1] >= D), axis=1)]
        se = np.sqrt(W.var(axis=0) / W.shape[0] + D.var(axis=0) / D.shape[0])
        assert np.all(np.abs(W.mean(axis=0) - D.mean(axis=0)) <= 5 * se)


def test_pinned_and_tight_intervals_on_sixty_criteria_are_exact() -> None:
    # ±20% intervals on 60 criteria, two of them pinned to 0 (criteria without weight): the
    # box proposal handles it exactly instead of a long hit-and-run burn-in
    w = np.random.default_rng(3).dirichlet(np.ones(60))
    w[[5, 17]] = 0.0
    w /= w.sum()
    B = interval_around(w, 0.2)
    s = WeightSampler(60, seed=0, bounds=B)
    assert (s.method, s.proposal) == ("rejection", "box")
    assert s.acceptance is not None and s.acceptance > 0.05
    W = s.draw(5_000)
    assert np.all(W[:, [5, 17]] == 0.0)
    assert np.all(B[:, 0] - 1e-10 <= W) and np.all(B[:, 1] + 1e-10 >= W)
    r = smaa(np.random.default_rng(4).random((6, 60)) * 100, n=1_000, seed=0, bounds=B)
    assert r.weights_method == "rejection" and r.se_method == "independent"
