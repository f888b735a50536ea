"""Criteria with ``weighted: false`` and gates in every analysis (audit items 1, 2 and siblings).

The reproducer: criteria x and y weighted, z not; options A (100, 0, 0), B (0, 80, 0) and
C (40, 40, 100) on values 0..100. With weights uniform over x and y (w_x = t), A scores 100 t,
B 80 (1 - t) and C 40: A is first for t > 4/9, B for t < 4/9, C never, so the exact first-rank
shares are (5/9, 4/9, 0). Giving z weight (the defect) made C first most of the time.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import appraisal
from appraisal.errors import InputError
from appraisal.matrix.from_case import prepare

CRITERIA = [
    ("x", "points", "benefit", True, None),
    ("y", "points", "benefit", True, None),
    ("z", "points", "benefit", False, None),
]
SCORES = {"A": (100, 0, 0), "B": (0, 80, 0), "C": (40, 40, 100)}
EXACT = {"A": 5 / 9, "B": 4 / 9, "C": 0.0}


def _yaml_scalar(x: Any) -> str:
    return str(x) if isinstance(x, int | float) else f"'{x}'"


def write_case(
    root: Path,
    criteria: list[tuple[str, str, str, bool, str | None]],
    scores: dict[str, tuple[Any, ...]],
    *,
    seed: int | None = None,
    scales: str | None = None,
) -> Path:
    """A case folder: criteria in the given order (shuffled with ``seed``), one file per option.

    Option files get shuffled, odd names so that load order (file-name order) differs from the
    order given.
    """
    order = list(range(len(criteria)))
    opts = list(scores)
    if seed is not None:
        rnd = random.Random(seed)
        rnd.shuffle(order)
        rnd.shuffle(opts)
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    lines = ["schema_version: 1", "title: Unweighted criteria test", "scales:"]
    lines += (
        scales
        or """  points:
    min: 0
    max: 100
  pass-fail:
    levels:
      - {value: 0, label: Fail}
      - {value: 1, label: Pass}
  five-point:
    levels:
      - {value: 1, label: One}
      - {value: 2, label: Two}
      - {value: 3, label: Three}
      - {value: 4, label: Four}
      - {value: 5, label: Five}"""
    ).splitlines()
    lines.append("criteria:")
    for j in order:
        cid, scale, direction, weighted, gate = criteria[j]
        lines += [f"  - id: {cid}", f"    name: Criterion {cid}", f"    scale: {scale}"]
        lines += [f"    direction: {direction}", f"    weighted: {str(weighted).lower()}"]
        if gate is not None:
            lines.append(f"    gate: {{min: {gate}}}")
    (root / "criteria" / "criteria.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n, oid in enumerate(opts):
        body = ["schema_version: 1", f"id: {oid}", f"name: Option {oid}", "scores:"]
        for (cid, *_), score in zip(criteria, scores[oid], strict=True):
            body += [f"  {cid}:", f"    score: {_yaml_scalar(score)}", "    rationale: test."]
        name = f"{n:02d}-{oid.lower()}.yaml"
        (root / "options" / name).write_text("\n".join(body) + "\n", encoding="utf-8")
    return root


def python_case() -> appraisal.Appraisal:
    """The reproducer built with the Python model instead of YAML."""
    return appraisal.Appraisal(
        title="Unweighted criteria test",
        scales={"points": {"min": 0, "max": 100}},
        criteria=[
            {"id": cid, "name": cid, "scale": sc, "direction": d, "weighted": wt}
            for cid, sc, d, wt, _ in CRITERIA
        ],
        options=[
            {
                "schema_version": 1,
                "id": oid,
                "name": oid,
                "scores": {
                    cid: {"score": s, "rationale": "test."}
                    for (cid, *_), s in zip(CRITERIA, row, strict=True)
                },
            }
            for oid, row in SCORES.items()
        ],
    )


def check_first_shares(case: appraisal.Appraisal, n: int = 20_000) -> None:
    r = case.smaa(samples=n, seed=0)
    assert set(r.criteria) == {"x", "y"}
    first = dict(zip(r.options, r.acceptability[:, 0], strict=True))
    for oid, exact in EXACT.items():
        se = max(np.sqrt(exact * (1 - exact) / n), 1 / n)
        assert abs(first[oid] - exact) <= 4 * se, (oid, first[oid], exact)


def check_no_z(case: appraisal.Appraisal) -> None:
    """No analysis weights, sweeps, varies or lists the unweighted criterion z."""
    one = case.oneway()
    assert one.criteria == ("x", "y") or set(one.criteria) == {"x", "y"}
    assert {c["criterion"] for c in one.to_dict()["criteria"]} == {"x", "y"}
    assert set(one.to_dict()["weights"]) == {"x", "y"}
    with pytest.raises(InputError, match="not a criterion"):
        one.sensitivity("z")
    dist = case.weight_distance()
    assert set(dist.criteria) == {"x", "y"}
    assert dist.new_weights is not None and set(dist.to_dict()["new_weights"]) == {"x", "y"}
    tor = case.tornado()
    assert {e.criterion for e in tor.entries} <= {"x", "y"}
    assert not any("z" in (e.label, e.criterion) for e in tor.entries)
    assert "Weight of z" not in tor.to_text() and "z (" not in tor.to_text()
    sw = case.score_switching()
    assert set(sw.criteria) == {"x", "y"}
    for text in (one.to_text(), dist.to_text(), sw.to_text()):
        assert not any(line.split()[:1] == ["z"] for line in text.splitlines())


def test_smaa_gives_no_weight_to_unweighted_criteria_yaml(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "case", CRITERIA, SCORES))
    assert case.rank().top == ("A",)  # rank() already leaves z out: (50, 40, 40)
    check_first_shares(case)


def test_smaa_gives_no_weight_to_unweighted_criteria_python_model() -> None:
    check_first_shares(python_case())


def test_unweighted_criteria_are_never_swept_varied_or_listed(tmp_path: Path) -> None:
    check_no_z(appraisal.load(write_case(tmp_path / "case", CRITERIA, SCORES)))
    check_no_z(python_case())


def test_equal_weights_match_the_ranking(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "case", CRITERIA, SCORES))
    rank = case.rank()
    one = case.oneway()
    for o in rank.options:
        assert one.to_dict()["scores"][o] == pytest.approx(rank.score_of(o), abs=1e-12)
    assert case.tornado().margin == pytest.approx(10.0)  # A 50 over B and C at 40


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_results_map_back_by_id_under_shuffled_orders(tmp_path: Path, seed: int) -> None:
    base = appraisal.load(write_case(tmp_path / "base", CRITERIA, SCORES))
    shuf = appraisal.load(write_case(tmp_path / "shuf", CRITERIA, SCORES, seed=seed))
    assert set(shuf.option_ids) == set(base.option_ids)
    a, b = base.oneway(), shuf.oneway()
    assert a.top == b.top
    for c in ("x", "y"):
        sa, sb = a.sensitivity(c), b.sensitivity(c)
        assert sa.stability_interval == pytest.approx(sb.stability_interval, abs=1e-12)
        assert sa.delta == pytest.approx(sb.delta, abs=1e-12) and sa.challenger == sb.challenger
    da, db = base.weight_distance(challenger="C"), shuf.weight_distance(challenger="C")
    assert da.feasible == db.feasible and da.distance == pytest.approx(db.distance)
    ta = {e.label: (e.low.margin, e.high.margin) for e in base.tornado().entries}
    tb = {e.label: (e.low.margin, e.high.margin) for e in shuf.tornado().entries}
    assert ta.keys() == tb.keys()
    for label, sides in ta.items():
        assert tb[label] == pytest.approx(sides, abs=1e-12)
    n = 4000
    sa_, sb_ = base.smaa(samples=n, seed=3), shuf.smaa(samples=n, seed=3)
    for o in ("A", "B", "C"):  # different column order draws different samples: within 4 SE
        pa = float(sa_.acceptability[sa_.options.index(o), 0])
        pb = float(sb_.acceptability[sb_.options.index(o), 0])
        assert abs(pa - pb) <= 4 * np.sqrt(2 * 0.25 / n)


def test_weight_on_an_unweighted_criterion_is_refused(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "case", CRITERIA, SCORES))
    with pytest.raises(InputError, match=r"weighted: false.*z: 0\.5"):
        case.oneway({"x": 1, "z": 1})
    with pytest.raises(InputError, match="weighted: false"):
        case.smaa(samples=10, seed=0, weights={"x": 1, "y": 1, "z": 1})
    assert case.oneway({"x": 1, "y": 3, "z": 0}).to_dict()["weights"] == {"x": 0.25, "y": 0.75}


# --- item 2: gates and level uncertainty ------------------------------------------------------
GATED = [
    ("q", "five-point", "benefit", True, None),
    ("r", "five-point", "cost", True, None),
    ("legal", "pass-fail", "benefit", False, "Pass"),
]
GATED_SCORES = {
    "P1": (5, 3, "Pass"),
    "P2": (3, 1, "Pass"),
    "P3": (4, 2, "Pass"),
    "F1": (5, 1, "Fail"),
}


def test_level_uncertainty_leaves_gate_only_criteria_alone(tmp_path: Path) -> None:
    """Perturbing a gate-only criterion flipped Pass (100) and Fail (0) inside the weighted sum.

    With it left out, the analysis is the same as on the case without that criterion at all
    (and without the option it screens out): same columns, same seed, same numbers.
    """
    gated = appraisal.load(write_case(tmp_path / "gated", GATED, GATED_SCORES))
    plain = appraisal.load(
        write_case(
            tmp_path / "plain",
            GATED[:2],
            {o: s[:2] for o, s in GATED_SCORES.items() if s[2] == "Pass"},
        )
    )
    assert [o for o, _ in gated.screened_out()] == ["F1"]
    for kwargs in (
        {"uncertainty": "levels", "levels": 1},
        {"uncertainty": "levels", "levels": 2, "constraint": "order", "weights": "equal"},
    ):
        a = gated.smaa(samples=3000, seed=11, **kwargs).to_dict()
        b = plain.smaa(samples=3000, seed=11, **kwargs).to_dict()
        assert a["options"] == b["options"] == ["P1", "P2", "P3"]
        assert a["acceptability"] == b["acceptability"]
        assert a["central_weights"] == b["central_weights"]


def test_gates_are_evaluated_once_on_the_recorded_scores(tmp_path: Path) -> None:
    """A weighted, gated criterion may be perturbed, but no sample re-screens an option."""
    crit = [
        ("q", "five-point", "benefit", True, "3"),  # gate on a weighted criterion
        ("r", "five-point", "benefit", True, None),
    ]
    scores = {"Edge": (3, 5), "Safe": (5, 1), "Out": (2, 5)}
    case = appraisal.load(write_case(tmp_path / "case", crit, scores))
    r = case.smaa(samples=2000, seed=4, uncertainty="levels")
    assert r.options == ("Edge", "Safe") or set(r.options) == {"Edge", "Safe"}
    assert np.allclose(r.acceptability.sum(axis=1), 1.0)  # every sample ranks both options
    assert [o for o, _ in case.screened_out()] == ["Out"]


def test_prepare_drops_unweighted_columns_from_every_array(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "case", GATED, GATED_SCORES, seed=5))
    p = prepare(case)
    assert set(p.criteria) == {"q", "r"} and p.unweighted == ("legal",)
    k = len(p.criteria)
    for arr in (p.w, p.slope, p.level_step, p.cost):
        assert arr.shape == (k,)
    for arr in (p.V, p.value_low, p.value_high):
        assert arr.shape == (3, k)
    assert p.w.sum() == pytest.approx(1.0)
    cost = dict(zip(p.criteria, p.cost.tolist(), strict=True))
    assert cost == {"q": False, "r": True}
    slope = dict(zip(p.criteria, p.slope.tolist(), strict=True))
    assert slope == {"q": 25.0, "r": -25.0}


# --- sibling: `x or default` on a scale's anchors -------------------------------------------
NEGATIVE_SCALE = """  below-zero:
    min: -100
    max: 0
    unit: points"""


@pytest.mark.parametrize("direction", ["benefit", "cost"])
def test_a_numeric_scale_ending_at_zero_has_the_right_slope(tmp_path: Path, direction: str) -> None:
    """min -100, max 0: one unit is one value point (``max or 1.0`` made it 100/101)."""
    crit = [("v", "below-zero", direction, True, None), ("u", "below-zero", "benefit", True, None)]
    scores = {"A": (-100, -50), "B": (-50, 0), "C": (0, -100)}
    case = appraisal.load(write_case(tmp_path / "case", crit, scores, scales=NEGATIVE_SCALE))
    p = prepare(case)
    sign = 1.0 if direction == "benefit" else -1.0
    assert dict(zip(p.criteria, p.slope.tolist(), strict=True)) == {"v": sign, "u": 1.0}
    sw = case.score_switching()
    for cell in sw.cells:
        if cell.value_change is not None and cell.criterion == "v":
            assert cell.change == pytest.approx(cell.value_change * sign, abs=1e-12)


@pytest.mark.parametrize(("lo", "hi"), [(0, 50), (-20, 0), (0, 1)])
def test_numeric_slopes_follow_the_anchors_including_zero(tmp_path: Path, lo: int, hi: int) -> None:
    scale = f"  s:\n    min: {lo}\n    max: {hi}"
    crit = [("a", "s", "benefit", True, None), ("b", "s", "cost", True, None)]
    scores = {"A": (lo, hi), "B": (hi, lo)}
    p = prepare(appraisal.load(write_case(tmp_path / "case", crit, scores, scales=scale)))
    assert p.slope.tolist() == [100 / (hi - lo), -100 / (hi - lo)]


@pytest.mark.parametrize("seed", [0, 1])
def test_depot_example_maps_back_by_id_under_shuffled_files_and_criteria(
    tmp_path: Path, seed: int
) -> None:
    """The example (numeric, piecewise, local anchors, cost, a gate-only criterion), reordered."""
    src = Path(__file__).resolve().parent.parent / "examples" / "depot-relocation"
    dest = tmp_path / "shuffled"
    shutil.copytree(src, dest)
    rnd = random.Random(seed)
    path = dest / "criteria" / "criteria.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    rnd.shuffle(doc["criteria"])
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    files = sorted((dest / "options").glob("*.yaml"))
    names = [f"{n:02d}-x.yaml" for n in range(len(files))]
    rnd.shuffle(names)
    for f, name in zip(files, names, strict=True):
        f.rename(f.with_name("tmp-" + name))
    base, shuf = appraisal.load(src), appraisal.load(dest)
    assert base.criterion_ids != shuf.criterion_ids or base.option_ids != shuf.option_ids
    for weights in (None, "finance-direct", "members-swing"):
        a, b = base.oneway(weights).to_dict(), shuf.oneway(weights).to_dict()
        assert a["top"] == b["top"] and a["weights"] == pytest.approx(b["weights"])
        ca = {c["criterion"]: c for c in a["criteria"]}
        cb = {c["criterion"]: c for c in b["criteria"]}
        assert ca.keys() == cb.keys() and "legal-compliance" not in ca
        for cid, x in ca.items():
            assert x["stability_interval"] == pytest.approx(cb[cid]["stability_interval"])
            assert x["delta"] == pytest.approx(cb[cid]["delta"])
        ta = {e.label: (e.low.margin, e.high.margin) for e in base.tornado(weights).entries}
        tb = {e.label: (e.low.margin, e.high.margin) for e in shuf.tornado(weights).entries}
        assert ta.keys() == tb.keys()
        for label, sides in ta.items():
            assert tb[label] == pytest.approx(sides, abs=1e-9)
        da, db = base.weight_distance(weights), shuf.weight_distance(weights)
        assert (da.top, da.challenger, da.feasible) == (db.top, db.challenger, db.feasible)
        assert db.to_dict()["new_weights"] == pytest.approx(da.to_dict()["new_weights"])
        sa, sb = base.score_switching(weights), shuf.score_switching(weights)
        for cell in sa.cells:
            other = sb.cell(cell.option, cell.criterion)
            assert (cell.value_change, cell.change) == pytest.approx(
                (other.value_change, other.change), nan_ok=True
            )
