"""The old module paths keep working for one release, each access warning where it is made."""

from __future__ import annotations

import importlib

import pytest

import appraisal
from appraisal.core import aggregate, ranks, values, weights
from appraisal.io import load as io_load
from appraisal.matrix import case_values


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [
        ("appraisal.values", "linear_values", values.linear_values),
        ("appraisal.values", "value_matrix", case_values.value_matrix),
        ("appraisal.weights", "swing_weights", weights.swing_weights),
        ("appraisal.aggregate", "weighted_sum", aggregate.weighted_sum),
        ("appraisal.rank", "competition_ranks", ranks.competition_ranks),
        ("appraisal.load", "check_case", io_load.check_case),
    ],
)
def test_an_old_path_gives_the_same_object_and_warns(old: str, name: str, new: object) -> None:
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning, match=rf"{old}\.{name} has moved to appraisal\."):
        assert getattr(module, name) is new


def test_a_name_the_old_module_never_had_is_an_attribute_error() -> None:
    module = importlib.import_module("appraisal.values")
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        module.nope  # noqa: B018 - the access is the test


def test_the_load_function_survives_an_import_of_the_old_module() -> None:
    importlib.import_module("appraisal.load")
    assert callable(appraisal.load)
    assert appraisal.load is io_load.load
