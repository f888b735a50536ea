"""The optional extras: pandas frames, matplotlib plots through result methods, Excel."""

from __future__ import annotations

from pathlib import Path

import pytest

import appraisal
from appraisal.compare import compare, weight_table


@pytest.fixture(scope="module")
def case() -> appraisal.Appraisal:
    return appraisal.load(Path(__file__).resolve().parent.parent)


def test_every_result_has_a_frame(case: appraisal.Appraisal) -> None:
    pytest.importorskip("pandas")
    results = [
        case.rank(),
        compare(case),
        weight_table(case),
        case.weights("council-view"),
        case.oneway(),
        case.tornado(),
        case.score_switching(),
        case.weight_distance(),
    ]
    for result in results:
        frame = result.to_frame()
        assert len(frame) > 0, type(result).__name__
    ranking = case.rank().to_frame()
    assert ranking.index[0] == "integrated-transformation"
    assert ranking["total"].tolist() == [82, 74, 64, 57, 46]


def test_result_plot_methods_return_axes(case: appraisal.Appraisal) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    for result in (case.rank(), case.oneway(), case.tornado()):
        ax = result.plot()
        assert ax.get_title() or ax.has_data(), type(result).__name__
        plt.close(ax.figure)


def test_missing_extra_message(monkeypatch: pytest.MonkeyPatch, case: appraisal.Appraisal) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'appraisal\[pandas\]'"):
        case.rank().to_frame()
