"""Every plot renders with the Agg backend and draws what its contract holds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg", force=True)

import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend

import appraisal  # noqa: E402
from appraisal._extras import MissingExtraError  # noqa: E402
from appraisal.errors import AppraisalError  # noqa: E402
from appraisal.plot import (  # noqa: E402
    plot_acceptability,
    plot_oneway,
    plot_ranking,
    plot_tornado,
)

ONEWAY: dict[str, Any] = {
    "options": ["a", "b", "c"],
    "top": "a",
    "criteria": [
        {
            "criterion": "x",
            "weight": 0.5,
            "stability_interval": [0.375, 1.0],
            "ranking_stability_interval": [0.375, 1.0],
            "crossovers": [
                {"weight": 2 / 7, "options": ["c", "a"], "top_changes": False},
                {"weight": 0.375, "options": ["b", "a"], "top_changes": True},
            ],
            "lines": {"intercept": [0.0, 60.0, 40.0], "slope": [100.0, -60.0, -40.0]},
        }
    ],
}


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _render(ax: Any, tmp_path: Path) -> Path:
    out = tmp_path / "plot.png"
    ax.figure.savefig(out)
    assert out.read_bytes().startswith(b"\x89PNG")
    return out


def test_plot_ranking_stacks_every_contribution(repo: Path, tmp_path: Path) -> None:
    r = appraisal.load(repo).rank()
    contrib = {
        o: {c: float(x) for c, x in zip(r.criteria, row, strict=True)}
        for o, row in zip(r.options, r.contributions, strict=True)
    }
    ax = plot_ranking(r.to_dict(), contrib)
    _render(ax, tmp_path)
    bars = ax.patches
    assert len(bars) == 5 * 19
    # the bars of the top option (drawn first in each criterion's series) end at its score
    ends = max(b.get_x() + b.get_width() for b in bars if b.get_y() < 0)
    assert ends == pytest.approx(r.score_of("integrated-transformation"), abs=1e-9)
    assert next(t.get_text() for t in ax.get_yticklabels()) == "1. Integrated transformation"


def test_plot_oneway_draws_lines_and_crossovers(tmp_path: Path) -> None:
    _fig, ax = plt.subplots()
    assert plot_oneway(ONEWAY, None, "x", ax=ax) is ax
    _render(ax, tmp_path)
    option_lines = [ln for ln in ax.get_lines() if ln.get_label() in ("a", "b", "c")]
    assert [list(ln.get_ydata()) for ln in option_lines] == [[0.0, 100.0], [60.0, 0.0], [40.0, 0.0]]
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    assert len(markers) == 2
    big = [ln for ln in markers if ln.get_markersize() == 9]
    assert len(big) == 1 and float(big[0].get_xdata()[0]) == pytest.approx(0.375)
    assert float(big[0].get_ydata()[0]) == pytest.approx(37.5)
    assert [t.get_text() for t in ax.texts] == ["0.375"]


def test_plot_oneway_takes_explicit_lines(tmp_path: Path) -> None:
    ax = plot_oneway(ONEWAY, {"x": {"a": [10.0, 20.0], "b": [30.0, 5.0]}}, "x")
    _render(ax, tmp_path)
    labels = [ln.get_label() for ln in ax.get_lines() if ln.get_label() in ("a", "b", "c")]
    assert labels == ["a", "b"]


def test_plot_acceptability_heat_map(tmp_path: Path) -> None:
    smaa = {
        "samples": 100,
        "options": ["a", "b"],
        "acceptability": {"a": [0.75, 0.25], "b": [0.25, 0.75]},
    }
    ax = plot_acceptability(smaa)
    _render(ax, tmp_path)
    assert [t.get_text() for t in ax.texts] == ["75%", "25%", "25%", "75%"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]


def test_plot_tornado_from_the_sensitivity_contract(tmp_path: Path) -> None:
    side = {"input": 0.0, "margin_change": 0.0, "score_changes": {}}
    tornado = {
        "top": "a",
        "margin": 5.0,
        "entries": [
            {
                "kind": "weight",
                "criterion": "x",
                "option": None,
                "low": {**side, "margin": -2.0, "top": "b"},
                "high": {**side, "margin": 9.0, "top": "a"},
            },
            {
                "kind": "score",
                "criterion": "y",
                "option": "a",
                "low": {**side, "margin": 4.0, "top": "a"},
                "high": {**side, "margin": 6.0, "top": "a"},
            },
        ],
    }
    ax = plot_tornado(tornado)
    _render(ax, tmp_path)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Weight of x", "y (a)"]
    spans = sorted((round(p.get_x(), 6), round(p.get_width(), 6)) for p in ax.patches)
    assert spans == [(5.0, -7.0), (5.0, -1.0), (5.0, 1.0), (5.0, 4.0)]


def test_plot_tornado_plain_entries_sorted_by_swing(tmp_path: Path) -> None:
    entries = [
        {"label": "small", "low": 9.0, "high": 11.0, "base": 10.0},
        {"label": "big", "low": 0.0, "high": 20.0, "base": 10.0},
    ]
    ax = plot_tornado(entries)
    _render(ax, tmp_path)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["big", "small"]


def test_install_hint_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(MissingExtraError) as caught:
        plot_acceptability({"options": [], "acceptability": {}})
    message = str(caught.value)
    assert isinstance(caught.value, AppraisalError) and isinstance(caught.value, ImportError)
    assert message == (
        "matplotlib is not installed; it comes with the plot extra: from the appraisal "
        "repository folder, run: python3 -m pip install '.[plot]'."
    )
    assert "pip install appraisal" not in message and "\n" not in message
