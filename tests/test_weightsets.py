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
    from appraisal.values import value_matrix

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
