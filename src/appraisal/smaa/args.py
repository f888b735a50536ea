"""Argument checks shared by the public SMAA kernels (:mod:`appraisal.smaa`, its samplers).

The kernels are called with plain arrays, often straight from user code, so each public one
checks what it is given before drawing a random number: a NaN or an infinity anywhere in a
value matrix or a weight would otherwise make every comparison false and report one option as
first in 100% of the samples. Each check names the argument, the offending value and what is
allowed, and never changes (or keeps a reference that could change) the caller's array: the
returned arrays are fresh float64 copies.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.errors import InputError

__all__ = [
    "MAX_SAMPLES",
    "as_count",
    "finite_array",
    "ids_for",
    "weight_rows",
    "weight_vector",
]

FloatArray = NDArray[np.float64]

#: The most samples one SMAA run accepts (see :func:`appraisal.smaa.check_samples`).
MAX_SAMPLES = 10**9

_SUM_TOL = 1e-9  # how far a weight vector's sum may stray from 1 (rounding)


def as_count(name: str, n: object, *, minimum: int = 1, maximum: int | None = None) -> int:
    """``n`` as a Python int, or InputError unless it is a whole number in range.

    Accepts Python and numpy integers (not bools, not floats such as ``1e3``: a float count is
    usually a typo for something else, and ``1e12`` would be accepted by ``int()``).
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise InputError(f"{name} must be a whole number, got {n!r} ({type(n).__name__}).")
    value = int(n)
    if value < minimum:
        raise InputError(f"{name} must be at least {minimum}, got {value}.")
    if maximum is not None and value > maximum:
        raise InputError(f"{name} must be at most {maximum:,}, got {value:,}.")
    return value


def finite_array(
    name: str, x: ArrayLike, *, ndim: int | tuple[int, ...] | None = None
) -> FloatArray:
    """A float64 copy of ``x``; InputError if it is not numeric, has a NaN/inf or a bad rank."""
    try:
        a = np.array(x, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as err:
        raise InputError(f"{name} must be an array of numbers ({err}).") from None
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and a.ndim not in dims:
        want = " or ".join(f"{d}-D" for d in dims)
        raise InputError(f"{name} must be a {want} array; got shape {a.shape}.")
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise InputError(
            f"{name} must hold finite numbers; found {a[where]} at index {list(where)} "
            "(NaN and infinity are not allowed)."
        )
    return a


def weight_vector(name: str, w: ArrayLike, k: int) -> FloatArray:
    """Weights ``(k,)``: finite, non-negative and summing to 1 (within 1e-9)."""
    a = finite_array(name, w, ndim=1)
    if a.shape != (k,):
        raise InputError(f"{name} must hold {k} weights, one per criterion; got shape {a.shape}.")
    if np.any(a < 0):
        j = int(np.flatnonzero(a < 0)[0])
        raise InputError(f"{name} must be non-negative; weight {j} is {a[j]}.")
    if abs(a.sum() - 1.0) > _SUM_TOL:
        raise InputError(f"{name} must sum to 1; they sum to {a.sum():.12g}.")
    return a


def weight_rows(name: str, W: ArrayLike, k: int | None = None) -> FloatArray:
    """Weight samples ``(n, k)``: finite, non-negative, each row summing to 1 (within 1e-9)."""
    a = finite_array(name, W, ndim=2)
    if k is not None and a.shape[1] != k:
        raise InputError(f"{name} must have {k} columns, one per criterion; got shape {a.shape}.")
    if a.shape[0] < 1 or a.shape[1] < 1:
        raise InputError(f"{name} must hold at least one sample of one weight; got {a.shape}.")
    if np.any(a < 0):
        s, j = (int(i) for i in np.argwhere(a < 0)[0])
        raise InputError(f"{name} must be non-negative; row {s}, weight {j} is {a[s, j]}.")
    sums = a.sum(axis=1)
    off = np.abs(sums - 1.0) > _SUM_TOL
    if off.any():
        s = int(np.flatnonzero(off)[0])
        raise InputError(f"{name} rows must sum to 1; row {s} sums to {sums[s]:.12g}.")
    return a


def ids_for(ids: Sequence[str] | None, size: int, what: str, prefix: str) -> tuple[str, ...]:
    """``size`` ids: the given ones as strings, or ``prefix1..prefixN``."""
    if ids is None:
        return tuple(f"{prefix}{i + 1}" for i in range(size))
    if isinstance(ids, str) or len(ids) != size:
        got = "a string" if isinstance(ids, str) else f"{len(ids)} ids"
        raise InputError(f"{what} must give one id per {what[:-1]} ({size}); got {got}.")
    return tuple(str(x) for x in ids)
