"""Aggregation and ranking kernels given bad arguments, and the Ranking result's own checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

import appraisal
from appraisal.core.aggregate import weighted_sum, weighted_sum_many
from appraisal.errors import InputError
from appraisal.ranking import Ranking, rank_values

V2 = np.array([[100.0, 0.0], [40.0, 80.0]])
W2 = np.array([0.5, 0.5])
IDS = ("b", "a")


@pytest.mark.parametrize(
    ("V", "w", "match"),
    [
        ([[math.nan, 0.0], [1.0, 2.0]], W2, r"^V must be finite numbers; V\[0, 0\] is nan\.$"),
        ([[1.0, 0.0], [1.0, math.inf]], W2, r"V\[1, 1\] is inf"),
        (V2, [0.5, math.nan], r"^w must be finite numbers; w\[1\] is nan\.$"),
        (V2, [-0.5, 1.5], r"^w must be non-negative; w\[0\] is -0\.5\.$"),
        (V2, [1.0, 0.0, 0.0], r"^w must have one weight per criterion \(2\), got shape \(3,\)\.$"),
        (V2, [[0.5, 0.5]], r"w must be an array of shape \(2,\)"),
        ([1.0, 2.0], [1.0], r"V must be an array of shape \(m, k\).*got shape \(2,\)"),
        (np.zeros((0, 2)), W2, "at least one option"),
        ([["x", "y"]], W2, "real numbers"),
        (V2, [1e308, 1e308], "overflow the floating-point range"),
    ],
)
def test_weighted_sum_refuses_bad_arguments(V: object, w: object, match: str) -> None:
    # audit: NaN or inf reached the ranking and an option was reported first
    with pytest.raises(InputError, match=match):
        weighted_sum(V, w)  # type: ignore[arg-type]


def test_weighted_sum_many_refuses_bad_arguments() -> None:
    with pytest.raises(InputError, match=r"W must be finite numbers; W\[1, 0\] is nan"):
        weighted_sum_many(V2, np.array([[0.5, 0.5], [math.nan, 1.0]]))
    with pytest.raises(InputError, match=r"W must be non-negative; W\[0, 1\] is -1"):
        weighted_sum_many(V2, np.array([[2.0, -1.0]]))
    with pytest.raises(InputError, match=r"one column per criterion of V \(2\)"):
        weighted_sum_many(V2, np.ones((3, 3)))
    with pytest.raises(InputError, match=r"V\[0, 1\] is inf"):
        weighted_sum_many([[1.0, math.inf]], np.ones((1, 2)))


def test_rank_values_refuses_bad_arguments() -> None:
    crit = ("x", "y")
    with pytest.raises(InputError, match=r"V\[1, 0\] is nan"):
        rank_values([[1.0, 2.0], [math.nan, 1.0]], W2, options=IDS, names=IDS, criteria=crit)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"w\[0\] is inf"):
        rank_values(V2, np.array([math.inf, 1.0]), options=IDS, names=IDS, criteria=crit)
    with pytest.raises(InputError, match=r"options must be 2 strings \(one per row of V\)"):
        rank_values(V2, W2, options=("a",), names=IDS, criteria=crit)
    with pytest.raises(InputError, match=r"criteria must be 2 strings"):
        rank_values(V2, W2, options=IDS, names=IDS, criteria=("x",))
    with pytest.raises(InputError, match="option ids must be unique; repeated: a"):
        rank_values(V2, W2, options=("a", "a"), names=IDS, criteria=crit)
    with pytest.raises(InputError, match=r"totals must be None or 2 finite numbers"):
        rank_values(V2, W2, options=IDS, names=IDS, criteria=crit, totals=np.array([1.0, math.inf]))
    with pytest.raises(InputError, match=r"totals must be None or 2 finite numbers"):
        rank_values(V2, W2, options=IDS, names=IDS, criteria=crit, totals=np.ones(3))
    with pytest.raises(InputError, match=r"weighted must be 2 booleans"):
        rank_values(V2, W2, options=IDS, names=IDS, criteria=crit, weighted=np.array([1, 0]))


def test_ranking_lookups_name_an_unknown_option() -> None:
    r = rank_values(V2, W2, options=IDS, names=IDS, criteria=("x", "y"))
    assert r.rank_of("a") == 1 and r.score_of("b") == 50.0
    with pytest.raises(InputError, match=r"unknown option 'c' \(ranked: a, b\)\."):
        r.rank_of("c")
    with pytest.raises(InputError, match=r"unknown option 'aa'; did you mean 'a'\?"):
        r.score_of("aa")


def test_ranking_copies_instead_of_freezing_the_callers_arrays() -> None:
    V, w, totals = V2.copy(), W2.copy(), np.array([3.0, 4.0])
    r = rank_values(V, w, options=IDS, names=IDS, criteria=("x", "y"), totals=totals)
    for arr in (V, w, totals):
        assert arr.flags.writeable
    V[0, 0] = -1.0
    assert r.values[0, 0] == 100.0 and not r.values.flags.writeable
    assert r.totals is not None and not r.totals.flags.writeable


def test_ranking_refuses_repeated_ids_when_built_directly() -> None:
    with pytest.raises(InputError, match="option ids must be unique"):
        Ranking(
            title="t", weight_set="w", options=("a", "a"), names=("a", "a"), criteria=("x",),
            weights=np.array([1.0]), values=np.zeros((2, 1)), scores=np.zeros(2),
            ranks=np.ones(2, dtype=np.int64), totals=None, contributions=np.zeros((2, 1)),
            dominated_by=((), ()),
        )  # fmt: skip


def test_csv_and_compare_stay_in_step_with_shuffled_ids(repo: object) -> None:
    rnd = np.random.default_rng(3)
    m = 40
    V = rnd.integers(0, 5, size=(m, 3)) * 25.0
    ids = tuple(f"id-{x}" for x in rnd.permutation(m))
    names = tuple(f"Name of {i}" for i in ids)
    r = rank_values(V, np.full(3, 1 / 3), options=ids, names=names, criteria=("a", "b", "c"))
    rows = [line.split(",") for line in r.to_csv().splitlines()[1:]]
    for rank, option, name, score, _ in rows:
        assert name == f"Name of {option}"
        assert int(rank) == r.rank_of(option)
        assert float(score) == pytest.approx(r.score_of(option))
    from appraisal.compare import compare

    c = compare(appraisal.load(str(repo)))
    assert c.to_dict()["options"][0]["option"] == "integrated-transformation"


def test_rank_accepts_no_empty_weight_set_name(repo: object) -> None:
    # `weights or "equal"` treated "" as equal weights; "" is simply not a weight set's name
    case = appraisal.load(str(repo))
    with pytest.raises(InputError):
        case.rank("")


def test_compare_refuses_a_single_string_or_no_names(repo: object) -> None:
    from appraisal.compare import compare

    case = appraisal.load(str(repo))
    with pytest.raises(InputError, match=r"names must be a list of weight set names, got 'equal'"):
        compare(case, "equal")
    with pytest.raises(InputError, match="names is empty"):
        compare(case, [])
    c = compare(case, ["dfe-intervention", "equal"])
    assert c.weight_sets == ("dfe-intervention", "equal")
    assert [r.weight_set for r in c.rankings] == ["dfe-intervention", "equal"]
