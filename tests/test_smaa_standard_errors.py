"""Monte Carlo standard errors: do they match the spread of the estimates across seeds?

A reported standard error is a promise about how far the estimate would move with another
seed. These tests rerun small problems with many seeds and compare the mean reported error
with the standard deviation of the estimates (within a factor of 1.5), for independent
samples and for correlated ones (hit-and-run chains, and chains that repeat their states).
"""

from __future__ import annotations

import json

import numpy as np

from appraisal.smaa.analyse import analyse, smaa

V = np.array([[100.0, 20.0, 50.0, 10.0], [40.0, 80.0, 30.0, 60.0], [60.0, 50.0, 70.0, 0.0]])
BOUNDS = [[0.1, 0.5], [0.1, 0.6], [0.0, 0.4], [0.05, 0.4]]


def _ratio(estimates: list[np.ndarray], errors: list[np.ndarray]) -> np.ndarray:
    """Mean reported error over the standard deviation of the estimates, per entry."""
    spread = np.std(np.array(estimates), axis=0, ddof=1)
    return np.asarray(np.mean(np.array(errors), axis=0) / spread)


def test_hit_and_run_errors_match_the_spread_across_seeds() -> None:
    # thin=1 makes successive states strongly correlated: errors computed as if the samples
    # were independent come out about half the true spread here
    est, err, hol, hol_err = [], [], [], []
    for seed in range(25):
        r = smaa(V, n=20_000, seed=seed, bounds=BOUNDS, method="hit-and-run", thin=1)
        assert r.weights_method == "hit-and-run" and r.se_method.startswith("chain batches")
        est.append(r.acceptability[:, 0])
        err.append(r.acceptability_se[:, 0])
        hol.append(r.holistic)
        hol_err.append(r.holistic_se)
    ratio = _ratio(est, err)
    assert np.all((ratio > 1 / 1.5) & (ratio < 1.5)), ratio
    ratio = _ratio(hol, hol_err)
    assert np.all((ratio > 1 / 1.5) & (ratio < 1.5)), ratio
    p = np.mean(est, axis=0)
    naive = np.sqrt(p * (1 - p) / 20_000)
    assert np.std(est, axis=0, ddof=1)[0] > 1.3 * naive[0]  # the correlation is real


def test_sticky_chains_get_errors_from_batches_of_chains() -> None:
    # 64 chains whose state changes only every 10 steps: 10 rows are worth one, so the
    # independent-sample formula would be about sqrt(10) = 3.2 times too small
    chains, steps, stay = 64, 200, 10
    V2 = np.array([[100.0, 0.0], [40.0, 80.0]])
    est, err, naive, cw, cw_err = [], [], [], [], []
    for seed in range(30):
        rng = np.random.default_rng(seed)
        states = rng.dirichlet(np.ones(2), (steps // stay, chains))
        W = np.repeat(states, stay, axis=0).reshape(steps * chains, 2)  # row r: chain r % 64
        r = analyse(V2, W, chains=chains)
        assert r.se_method == "chain batches (32)"
        est.append(r.acceptability[:, 0])
        err.append(r.acceptability_se[:, 0])
        naive.append(analyse(V2, W).acceptability_se[:, 0])
        cw.append(r.central_weights[:, 0])
        cw_err.append(r.central_weights_se[:, 0])
    ratio = _ratio(est, err)
    assert np.all((ratio > 1 / 1.5) & (ratio < 1.5)), ratio
    assert np.all(_ratio(est, naive) < 0.5)  # the independent formula is far too small here
    ratio = _ratio(cw, cw_err)
    assert np.all((ratio > 1 / 1.5) & (ratio < 1.5)), ratio


def test_independent_errors_match_the_spread_across_seeds() -> None:
    est, err, cw, cw_err = [], [], [], []
    for seed in range(30):
        r = smaa(V, n=4_000, seed=seed)
        assert r.se_method == "independent"
        est.append(r.acceptability[:, 0])
        err.append(r.acceptability_se[:, 0])
        cw.append(r.central_weights[:, 1])
        cw_err.append(r.central_weights_se[:, 1])
    for ratio in (_ratio(est, err), _ratio(cw, cw_err)):
        assert np.all((ratio > 1 / 1.5) & (ratio < 1.5)), ratio


def test_hit_and_run_errors_do_not_depend_on_chunk_size() -> None:
    runs = [
        smaa(V, n=3_000, seed=4, bounds=BOUNDS, method="hit-and-run", chunk=c)
        for c in (None, 1_000, 257)
    ]
    for r in runs[1:]:
        np.testing.assert_array_equal(r.acceptability, runs[0].acceptability)
        np.testing.assert_allclose(r.acceptability_se, runs[0].acceptability_se, rtol=1e-12)
        np.testing.assert_allclose(r.central_weights_se, runs[0].central_weights_se, rtol=1e-9)


def test_central_weights_from_one_first_place_have_no_error() -> None:
    # option A is first in exactly one of three samples: its central weight vector is that
    # sample, and its standard error is undefined (NaN, null in JSON), not 0
    V2 = np.array([[100.0, 0.0], [40.0, 80.0]])
    W = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]])
    r = analyse(V2, W, options=["A", "B"], criteria=["x", "y"])
    np.testing.assert_allclose(r.central_weights[0], [0.9, 0.1])
    assert np.isnan(r.central_weights_se[0]).all()
    assert np.isfinite(r.central_weights_se[1]).all()
    d = r.to_dict()
    assert d["central_weights_se"]["A"] == {"x": None, "y": None}
    assert d["central_weights_se"]["B"]["x"] > 0
    json.dumps(d, allow_nan=False)  # no NaN leaks into the JSON
    # with chains, the error needs first places in two batches of chains: A is first 4 times,
    # all in chain 0, so still undefined; with 2 chains its first places fall in both
    chained = analyse(V2, np.tile(W, (4, 1)), chains=3)
    assert chained.acceptability[0, 0] == 1 / 3 and np.isnan(chained.central_weights_se[0]).all()
    chained = analyse(V2, np.tile(W, (4, 1)), chains=2)
    assert np.isfinite(chained.central_weights_se[0]).all()
