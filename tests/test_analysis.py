"""Sensitivity and SMAA on loaded cases, through the Appraisal API and the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

import appraisal
from appraisal.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "depot-relocation"


@pytest.fixture(scope="module")
def case() -> appraisal.Appraisal:
    return appraisal.load(Path(__file__).resolve().parent.parent)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_oneway_contract_and_birmingham_reading(case: appraisal.Appraisal) -> None:
    d = case.oneway().to_dict()
    assert {"weights", "top", "criteria", "most_critical"} <= set(d)
    assert d["top"] == "integrated-transformation"
    by = {c["criterion"]: c for c in d["criteria"]}
    for c in d["criteria"]:
        assert {
            "criterion",
            "weight",
            "stability_interval",
            "ranking_stability_interval",
            "crossovers",
        } <= set(c)
        lo, hi = c["stability_interval"]
        assert lo <= c["weight"] <= hi
    # Raising break-from-past's weight from 1/19 to about 0.217 makes the council Trust top:
    # the two options differ there by 4 levels against a 10.5-point lead.
    assert d["most_critical"] == "break-from-past"
    assert by["break-from-past"]["stability_interval"][1] == pytest.approx(0.2174, abs=1e-4)


def test_oneway_crossover_matches_reranking(case: appraisal.Appraisal) -> None:
    d = case.oneway().to_dict()
    crit = next(c for c in d["criteria"] if c["criterion"] == "break-from-past")
    t = crit["stability_interval"][1]
    ids = case.criterion_ids
    j = ids.index("break-from-past")
    w = np.full(19, (1 - t - 1e-6) / 18)
    w[j] = t + 1e-6
    assert case.rank(dict(zip(ids, w, strict=True))).top == ("trust-council",)
    w = np.full(19, (1 - t + 1e-6) / 18)
    w[j] = t - 1e-6
    assert case.rank(dict(zip(ids, w, strict=True))).top == ("integrated-transformation",)


def test_weight_distance_ties_the_top_two(case: appraisal.Appraisal) -> None:
    d = case.weight_distance().to_dict()
    assert d["challenger"] == "trust-council"
    new = d["new_weights"]
    assert sum(new.values()) == pytest.approx(1.0)
    assert min(new.values()) >= -1e-12
    r = case.rank(new)
    assert r.score_of("trust-council") == pytest.approx(r.score_of("integrated-transformation"))


def test_smaa_is_reproducible_and_sums(case: appraisal.Appraisal) -> None:
    a = case.smaa(samples=3000, seed=7).to_dict()
    b = case.smaa(samples=3000, seed=7).to_dict()
    assert a == b
    acc = np.array([a["acceptability"][o] for o in a["options"]])
    assert np.allclose(acc.sum(axis=0), 1.0) and np.allclose(acc.sum(axis=1), 1.0)
    assert a["acceptability"]["integrated-transformation"][0] > 0.9


def test_smaa_constraints_and_uncertainty(case: appraisal.Appraisal) -> None:
    fixed = case.smaa(samples=500, seed=0, weights="equal", constraint="fixed").to_dict()
    assert fixed["acceptability"]["integrated-transformation"][0] == 1.0
    levels = case.smaa(samples=2000, seed=0, uncertainty="levels", levels=1).to_dict()
    assert 0 < levels["acceptability"]["integrated-transformation"][0] < 1
    interval = case.smaa(samples=2000, seed=0, weights="council-view").to_dict()
    assert interval["samples"] == 2000


def test_example_case_uses_ranges_and_excludes_screened() -> None:
    ex = appraisal.load(EXAMPLE)
    d = ex.smaa(samples=2000, seed=3).to_dict()
    assert "riverside" not in d["options"]
    assert set(d["options"]) == {"north-site", "refurbish", "shared"}
    assert ex.oneway().to_dict()["top"] == "shared"


@pytest.mark.parametrize("method", ["oneway", "scores", "distance", "tornado", "smaa"])
def test_sensitivity_cli_json(repo: Path, method: str) -> None:
    code, out, _ = run(
        "sensitivity",
        str(repo),
        "--method",
        method,
        "--samples",
        "500",
        "--seed",
        "0",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, dict) and data
    _, out2, _ = run(
        "sensitivity",
        str(repo),
        "--method",
        method,
        "--samples",
        "500",
        "--seed",
        "0",
        "--format",
        "json",
    )
    assert out2 == out


def test_sensitivity_cli_smaa_contract(repo: Path) -> None:
    code, out, err = run(
        "sensitivity", str(repo), "-m", "smaa", "-n", "1000", "-s", "5", "--format", "json"
    )
    assert code == 0
    assert "SMAA [" not in err  # no progress bar when stderr is not a terminal
    d = json.loads(out)
    assert {
        "samples",
        "seed",
        "options",
        "acceptability",
        "central_weights",
        "confidence",
        "pairwise_winning",
        "standard_error",
    } <= set(d)
    assert d["samples"] == 1000 and d["seed"] == 5


def test_sensitivity_bad_arguments(repo: Path) -> None:
    assert run("sensitivity", str(repo), "-m", "nope")[0] == 2
    code, _, err = run("sensitivity", str(repo), "-m", "smaa", "-n", "0")
    assert code == 1 and "samples must be" in err
    code, _, err = run("sensitivity", str(repo), "-m", "distance", "--challenger", "x")
    assert code == 1 and "unknown option 'x'" in err


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    from appraisal.cli import _Progress

    tty, pipe = _FakeTerminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = _Progress(stream)
        bar(5_000, 10_000)
        bar(10_000, 10_000)
    assert "SMAA [###############---------------] 5,000/10,000" in tty.getvalue()
    assert tty.getvalue().endswith("10,000/10,000\n")
    assert pipe.getvalue() == ""


def test_every_option_screened_out_is_a_clear_error(tmp_path: Path) -> None:
    import shutil

    case = tmp_path / "depot"
    shutil.copytree(EXAMPLE, case)
    crit = case / "criteria" / "criteria.yaml"
    crit.write_text(
        crit.read_text(encoding="utf-8").replace(
            "gate: {min: Pass}", "gate: {min: Pass, max: Fail}"
        ),
        encoding="utf-8",
    )
    loaded = appraisal.load(case)
    with pytest.raises(appraisal.InputError, match="nothing is left to rank"):
        loaded.rank()
    with pytest.raises(appraisal.InputError, match="nothing is left to analyse"):
        loaded.oneway()
    code, _, err = run("rank", str(case))
    assert code == 1 and "must-pass" in err
