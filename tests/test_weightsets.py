"""Weight sets read from YAML: the Birmingham sets, the example case, and bad weight files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import appraisal
from appraisal.model import WeightSet

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "depot-relocation"


@pytest.fixture(scope="module")
def case() -> appraisal.Appraisal:
    return appraisal.load(Path(__file__).resolve().parent.parent)


def test_equal_always_available_and_first(case: appraisal.Appraisal) -> None:
    assert case.weight_set_names[0] == "equal"
    w = case.weights("equal").weights
    assert np.allclose(w, 1 / 19)


def test_birmingham_illustrative_sets(case: appraisal.Appraisal) -> None:
    assert set(case.weight_set_names) == {
        "equal",
        "child-outcomes-first",
        "dfe-intervention",
        "council-view",
    }
    for name in ("child-outcomes-first", "dfe-intervention", "council-view"):
        vec = case.weights(name)
        assert vec.illustrative, name
        assert vec.view and vec.rationale
        assert vec.weights.sum() == pytest.approx(1.0)
        assert (vec.weights >= 0).all()
    assert case.weights("child-outcomes-first").method == "swing"
    dfe = case.weights("dfe-intervention")
    assert dfe.method == "ahp"
    assert dfe.consistency_ratio is not None and dfe.consistency_ratio <= 0.10
    assert case.weights("council-view").method == "groups"


def test_dfe_set_is_equal_within_groups(case: appraisal.Appraisal) -> None:
    vec = case.weights("dfe-intervention")
    by_group: dict[str, list[float]] = {}
    for crit, w in zip(case.criteria, vec.weights, strict=True):
        by_group.setdefault(str(crit.group), []).append(float(w))
    for weights in by_group.values():
        assert max(weights) == pytest.approx(min(weights))
    assert vec.group_weights is not None
    assert sum(vec.group_weights.values()) == pytest.approx(1.0)


def test_council_view_is_group_product(case: appraisal.Appraisal) -> None:
    vec = case.weights("council-view").as_dict()
    # finance 20/100, ROC over two criteria: 3/4 and 1/4
    assert vec["financial-viability"] == pytest.approx(0.20 * 0.75)
    assert vec["financial-stability"] == pytest.approx(0.20 * 0.25)
    # acceptability 10/100 split 2:1 directly
    assert vec["acceptability-local"] == pytest.approx(0.10 * 2 / 3)


def test_unknown_weight_set_suggests(case: appraisal.Appraisal) -> None:
    with pytest.raises(appraisal.InputError, match="did you mean 'council-view'"):
        case.rank("council-veiw")


def test_rank_accepts_mapping_and_weightset(case: appraisal.Appraisal) -> None:
    only_outcomes = case.rank({"outcomes": 1})
    assert only_outcomes.weight_set == "custom"
    ws = WeightSet(method="rank", view="test", rationale="test", rank=list(case.criterion_ids))
    assert case.rank(ws).weights[0] > case.rank(ws).weights[-1]


def test_example_case_exercises_every_method() -> None:
    case = appraisal.load(EXAMPLE)
    methods = {case.weights(n).method for n in case.weight_set_names}
    assert methods == {"equal", "direct", "swing", "rank", "ahp", "groups"}
    formulas = {case.weights(n).formula for n in case.weight_set_names} - {None}
    assert formulas == {"roc", "rank-sum", "rank-reciprocal"}
    assert appraisal.validate(EXAMPLE) == []


def test_example_gate_screens_out_riverside() -> None:
    ranking = appraisal.load(EXAMPLE).rank()
    assert "riverside" not in ranking.options
    assert ranking.screened_out[0][0] == "riverside"
    assert "legal-compliance" in ranking.screened_out[0][1]


def test_example_numeric_values() -> None:
    from appraisal.matrix.case_values import value_matrix

    case = appraisal.load(EXAMPLE)
    V = value_matrix(case)
    ids = list(case.option_ids)
    cost = list(case.criterion_ids).index("capital-cost")
    # cost criterion, global anchors 0..40 £m: £8m -> 80, £28m -> 30
    assert V[ids.index("shared"), cost] == pytest.approx(80.0)
    assert V[ids.index("north-site"), cost] == pytest.approx(30.0)
    time = list(case.criterion_ids).index("delivery-time")
    # piecewise (6,100) (12,80) (24,30) (36,0): 18 months -> 55
    assert V[ids.index("refurbish"), time] == pytest.approx(55.0)
    carbon = list(case.criterion_ids).index("carbon-saving")
    # local anchors: the options' own range 150..900
    assert V[:, carbon].min() == 0.0 and V[:, carbon].max() == 100.0


BAD_WEIGHTS = {
    "unknown-criterion": (
        "  bad:\n    view: v\n    rationale: r\n    method: direct\n    weights: {outcome: 1}\n",
        ["unknown criterion 'outcome'; did you mean 'outcomes'?", "no weight for"],
    ),
    "negative": (
        "  bad:\n    view: v\n    rationale: r\n    method: swing\n    swing: {"
        + ", ".join(f"{c}: 10" for c in ["outcomes"])
        + "}\n",
        ["no weight for"],
    ),
    "ahp-out-of-scale": (
        "  bad:\n    view: v\n    rationale: r\n    method: ahp\n    over: groups\n"
        "    judgements:\n      - [outcomes, finance, 12]\n",
        ["12 is outside Saaty's scale (1/9 to 9).", "missing judgements"],
    ),
    "ahp-both-ways": (
        "  bad:\n    view: v\n    rationale: r\n    method: ahp\n    over: groups\n"
        "    judgements:\n      - [outcomes, finance, 3]\n      - [finance, outcomes, 3]\n",
        ["judged inconsistently"],
    ),
    "rank-malformed": (
        "  bad:\n    view: v\n    rationale: r\n    method: rank\n    rank: [outcomes, outcomes]\n",
        ["'outcomes' is ranked twice", "not ranked; every criterion must appear once."],
    ),
    "wrong-key-for-method": (
        "  bad:\n    view: v\n    rationale: r\n    method: direct\n    swing: {outcomes: 1}\n",
        ["'swing' belongs to method 'swing'", "method 'direct' needs the key 'weights'"],
    ),
    "all-zero": (
        "  bad:\n    view: v\n    rationale: r\n    method: direct\n    weights: {"
        + ", ".join(
            f"{c}: 0"
            for c in (
                "outcomes vision break-from-past cultural-change practice recruitment-retention "
                "financial-stability leadership pace corporate-alignment accountability "
                "political-leadership external-capacity partnerships acceptability-dfe "
                "acceptability-local financial-viability speed transparency-dfe"
            ).split()
        )
        + "}\n",
        ["all weights are zero"],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_WEIGHTS))
def test_bad_weight_files_report_file_and_line(name: str, case_copy: Path) -> None:
    body, expected = BAD_WEIGHTS[name]
    (case_copy / "criteria" / "weights.yaml").write_text(
        "schema_version: 1\nweight_sets:\n" + body, encoding="utf-8"
    )
    issues = [i for i in appraisal.validate(case_copy) if i.severity == "error"]
    text = "\n".join(str(i) for i in issues)
    for fragment in expected:
        assert fragment in text, text
    for issue in issues:
        assert issue.file.endswith("criteria/weights.yaml")
        assert issue.line >= 3


TINY_CRITERIA = """schema_version: 1
title: Tiny
scales:
  s: {levels: [{value: 1, label: Low}, {value: 2, label: High}]}
criteria:
  - {id: a, name: A, scale: s}
  - {id: b, name: B, scale: s}
  - {id: c, name: C, scale: s}
"""
TINY_OPTION = """schema_version: 1
id: x
name: X
scores:
  a: {score: 1, rationale: r}
  b: {score: 2, rationale: r}
  c: {score: 1, rationale: r}
"""


def test_inconsistent_ahp_warns_naming_judgements(tmp_path: Path) -> None:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria" / "criteria.yaml").write_text(TINY_CRITERIA, encoding="utf-8")
    (tmp_path / "options" / "x.yaml").write_text(TINY_OPTION, encoding="utf-8")
    (tmp_path / "criteria" / "weights.yaml").write_text(
        "schema_version: 1\nweight_sets:\n  circular:\n    view: v\n    rationale: r\n"
        "    method: ahp\n    judgements:\n      - [a, b, 9]\n      - [b, c, 9]\n"
        "      - [c, a, 9]\n",
        encoding="utf-8",
    )
    issues = appraisal.validate(tmp_path)
    assert [i.severity for i in issues] == ["warning"]
    (warning,) = issues
    assert warning.file.endswith("criteria/weights.yaml")
    assert (warning.line, warning.path) == (7, "weight_sets.circular.judgements")
    assert "consistency ratio" in warning.message and "above 0.10" in warning.message
    assert " vs " in warning.message
    assert appraisal.load(tmp_path).weights("circular").consistency_ratio > 0.10


# --- rescaling is never silent ------------------------------------------------------------


def _tiny_case(tmp_path: Path, weights_body: str) -> Path:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria" / "criteria.yaml").write_text(TINY_CRITERIA, encoding="utf-8")
    (tmp_path / "options" / "x.yaml").write_text(TINY_OPTION, encoding="utf-8")
    (tmp_path / "criteria" / "weights.yaml").write_text(
        "schema_version: 1\nweight_sets:\n  s:\n    view: v\n    rationale: r\n" + weights_body,
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("values", "warned"),
    [
        ((10, 20, 7), True),  # 37
        ((33.3, 33.3, 33.3), True),  # 99.9
        ((0.33, 0.33, 0.33), True),  # 0.99
        ((2, 1, 1), True),  # ratios
        ((0, 0, 5), True),
        ((1e-300, 1e-300, 1e-300), True),
        ((1e300, 1e300, 1e300), True),
        ((50, 30, 20), False),
        ((0.1, 0.2, 0.7), False),  # 1.0000000000000002 in floating point
        ((33.33, 33.33, 33.34), False),
        ((0, 0, 1), False),
        ((0, 100, 0), False),
    ],
)
def test_direct_weights_not_summing_to_1_or_100_warn(
    tmp_path: Path, values: tuple[float, float, float], warned: bool
) -> None:
    a, b, c = values
    case = _tiny_case(tmp_path, f"    method: direct\n    weights: {{a: {a}, b: {b}, c: {c}}}\n")
    issues = appraisal.validate(case)
    assert all(i.severity == "warning" for i in issues)
    assert len(issues) == int(warned)
    if warned:
        (w,) = issues
        assert (w.line, w.path) == (7, "weight_sets.s.weights")
        assert w.message.startswith(f"weights sum to {sum(values):.6g}; they are rescaled")
    weights = appraisal.load(case).weights("s").weights
    assert weights.sum() == pytest.approx(1.0)
    assert np.allclose(weights, np.array(values) / sum(values))


def test_swing_without_a_100_warns_and_within_groups_too(case_copy: Path) -> None:
    path = case_copy / "criteria" / "weights.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "          political-leadership: 100\n", "          political-leadership: 80\n"
    )
    path.write_text(text, encoding="utf-8")
    issues = [i for i in appraisal.validate(case_copy) if "swing" in i.message]
    assert len(issues) == 1
    (w,) = issues
    assert w.severity == "warning"
    assert w.path == "weight_sets.council-view.within.governance.swing"
    assert "no swing has 100 points (the largest has 90)" in w.message


GROUPED_CRITERIA = """schema_version: 1
title: Grouped
scales:
  s: {levels: [{value: 1, label: Low}, {value: 2, label: High}]}
groups:
  - {id: g1, name: G1}
  - {id: g2, name: G2}
  - {id: g3, name: G3}
criteria:
  - {id: a, name: A, scale: s, group: g1}
  - {id: b, name: B, scale: s, group: g2}
  - {id: c, name: C, scale: s, group: g3}
  - {id: d, name: D, scale: s, group: g3}
"""


def test_a_rescale_warning_does_not_stop_the_other_checks_of_the_set(tmp_path: Path) -> None:
    """One set with a rescale note (within g3) and an inconsistent AHP over the groups: the
    note must not stop the set being computed, so both warnings are given."""
    (tmp_path / "criteria").mkdir()
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria" / "criteria.yaml").write_text(GROUPED_CRITERIA, encoding="utf-8")
    (tmp_path / "options" / "x.yaml").write_text(
        TINY_OPTION.replace(
            "  c: {score: 1, rationale: r}\n",
            "  c: {score: 1, rationale: r}\n  d: {score: 2, rationale: r}\n",
        ),
        encoding="utf-8",
    )
    (tmp_path / "criteria" / "weights.yaml").write_text(
        "schema_version: 1\nweight_sets:\n  s:\n    view: v\n    rationale: r\n"
        "    method: ahp\n    over: groups\n    judgements:\n      - [g1, g2, 9]\n"
        "      - [g2, g3, 9]\n      - [g3, g1, 9]\n"
        "    within:\n      g3: {method: direct, weights: {c: 2, d: 1}}\n",
        encoding="utf-8",
    )
    issues = appraisal.validate(tmp_path)
    assert [(i.severity, i.path) for i in issues] == [
        ("warning", "weight_sets.s.judgements"),
        ("warning", "weight_sets.s.within.g3.weights"),
    ]
    assert "consistency ratio" in issues[0].message
    assert issues[1].message.startswith("weights sum to 3;")


def test_groups_direct_note_and_within_consistency_both_reported(case_copy: Path) -> None:
    path = case_copy / "criteria" / "weights.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "        outcomes: 25\n", "        outcomes: 26\n"
    )
    path.write_text(text, encoding="utf-8")
    issues = [i for i in appraisal.validate(case_copy) if "rating" not in i.path]
    assert [(i.severity, i.path) for i in issues] == [
        ("warning", "weight_sets.council-view.groups.weights")
    ]
    assert issues[0].message.startswith("weights sum to 101;")
    vec = appraisal.load(case_copy).weights("council-view")
    assert vec.group_weights is not None
    assert vec.group_weights["outcomes"] == pytest.approx(26 / 101)


def test_weights_command_says_the_weights_were_rescaled(tmp_path: Path) -> None:
    import io

    from appraisal.cli import main

    case = _tiny_case(tmp_path, "    method: direct\n    weights: {a: 10, b: 20, c: 7}\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["weights", str(case)], stdout=out, stderr=err) == 0
    assert (
        f"{case.as_posix()}/criteria/weights.yaml:7:5: warning: weight_sets.s.weights: "
        "weights sum to 37; they are rescaled to sum to 1"
    ) in err.getvalue()
