"""Value functions at the edges of the number range, anchors at 0, and bad arguments."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import appraisal
from appraisal.cli import main
from appraisal.errors import InputError
from appraisal.matrix.case_values import linear_values, piecewise_values, value_matrix

SETTINGS = settings(max_examples=150, deadline=None)


def numeric_case(
    root: Path, scale: str, scores: dict[str, str], direction: str = "benefit"
) -> Path:
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    crit = (
        f"schema_version: 1\ntitle: Extreme numbers\nscales:\n  num: {scale}\ncriteria:\n"
        f"  - {{id: size, name: Size, scale: num, direction: {direction}}}\n"
    )
    (root / "criteria" / "criteria.yaml").write_text(crit, encoding="utf-8")
    for oid, score in scores.items():
        (root / "options" / f"{oid}.yaml").write_text(
            f"schema_version: 1\nid: {oid}\nname: Option {oid}\nsummary: s\n"
            f"scores:\n  size: {{score: {score}, rationale: r}}\n",
            encoding="utf-8",
        )
    return root


def values_by_id(root: Path) -> dict[str, float]:
    case = appraisal.load(root)
    V = value_matrix(case)
    return {o.id: float(V[i, 0]) for i, o in enumerate(case.options)}


def test_a_scale_with_max_zero_is_not_treated_as_max_one(tmp_path: Path) -> None:
    # audit reproducer: `scale.max or 1.0` turned max 0 into 1: 0 / 49.50 / 99.01
    root = numeric_case(tmp_path, "{min: -100, max: 0}", {"c": "0", "a": "-100", "b": "-50"})
    assert values_by_id(root) == {"a": 0.0, "b": 50.0, "c": 100.0}


def test_a_scale_with_min_zero_and_cost_direction(tmp_path: Path) -> None:
    root = numeric_case(tmp_path, "{min: 0, max: 8}", {"z": "0", "y": "2", "x": "8"}, "cost")
    assert values_by_id(root) == {"x": 0.0, "y": 75.0, "z": 100.0}


def test_local_anchors_with_a_score_of_1e307_give_finite_values(tmp_path: Path) -> None:
    # audit reproducer: 100 * (x - lo) overflowed to inf before dividing, and JSON crashed
    root = numeric_case(
        tmp_path, "{anchors: local, unit: t}", {"b": "1.0e+307", "a": "0", "c": "5.0e+306"}
    )
    assert values_by_id(root) == {"a": 0.0, "b": 100.0, "c": 50.0}
    out = tmp_path / "rank.json"
    assert main(["rank", str(root), "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(r["option"], r["rank"], r["score"]) for r in data["ranking"]] == [
        ("b", 1, 100.0), ("c", 2, 50.0), ("a", 3, 0.0),
    ]  # fmt: skip


def test_a_scale_spanning_the_whole_float_range_ranks_properly(tmp_path: Path) -> None:
    # audit reproducer: hi - lo overflowed, every value was NaN and every option "tied"
    root = numeric_case(
        tmp_path,
        "{min: -1.0e+308, max: 1.0e+308}",
        {"mid": "0", "top": "1.0e+308", "low": "-1.0e+308", "q": "5.0e+307"},
    )
    assert values_by_id(root) == {"low": 0.0, "mid": 50.0, "q": 75.0, "top": 100.0}
    r = appraisal.load(root).rank()
    assert [r.options[i] for i in r.order] == ["top", "q", "mid", "low"]
    assert r.ties == ()
    out = tmp_path / "rank.json"
    assert main(["rank", str(root), "--format", "json", "--output", str(out)]) == 0
    totals = [row["total"] for row in json.loads(out.read_text(encoding="utf-8"))["ranking"]]
    assert totals == [1e308, 5e307, 0, -1e308]  # floats, not 309-digit integers
    assert "1e+308" in r.to_text()


def test_totals_that_overflow_are_dropped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria" / "criteria.yaml").write_text(
        "schema_version: 1\ntitle: T\nscales:\n  num: {min: 0, max: 1.7e+308}\ncriteria:\n"
        "  - {id: a, name: A, scale: num}\n  - {id: b, name: B, scale: num}\n",
        encoding="utf-8",
    )
    for oid, x in (("p", "1.7e+308"), ("q", "0")):
        (tmp_path / "options" / f"{oid}.yaml").write_text(
            f"schema_version: 1\nid: {oid}\nname: {oid}\nsummary: s\nscores:\n"
            f"  a: {{score: {x}, rationale: r}}\n  b: {{score: {x}, rationale: r}}\n",
            encoding="utf-8",
        )
    r = appraisal.load(tmp_path).rank()
    assert r.totals is None
    assert any("totals" in w and "number range" in w for w in r.warnings)
    assert r.scores.tolist() == [100.0, 0.0]


@pytest.mark.parametrize(
    ("worst", "best", "x", "expected"),
    [
        (-1e308, 1e308, [-1e308, 0.0, 1e308], [0.0, 50.0, 100.0]),
        (1.7e308, -1.7e308, [1.7e308, -1.7e308], [0.0, 100.0]),
        (0.0, 1e307, [1e307, 5e306], [100.0, 50.0]),
        (0.0, 5e-324, [5e-324, 0.0], [100.0, 0.0]),
        (0.0, 2.2e-308, [1.1e-308], [50.0]),
        (-100.0, 0.0, [-50.0], [50.0]),
    ],
)
def test_linear_values_at_the_edges(
    worst: float, best: float, x: list[float], expected: list[float]
) -> None:
    got = linear_values(np.array(x), worst, best)
    assert got.tolist() == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert np.isfinite(got).all()


def test_linear_values_beyond_the_anchors_overflow_to_inf_not_nan() -> None:
    got = linear_values(np.array([1.7e308, -1.7e308]), worst=0.0, best=1e-300)
    assert got.tolist() == [math.inf, -math.inf]


@SETTINGS
@given(
    arrays(np.float64, st.integers(2, 6), elements=st.floats(0, 100), unique=True),
    arrays(np.float64, 30, elements=st.floats(-50, 150)),
)
@example(xs=np.array([0.0, 2.2e-308]), x=np.full(30, 1e-308))
def test_piecewise_is_finite_monotone_and_exact_at_its_points(
    xs: np.ndarray, x: np.ndarray
) -> None:
    xs = np.sort(xs)
    vs = np.linspace(0.0, 100.0, xs.size)
    pts = np.column_stack([xs, vs])
    v = piecewise_values(np.sort(x), pts)
    assert np.isfinite(v).all()
    assert (np.diff(v) >= 0).all()
    assert (v >= 0).all() and (v <= 100).all()
    assert piecewise_values(xs, pts).tolist() == vs.tolist()


@pytest.mark.parametrize(
    ("points", "x", "expected"),
    [
        ([[0.0, 0.0], [2.2e-308, 100.0]], [1.1e-308, 0.0, 1.0, -1.0], [50.0, 0.0, 100.0, 0.0]),
        ([[-1.7e308, 100.0], [1.7e308, 0.0]], [0.0, 1.7e308], [50.0, 0.0]),
        ([[0.0, 10.0], [5e-324, 90.0]], [5e-324], [90.0]),
    ],
)
def test_piecewise_spans_tiny_and_huge(
    points: list[list[float]], x: list[float], expected: list[float]
) -> None:
    got = piecewise_values(np.array(x), np.array(points))
    assert got.tolist() == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([math.nan], 0.0, 1.0), r"x must be finite numbers; x\[0\] is nan"),
        (([1.0], math.inf, 1.0), r"worst must be a finite number, got inf"),
        (([1.0], 0.0, "1"), r"best must be a finite number, got '1'"),
        (([1.0], 2.0, 2.0), r"worst and best must differ, got 2 for both"),
        ((["a"], 0.0, 1.0), "real numbers"),
    ],
)
def test_linear_values_refuses_bad_arguments(args: tuple[object, ...], match: str) -> None:
    with pytest.raises(InputError, match=match):
        linear_values(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("x", "points", "match"),
    [
        ([1.0], [[0.0, 0.0]], r"at least two \[score, value\] rows, got shape \(1, 2\)"),
        ([1.0], [[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]], r"got shape \(2, 3\)"),
        ([1.0], [[0.0, 0.0], [0.0, 100.0]], r"strictly increasing scores; points\[1\] has score 0"),
        ([1.0], [[0.0, 0.0], [math.nan, 100.0]], r"points\[1, 0\] is nan"),
        ([math.inf], [[0.0, 0.0], [1.0, 100.0]], r"x\[0\] is inf"),
    ],
)
def test_piecewise_values_refuses_bad_arguments(x: object, points: object, match: str) -> None:
    with pytest.raises(InputError, match=match):
        piecewise_values(x, points)  # type: ignore[arg-type]


def test_value_functions_do_not_change_the_callers_arrays() -> None:
    x = np.array([1.0, 2.0])
    pts = np.array([[0.0, 0.0], [4.0, 100.0]])
    piecewise_values(x, pts)
    linear_values(x, 0.0, 4.0)
    assert x.tolist() == [1.0, 2.0] and pts.tolist() == [[0.0, 0.0], [4.0, 100.0]]
