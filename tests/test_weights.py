"""Weighting kernels: known answers from their sources, invariants, and bad input."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.core.groups import group_weights
from appraisal.core.weights import (
    SAATY_RANDOM_INDEX,
    ahp_matrix,
    ahp_weights,
    direct_weights,
    random_index,
    rank_order_weights,
    swing_weights,
)
from appraisal.errors import InputError

FAST = settings(max_examples=60, deadline=None)
Kernel = Callable[[object], np.ndarray]

# --- known answers --------------------------------------------------------------------------

# Rank-order-centroid weights w_i = (1/n) sum_{k=i..n} 1/k as exact fractions, as tabulated (to 4
# decimals) in Barron & Barrett (1996), Management Science 42(11), 1515-1523.
ROC_BARRON_BARRETT = {
    2: [Fraction(3, 4), Fraction(1, 4)],
    3: [Fraction(11, 18), Fraction(5, 18), Fraction(1, 9)],
    4: [Fraction(25, 48), Fraction(13, 48), Fraction(7, 48), Fraction(1, 16)],
    5: [
        Fraction(137, 300),
        Fraction(77, 300),
        Fraction(47, 300),
        Fraction(9, 100),
        Fraction(1, 25),
    ],
    6: [
        Fraction(49, 120),
        Fraction(29, 120),
        Fraction(19, 120),
        Fraction(37, 360),
        Fraction(11, 180),
        Fraction(1, 36),
    ],
    7: [
        Fraction(363, 980),
        Fraction(223, 980),
        Fraction(153, 980),
        Fraction(319, 2940),
        Fraction(107, 1470),
        Fraction(13, 294),
        Fraction(1, 49),
    ],
}
ROC_7_PUBLISHED_4DP = [0.3704, 0.2276, 0.1561, 0.1085, 0.0728, 0.0442, 0.0204]


@pytest.mark.parametrize("n", sorted(ROC_BARRON_BARRETT))
def test_roc_weights_barron_barrett_1996(n: int) -> None:
    expected = [float(x) for x in ROC_BARRON_BARRETT[n]]
    assert rank_order_weights(list(range(1, n + 1))) == pytest.approx(expected, abs=1e-15)
    assert sum(ROC_BARRON_BARRETT[n]) == 1


def test_roc_weights_barron_barrett_1996_table_n7_to_4dp() -> None:
    got = rank_order_weights(list(range(1, 8)), "roc")
    assert np.round(got, 4).tolist() == ROC_7_PUBLISHED_4DP


def test_rank_sum_and_reciprocal_stillwell_seaver_edwards_1981() -> None:
    assert rank_order_weights([1, 2, 3, 4], "rank-sum") == pytest.approx(
        [0.4, 0.3, 0.2, 0.1], abs=1e-15
    )
    assert rank_order_weights([1, 2, 3, 4], "rank-reciprocal") == pytest.approx(
        [0.48, 0.24, 0.16, 0.12], abs=1e-15
    )


def test_rank_order_weights_follow_positions_not_list_order() -> None:
    # Criterion 0 is third, criterion 1 first, criterion 2 fourth, criterion 3 second.
    got = rank_order_weights([3, 1, 4, 2])
    assert got == pytest.approx([7 / 48, 25 / 48, 1 / 16, 13 / 48], abs=1e-15)


@pytest.mark.parametrize("positions", [[1, 2, 2, 4], [1, 2, 2, 3], [3, 7, 7, 10]])
def test_tied_ranks_share_the_mean_of_their_places_roc(positions: list[int]) -> None:
    # Places 2 and 3 are shared: (13/48 + 7/48) / 2 = 10/48 each.
    got = rank_order_weights(positions, "roc")
    assert got == pytest.approx([25 / 48, 10 / 48, 10 / 48, 3 / 48], abs=1e-15)


def test_tied_ranks_share_the_mean_of_their_places_rank_sum_and_reciprocal() -> None:
    assert rank_order_weights([1, 1, 3, 4], "rank-sum") == pytest.approx(
        [0.35, 0.35, 0.2, 0.1], abs=1e-15
    )
    assert rank_order_weights([2, 1, 2, 2], "rank-reciprocal") == pytest.approx(
        [(0.24 + 0.16 + 0.12) / 3, 0.48, (0.24 + 0.16 + 0.12) / 3, (0.24 + 0.16 + 0.12) / 3],
        abs=1e-15,
    )
    assert rank_order_weights([5, 5, 5], "roc") == pytest.approx([1 / 3] * 3, abs=1e-15)


def test_single_criterion_gets_all_the_weight() -> None:
    for method in ("roc", "rank-sum", "rank-reciprocal"):
        assert rank_order_weights([1], method).tolist() == [1.0]  # type: ignore[arg-type]


# Saaty (1990) "How to make a decision: the analytic hierarchy process", European Journal of
# Operational Research 48(1), 9-26: the house-buying example, criteria size of house,
# transportation, neighbourhood, age, yard space, modern facilities, general condition,
# financing. Published priorities 0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333;
# lambda_max = 9.669, CI = 0.238, CR = 0.169.
SAATY_1990_HOUSE_UPPER = {
    (0, 1): 5, (0, 2): 3, (0, 3): 7, (0, 4): 6, (0, 5): 6, (0, 6): 1 / 3, (0, 7): 1 / 4,
    (1, 2): 1 / 3, (1, 3): 5, (1, 4): 3, (1, 5): 3, (1, 6): 1 / 5, (1, 7): 1 / 7,
    (2, 3): 6, (2, 4): 3, (2, 5): 4, (2, 6): 6, (2, 7): 1 / 5,
    (3, 4): 1 / 3, (3, 5): 1 / 4, (3, 6): 1 / 7, (3, 7): 1 / 8,
    (4, 5): 1 / 2, (4, 6): 1 / 5, (4, 7): 1 / 6,
    (5, 6): 1 / 5, (5, 7): 1 / 6,
    (6, 7): 1 / 2,
}  # fmt: skip
SAATY_1990_HOUSE_WEIGHTS = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def _eig_reference(a: np.ndarray) -> tuple[np.ndarray, float]:
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    v = np.abs(vecs[:, k].real)
    return v / v.sum(), float(vals[k].real)


def test_ahp_house_example_saaty_1990() -> None:
    A = ahp_matrix(8, SAATY_1990_HOUSE_UPPER)
    res = ahp_weights(A)
    assert res.weights == pytest.approx(SAATY_1990_HOUSE_WEIGHTS, abs=5e-4)
    assert res.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert res.ci == pytest.approx(0.238, abs=5e-4)
    assert res.ri == 1.41
    assert res.cr == pytest.approx(0.169, abs=5e-4)
    assert not res.consistent
    # Cross-check the squaring method against LAPACK's eigen-decomposition.
    w_ref, lam_ref = _eig_reference(A)
    assert res.weights == pytest.approx(w_ref, abs=1e-12)
    assert res.lambda_max == pytest.approx(lam_ref, abs=1e-10)


def test_ahp_house_example_saaty_1990_lower_triangle_gives_the_same_matrix() -> None:
    lower = {(j, i): 1 / a for (i, j), a in SAATY_1990_HOUSE_UPPER.items()}
    np.testing.assert_allclose(
        ahp_matrix(8, lower), ahp_matrix(8, SAATY_1990_HOUSE_UPPER), rtol=1e-15
    )


def test_ahp_result_most_inconsistent_and_to_dict() -> None:
    # 8:4:2:1 judged consistently except that criterion 3 is rated above criterion 2.
    J = {(0, 1): 2, (0, 2): 4, (0, 3): 8, (1, 2): 2, (1, 3): 4, (2, 3): 1 / 2}
    res = ahp_weights(ahp_matrix(4, J))
    worst = res.most_inconsistent(3)
    assert worst[0][:2] == (2, 3)
    assert worst[0][2] < 1  # the judgement understates 2 against 3
    assert all(abs(math.log(a[2])) >= abs(math.log(b[2])) - 1e-12 for a, b in pairwise(worst))
    assert res.most_inconsistent(0) == []
    d = res.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) == {
        "weights", "lambda_max", "ci", "ri", "cr", "consistent", "matrix", "most_inconsistent"
    }  # fmt: skip
    assert type(d["cr"]) is float
    assert type(d["consistent"]) is bool
    assert d["most_inconsistent"][0]["i"] == 2
    with pytest.raises(ValueError):
        res.weights[0] = 1.0  # results are read-only


def test_ahp_two_criteria_cr_is_zero() -> None:
    res = ahp_weights(ahp_matrix(2, {(1, 0): 3}))
    assert res.weights == pytest.approx([0.25, 0.75], abs=1e-15)
    assert (res.ci, res.ri, res.cr) == (0.0, 0.0, 0.0)
    one = ahp_weights(ahp_matrix(1, {}))
    assert one.weights.tolist() == [1.0]
    assert one.cr == 0.0


def test_random_index_saaty_1980_1987_and_alonso_lamata_2006() -> None:
    published = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
    assert [random_index(n) for n in range(1, 16)] == published
    assert list(SAATY_RANDOM_INDEX) == published
    assert random_index(16) == pytest.approx((1.7699 * 16 - 4.3513) / 15, abs=1e-15)
    assert random_index(16) == pytest.approx(1.5978, abs=1e-4)
    assert random_index(20) == pytest.approx(1.6340, abs=1e-4)


def test_swing_weights_normalise_points_hand_computed() -> None:
    assert swing_weights([100, 60, 40, 0]) == pytest.approx([0.5, 0.3, 0.2, 0.0], abs=1e-15)
    assert swing_weights([20, 100, 80]) == pytest.approx([0.1, 0.5, 0.4], abs=1e-15)


def test_direct_weights_normalise_hand_computed() -> None:
    assert direct_weights([3, 1, 0, 4]) == pytest.approx([0.375, 0.125, 0.0, 0.5], abs=1e-15)
    assert direct_weights([1e308, 1e308]).tolist() == [0.5, 0.5]  # no overflow


def test_weights_do_not_mutate_the_callers_array() -> None:
    x = np.array([2.0, 2.0])
    direct_weights(x)
    swing_weights(x)
    assert x.tolist() == [2.0, 2.0]


def test_group_products_hand_computed() -> None:
    # Groups a (criteria 0, 2, 3) and b (criterion 1); a:b = 60:40; within a 1:1:2.
    w = group_weights(
        ["a", "b", "a", "a"], {"a": 60, "b": 40}, {"a": np.array([1, 1, 2]), "b": [7]}
    )
    assert w == pytest.approx([0.6 * 0.25, 0.4, 0.6 * 0.25, 0.6 * 0.5], abs=1e-15)


def test_group_products_with_rank_and_ahp_inside() -> None:
    within_a = rank_order_weights([1, 2], "rank-sum")  # 2/3, 1/3
    within_b = ahp_weights(ahp_matrix(2, {(0, 1): 3})).weights  # 3/4, 1/4
    w = group_weights(["a", "a", "b", "b"], {"a": 0.5, "b": 0.5}, {"a": within_a, "b": within_b})
    assert w == pytest.approx([1 / 3, 1 / 6, 3 / 8, 1 / 8], abs=1e-15)


# --- properties -----------------------------------------------------------------------------

SAATY_VALUES = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
METHODS = st.sampled_from(["roc", "rank-sum", "rank-reciprocal"])
points = st.lists(
    st.floats(0, 100, allow_nan=False, allow_infinity=False), min_size=1, max_size=9
).filter(lambda xs: any(x > 0 for x in xs))
positions_st = st.lists(st.integers(1, 6), min_size=1, max_size=9)


@st.composite
def judgement_sets(draw: st.DrawFn) -> tuple[int, dict[tuple[int, int], float]]:
    n = draw(st.integers(1, 7))
    out: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a = draw(st.sampled_from(SAATY_VALUES))
            if draw(st.booleans()):
                out[(i, j)] = a
            else:
                out[(j, i)] = 1 / a
    return n, out


@st.composite
def grouped(draw: st.DrawFn) -> tuple[list[str], dict[str, float], dict[str, list[float]]]:
    group_of = draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=8))
    groups = sorted(set(group_of))
    gw = {g: draw(st.floats(0.01, 100)) for g in groups}
    within = {
        g: draw(st.lists(st.floats(0.01, 100), min_size=n, max_size=n))
        for g, n in ((g, group_of.count(g)) for g in groups)
    }
    return group_of, gw, within


def _is_weight_vector(w: np.ndarray, k: int) -> None:
    assert w.shape == (k,)
    assert np.all(w >= 0)
    assert float(w.sum()) == pytest.approx(1.0, abs=1e-12)


@FAST
@given(points, positions_st, METHODS, judgement_sets(), grouped())
def test_every_weight_vector_is_non_negative_and_sums_to_one(
    xs: list[float],
    pos: list[int],
    method: str,
    judged: tuple[int, dict[tuple[int, int], float]],
    groups: tuple[list[str], dict[str, float], dict[str, list[float]]],
) -> None:
    _is_weight_vector(direct_weights(xs), len(xs))
    _is_weight_vector(swing_weights(xs), len(xs))
    _is_weight_vector(rank_order_weights(pos, method), len(pos))  # type: ignore[arg-type]
    n, J = judged
    _is_weight_vector(ahp_weights(ahp_matrix(n, J)).weights, n)
    group_of, gw, within = groups
    _is_weight_vector(group_weights(group_of, gw, within), len(group_of))


@FAST
@given(st.data(), points, positions_st, METHODS)
def test_permuting_criteria_permutes_direct_swing_and_rank_weights(
    data: st.DataObject, xs: list[float], pos: list[int], method: str
) -> None:
    p = data.draw(st.permutations(range(len(xs))))
    np.testing.assert_allclose(
        direct_weights([xs[i] for i in p]), direct_weights(xs)[p], rtol=1e-12, atol=1e-15
    )
    np.testing.assert_allclose(
        swing_weights([xs[i] for i in p]), swing_weights(xs)[p], rtol=1e-12, atol=1e-15
    )
    q = data.draw(st.permutations(range(len(pos))))
    np.testing.assert_allclose(
        rank_order_weights([pos[i] for i in q], method),  # type: ignore[arg-type]
        rank_order_weights(pos, method)[q],  # type: ignore[arg-type]
        rtol=1e-12,
        atol=1e-15,
    )


@FAST
@given(st.data(), judgement_sets())
def test_permuting_criteria_permutes_ahp_weights(
    data: st.DataObject, judged: tuple[int, dict[tuple[int, int], float]]
) -> None:
    n, J = judged
    p = data.draw(st.permutations(range(n)))
    where = {old: new for new, old in enumerate(p)}  # criterion p[t] moves to place t
    moved = {(where[i], where[j]): a for (i, j), a in J.items()}
    res, res_p = ahp_weights(ahp_matrix(n, J)), ahp_weights(ahp_matrix(n, moved))
    np.testing.assert_allclose(res_p.weights, res.weights[p], rtol=1e-9, atol=1e-12)
    assert res_p.cr == pytest.approx(res.cr, abs=1e-9)


@FAST
@given(st.data(), grouped())
def test_permuting_criteria_permutes_group_weights(
    data: st.DataObject, groups: tuple[list[str], dict[str, float], dict[str, list[float]]]
) -> None:
    group_of, gw, within = groups
    k = len(group_of)
    u = [0.0] * k  # each criterion's within-group weight, in criterion order
    for g, vals in within.items():
        for j, v in zip([j for j in range(k) if group_of[j] == g], vals, strict=True):
            u[j] = v
    p = data.draw(st.permutations(range(k)))
    group_p = [group_of[i] for i in p]
    within_p = {g: [u[i] for i in p if group_of[i] == g] for g in within}
    np.testing.assert_allclose(
        group_weights(group_p, gw, within_p),
        group_weights(group_of, gw, within)[p],
        rtol=1e-12,
        atol=1e-15,
    )


@FAST
@given(st.lists(st.floats(1, 9), min_size=1, max_size=9))
def test_ahp_on_a_consistent_matrix_has_cr_zero_and_returns_the_generating_weights(
    v: list[float],
) -> None:
    n = len(v)
    J = {(i, j): v[i] / v[j] for i in range(n) for j in range(i + 1, n)}
    res = ahp_weights(ahp_matrix(n, J))
    assert res.cr == pytest.approx(0.0, abs=1e-9)
    assert res.lambda_max == pytest.approx(n, abs=1e-9)
    np.testing.assert_allclose(res.weights, np.array(v) / sum(v), rtol=1e-9, atol=1e-12)
    assert res.most_inconsistent() == []


@FAST
@given(judgement_sets())
def test_ahp_weights_match_numpy_eig_and_lambda_max_at_least_n(
    judged: tuple[int, dict[tuple[int, int], float]],
) -> None:
    n, J = judged
    A = ahp_matrix(n, J)
    res = ahp_weights(A)
    w_ref, lam_ref = _eig_reference(A)
    np.testing.assert_allclose(res.weights, w_ref, rtol=1e-8, atol=1e-12)
    assert res.lambda_max == pytest.approx(lam_ref, rel=1e-10)
    assert res.lambda_max >= n - 1e-9
    assert res.cr >= 0.0
    np.testing.assert_allclose(A * A.T, np.ones((n, n)), rtol=1e-15)


@FAST
@given(positions_st, METHODS)
def test_rank_order_weights_are_non_increasing_in_position(pos: list[int], method: str) -> None:
    w = rank_order_weights(pos, method)  # type: ignore[arg-type]
    for a in range(len(pos)):
        for b in range(len(pos)):
            if pos[a] < pos[b]:
                assert w[a] > w[b]
            elif pos[a] == pos[b]:
                assert w[a] == pytest.approx(w[b], abs=1e-15)


# --- bad input ------------------------------------------------------------------------------


def test_ahp_judgement_outside_saaty_scale() -> None:
    with pytest.raises(InputError) as info:
        ahp_matrix(3, {(0, 1): 10, (0, 2): 0.1, (1, 2): 1})
    msg = str(info.value)
    assert "(0, 1): 10 is outside Saaty's scale 1/9..9" in msg
    assert "(0, 2): 0.1 is outside Saaty's scale 1/9..9" in msg
    assert "missing" not in msg  # a bad judgement is not also reported as a missing pair


def test_ahp_scale_ends_are_allowed() -> None:
    A = ahp_matrix(3, {(0, 1): 9, (0, 2): 1 / 9, (1, 2): 1})
    assert A[1, 0] == pytest.approx(1 / 9, abs=1e-15)
    assert A[2, 0] == pytest.approx(9, abs=1e-15)


def test_ahp_pair_given_both_ways_inconsistently() -> None:
    with pytest.raises(InputError, match=r"\(0, 1\) is given both ways inconsistently: "):
        ahp_matrix(2, {(0, 1): 3, (1, 0): 3})
    # both ways consistently is fine
    assert ahp_matrix(2, {(0, 1): 3, (1, 0): 1 / 3})[0, 1] == 3


def test_ahp_missing_pair() -> None:
    with pytest.raises(InputError, match=r"missing judgement for \(1, 2\); every pair needs one"):
        ahp_matrix(3, {(0, 1): 3, (2, 0): 5})


def test_ahp_self_comparison_and_out_of_range_index() -> None:
    with pytest.raises(InputError, match=r"\(1, 1\): a criterion is not compared with itself"):
        ahp_matrix(2, {(0, 1): 3, (1, 1): 1})
    with pytest.raises(InputError, match=r"\(0, 5\): criterion index out of range \(0\.\.1\)"):
        ahp_matrix(2, {(0, 1): 3, (0, 5): 2})


def test_ahp_every_problem_is_listed_at_once() -> None:
    with pytest.raises(InputError) as info:
        ahp_matrix(4, {(0, 1): 12, (0, 2): 2, (2, 0): 2, (3, 3): 1, (1, 2): "a lot"})
    msg = str(info.value)
    assert msg.startswith("invalid AHP judgements: ")
    assert msg.endswith(".")
    for part in (
        "(0, 1): 12 is outside",
        "(0, 2) is given both ways inconsistently",
        "(3, 3): a criterion is not compared with itself",
        "(1, 2): expected a number, got 'a lot'",
        "missing judgement for (0, 3), (1, 3), (2, 3)",
    ):
        assert part in msg


def test_ahp_weights_rejects_bad_matrices() -> None:
    with pytest.raises(InputError, match="must be square"):
        ahp_weights([[1, 2, 3], [0.5, 1, 2]])
    with pytest.raises(InputError, match="positive finite entries"):
        ahp_weights([[1, -2], [-0.5, 1]])


@pytest.mark.parametrize("fn", [direct_weights, swing_weights])
def test_negative_or_non_finite_weights(fn: Kernel) -> None:
    with pytest.raises(InputError, match=r"must be finite and non-negative \(\[1\] is -5\)\."):
        fn([10, -5, 3])
    with pytest.raises(InputError, match=r"\(\[0\] is nan, \[2\] is inf\)"):
        fn([math.nan, 1, math.inf])


@pytest.mark.parametrize("fn", [direct_weights, swing_weights])
def test_all_zero_or_empty_weights(fn: Kernel) -> None:
    with pytest.raises(InputError, match=r"are all zero; at least one must be positive\.$"):
        fn([0, 0.0, 0])
    with pytest.raises(InputError, match="non-empty list of numbers"):
        fn([])
    with pytest.raises(InputError, match="must be numbers"):
        fn(["high", "low"])


def test_swing_error_names_swing_points() -> None:
    with pytest.raises(InputError, match=r"^swing points must be finite and non-negative"):
        swing_weights([100, -1])


def test_malformed_rank_positions() -> None:
    with pytest.raises(InputError, match=r"positive whole numbers \(\[0\] is 0, \[2\] is 1\.5\)"):
        rank_order_weights([0, 1, 1.5])
    with pytest.raises(InputError, match=r"\[1\] is -2"):
        rank_order_weights([1, -2])
    with pytest.raises(InputError, match="non-empty"):
        rank_order_weights([])
    with pytest.raises(InputError, match="unknown rank-order method 'rank_sum'; did you mean"):
        rank_order_weights([1, 2], "rank_sum")  # type: ignore[arg-type]


def test_bad_group_weights_list_every_problem() -> None:
    with pytest.raises(InputError) as info:
        group_weights(["a", "b", "a"], {"a": 1, "c": 2}, {"a": [1, 2, 3], "b": [0], "d": [1]})
    msg = str(info.value)
    for part in (
        "group weights: unknown group 'c'",
        "group weights: none given for group 'b'",
        "within-group weights: unknown group 'd'",
        "within-group weights of 'a': expected 2 (one per criterion in the group), got shape (3,)",
        "within-group weights of 'b' are all zero",
    ):
        assert part in msg


def test_negative_and_all_zero_group_weights() -> None:
    with pytest.raises(InputError, match=r"group weights must be finite and non-negative"):
        group_weights(["a", "b"], {"a": -1, "b": 1}, {"a": [1], "b": [1]})
    with pytest.raises(InputError, match="group weights are all zero"):
        group_weights(["a", "b"], {"a": 0, "b": 0}, {"a": [1], "b": [1]})


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_random_index_and_matrix_size_must_be_positive_integers(n: object) -> None:
    with pytest.raises(InputError, match="positive integer"):
        random_index(n)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="positive integer"):
        ahp_matrix(n, {})  # type: ignore[arg-type]


# --- AHP: reciprocity, sizes, cheap messages (audit) ---------------------------------------


def test_ahp_weights_refuses_a_matrix_that_is_not_reciprocal() -> None:
    # audit reproducer: [[1, 9], [9, 1]] was "consistent" with CR 0
    with pytest.raises(InputError) as info:
        ahp_weights([[1, 9], [9, 1]])
    msg = str(info.value)
    assert "must be reciprocal" in msg
    assert "A[0, 1] = 9 but A[1, 0] = 9 (product 81)" in msg
    assert msg.endswith(".")


def test_ahp_weights_names_a_bad_diagonal_and_non_positive_cells() -> None:
    with pytest.raises(InputError, match=r"1 on its diagonal.*A\[1, 1\] is 2"):
        ahp_weights([[1, 2], [0.5, 2]])
    with pytest.raises(InputError, match=r"positive finite entries; A\[0, 1\] is -2, A\[1, 0\]"):
        ahp_weights([[1, -2], [-0.5, 1]])
    with pytest.raises(InputError, match=r"A\[0, 1\] is nan"):
        ahp_weights([[1, math.nan], [1, 1]])


def test_ahp_reciprocity_tolerance_is_the_shared_constant() -> None:
    from appraisal.core.weights import AHP_TOLERANCE

    near = 1 / 3 * (1 + AHP_TOLERANCE / 2)
    assert ahp_weights([[1, 3], [near, 1]]).cr == 0.0
    with pytest.raises(InputError, match="reciprocal"):
        ahp_weights([[1, 3], [0.333, 1]])  # a rounded decimal is not 1/3


def test_ahp_refuses_absurd_sizes_quickly() -> None:
    # audit reproducer: ahp_matrix(6000, {}) ran past 10 s building its message
    import time

    from appraisal.core.weights import AHP_MAX_SIZE

    start = time.perf_counter()
    with pytest.raises(InputError, match=r"at most 200 criteria at once, got 6000 \(17997000 "):
        ahp_matrix(6000, {})
    with pytest.raises(InputError, match="at most 200 criteria"):
        ahp_weights(np.ones((AHP_MAX_SIZE + 1, AHP_MAX_SIZE + 1)))
    assert time.perf_counter() - start < 1.0


def test_ahp_missing_pairs_are_listed_briefly() -> None:
    with pytest.raises(InputError) as info:
        ahp_matrix(200, {})
    msg = str(info.value)
    assert "missing judgement for (0, 1), (0, 2)" in msg and "and 19890 more" in msg
    assert len(msg) < 500


def test_ahp_many_bad_judgements_are_counted_not_all_listed() -> None:
    bad = {(0, j): 50 for j in range(1, 100)}
    with pytest.raises(InputError) as info:
        ahp_matrix(100, bad)
    msg = str(info.value)
    assert "(0, 1): 50 is outside" in msg and "more problems." in msg and len(msg) < 2000


@pytest.mark.parametrize("value", [True, "3", 3j, None, 10**400])
def test_ahp_judgements_must_be_real_numbers_on_the_scale(value: object) -> None:
    with pytest.raises(InputError, match=r"\(0, 1\): (expected a number|inf is outside)"):
        ahp_matrix(2, {(0, 1): value})  # type: ignore[dict-item]


def test_ahp_matrix_needs_a_mapping() -> None:
    with pytest.raises(InputError, match="judgements must be a mapping"):
        ahp_matrix(2, [((0, 1), 3)])  # type: ignore[arg-type]


# --- normalise, equal weights and the other kernels given bad arguments (audit) -------------


def test_normalise_and_equal_weights_refuse_what_they_cannot_normalise() -> None:
    from appraisal.core.weights import equal_weights, normalise

    # audit reproducer: both returned NaN
    with pytest.raises(InputError, match="w is all zero"):
        normalise(np.zeros(3))
    with pytest.raises(InputError, match="mask has no True entry"):
        equal_weights(np.array([False, False]))
    with pytest.raises(InputError, match=r"w must be finite numbers; w\[1\] is nan"):
        normalise([1.0, math.nan])
    with pytest.raises(InputError, match=r"w\[0\] is inf"):
        normalise([math.inf, 1.0])
    with pytest.raises(InputError, match=r"w must be non-negative; w\[0\] is -1"):
        normalise([-1.0, 2.0])
    with pytest.raises(InputError, match=r"got shape \(2, 2\)"):
        normalise(np.ones((2, 2)))
    with pytest.raises(InputError, match="at least one weight"):
        normalise([])
    with pytest.raises(InputError, match="booleans"):
        equal_weights(np.array([1, 0]))
    with pytest.raises(InputError, match="booleans"):
        equal_weights(np.ones((2, 2), dtype=bool))
    assert normalise([1e308, 1e308]).tolist() == [0.5, 0.5]  # no overflow


@pytest.mark.parametrize("fn", [direct_weights, swing_weights])
@pytest.mark.parametrize("bad", [[True, False], ["1", "2"], [1 + 2j, 1], [10**400, 1]])
def test_direct_and_swing_refuse_what_is_not_a_real_number(fn: Kernel, bad: object) -> None:
    with pytest.raises(InputError, match=r"must be (numbers|finite and non-negative)"):
        fn(bad)


@pytest.mark.parametrize("method", ["roc", "rank-sum", "rank-reciprocal"])
@pytest.mark.parametrize("bad", [[1, math.nan], [1, math.inf], [[1, 2]], [True, 2]])
def test_rank_order_weights_refuse_bad_positions(method: str, bad: object) -> None:
    with pytest.raises(InputError, match="rank positions must be"):
        rank_order_weights(bad, method)  # type: ignore[arg-type]


def test_a_huge_list_of_bad_weights_gets_a_short_message() -> None:
    with pytest.raises(InputError) as info:
        direct_weights([-1.0] * 100_000)
    assert "100000 in all" in str(info.value) and len(str(info.value)) < 400


def test_group_weights_refuse_empty_groups_and_text_numbers() -> None:
    with pytest.raises(InputError, match="group_of must list the group of each criterion"):
        group_weights([], {}, {})
    with pytest.raises(InputError, match="group_of must list"):
        group_weights("ab", {"a": 1, "b": 1}, {"a": [1], "b": [1]})  # type: ignore[arg-type]
    with pytest.raises(InputError, match="group weights must be numbers"):
        group_weights(["a"], {"a": "1"}, {"a": [1]})  # type: ignore[dict-item]
    with pytest.raises(InputError, match="within-group weights of 'a' must be numbers"):
        group_weights(["a"], {"a": 1}, {"a": ["1"]})
    with pytest.raises(InputError, match=r"within-group weights of 'a' must be finite"):
        group_weights(["a"], {"a": 1}, {"a": [math.nan]})
