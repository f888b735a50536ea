"""Bad arguments to every public SMAA kernel, and the caller's arrays left alone.

A NaN or an infinity used to make every comparison false, so one option came first in 100% of
the samples; a float sample count or a negative weight went through. Each must now raise
InputError naming the argument. And no function may freeze or change an array it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from appraisal.errors import InputError
from appraisal.smaa.analyse import (
    MAX_SAMPLES,
    WeightSampler,
    analyse,
    check_samples,
    competition_ranks_many,
    estimate_cost,
    evaluate,
    interval_around,
    meta_weights,
    sample_levels,
    sample_values,
    sample_weights,
    smaa,
)
from appraisal.smaa.samplers import ValueModel

V = np.array([[60.0, 40.0, 10.0], [50.0, 50.0, 90.0]])
W = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
NAN_V = np.where(np.eye(2, 3) == 1, np.nan, V)
INF_V = np.where(np.eye(2, 3) == 1, np.inf, V)

CASES: list[tuple[str, str, Callable[[], Any]]] = [
    # (id, how the message must start: the argument's name, call)
    ("smaa V nan", "V", lambda: smaa(NAN_V, n=10, seed=0)),
    ("smaa V inf", "V", lambda: smaa(INF_V, n=10, seed=0)),
    ("smaa V 1-D", "V", lambda: smaa(V[0], n=10, seed=0)),
    ("smaa V text", "V", lambda: smaa([["a", "b"]], n=10, seed=0)),
    ("smaa n 0", "n", lambda: smaa(V, n=0, seed=0)),
    ("smaa n -5", "n", lambda: smaa(V, n=-5, seed=0)),
    ("smaa n float", "n", lambda: smaa(V, n=1e3, seed=0)),  # type: ignore[arg-type]
    ("smaa n 1.5", "n", lambda: smaa(V, n=1.5, seed=0)),  # type: ignore[arg-type]
    ("smaa n bool", "n", lambda: smaa(V, n=True, seed=0)),
    ("smaa n str", "n", lambda: smaa(V, n="100", seed=0)),  # type: ignore[arg-type]
    ("smaa n 1e12", "n = .*limit", lambda: smaa(V, n=10**12, seed=0)),
    ("smaa seed -1", "seed", lambda: smaa(V, n=10, seed=-1)),
    ("smaa seed float", "seed", lambda: smaa(V, n=10, seed=1.5)),  # type: ignore[arg-type]
    ("smaa chunk 0", "chunk", lambda: smaa(V, n=10, seed=0, chunk=0)),
    ("smaa chunk float", "chunk", lambda: smaa(V, n=10, seed=0, chunk=2.5)),  # type: ignore[arg-type]
    ("smaa fixed nan", "fixed", lambda: smaa(V, n=10, seed=0, fixed=[np.nan, 0.5, 0.5])),
    ("smaa fixed inf", "fixed", lambda: smaa(V, n=10, seed=0, fixed=[np.inf, 0.0, 0.0])),
    ("smaa fixed neg", "fixed", lambda: smaa(V, n=10, seed=0, fixed=[1.2, -0.2, 0.0])),
    ("smaa fixed zero", "fixed", lambda: smaa(V, n=10, seed=0, fixed=[0.0, 0.0, 0.0])),
    ("smaa fixed shape", "fixed", lambda: smaa(V, n=10, seed=0, fixed=[0.5, 0.5])),
    ("smaa bounds nan", "bounds", lambda: smaa(V, n=10, seed=0, bounds=[[0, np.nan]] * 3)),
    ("smaa bounds inf", "bounds", lambda: smaa(V, n=10, seed=0, bounds=[[0, np.inf]] * 3)),
    ("smaa bounds shape", "bounds", lambda: smaa(V, n=10, seed=0, bounds=[[0, 1]] * 2)),
    ("smaa order nan", "order", lambda: smaa(V, n=10, seed=0, order=[1, np.nan, 2])),
    ("smaa order shape", "order", lambda: smaa(V, n=10, seed=0, order=[1, 2])),
    ("smaa ratio nan", "ratio", lambda: smaa(V, n=10, seed=0, ratio_bounds=[(0, 1, np.nan, 2)])),
    ("smaa ratio idx", "ratio", lambda: smaa(V, n=10, seed=0, ratio_bounds=[(0, 1.0, 1, 2)])),  # type: ignore[list-item]
    ("smaa low nan", "low", lambda: smaa(V, n=10, seed=0, low=np.nan, high=100.0)),
    ("smaa high inf", "high", lambda: smaa(V, n=10, seed=0, low=0.0, high=np.inf)),
    ("smaa mode nan", "mode", lambda: smaa(V, n=10, seed=0, low=0, high=100, mode=np.nan)),
    ("smaa low shape", "low", lambda: smaa(V, n=10, seed=0, low=np.zeros(4), high=100.0)),
    ("smaa step nan", "level_step", lambda: smaa(V, n=10, seed=0, level_step=np.nan)),
    ("smaa step neg", "level_step", lambda: smaa(V, n=10, seed=0, level_step=-25.0)),
    ("smaa levels float", "levels", lambda: smaa(V, n=10, seed=0, level_step=25, levels=1.5)),  # type: ignore[arg-type]
    ("smaa meta nan", "meta", lambda: smaa(V, n=10, seed=0, meta=[1.0, np.nan])),
    ("smaa meta shape", "meta", lambda: smaa(V, n=10, seed=0, meta=[1.0, 0.5, 0.0])),
    ("smaa options", "options", lambda: smaa(V, n=10, seed=0, options=["A"])),
    ("smaa options str", "options", lambda: smaa(V, n=10, seed=0, options="AB")),
    ("smaa pairwise", "pairwise", lambda: smaa(V, n=10, seed=0, pairwise="yes")),  # type: ignore[arg-type]
    ("smaa progress", "progress", lambda: smaa(V, n=10, seed=0, progress=3)),  # type: ignore[arg-type]
    ("smaa thin 0", "thin", lambda: smaa(V, n=10, seed=0, bounds=[[0.1, 0.5]] * 3, thin=0)),
    ("analyse V nan", "V", lambda: analyse(NAN_V, W)),
    ("analyse W nan", "W", lambda: analyse(V, np.where(W > 0.5, np.nan, W))),
    ("analyse W inf", "W", lambda: analyse(V, np.where(W > 0.5, np.inf, W))),
    ("analyse W neg", "W", lambda: analyse(V, np.array([[1.2, -0.2, 0.0]]))),
    ("analyse W zero", "W", lambda: analyse(V, np.zeros((2, 3)))),
    ("analyse W sum", "W", lambda: analyse(V, W * 2)),
    ("analyse W shape", "W", lambda: analyse(V, W[:, :2])),
    ("analyse W 1-D", "W", lambda: analyse(V, W[0])),
    ("analyse W empty", "W", lambda: analyse(V, np.zeros((0, 3)))),
    ("analyse V n", "V", lambda: analyse(np.stack([V] * 3), W)),
    ("analyse chains", "chains", lambda: analyse(V, W, chains=-1)),
    ("evaluate V nan", "V", lambda: evaluate(NAN_V, W)),
    ("evaluate W nan", "W", lambda: evaluate(V, np.full((2, 3), np.nan))),
    ("evaluate W neg", "W", lambda: evaluate(V, -W)),
    ("ranks nan", "S", lambda: competition_ranks_many(np.array([[1.0, np.nan]]))),
    ("ranks inf", "S", lambda: competition_ranks_many(np.array([[1.0, -np.inf]]))),
    ("ranks 1-D", "S", lambda: competition_ranks_many(np.array([1.0, 2.0]))),
    ("ranks tol", "tol", lambda: competition_ranks_many(np.ones((1, 2)), tol=np.nan)),
    ("meta m 0", "m", lambda: meta_weights(0)),
    ("meta m float", "m", lambda: meta_weights(2.0)),  # type: ignore[arg-type]
    ("meta inf", "meta", lambda: meta_weights(2, [1.0, np.inf])),
    ("weights n 0", "n", lambda: sample_weights(3, 0, seed=0)),
    ("weights n float", "n", lambda: sample_weights(3, 10.0, seed=0)),  # type: ignore[arg-type]
    ("weights k 0", "k", lambda: sample_weights(0, 10, seed=0)),
    ("weights k float", "k", lambda: sample_weights(2.5, 10, seed=0)),  # type: ignore[arg-type]
    ("weights fixed nan", "fixed", lambda: sample_weights(2, 3, seed=0, fixed=[np.nan, 1])),
    ("weights fixed zero", "fixed", lambda: sample_weights(2, 3, seed=0, fixed=[0, 0])),
    (
        "weights bounds nan",
        "bounds",
        lambda: sample_weights(2, 3, seed=0, bounds=[[0, 1], [np.nan, 1]]),
    ),
    ("weights chains 0", "chains", lambda: WeightSampler(3, seed=0, chains=0)),
    ("weights burn -1", "burn_in", lambda: WeightSampler(3, seed=0, burn_in=-1)),
    ("draw n 0", "n", lambda: WeightSampler(3, seed=0).draw(0)),
    ("draw n float", "n", lambda: WeightSampler(3, seed=0).draw(2.0)),  # type: ignore[arg-type]
    ("interval nan", "w", lambda: interval_around([np.nan, 0.5, 0.5])),
    ("interval neg", "w", lambda: interval_around([1.5, -0.5])),
    ("interval rel nan", "rel", lambda: interval_around([0.5, 0.5], np.nan)),
    ("interval rel neg", "rel", lambda: interval_around([0.5, 0.5], -0.1)),
    ("values V nan", "V", lambda: sample_values(NAN_V, 3, seed=0, low=0, high=100)),
    ("values low inf", "low", lambda: sample_values(V, 3, seed=0, low=-np.inf, high=100)),
    ("values n 0", "n", lambda: sample_values(V, 0, seed=0, low=0, high=100)),
    ("values n float", "n", lambda: sample_values(V, 3.0, seed=0, low=0, high=100)),  # type: ignore[arg-type]
    ("levels V inf", "V", lambda: sample_levels(INF_V, 3, seed=0, level_step=25)),
    ("levels step nan", "level_step", lambda: sample_levels(V, 3, seed=0, level_step=np.nan)),
    ("levels step shape", "level_step", lambda: sample_levels(V, 3, seed=0, level_step=[1, 2])),
    ("levels n -1", "n", lambda: sample_levels(V, -1, seed=0, level_step=25)),
    ("levels levels -1", "levels", lambda: sample_levels(V, 3, seed=0, level_step=25, levels=-1)),
    ("model draw n", "n", lambda: ValueModel(V, low=0, high=100).draw(np.random.default_rng(0), 0)),
    ("check float", "n", lambda: check_samples(1e6)),
    ("check bool", "n", lambda: check_samples(True)),
    ("check 0", "n", lambda: check_samples(0)),
    ("check huge", "n = .*limit", lambda: check_samples(MAX_SAMPLES + 1)),
    ("cost m 0", "m", lambda: estimate_cost(0, 3, 10)),
    ("cost n float", "n", lambda: estimate_cost(2, 3, 1e3)),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("word", "call"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_arguments_raise_input_error_naming_them(word: str, call: Callable[[], Any]) -> None:
    with pytest.raises(InputError, match=rf"^{word}\b") as err:
        call()
    assert str(err.value).endswith(".")


def test_nan_values_no_longer_make_an_option_first_every_time() -> None:
    # the audit's symptom: NaN made option 0 "first" in 100% of the samples
    with pytest.raises(InputError, match=r"V must hold finite numbers; found nan at index"):
        smaa(np.array([[1.0, np.nan], [0.0, 1.0]]), n=100, seed=0)


def test_refusal_of_a_huge_request_quotes_time_and_memory() -> None:
    with pytest.raises(InputError) as err:
        check_samples(10**12, m=5, k=19)
    msg = str(err.value)
    assert "1,000,000,000,000" in msg and " h " in msg and "MB per chunk" in msg
    cost = estimate_cost(5, 19, 10**7)
    assert 0.5 < cost.seconds < 60 and cost.chunk == 65_536 and cost.chunk_bytes < 64 * 2**20
    assert check_samples(np.int64(5)) == 5 and isinstance(check_samples(np.int64(5)), int)


# --- the caller's arrays --------------------------------------------------------------------


def _writeable(*arrays: np.ndarray) -> list[np.ndarray]:
    out = []
    for a in arrays:
        b = np.array(a, dtype=np.float64)
        assert b.flags.writeable
        out.append(b)
    return out


CALLS: list[tuple[str, Callable[..., Any], int]] = [
    ("smaa meta", lambda V, m: smaa(V, n=200, seed=0, meta=m), 2),
    ("smaa fixed", lambda V, w: smaa(V, n=50, seed=0, fixed=w), 2),
    ("smaa bounds", lambda V, B: smaa(V, n=200, seed=0, bounds=B), 2),
    ("smaa order", lambda V, o: smaa(V, n=200, seed=0, order=o, ties="equal"), 2),
    (
        "smaa ranges",
        lambda V, lo, hi, md: smaa(V, n=200, seed=0, low=lo, high=hi, mode=md, dist="triangular"),
        4,
    ),
    ("smaa levels", lambda V, s: smaa(V, n=200, seed=0, level_step=s), 2),
    ("analyse", lambda V, W, m: analyse(V, W, meta=m), 3),
    ("analyse values", lambda Vs, W: analyse(Vs, W), 2),
    ("evaluate", lambda V, W: evaluate(V, W), 2),
    ("ranks", lambda S: competition_ranks_many(S), 1),
    ("meta_weights", lambda m: meta_weights(2, m), 1),
    ("interval_around", lambda w: interval_around(w), 1),
    ("sample_weights", lambda B, o: sample_weights(3, 50, seed=0, bounds=B, order=o), 2),
    ("sampler fixed", lambda w: WeightSampler(3, seed=0, fixed=w).draw(5), 1),
    ("sample_values", lambda V, lo, hi: sample_values(V, 5, seed=0, low=lo, high=hi), 3),
    ("sample_levels", lambda V, s: sample_levels(V, 5, seed=0, level_step=s), 2),
]

ARGS: dict[str, list[np.ndarray]] = {
    "smaa meta": [V, np.array([1.0, 0.0])],
    "smaa fixed": [V, np.array([0.2, 0.3, 0.5])],
    "smaa bounds": [V, np.array([[0.1, 0.5], [0.2, 0.5], [0.1, 0.6]])],
    "smaa order": [V, np.array([2.0, 1.0, 2.0])],
    "smaa ranges": [V, V - 5, V + 5, V + 1],
    "smaa levels": [V, np.array([25.0, 25.0, 10.0])],
    "analyse": [V, W, np.array([1.0, 0.0])],
    "analyse values": [np.stack([V, V + 1]), W],
    "evaluate": [V, W],
    "ranks": [np.array([[1.0, 2.0], [2.0, 2.0]])],
    "meta_weights": [np.array([1.0, 0.25])],
    "interval_around": [np.array([0.2, 0.3, 0.5])],
    "sample_weights": [np.array([[0.1, 0.6], [0.1, 0.6], [0.1, 0.6]]), np.array([3.0, 1.0, 2.0])],
    "sampler fixed": [np.array([0.2, 0.3, 0.5])],
    "sample_values": [V, V - 5, V + 5],
    "sample_levels": [V, np.array([25.0, 25.0, 10.0])],
}


@pytest.mark.parametrize(("name", "call", "arity"), CALLS, ids=[c[0] for c in CALLS])
def test_callers_arrays_stay_writeable_and_unchanged(
    name: str, call: Callable[..., Any], arity: int
) -> None:
    args = _writeable(*ARGS[name])
    assert len(args) == arity
    before = [a.copy() for a in args]
    result = call(*args)
    for a, b in zip(args, before, strict=True):
        assert a.flags.writeable, f"{name} froze a caller's array"
        np.testing.assert_array_equal(a, b)
    if hasattr(result, "meta_weights"):  # the result keeps copies, not the caller's arrays
        snapshot = result.to_dict()
        for a in args:
            a[...] = 0.0
        assert result.to_dict() == snapshot
        assert not result.acceptability.flags.writeable
