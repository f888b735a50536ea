"""Argument checks shared by the public numeric kernels (values, weights, ranks, dominance).

Each check converts its argument to a float array without changing the caller's object, and
raises :class:`~appraisal.errors.InputError` naming the argument, what was wrong and what is
allowed. The checks are O(size) and run once per kernel call; messages list at most
:data:`MAX_LISTED` offending entries and then a count, so even a huge bad array fails fast.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from appraisal.errors import InputError

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: At most this many offending entries are named in one message; the rest are counted.
MAX_LISTED = 10


def listing(items: Sequence[str], limit: int = MAX_LISTED) -> str:
    """``"a, b, c"``, or the first ``limit`` items and a count of the rest.

    Examples
    --------
    >>> listing(["a", "b", "c"], limit=2)
    'a, b and 1 more'
    """
    shown = ", ".join(items[:limit])
    rest = len(items) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


def _index(idx: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in idx) + "]"


def _asarray(x: Any, dtype: Any = None) -> Any:
    """``np.asarray`` that refuses ragged nested lists on every numpy version (1.23 only warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", getattr(np, "VisibleDeprecationWarning", DeprecationWarning))
        try:
            return np.asarray(x) if dtype is None else np.asarray(x, dtype=dtype)
        except Warning as exc:
            raise ValueError(str(exc)) from None


def as_floats(x: Any, name: str, ndim: int | tuple[int, ...], what: str) -> FloatArray:
    """``x`` as a float64 array of the given number of dimensions (a view when possible).

    ``what`` describes the expected shape for the message, e.g. ``"(m, k): options x criteria"``.
    Booleans, strings, complex numbers and ragged lists are refused.
    """
    try:
        raw = _asarray(x)
    except (TypeError, ValueError) as exc:  # ragged nested lists
        raise InputError(f"{name} must be an array of numbers {what}, got {x!r:.80}.") from exc
    if raw.dtype.kind == "O":
        try:
            raw = np.asarray(raw, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{name} must be an array of numbers {what}, got {x!r:.80}.") from exc
    if raw.dtype.kind not in "iuf":
        raise InputError(
            f"{name} must be an array of real numbers {what}, got an array of dtype {raw.dtype}."
        )
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if raw.ndim not in dims:
        raise InputError(f"{name} must be an array {what}, got shape {raw.shape}.")
    return np.asarray(raw, dtype=np.float64)


def require_finite(a: FloatArray, name: str) -> None:
    """Raise naming the first few NaN or infinite entries of ``a``."""
    bad = ~np.isfinite(a)
    if not bad.any():
        return
    where = np.argwhere(bad)
    cells = [f"{name}{_index(tuple(ix))} is {float(a[tuple(ix)])!r}" for ix in where[:MAX_LISTED]]
    more = f" ({where.shape[0]} in all)" if where.shape[0] > MAX_LISTED else ""
    raise InputError(f"{name} must be finite numbers; {', '.join(cells)}{more}.")


def require_nonnegative(a: FloatArray, name: str) -> None:
    """Raise naming the first few negative entries of a finite array ``a``."""
    bad = a < 0
    if not bad.any():
        return
    where = np.argwhere(bad)
    cells = [f"{name}{_index(tuple(ix))} is {float(a[tuple(ix)]):g}" for ix in where[:MAX_LISTED]]
    more = f" ({where.shape[0]} in all)" if where.shape[0] > MAX_LISTED else ""
    raise InputError(f"{name} must be non-negative; {', '.join(cells)}{more}.")


def values_matrix(V: Any, name: str = "V") -> FloatArray:
    """A checked value matrix: 2-d, at least one option and one criterion, finite."""
    a = as_floats(V, name, 2, "of shape (m, k): options in rows, criteria in columns")
    if a.shape[0] == 0 or a.shape[1] == 0:
        raise InputError(
            f"{name} needs at least one option (row) and one criterion (column), "
            f"got shape {a.shape}."
        )
    require_finite(a, name)
    return a


def weight_vector(w: Any, k: int, name: str = "w") -> FloatArray:
    """A checked weight vector for ``k`` criteria: shape (k,), finite, non-negative."""
    a = as_floats(w, name, 1, f"of shape ({k},): one weight per criterion")
    if a.shape != (k,):
        raise InputError(f"{name} must have one weight per criterion ({k}), got shape {a.shape}.")
    require_finite(a, name)
    require_nonnegative(a, name)
    return a


def _float(x: int | float | np.integer[Any] | np.floating[Any]) -> float:
    try:
        return float(x)
    except OverflowError:  # an int beyond the float range
        return float("inf") if x > 0 else float("-inf")


def tolerance(tol: Any, name: str = "tol") -> float:
    """A checked tolerance: a finite number >= 0."""
    if isinstance(tol, bool) or not isinstance(tol, int | float | np.integer | np.floating):
        raise InputError(f"{name} must be a number >= 0, got {tol!r}.")
    t = _float(tol)
    if not (np.isfinite(t) and t >= 0):
        raise InputError(f"{name} must be a finite number >= 0, got {t!r}.")
    return t


def finite_number(x: Any, name: str) -> float:
    """A checked scalar: a finite real number (not a bool)."""
    if isinstance(x, bool) or not isinstance(x, int | float | np.integer | np.floating):
        raise InputError(f"{name} must be a finite number, got {x!r}.")
    v = _float(x)
    if not np.isfinite(v):
        raise InputError(f"{name} must be a finite number, got {v!r}.")
    return v


def real_numbers(values: Any) -> FloatArray | None:
    """``values`` as a float array, or None when they are not all real numbers.

    Booleans and numeric strings are not numbers here (``np.array(["1"], float)`` would say
    they are), nor are complex numbers.
    """
    if isinstance(values, list | tuple) and any(
        isinstance(v, bool | str | bytes | np.bool_) for v in values
    ):  # np.asarray([True, 2]) would quietly make the booleans 1 and 0
        return None
    try:
        raw = _asarray(values)
        if raw.dtype.kind == "O":
            items = raw.reshape(-1).tolist()
            if any(isinstance(v, bool | str | bytes) for v in items):
                return None
            raw = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    if raw.dtype.kind not in "iuf":
        return None
    return np.array(raw, dtype=np.float64)


def nonnegative_problems(x: FloatArray, what: str) -> list[str]:
    """Why ``x`` is not finite, non-negative and somewhere positive (empty when it is)."""
    where = np.flatnonzero(~(np.isfinite(x) & (x >= 0)))
    if where.size:
        bad = [f"[{j}] is {float(x[j]):g}" for j in where[:MAX_LISTED].tolist()]
        more = f", {where.size} in all" if where.size > MAX_LISTED else ""
        return [f"{what} must be finite and non-negative ({', '.join(bad)}{more})"]
    if not np.any(x > 0):
        return [f"{what} are all zero; at least one must be positive"]
    return []
