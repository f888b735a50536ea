"""Matrix: the YAML path and the in-memory path (arrays, DataFrame) give the same answers."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

import appraisal
from appraisal import Matrix, analysis
from appraisal.errors import InputError
from appraisal.matrix.case_values import raw_matrix

REPO = Path(__file__).resolve().parent.parent
DEPOT = REPO / "examples" / "depot-relocation"


def _close(a: object, b: object, where: str = "") -> None:
    """Equal JSON-like values, numbers within 1e-9."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert sorted(a) == sorted(b), where
        for key in a:
            _close(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple):
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{where}[{n}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-9), where
    else:
        assert a == b, where


def _same(a: appraisal.Appraisal | Matrix, b: Matrix, weights: object = None) -> None:
    """Rankings, one-way thresholds and SMAA (same seed) agree."""
    ra, rb = analysis.rank(a, weights), analysis.rank(b)
    assert ra.top == rb.top
    np.testing.assert_allclose(ra.scores, rb.scores, atol=1e-12)
    oa, ob = analysis.oneway(a, weights).to_dict(), analysis.oneway(b).to_dict()
    _close(oa, ob, "oneway")
    sa = analysis.smaa(a, samples=3000, seed=7, weights=weights).to_dict()
    sb = analysis.smaa(b, samples=3000, seed=7, weights=None if weights is None else b.w).to_dict()
    for key in ("acceptability", "central_weights", "confidence", "options", "criteria"):
        _close(sa[key], sb[key], key)


def test_birmingham_from_arrays_matches_the_yaml_path() -> None:
    case = appraisal.load(REPO)
    raw, _ = raw_matrix(case)
    m = Matrix.from_arrays(
        raw,
        options=case.option_ids,
        criteria=case.criterion_ids,
        directions=[c.direction for c in case.criteria],
        levels=[1, 2, 3, 4, 5],
    )
    yaml = Matrix.from_appraisal(case)
    for name in ("V", "w", "slope", "level_step", "level_down", "level_up"):
        np.testing.assert_allclose(getattr(m, name), getattr(yaml, name), err_msg=name)
    _same(case, m)
    assert analysis.rank(m).top == case.rank().top == ("integrated-transformation",)


def test_birmingham_from_a_shuffled_frame_matches_the_yaml_path() -> None:
    pd = pytest.importorskip("pandas")
    case = appraisal.load(REPO)
    raw, _ = raw_matrix(case)
    df = pd.DataFrame(raw, index=list(case.option_ids), columns=list(case.criterion_ids))
    rows, cols = list(df.index), list(df.columns)
    random.Random(3).shuffle(rows)
    random.Random(4).shuffle(cols)
    m = Matrix.from_frame(df.loc[rows, cols], levels=[1, 2, 3, 4, 5])
    ranked = analysis.rank(m)
    expected = case.rank()
    for option in case.option_ids:
        assert ranked.score_of(option) == pytest.approx(expected.score_of(option))
        assert ranked.rank_of(option) == expected.rank_of(option)


@pytest.mark.parametrize("named_set", [False, True])
def test_depot_values_from_arrays_match_the_yaml_path(named_set: bool) -> None:
    case = appraisal.load(DEPOT)
    weights = case.weight_set_names[-1] if named_set else None
    yaml = Matrix.from_appraisal(case, weights)
    m = Matrix.from_arrays(
        yaml.V,
        None if weights is None else yaml.w,
        options=yaml.options,
        criteria=yaml.criteria,
        bounds=(0, 100),
        ranges=(yaml.value_low, yaml.value_high),
    )
    _same(case, m, weights)


def test_a_frame_with_two_cost_criteria_in_three_lines() -> None:
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        rng.integers(1, 100, size=(8, 6)),
        index=[f"option-{i}" for i in range(8)],
        columns=["quality", "reach", "speed", "risk", "cost", "fit"],
    )
    m = Matrix.from_frame(df, directions={"cost": "cost", "risk": "cost"})
    r = analysis.rank(m)
    best = df["cost"].idxmin()
    assert m.V[list(m.options).index(best), m.criteria.index("cost")] == 100.0
    assert len(r.options) == 8 and set(r.top) <= set(df.index)


def test_the_callers_arrays_are_not_changed_or_shared() -> None:
    X = np.array([[1.0, 5.0], [3.0, 2.0]])
    m = Matrix.from_arrays(X, [1, 3], options=["a", "b"], criteria=["x", "y"])
    assert X.tolist() == [[1.0, 5.0], [3.0, 2.0]]
    assert not m.V.flags.writeable
    assert m.w.tolist() == [0.25, 0.75]


def test_unweighted_criteria_are_cut_once_and_refuse_weight() -> None:
    m = Matrix.from_arrays(
        [[1, 2, 3], [3, 2, 1]],
        options=["a", "b"],
        criteria=["x", "y", "z"],
        weighted=[True, False, True],
    )
    assert m.criteria == ("x", "z") and m.unweighted == ("y",)
    assert m.w.tolist() == [0.5, 0.5]
    with pytest.raises(InputError, match=r"weights: y carry no weight"):
        m.with_weights({"y": 1, "x": 1})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"X": [[1, 2]], "options": ["a", "b"]}, "options must be 1 non-empty strings"),
        ({"X": [[1, float("nan")]]}, "X must be finite; row 0, column 1 is nan."),
        (
            {"X": [[1, 2]], "directions": ["benefit", "worse"]},
            "directions: worse (allowed: benefit, cost).",
        ),
        ({"X": [[1, 2]], "directions": {"nope": "cost"}}, "directions: unknown criteria nope"),
        ({"X": [[1, 7]], "bounds": (0, 5)}, "scores outside their bounds: row 0 y = 7."),
        (
            {"X": [[1, 2.5]], "levels": [1, 2, 3]},
            "scores not on the levels [1.0, 2.0, 3.0]: a.y = 2.5.",
        ),
        ({"X": [[1, 2]], "w": [1, -1]}, "weights must not be negative."),
        ({"X": [[1, 2]], "w": [0, 0]}, "weights must not all be zero."),
        ({"X": [[1, 2]], "w": [1, True]}, "weights: 1: expected a number, got True."),
        ({"X": [[1, 2]], "w": {"q": 1}}, "weights: unknown criteria q"),
        (
            {"X": [[1, 2]], "options": "a"},
            "options must be a sequence of 1 strings, got one string 'a'.",
        ),
        ({"X": [1, 2]}, "X must be a 2-d table"),
    ],
)
def test_bad_arrays_are_refused_with_a_clear_message(
    kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"options": ["a"], "criteria": ["x", "y"], **kwargs}
    X = args.pop("X")
    w = args.pop("w", None)
    with pytest.raises(InputError) as info:
        Matrix.from_arrays(X, w, **args)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_from_frame_refuses_text_columns_and_ids_given_twice() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"x": [1, 2], "label": ["p", "q"]}, index=["a", "b"])
    with pytest.raises(InputError, match="columns that are not numbers: label"):
        Matrix.from_frame(df)
    with pytest.raises(InputError, match="options: from_frame takes them"):
        Matrix.from_frame(df[["x"]], options=["a", "b"])
    with pytest.raises(InputError, match="from_frame takes a pandas DataFrame, got list"):
        Matrix.from_frame([[1, 2]])
