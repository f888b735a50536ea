"""SMAA's text output stays readable for many options; messages name the caller's argument."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import appraisal
from appraisal.errors import InputError
from appraisal.smaa.analyse import smaa


def test_text_shows_ten_rank_columns_for_many_options_and_json_keeps_all() -> None:
    rng = np.random.default_rng(5)
    m = 60
    r = smaa(rng.uniform(0, 100, (m, 4)), n=400, seed=3, options=[f"o{i}" for i in range(m)],
             criteria=list("abcd"))  # fmt: skip
    text = r.to_text()
    header = next(line for line in text.splitlines() if line.startswith("option"))
    assert header.split() == ["option", *(f"b{i}" for i in range(1, 11)), "holistic", "confidence"]
    assert f"(ranks 11 to {m} are left out here" in text
    assert all(len(v) == m for v in r.to_dict()["acceptability"].values())


def test_case_smaa_names_samples_in_its_refusal(repo: Path) -> None:
    case = appraisal.load(repo)
    with pytest.raises(InputError, match=r"^samples = 1,000,000,000,000 samples is more than"):
        case.smaa(samples=10**12)
