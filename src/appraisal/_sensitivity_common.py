"""Shared helpers of the sensitivity analyses: input shape checks, the top two options, numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .aggregate import TIE_TOLERANCE
from .errors import InputError
from .rank import competition_ranks

__all__ = ["as_inputs", "fnum", "top_two"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def as_inputs(
    V: FloatArray, w: FloatArray, options: Sequence[str], criteria: Sequence[str]
) -> tuple[FloatArray, FloatArray, tuple[str, ...], tuple[str, ...]]:
    """Float copies of ``V`` and ``w`` and the ids as tuples, after checking that the shapes agree.

    Only shapes are checked (values were validated when the appraisal was loaded).

    Examples
    --------
    >>> V, w, o, c = as_inputs(np.eye(2), np.array([0.5, 0.5]), ["a", "b"], ["x", "y"])
    >>> V.shape, o
    ((2, 2), ('a', 'b'))
    >>> as_inputs(np.eye(2), np.array([1.0]), ["a", "b"], ["x", "y"])
    Traceback (most recent call last):
    ...
    appraisal.errors.InputError: weights: expected 2 weights (one per criterion), got shape (1,).
    """
    opts, crits = tuple(options), tuple(criteria)
    Va = np.array(V, dtype=np.float64)
    wa = np.array(w, dtype=np.float64)
    if Va.ndim != 2 or Va.shape != (len(opts), len(crits)):
        raise InputError(
            f"values: expected shape ({len(opts)}, {len(crits)}) (options x criteria), "
            f"got {Va.shape}."
        )
    if wa.shape != (len(crits),):
        raise InputError(
            f"weights: expected {len(crits)} weights (one per criterion), got shape {wa.shape}."
        )
    if len(opts) < 2:
        raise InputError(f"sensitivity analysis needs at least two options, got {len(opts)}.")
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
