"""Shared helpers of the sensitivity analyses: input shape checks, the top two options, numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from appraisal.core.aggregate import TIE_TOLERANCE
from appraisal.core.ranks import competition_ranks
from appraisal.errors import InputError

__all__ = ["as_inputs", "check_ids", "check_matrix", "check_weights", "fnum", "top_two"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


#: How far the weights may sum from 1 before they are refused as not normalised.
WEIGHT_SUM_TOLERANCE = 1e-6


def _show(x: FloatArray, limit: int = 8) -> str:
    """A short list of numbers for an error message."""
    items = [f"{float(v):g}" for v in x.ravel()[:limit]]
    return "[" + ", ".join(items) + (", ..." if x.size > limit else "") + "]"


def check_ids(ids: Sequence[str], what: str) -> tuple[str, ...]:
    """The ids as a tuple of strings, refusing a bare string, non-strings and duplicates.

    Examples
    --------
    >>> check_ids(["a", "b"], "options")
    ('a', 'b')
    >>> check_ids(["a", "a"], "options")
    Traceback (most recent call last):
    ...
    appraisal.errors.InputError: options: 'a' appears twice; ids must be unique.
    """
    if isinstance(ids, str | bytes):
        raise InputError(f"{what}: expected a sequence of ids, got the single string {ids!r}.")
    try:
        out = tuple(ids)
    except TypeError:
        raise InputError(f"{what}: expected a sequence of ids, got {type(ids).__name__}.") from None
    seen: set[str] = set()
    for x in out:
        if not isinstance(x, str):
            raise InputError(f"{what}: ids must be strings, got {x!r} ({type(x).__name__}).")
        if x in seen:
            raise InputError(f"{what}: {x!r} appears twice; ids must be unique.")
        seen.add(x)
    return out


def check_matrix(V: Any, name: str = "V") -> FloatArray:
    """``V`` as a float copy: two-dimensional and finite."""
    try:
        Va = np.array(V, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a matrix of numbers, got {V!r}.") from None
    if Va.ndim != 2:
        raise InputError(
            f"{name}: expected a 2-D matrix (options x criteria), got shape {Va.shape}."
        )
    bad = np.argwhere(~np.isfinite(Va))
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise InputError(
            f"{name}: values must be finite numbers, got {Va[i, j]} at row {i}, column {j}."
        )
    return Va


def check_weights(w: Any, k: int | None = None, name: str = "w") -> FloatArray:
    """``w`` as a float copy: one finite, non-negative weight per criterion, summing to 1."""
    try:
        wa = np.array(w, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a vector of weights, got {w!r}.") from None
    if wa.ndim != 1 or (k is not None and wa.shape != (k,)):
        want = "a vector of weights" if k is None else f"{k} weights (one per criterion)"
        raise InputError(f"{name}: expected {want}, got shape {wa.shape}.")
    if wa.size == 0:
        raise InputError(f"{name}: expected at least one weight, got none.")
    if not np.all(np.isfinite(wa)):
        raise InputError(f"{name}: weights must be finite numbers, got {_show(wa)}.")
    if np.any(wa < 0):
        raise InputError(f"{name}: weights must be non-negative, got {_show(wa)}.")
    total = float(wa.sum())
    if total <= 0:
        raise InputError(f"{name}: at least one weight must be positive, got {_show(wa)}.")
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise InputError(
            f"{name}: weights must sum to 1, got {_show(wa)} (sum {total:g}); divide them by "
            "their sum first."
        )
    return wa


def as_inputs(
    V: FloatArray, w: FloatArray, options: Sequence[str], criteria: Sequence[str]
) -> tuple[FloatArray, FloatArray, tuple[str, ...], tuple[str, ...]]:
    """Float copies of ``V`` and ``w`` and the ids as tuples, after checking them all.

    ``V`` must be finite with one row per option and one column per criterion; ``w`` finite,
    non-negative and summing to 1 (within ``WEIGHT_SUM_TOLERANCE``); ids unique strings; at
    least two options.

    Examples
    --------
    >>> V, w, o, c = as_inputs(np.eye(2), np.array([0.5, 0.5]), ["a", "b"], ["x", "y"])
    >>> V.shape, o
    ((2, 2), ('a', 'b'))
    >>> as_inputs(np.eye(2), np.array([1.0]), ["a", "b"], ["x", "y"])
    Traceback (most recent call last):
    ...
    appraisal.errors.InputError: w: expected 2 weights (one per criterion), got shape (1,).
    """
    opts, crits = check_ids(options, "options"), check_ids(criteria, "criteria")
    Va = check_matrix(V)
    if Va.shape != (len(opts), len(crits)):
        raise InputError(
            f"V: expected shape ({len(opts)}, {len(crits)}) (options x criteria, from the ids), "
            f"got {Va.shape}."
        )
    wa = check_weights(w, len(crits))
    if len(opts) < 2:
        raise InputError(
            f"options: sensitivity analysis needs at least two options, got {len(opts)}."
        )
    return Va, wa, opts, crits


def top_two(scores: FloatArray) -> tuple[int, int, IntArray]:
    """The top option, the runner-up and every option tied first (within ``TIE_TOLERANCE``).

    The top is the first option with the highest score; the runner-up is the best of the others
    (another tied-first option when there is a tie, so the margin is then 0).

    Returns
    -------
    top : int
    runner_up : int
    tied_first : ndarray of int
        Indices of the options with rank 1, in option order.

    Examples
    --------
    >>> t, r, tied = top_two(np.array([3.0, 7.0, 5.0]))
    >>> t, r, tied.tolist()
    (1, 2, [1])
    """
    s = np.asarray(scores, dtype=np.float64)
    top = int(np.argmax(s))
    others = s.copy()
    others[top] = -np.inf
    runner_up = int(np.argmax(others))
    tied = np.flatnonzero(competition_ranks(s, TIE_TOLERANCE) == 1).astype(np.int64)
    return top, runner_up, tied


def fnum(x: float | np.floating[Any] | None) -> float | None:
    """A plain float for JSON, or None for a missing (NaN or infinite) number.

    Examples
    --------
    >>> fnum(np.float64(0.5)), fnum(float("nan")), fnum(None)
    (0.5, None, None)
    """
    if x is None:
        return None
    f = float(x)
    return f if np.isfinite(f) else None
