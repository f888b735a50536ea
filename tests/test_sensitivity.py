"""Tests of appraisal.sensitivity: exact one-way sweeps, score switching values, the minimum
weight change and the tornado, against hand-computed answers and brute force."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import appraisal
from appraisal.errors import InputError
from appraisal.matrix.case_values import value_matrix
from appraisal.ranking import competition_ranks
from appraisal.sensitivity import (
    min_weight_change,
    oneway,
    oneway_lines,
    project_simplex,
    score_switching,
    tornado,
)

ABC = {"options": ["A", "B", "C"], "criteria": ["x", "y", "z"]}


def ids(m: int, k: int) -> dict[str, list[str]]:
    return {"options": [f"o{i}" for i in range(m)], "criteria": [f"c{j}" for j in range(k)]}


def swept(w: np.ndarray, k: int, t: Any) -> np.ndarray:
    """w(t) = t e_k + (1 - t) w_{-k} / (1 - w_k), written out independently of the module.

    ``t`` a number gives one weight vector; an array of n gives n rows.
    """
    others = np.delete(w, k)
    rest = others / others.sum() if others.sum() > 0 else np.full(others.size, 1 / others.size)
    tt = np.asarray(t, dtype=float)[..., None]
    return np.insert((1 - tt) * rest, k, tt[..., 0], axis=-1)


def top_set(scores: np.ndarray) -> frozenset[int]:
    return frozenset(np.flatnonzero(competition_ranks(scores) == 1).tolist())


def plain(x: Any) -> bool:
    """True when x is made only of JSON types (no numpy scalars)."""
    if isinstance(x, dict):
        return all(isinstance(k, str) and plain(v) for k, v in x.items())
    if isinstance(x, list):
        return all(plain(v) for v in x)
    return x is None or type(x) in (bool, int, float, str)


@st.composite
def cases(draw: st.DrawFn, levels: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A random (V, w): float values, or values on a five-point scale (many ties) when levels."""
    m = draw(st.integers(2, 6))
    k = draw(st.integers(2, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    V = 25.0 * rng.integers(0, 5, (m, k)) if levels else rng.uniform(0, 100, (m, k))
    w = rng.dirichlet(np.ones(k))
    if levels and draw(st.booleans()):  # weights on a coarse grid, with zeros
        w = rng.integers(0, 4, k).astype(float)
        w = w / w.sum() if w.sum() > 0 else np.full(k, 1 / k)
    return V, w


# --- one-way: known answers -------------------------------------------------------------------
def test_oneway_hand_computed_three_options() -> None:
    # unit values: S = (50, 30, 20). Sweeping x: lines 100t, 60 - 60t, 40 - 40t, so A meets C at
    # 2/7 and B at 3/8 (B is top below 3/8); B and C meet only at t = 1 (a tie, not a swap).
    V = np.eye(3) * 100
    r = oneway(V, np.array([0.5, 0.3, 0.2]), **ABC)
    assert r.top == "A"
    x, y, z = r.per_criterion
    assert [(c.weight, c.options, c.top_changes) for c in r.crossovers("x")] == [
        (pytest.approx(2 / 7, abs=1e-12), ("C", "A"), False),
        (pytest.approx(3 / 8, abs=1e-12), ("B", "A"), True),
    ]
    assert x.stability_interval == pytest.approx((3 / 8, 1.0), abs=1e-12)
    assert x.ranking_stability_interval == pytest.approx((3 / 8, 1.0), abs=1e-12)
    assert (x.delta, x.delta_percent) == pytest.approx((1 / 8, 25.0), abs=1e-12)
    assert (x.challenger, x.direction) == ("B", "decrease")
    # y: A meets B at 5/12, B meets C at 2/9
    assert y.stability_interval == pytest.approx((0.0, 5 / 12), abs=1e-12)
    assert y.ranking_stability_interval == pytest.approx((2 / 9, 5 / 12), abs=1e-12)
    assert y.delta == pytest.approx(5 / 12 - 0.3, abs=1e-12)
    # z: A meets C at 5/13, B meets C at 3/11
    assert z.stability_interval == pytest.approx((0.0, 5 / 13), abs=1e-12)
    assert z.ranking_stability_interval == pytest.approx((0.0, 3 / 11), abs=1e-12)
    assert r.most_critical == "y"  # 7/60 < 1/8 < 12/65


def test_oneway_triantaphyllou_sanchez_1997_delta() -> None:
    # T&S (1997), WSM theorem: the top T and option j swap when w_k (others fixed, then all
    # renormalised) changes by delta = (P_T - P_j) / (a_Tk - a_jk); a decrease is feasible only
    # up to w_k. For the example above: x falls by (50 - 30) / 100 = 0.2, y rises by 0.2,
    # z rises by (50 - 20) / 100 = 0.3.
    r = oneway(np.eye(3) * 100, np.array([0.5, 0.3, 0.2]), **ABC)
    assert [c.ts_delta for c in r.per_criterion] == pytest.approx([0.2, 0.2, 0.3], abs=1e-12)
    pct = [c.ts_delta_percent for c in r.per_criterion]
    assert pct == pytest.approx([40.0, 200 / 3, 150.0], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_oneway_ts_delta_matches_triantaphyllou_sanchez_formula(case: Any) -> None:
    V, w = case
    S = V @ w
    order = np.sort(S)
    assume(order[-1] - order[-2] >= 1e-6)  # not a near tie at the top: every delta is 0 there
    r = oneway(V, w, **ids(*V.shape))
    T = int(np.argmax(S))
    for k, cs in enumerate(r.per_criterion):
        deltas = []
        for j in range(V.shape[0]):
            diff = V[T, k] - V[j, k]
            if j == T or abs(diff) < 1e-9:
                continue
            delta = (S[T] - S[j]) / diff  # > 0: w_k falls by delta; < 0: rises by -delta
            if delta < w[k] - 1e-9:
                deltas.append(abs(delta))
        if deltas:
            assert cs.ts_delta == pytest.approx(min(deltas), rel=1e-7, abs=1e-9)
        else:
            assert cs.ts_delta is None and cs.delta is None


# --- one-way: properties ----------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(cases(levels=True))
def test_oneway_lines_pass_through_current_scores(case: Any) -> None:
    V, w = case
    a, b = oneway_lines(V, w)
    for k in range(w.size):
        np.testing.assert_allclose(a[k] + b[k] * w[k], V @ w, atol=1e-9)
        np.testing.assert_allclose(a[k] + b[k] * 0.37, V @ swept(w, k, 0.37), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(cases())
def test_oneway_crossovers_equal_a_grid_sweep(case: Any) -> None:
    V, w = case
    m, k = V.shape
    r = oneway(V, w, **ids(m, k))
    grid = np.linspace(0.0, 1.0, 4001)
    step = grid[1]
    for c, crit in enumerate(r.criteria):
        S = swept(w, c, grid) @ V.T  # (grid, m)
        exact = {(x.options, x.weight) for x in r.crossovers(crit)}
        found = set()
        for i, j in itertools.combinations(range(m), 2):
            d = S[:, i] - S[:, j]
            if min(abs(d[0]), abs(d[-1])) < 1e-6:
                exact = {e for e in exact if set(e[0]) != {f"o{i}", f"o{j}"}}
                continue  # a tie at an end of the sweep: not a swap inside it
            flips = np.flatnonzero(np.sign(d[:-1]) != np.sign(d[1:]))
            assert flips.size <= 1
            if flips.size:
                pair = (f"o{i}", f"o{j}") if d[0] > 0 else (f"o{j}", f"o{i}")
                found.add((pair, float(grid[flips[0]])))
        assert {p for p, _ in exact} == {p for p, _ in found}
        for pair, t0 in found:
            t = next(t for p, t in exact if p == pair)
            assert t0 - 1e-12 <= t <= t0 + step + 1e-12
        # the top changes exactly where the grid's top changes
        tops = np.argmax(S, axis=1)
        cells = np.flatnonzero(tops[:-1] != tops[1:])
        changing = [x for x in r.crossovers(crit) if x.top_changes]
        if all(np.diff(sorted(x.weight for x in r.crossovers(crit))) > 3 * step):
            assert len(changing) == cells.size
            for x, cell in zip(changing, cells, strict=True):
                assert grid[cell] - 1e-12 <= x.weight <= grid[cell + 1] + 1e-12
                assert x.options == (f"o{tops[cell]}", f"o{tops[cell + 1]}")


@settings(max_examples=80, deadline=None)
@given(cases(levels=True))
@example(  # found by hypothesis 6.80: the ranking's upper end was one ulp above the top's
    case=(
        np.array(
            [[75.0, 75, 50, 0], [25, 100, 75, 75], [100, 75, 0, 25], [50, 25, 100, 0],
             [75, 25, 25, 100]]
        ),
        np.array([0, 3, 1, 3]) / 7,
    )
)  # fmt: skip
def test_oneway_stability_intervals_are_tight(case: Any) -> None:
    V, w = case
    r = oneway(V, w, **ids(*V.shape))
    top0 = top_set(V @ w)
    for k, cs in enumerate(r.per_criterion):
        lo, hi = cs.stability_interval
        rlo, rhi = cs.ranking_stability_interval
        assert lo <= w[k] <= hi and rlo <= w[k] <= rhi
        assert lo <= rlo and rhi <= hi  # the ranking holds in less than the top does
        ranks0 = competition_ranks(V @ w)
        for u in (0.05, 0.5, 0.95):
            if hi - lo > 1e-6:
                assert top_set(V @ swept(w, k, lo + u * (hi - lo))) == top0
            if rhi - rlo > 1e-6:
                t = rlo + u * (rhi - rlo)
                assert competition_ranks(V @ swept(w, k, t)).tolist() == ranks0.tolist()
        eps = 1e-7
        if hi + eps <= 1:
            assert top_set(V @ swept(w, k, hi + eps)) != top0
        if lo - eps >= 0:
            assert top_set(V @ swept(w, k, lo - eps)) != top0
        if rhi + eps <= 1:
            assert competition_ranks(V @ swept(w, k, rhi + eps)).tolist() != ranks0.tolist()
        if rlo - eps >= 0:
            assert competition_ranks(V @ swept(w, k, rlo - eps)).tolist() != ranks0.tolist()
        # delta is the distance to the nearer end that changes the top
        ends = [hi - w[k]] if hi < 1 else []
        ends += [w[k] - lo] if lo > 0 else []
        if cs.delta is None:
            assert lo == 0.0 and hi == 1.0
        else:
            assert cs.delta == pytest.approx(min(ends), abs=1e-12)
    deltas = [c.delta for c in r.per_criterion if c.delta is not None]
    if deltas:
        assert r.sensitivity(r.most_critical or "").delta == min(deltas)
    else:
        assert r.most_critical is None


@settings(max_examples=60, deadline=None)
@given(cases())
def test_oneway_top_changing_crossovers_bound_the_stability_interval(case: Any) -> None:
    V, w = case
    r = oneway(V, w, **ids(*V.shape))
    for k, cs in enumerate(r.per_criterion):
        ts = [x.weight for x in r.crossovers(cs.criterion) if x.top_changes]
        above = [t for t in ts if t >= w[k]]
        below = [t for t in ts if t <= w[k]]
        assert cs.stability_interval[1] == pytest.approx(min(above, default=1.0), abs=1e-9)
        assert cs.stability_interval[0] == pytest.approx(max(below, default=0.0), abs=1e-9)


def test_oneway_weight_one_and_zero() -> None:
    V = np.array([[100.0, 0.0, 0.0], [0.0, 60.0, 60.0]])
    r = oneway(V, np.array([1.0, 0.0, 0.0]), options=["A", "B"], criteria=["x", "y", "z"])
    x, y, _ = r.per_criterion
    # x at full weight: others equal when it falls; B (60) meets A at 100t = 60(1 - t)
    assert x.stability_interval == pytest.approx((0.375, 1.0), abs=1e-12)
    # y at zero weight: A's lead of 100 falls to B's 60 when t = 100 / 160
    assert y.stability_interval == pytest.approx((0.0, 0.625), abs=1e-12)
    assert y.delta_percent is None and y.delta == pytest.approx(0.625, abs=1e-12)
    t, S = r.lines("y")
    assert t.tolist() == [0.0, 0.0, 1.0]
    np.testing.assert_allclose(S, [[100.0, 0.0], [100.0, 0.0], [0.0, 60.0]], atol=1e-12)


def test_oneway_tie_at_the_top_changes_at_once() -> None:
    V = np.array([[100.0, 0.0], [0.0, 100.0], [0.0, 0.0]])
    r = oneway(V, np.array([0.5, 0.5]), options=["A", "B", "C"], criteria=["x", "y"])
    assert r.top_options == ("A", "B")
    for cs in r.per_criterion:
        assert cs.stability_interval == (0.5, 0.5) and cs.delta == 0.0


def test_oneway_to_dict_contract() -> None:
    r = oneway(np.eye(3) * 100, np.array([0.5, 0.3, 0.2]), **ABC)
    d = r.to_dict()
    assert plain(d) and json.loads(json.dumps(d)) == d
    assert {"weights", "top", "criteria", "most_critical"} <= set(d)
    assert d["weights"] == {"x": 0.5, "y": 0.3, "z": 0.2} and d["top"] == "A"
    assert d["most_critical"] == "y"
    entry = d["criteria"][0]
    keys = {"criterion", "weight", "stability_interval", "ranking_stability_interval"}
    assert keys | {"crossovers"} <= set(entry)
    assert entry["crossovers"][1] == {"weight": 0.375, "options": ["B", "A"], "top_changes": True}
    assert "most critical criterion: y" in r.to_text()


# --- score switching --------------------------------------------------------------------------
def test_score_switching_hand_computed() -> None:
    # S = (62.5, 55): A must lose 7.5 / 0.5 = 15 value points (0.6 of a 25-point level) on x
    V = np.array([[100.0, 25.0], [60.0, 50.0]])
    r = score_switching(
        V,
        np.array([0.5, 0.5]),
        options=["A", "B"],
        criteria=["x", "y"],
        slope=np.array([25.0, -25.0]),
    )
    assert (r.top, r.runner_up, r.margin) == ("A", "B", 7.5)
    np.testing.assert_allclose(r.value_change, [[-15.0, -15.0], [15.0, 15.0]])
    np.testing.assert_allclose(r.change, [[-0.6, 0.6], [0.6, -0.6]])  # y is a cost: -25 a unit
    assert r.cell("A", "x").new_value == 85.0 and r.cell("A", "x").on_scale
    assert r.closest[0].option == "A" and len(r.closest) == 4
    no_slope = score_switching(
        V,
        np.array([0.5, 0.5]),
        options=["A", "B"],
        criteria=["x", "y"],
        slope=np.array([25, np.nan]),
    )
    assert no_slope.cell("A", "y").change is None and no_slope.cell("A", "y").value_change == -15
    d = r.to_dict()
    assert plain(d) and len(d["cells"]) == 4


@settings(max_examples=60, deadline=None)
@given(cases())
def test_score_switching_values_change_the_top_when_applied(case: Any) -> None:
    V, w = case
    m, k = V.shape
    r = score_switching(V, w, **ids(m, k), slope=np.full(k, 25.0))
    top0 = top_set(V @ w)
    for i in range(m):
        for j in range(k):
            dv = r.value_change[i, j]
            assert np.isfinite(dv) == (w[j] > 0)
            if not np.isfinite(dv) or abs(dv) < 1e-6:
                continue
            assert (dv < 0) == (r.options[i] == r.top)
            for factor, changes in ((0.999, False), (1.001, True)):
                V2 = V.copy()
                V2[i, j] += factor * dv
                assert (top_set(V2 @ w) != top0) == changes
            new = V[i, j] + dv
            assert bool(r.on_scale[i, j]) == (-1e-9 <= new <= 100 + 1e-9)
            assert r.change[i, j] == pytest.approx(dv / 25.0)


# --- minimum weight change --------------------------------------------------------------------
def test_min_weight_change_closed_form_two_criteria() -> None:
    # B leads A by 10 at equal weights; the tie is at w = (4/7, 3/7), 1/(7 sqrt 2) away
    V = np.array([[100.0, 0.0], [40.0, 80.0]])
    r = min_weight_change(V, np.array([0.5, 0.5]), options=["A", "B"], criteria=["x", "y"])
    assert (r.top, r.challenger, r.closed_form, r.feasible) == ("B", "A", True, True)
    assert r.new_weights is not None
    np.testing.assert_allclose(r.new_weights, [4 / 7, 3 / 7], atol=1e-12)
    assert r.distance == pytest.approx(1 / (7 * np.sqrt(2)), abs=1e-12)


def test_min_weight_change_constrained_hand_computed() -> None:
    # d = V_T - V_C = (30, 10, -20), margin 4.2: the projection would make x negative, so the
    # answer drops x and solves y + z = 1, 10y = 20z: (0, 2/3, 1/3)
    V = np.array([[60.0, 50.0, 40.0], [30.0, 40.0, 60.0]])
    w = np.array([0.01, 0.79, 0.2])
    r = min_weight_change(V, w, options=["T", "C"], criteria=["x", "y", "z"])
    assert r.top == "T" and not r.closed_form and r.new_weights is not None
    np.testing.assert_allclose(r.new_weights, [0.0, 2 / 3, 1 / 3], atol=1e-12)
    expected = np.sqrt(
        float(
            Fraction(1, 100) ** 2
            + (Fraction(79, 100) - Fraction(2, 3)) ** 2
            + (Fraction(1, 5) - Fraction(1, 3)) ** 2
        )
    )
    assert r.distance == pytest.approx(expected, abs=1e-12)
    assert "constrained" in r.to_text()


def test_min_weight_change_infeasible_when_top_is_better_everywhere() -> None:
    V = np.array([[80.0, 90.0], [10.0, 20.0]])
    r = min_weight_change(V, np.array([0.5, 0.5]), options=["A", "B"], criteria=["x", "y"])
    assert not r.feasible and r.distance is None and r.new_weights is None
    assert r.to_dict()["new_weights"] is None and "better on every criterion" in r.to_text()
    assert r.reason == "A is better on every criterion"


def test_project_simplex_known_and_feasible() -> None:
    x, lam = project_simplex(np.array([0.8, 0.6, -0.5]))
    np.testing.assert_allclose(x, [0.6, 0.4, 0.0], atol=1e-12)
    assert lam == pytest.approx(0.2, abs=1e-12)


# --- tornado ----------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(cases(levels=True))
def test_tornado_sorted_and_recomputed(case: Any) -> None:
    V, w = case
    m, k = V.shape
    r = tornado(V, w, **ids(m, k), level_step=np.full(k, 25.0))
    sizes = [e.size for e in r.entries]
    assert sizes == sorted(sizes, reverse=True)
    assert len(r.entries) == k + m * k
    S = V @ w
    top = int(np.argmax(S))
    for e in r.entries:
        j = r.criteria.index(e.criterion)
        for side, sign in ((e.low, -1), (e.high, 1)):
            V2, w2 = V.copy(), w.copy()
            if e.option is None:
                w2[j] *= 1 + sign * 0.2
                w2 /= w2.sum()
            else:
                i = r.options.index(e.option)
                V2[i, j] = np.clip(V2[i, j] + sign * 25.0, 0, 100)
            S2 = V2 @ w2
            margin = S2[top] - np.max(np.delete(S2, top))
            assert side.margin == pytest.approx(margin, abs=1e-9)
            assert side.margin_change == pytest.approx(margin - r.margin, abs=1e-9)
            changes = dict(side.score_changes)
            for o, ds in changes.items():
                assert ds == pytest.approx(S2[r.options.index(o)] - S[r.options.index(o)], abs=1e-9)
            moved = {r.options[i] for i in np.flatnonzero(np.abs(S2 - S) > 1e-12)}
            assert moved <= set(changes)
            winners = top_set(S2)
            assert r.options.index(side.top) in winners
            assert (side.top == r.top) == (top in winners)


def test_tornado_hand_computed_weight_entry() -> None:
    # x: 0.5 -> 0.4, renormalised to 4/9: A = 100*4/9 + 25*5/9 = 525/9, B = 50, C = 500/9
    V = np.array([[100.0, 25.0], [50.0, 50.0], [0.0, 100.0]])
    r = tornado(V, np.array([0.5, 0.5]), options=["A", "B", "C"], criteria=["x", "y"])
    assert len(r.entries) == 2  # no level steps: weights only
    x = next(e for e in r.entries if e.criterion == "x")
    assert x.low.input == pytest.approx(4 / 9)
    assert x.low.margin == pytest.approx(525 / 9 - 500 / 9, abs=1e-9)  # 58.33 - 55.56
    assert plain(r.to_dict())
    assert "Weight of x" in r.to_text()


# --- errors -----------------------------------------------------------------------------------
def test_bad_inputs_raise_input_error() -> None:
    V, w = np.eye(2), np.array([0.5, 0.5])
    two = {"options": ["a", "b"], "criteria": ["x", "y"]}
    with pytest.raises(InputError, match="expected shape"):
        oneway(V, w, options=["a", "b", "c"], criteria=["x", "y"])
    with pytest.raises(InputError, match="at least two options"):
        oneway(V[:1], w, options=["a"], criteria=["x", "y"])
    with pytest.raises(InputError, match="slope"):
        score_switching(V, w, **two, slope=np.array([25.0, 0.0]))
    with pytest.raises(InputError, match="not an option"):
        min_weight_change(V, w, **two, challenger="zz")
    with pytest.raises(InputError, match="weight_change"):
        tornado(V, w, **two, weight_change=1.5)
    with pytest.raises(InputError, match="level_step"):
        tornado(V, w, **two, level_step=np.array([np.inf, 1.0]))
    with pytest.raises(InputError, match="not a criterion"):
        oneway(V, w, **two).crossovers("nope")


# --- the Birmingham case ----------------------------------------------------------------------
@pytest.fixture
def birmingham(repo: Path) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    case = appraisal.load(repo)
    named = {"options": [o.id for o in case.options], "criteria": list(case.criterion_ids)}
    return value_matrix(case), np.full(19, 1 / 19), named


def test_birmingham_oneway(birmingham: Any) -> None:
    V, w, named = birmingham
    r = oneway(V, w, **named)
    assert r.top == "integrated-transformation"
    for cs in r.per_criterion:
        lo, hi = cs.stability_interval
        assert lo <= 1 / 19 <= hi
    # break from the past: IT 50 vs trust-council 100; the other 18 criteria sum to 1525 and
    # 1275 value points, so they tie where 50t + 1525(1-t)/18 = 100t + 1275(1-t)/18: t = 5/23
    assert r.most_critical == "break-from-past"
    bfp = r.sensitivity("break-from-past")
    assert bfp.stability_interval == pytest.approx((0.0, 5 / 23), abs=1e-12)
    assert (bfp.challenger, bfp.direction) == ("trust-council", "increase")
    changing = [x for x in r.crossovers("break-from-past") if x.top_changes]
    assert [x.options for x in changing] == [("integrated-transformation", "trust-council")]
    assert plain(r.to_dict())


def test_birmingham_scores_distance_and_tornado(birmingham: Any) -> None:
    V, w, named = birmingham
    s = score_switching(V, w, **named, slope=np.full(19, 25.0))
    # a lead of 200/19 needs 200 value points (8 levels) on a single cell: no one rating can do it
    assert (s.top, s.runner_up) == ("integrated-transformation", "trust-council")
    assert s.margin == pytest.approx(200 / 19)
    assert not s.on_scale.any()
    d = min_weight_change(V, w, **named)
    assert d.challenger == "trust-council" and d.closed_form and d.new_weights is not None
    assert (V[1] - V[3]) @ d.new_weights == pytest.approx(0.0, abs=1e-9)
    t = tornado(V, w, **named, level_step=np.full(19, 25.0))
    assert all(
        side.top == "integrated-transformation" for e in t.entries for side in (e.low, e.high)
    )
    assert t.entries[0].size == pytest.approx(25 / 19)
