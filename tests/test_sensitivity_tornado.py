"""The tornado's "low" and "high" (audit item 4): one meaning in the text, the JSON and the plot.

"low" is the input set lower: a weight cut by the relative change, or a score one level lower on
its own scale. On a cost criterion a lower score is better, so its "low" raises the value; the
audited defect had it the other way round. Each side is checked against re-ranking a case whose
option file has the score actually moved one level.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import appraisal
from appraisal.sensitivity import tornado
from test_sensitivity_unweighted import write_case

CRITERIA = [
    ("quality", "five-point", "benefit", True, None),
    ("disruption", "five-point", "cost", True, None),
    ("price", "pounds", "cost", True, None),
]
SCALES = """  five-point:
    levels:
      - {value: 1, label: One}
      - {value: 2, label: Two}
      - {value: 3, label: Three}
      - {value: 4, label: Four}
      - {value: 5, label: Five}
  pounds:
    min: 0
    max: 100
    unit: £m"""
SCORES = {"north": (4, 2, 40), "river": (3, 3, 20), "shared": (5, 4, 70)}


def margin_after(tmp: Path, scores: dict[str, tuple[float, ...]]) -> float:
    """The margin of the case's top option over the best other, re-ranked from YAML."""
    case = appraisal.load(write_case(tmp, CRITERIA, scores, scales=SCALES))
    r = case.rank()
    s = sorted((float(x) for x in r.scores), reverse=True)
    return s[0] - s[1]


def test_low_means_one_level_lower_on_the_criterion_s_own_scale(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "base", CRITERIA, SCORES, scales=SCALES))
    t = case.tornado()
    base_top = t.top
    checked = 0
    for e in t.entries:
        if e.kind != "score" or e.criterion == "price":  # price: 10 value points, not a level
            continue
        j = [c[0] for c in CRITERIA].index(e.criterion)
        assert e.option is not None
        for side, step in ((e.low, -1), (e.high, +1)):
            raw = list(SCORES[e.option])
            raw[j] += step
            if not 1 <= raw[j] <= 5:  # off the scale: the tornado clips the value instead
                continue
            moved = {**SCORES, e.option: tuple(raw)}
            case2 = appraisal.load(
                write_case(tmp_path / f"c{checked}", CRITERIA, moved, scales=SCALES)
            )
            scores = dict(zip(case2.rank().options, case2.rank().scores.tolist(), strict=True))
            best_other = max(v for o, v in scores.items() if o != base_top)
            assert side.margin == pytest.approx(scores[base_top] - best_other, abs=1e-9), (
                e.label,
                step,
            )
            checked += 1
    assert checked >= 8


def test_cost_criterion_low_side_raises_the_value(tmp_path: Path) -> None:
    case = appraisal.load(write_case(tmp_path / "base", CRITERIA, SCORES, scales=SCALES))
    t = case.tornado()
    e = next(e for e in t.entries if e.label == "disruption (river)")  # a 3 on a cost scale
    assert (e.low.input, e.high.input) == (75.0, 25.0)  # 2 is better than 3: value 75
    e = next(e for e in t.entries if e.label == "quality (river)")  # a 3 on a benefit scale
    assert (e.low.input, e.high.input) == (25.0, 75.0)
    e = next(e for e in t.entries if e.label == "price (river)")  # £20m on a 0-100 cost scale
    assert (e.low.input, e.high.input) == (90.0, 70.0)  # £10m cheaper is 10 value points more


def test_weight_sides_are_minus_and_plus_the_change() -> None:
    V = np.array([[100.0, 25.0], [50.0, 50.0], [0.0, 100.0]])
    r = tornado(V, np.array([0.5, 0.5]), options=["A", "B", "C"], criteria=["x", "y"],
                weight_change=0.1)  # fmt: skip
    x = next(e for e in r.entries if e.label == "Weight of x")
    assert x.low.input == pytest.approx(0.45 / 0.95) and x.high.input == pytest.approx(0.55 / 1.05)


def test_text_and_plot_use_the_same_labels_and_meanings(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    case = appraisal.load(write_case(tmp_path / "base", CRITERIA, SCORES, scales=SCALES))
    for change in (0.2, 0.35):
        t = case.tornado(weight_change=change)
        limit = 6
        text = t.to_text(limit=limit)
        rows = text.splitlines()
        header = next(i for i, line in enumerate(rows) if line.startswith("input"))
        text_labels = [line.split("  ")[0].strip() for line in rows[header + 1 :]]
        ax = t.plot(limit=limit)
        try:
            plot_labels = [tick.get_text() for tick in ax.get_yticklabels()]
            assert plot_labels == text_labels == [e.label for e in t.entries[:limit]]
            legend = [x.get_text() for x in ax.get_legend().get_texts()]
            pct = f"{100 * change:g}%"
            assert legend == [
                f"low: weight -{pct}, score 1 level lower",
                f"high: weight +{pct}, score 1 level higher",
            ]
            for phrase in legend:
                assert phrase in text
            # the bars: low drawn to the low margin, high to the high margin, of the same entry
            lows = [p for p in ax.patches if p.get_facecolor() == ax.patches[0].get_facecolor()]
            for p, e in zip(lows, t.entries[:limit], strict=True):
                assert p.get_x() + p.get_width() == pytest.approx(e.low.margin)
        finally:
            plt.close(ax.figure)


def test_to_dict_carries_the_label() -> None:
    V = np.array([[100.0, 25.0], [50.0, 50.0]])
    r = tornado(V, np.array([0.5, 0.5]), options=["A", "B"], criteria=["x", "y"],
                level_step=np.array([25.0, -25.0]))  # fmt: skip
    for e, d in zip(r.entries, r.to_dict()["entries"], strict=True):
        assert d["label"] == e.label


UNEVEN = """  uneven:
    levels:
      - {value: 1, label: Low}
      - {value: 2, label: Medium}
      - {value: 4, label: High}"""


@pytest.mark.parametrize("direction", ["benefit", "cost"])
def test_one_level_is_the_neighbouring_level_on_an_uneven_scale(
    tmp_path: Path, direction: str
) -> None:
    """Levels 1, 2, 4 have values 0, 33.3, 100: from 2, one level is -33.3 or +66.7 points."""
    crit = [("u", "uneven", direction, True, None), ("v", "uneven", "benefit", True, None)]
    scores = {"A": (2, 2), "B": (1, 4), "C": (4, 1)}
    case = appraisal.load(write_case(tmp_path / "base", crit, scores, scales=UNEVEN))
    t = case.tornado()
    e = next(e for e in t.entries if e.label == "u (A)")
    value = {1: 0.0, 2: 100 / 3, 4: 100.0}
    if direction == "cost":
        value = {x: 100.0 - v for x, v in value.items()}
    assert e.low.input == pytest.approx(value[1]) and e.high.input == pytest.approx(value[4])
    for side, raw in ((e.low, 1), (e.high, 4)):
        moved = {**scores, "A": (raw, 2)}
        r = appraisal.load(
            write_case(tmp_path / f"{direction}{raw}", crit, moved, scales=UNEVEN)
        ).rank()
        s = dict(zip(r.options, r.scores.tolist(), strict=True))
        assert side.margin == pytest.approx(s[t.top] - max(v for o, v in s.items() if o != t.top))
