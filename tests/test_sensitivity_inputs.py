"""Every public sensitivity function refuses bad arguments with an InputError (audit item 5).

Each message names the argument and the offending value and ends with a period. Before, NaN,
infinite, negative and all-zero weights went straight into the arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import appraisal
from appraisal.errors import InputError
from appraisal.sensitivity import (
    min_weight_change,
    oneway,
    oneway_lines,
    project_simplex,
    score_switching,
    tornado,
)

V = np.array([[100.0, 0.0, 50.0], [40.0, 80.0, 50.0], [0.0, 100.0, 25.0]])
W = np.array([0.5, 0.3, 0.2])
IDS: dict[str, Any] = {"options": ["A", "B", "C"], "criteria": ["x", "y", "z"]}
SLOPE = np.array([25.0, -25.0, 1.0])


def _oneway(**kw: Any) -> Any:
    args: dict[str, Any] = {"V": V, "w": W, **IDS, **kw}
    return oneway(args.pop("V"), args.pop("w"), **args)


def _switching(**kw: Any) -> Any:
    args: dict[str, Any] = {"V": V, "w": W, **IDS, "slope": SLOPE, **kw}
    return score_switching(args.pop("V"), args.pop("w"), **args)


def _distance(**kw: Any) -> Any:
    args: dict[str, Any] = {"V": V, "w": W, **IDS, **kw}
    return min_weight_change(args.pop("V"), args.pop("w"), **args)


def _tornado(**kw: Any) -> Any:
    args: dict[str, Any] = {"V": V, "w": W, **IDS, "level_step": np.full(3, 25.0), **kw}
    return tornado(args.pop("V"), args.pop("w"), **args)


KERNELS: list[Callable[..., Any]] = [_oneway, _switching, _distance, _tornado]

NAN_V = V.copy()
NAN_V[1, 2] = np.nan
INF_V = V.copy()
INF_V[0, 1] = np.inf

# (keyword arguments, regex the message must match)
COMMON_BAD: list[tuple[dict[str, Any], str]] = [
    ({"w": np.array([0.5, np.nan, 0.5])}, r"^w: weights must be finite numbers, got \[0\.5, nan"),
    ({"w": np.array([0.5, np.inf, 0.5])}, r"^w: weights must be finite numbers, got .*inf"),
    ({"w": np.array([0.7, -0.2, 0.5])}, r"^w: weights must be non-negative, got \[0\.7, -0\.2"),
    ({"w": np.zeros(3)}, r"^w: at least one weight must be positive, got \[0, 0, 0\]"),
    ({"w": np.array([1.0, 1.0, 2.0])}, r"^w: weights must sum to 1, got \[1, 1, 2\] \(sum 4\)"),
    ({"w": np.array([0.5, 0.5])}, r"^w: expected 3 weights \(one per criterion\), got shape"),
    ({"w": np.ones((3, 1)) / 3}, r"^w: expected 3 weights"),
    ({"w": ["a", "b", "c"]}, r"^w: expected a vector of weights, got \['a'"),
    ({"V": NAN_V}, r"^V: values must be finite numbers, got nan at row 1, column 2"),
    ({"V": INF_V}, r"^V: values must be finite numbers, got inf at row 0, column 1"),
    ({"V": V[0]}, r"^V: expected a 2-D matrix \(options x criteria\), got shape \(3,\)"),
    ({"V": V[:, :2]}, r"^V: expected shape \(3, 3\) .*got \(3, 2\)"),
    ({"options": ["A", "B"]}, r"^V: expected shape \(2, 3\) .*got \(3, 3\)"),
    ({"criteria": ["x", "y", "z", "t"]}, r"^V: expected shape \(3, 4\) .*got \(3, 3\)"),
    ({"options": ["A", "B", "A"]}, r"^options: 'A' appears twice; ids must be unique"),
    ({"criteria": ["x", "x", "z"]}, r"^criteria: 'x' appears twice"),
    ({"options": "ABC"}, r"^options: expected a sequence of ids, got the single string 'ABC'"),
    ({"criteria": ["x", 2, "z"]}, r"^criteria: ids must be strings, got 2 \(int\)"),
    (
        {"V": V[:1], "options": ["A"]},
        r"^options: sensitivity analysis needs at least two options, got 1",
    ),
]


@pytest.mark.parametrize("kernel", KERNELS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize(("kwargs", "pattern"), COMMON_BAD)
def test_every_kernel_refuses_bad_arrays_and_ids(
    kernel: Callable[..., Any], kwargs: dict[str, Any], pattern: str
) -> None:
    with pytest.raises(InputError, match=pattern) as info:
        kernel(**kwargs)
    assert str(info.value).endswith(".")


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: _distance(challenger="nobody"), r"^challenger: 'nobody' is not an option"),
        (lambda: _distance(challenger="A"), r"^challenger: 'A' is the top option already"),
        (lambda: _distance(challenger=3), r"^challenger: expected an option id, got 3"),
        (lambda: _switching(slope=np.array([25.0, 0.0, 1.0])), r"^slope: expected 3 finite, non"),
        (lambda: _switching(slope=np.array([25.0, np.inf, 1.0])), r"^slope: .*got \[25.0, inf"),
        (lambda: _switching(slope=np.ones(2)), r"^slope: expected 3"),
        (lambda: _switching(slope="steep"), r"^slope: expected numbers, got 'steep'"),
        (lambda: _switching(value_lo=np.nan), r"^value_lo: expected a finite number, got nan"),
        (lambda: _switching(value_hi="100"), r"^value_hi: expected a number, got '100'"),
        (lambda: _switching(value_lo=100.0, value_hi=0.0), r"^value_lo, value_hi: .*100.0 to 0.0"),
        (lambda: _switching(closest=-1), r"^closest: expected a whole number .*got -1"),
        (lambda: _switching(closest=2.5), r"^closest: .*got 2\.5"),
        (lambda: _tornado(weight_change=1.0), r"^weight_change: .*strictly between 0 and 1, got 1"),
        (lambda: _tornado(weight_change=0), r"^weight_change: .*got 0"),
        (lambda: _tornado(weight_change=-0.2), r"^weight_change: .*got -0\.2"),
        (lambda: _tornado(weight_change=np.nan), r"^weight_change: .*got nan"),
        (lambda: _tornado(weight_change=True), r"^weight_change: .*got True"),
        (lambda: _tornado(weight_change="0.2"), r"^weight_change: .*got '0\.2'"),
        (lambda: _tornado(level_step=np.array([25.0, np.inf, 1.0])), r"^level_step: .*inf"),
        (lambda: _tornado(level_step=np.ones(2)), r"^level_step: expected 3"),
        (
            lambda: _tornado(level_values=(V, V)),
            r"^level_step, level_values: give one of them, not both",
        ),
        (
            lambda: _tornado(level_step=None, level_values=(V, V[:2])),
            r"^level_values: expected two \(3, 3\) matrices",
        ),
        (
            lambda: _tornado(level_step=None, level_values=(V, NAN_V)),
            r"^level_values: .*1 non-finite",
        ),
        (lambda: _tornado(level_step=None, level_values=V), r"^level_values: expected two"),
        (lambda: oneway_lines(V, np.array([0.5, np.nan, 0.5])), r"^w: weights must be finite"),
        (lambda: oneway_lines(V, np.array([0.5, 0.5])), r"^w: expected 3 weights"),
        (lambda: oneway_lines(NAN_V, W), r"^V: values must be finite numbers, got nan"),
        (lambda: oneway_lines(V, -W), r"^w: weights must be non-negative"),
        (lambda: project_simplex(np.array([0.2, np.nan])), r"^y: expected finite numbers"),
        (lambda: project_simplex(np.zeros(0)), r"^y: expected a non-empty vector, got shape"),
        (
            lambda: project_simplex(np.eye(2)),
            r"^y: expected a non-empty vector, got shape \(2, 2\)",
        ),
        (lambda: _oneway().sensitivity("nope"), r"^criterion: 'nope' is not a criterion"),
        (lambda: _oneway().crossovers("nope"), r"^criterion: 'nope' is not a criterion"),
        (lambda: _oneway().lines("nope"), r"^criterion: 'nope' is not a criterion"),
        (lambda: _switching().cell("A", "nope"), r"^cell: no cell \('A', 'nope'\)"),
    ],
)
def test_function_specific_arguments(call: Callable[[], Any], pattern: str) -> None:
    with pytest.raises(InputError, match=pattern) as info:
        call()
    assert str(info.value).endswith(".")


def test_inputs_are_not_mutated() -> None:
    V0, w0 = V.copy(), W.copy()
    for kernel in KERNELS:
        kernel()
    oneway_lines(V, W)
    np.testing.assert_array_equal(V, V0)
    np.testing.assert_array_equal(W, w0)


def test_weights_within_rounding_of_one_are_accepted() -> None:
    w = np.array([0.1] * 10)  # sums to 0.9999999999999999
    Vb = np.tile(np.arange(10.0), (2, 1))
    Vb[1] = Vb[1][::-1]
    r = oneway(Vb, w, options=["a", "b"], criteria=[f"c{j}" for j in range(10)])
    assert r.top in ("a", "b")


def test_the_case_level_functions_name_their_arguments(repo: Any) -> None:
    case = appraisal.load(repo)
    with pytest.raises(InputError, match=r"^weight_change: .*got 1\.5\.$"):
        case.tornado(weight_change=1.5)
    with pytest.raises(InputError, match=r"^challenger: unknown option 'nobody'"):
        case.weight_distance(challenger="nobody")
    with pytest.raises(InputError, match="weights must be finite and non-negative"):
        case.oneway({"outcomes": float("nan")})
    with pytest.raises(InputError, match="at least one weight must be positive"):
        case.weight_distance({"outcomes": 0})


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"samples": 0}, r"^samples: .*got 0\.$"),
        ({"samples": 2.5}, r"^samples: .*got 2\.5\.$"),
        ({"samples": True}, r"^samples: .*got True\.$"),
        ({"weights": "equal", "spread": 1.0}, r"^spread: .*strictly between 0 and 1, got 1\.0\.$"),
        ({"weights": "equal", "spread": float("nan")}, r"^spread: .*got nan\.$"),
        ({"constraint": "loose"}, r"^constraint: unknown constraint 'loose' \(allowed: free"),
        ({"uncertainty": "fuzzy"}, r"^uncertainty: unknown uncertainty 'fuzzy' \(allowed:"),
        ({"uncertainty": "levels", "levels": 0}, r"^levels: .*1 or more, got 0\.$"),
        ({"uncertainty": "levels", "levels": 1.5}, r"^levels: .*got 1\.5\.$"),
    ],
)
def test_smaa_on_a_case_names_its_arguments(
    repo: Any, kwargs: dict[str, Any], pattern: str
) -> None:
    case = appraisal.load(repo)
    with pytest.raises(InputError, match=pattern):
        case.smaa(**{"samples": 10, "seed": 0, **kwargs})


# --- orders: results map back by id whatever the order of rows and columns -------------------
@st.composite
def permuted_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, list[int], list[int]]:
    m, k = draw(st.integers(2, 6)), draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    Vr = 25.0 * rng.integers(0, 5, (m, k)) if draw(st.booleans()) else rng.uniform(0, 100, (m, k))
    w = rng.dirichlet(np.ones(k))
    po, pc = draw(st.permutations(range(m))), draw(st.permutations(range(k)))
    return Vr, w, list(po), list(pc)


@settings(max_examples=60, deadline=None)
@given(permuted_cases())
def test_kernels_map_back_by_id_under_shuffled_orders(
    case: tuple[np.ndarray, np.ndarray, list[int], list[int]],
) -> None:
    Vr, w, po, pc = case
    m, k = Vr.shape
    S = Vr @ w
    assume(np.sum(S.max() - S <= 1e-6) == 1)  # which option is "top" must not depend on order
    opts, crits = [f"o{i}" for i in range(m)], [f"c{j}" for j in range(k)]
    Vp, wp = Vr[np.ix_(po, pc)], w[pc]
    named = {"options": opts, "criteria": crits}
    shuffled = {"options": [opts[i] for i in po], "criteria": [crits[j] for j in pc]}
    steps = np.linspace(10.0, 25.0, k) * np.where(np.arange(k) % 2, -1, 1)
    slope = np.linspace(5.0, 25.0, k)

    a, b = oneway(Vr, w, **named), oneway(Vp, wp, **shuffled)
    assert a.top == b.top
    if a.most_critical is None:
        assert b.most_critical is None
    else:  # on a tie of deltas the first in criterion order wins, so compare the deltas
        assert b.most_critical is not None
        assert a.sensitivity(b.most_critical).delta == pytest.approx(
            a.sensitivity(a.most_critical).delta, abs=1e-12
        )
    for c in crits:
        x, y = a.sensitivity(c), b.sensitivity(c)
        assert x.stability_interval == pytest.approx(y.stability_interval, abs=1e-9)
        assert x.ranking_stability_interval == pytest.approx(y.ranking_stability_interval, abs=1e-9)
        assert {(round(z.weight, 9), z.options) for z in a.crossovers(c)} == {
            (round(z.weight, 9), z.options) for z in b.crossovers(c)
        }

    sa = score_switching(Vr, w, **named, slope=slope)
    sb = score_switching(Vp, wp, **shuffled, slope=slope[pc])
    for cell in sa.cells:
        other = sb.cell(cell.option, cell.criterion)
        assert (cell.change is None) == (other.change is None)
        if cell.change is not None and other.change is not None:
            assert other.change == pytest.approx(cell.change, abs=1e-9)

    ta = tornado(Vr, w, **named, level_step=steps)
    tb = tornado(Vp, wp, **shuffled, level_step=steps[pc])
    da = {e.label: (e.low.margin, e.high.margin) for e in ta.entries}
    db = {e.label: (e.low.margin, e.high.margin) for e in tb.entries}
    assert da.keys() == db.keys()
    for label, sides in da.items():
        assert db[label] == pytest.approx(sides, abs=1e-9)


def test_a_screened_out_challenger_is_named_as_such(repo: Any) -> None:
    case = appraisal.load(repo / "examples" / "depot-relocation")
    with pytest.raises(InputError, match=r"^challenger: 'riverside' is screened out \(fails the"):
        case.weight_distance(challenger="riverside")
