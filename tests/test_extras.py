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
        case.smaa(samples=300, seed=0),
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

    for result in (case.rank(), case.oneway(), case.tornado(), case.smaa(samples=300, seed=0)):
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
    with pytest.raises(ImportError, match=r"python3 -m pip install '\.\[pandas\]'"):
        case.rank().to_frame()


def test_excel_export(repo: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from appraisal.cli import main

    target = tmp_path / "birmingham.xlsx"
    assert main(["export", str(repo), "--format", "xlsx", "--output", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Scores", "Weights", "Ranking", "Sensitivity"]
    scores = book["Scores"]
    assert scores["A3"].value == "break-up"
    assert scores["C3"].value == 2
    assert "Rating: Low - med" in scores["C3"].comment.text
    assert book["Ranking"]["B3"].value == "integrated-transformation"
    assert main(["export", str(repo), "--format", "xlsx", "--output", str(target)]) == 1
    assert main(["export", str(repo), "--format", "xlsx"]) == 1


def test_report_command(repo: Path, tmp_path: Path) -> None:
    from appraisal.cli import main

    html = tmp_path / "report.html"
    assert main(["report", str(repo), "-n", "500", "-o", str(html)]) == 0
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") or text.lower().startswith("<!doctype html>")
    assert "integrated-transformation" in text or "Integrated transformation" in text
    assert main(["report", str(repo), "-n", "500", "-o", str(html)]) == 1  # no overwrite
    md = tmp_path / "report.md"
    assert main(["report", str(repo), "-n", "0", "-o", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("#")
    assert main(["report", str(repo), "-o", str(tmp_path / "report.pdf")]) == 1
