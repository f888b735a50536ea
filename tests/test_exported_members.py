"""The public surface: ``__all__`` is sorted, exists, and equals the public names."""

from __future__ import annotations

import inspect

import appraisal


def test_all_is_sorted_and_exists() -> None:
    assert appraisal.__all__ == sorted(appraisal.__all__)
    for name in appraisal.__all__:
        assert hasattr(appraisal, name), name


def test_all_equals_public_names() -> None:
    public = {
        n
        for n in dir(appraisal)
        if not n.startswith("_")
        and not inspect.ismodule(getattr(appraisal, n))
        and n != "annotations"
    }
    assert public == set(appraisal.__all__) - {"__version__"}


def test_errors_share_one_root() -> None:
    for exc in (appraisal.InputError, appraisal.InputValidationError, appraisal.InternalError):
        assert issubclass(exc, appraisal.AppraisalError)
    assert issubclass(appraisal.InputError, ValueError)
