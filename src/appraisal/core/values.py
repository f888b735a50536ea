"""Scores to values on a common 0..100 interval scale.

Everywhere in the library a value matrix ``V`` has one **row per option** and one **column per
criterion**, in the appraisal's option order (file-name order) and criterion order (file order).
0 is the worst and 100 the best performance on each criterion, whatever the direction of the
underlying score, so higher is always better after this step.

Ordinal scales map linearly from the lowest level value (0) to the highest (100). Numeric scales
map through their value function: linear between anchors (``min``/``max`` for global anchors,
the options' own worst and best for local anchors), or piecewise-linear through given points.
For cost criteria the mapping is reversed.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.core._args import as_floats, finite_number, require_finite
from appraisal.errors import InputError

__all__ = [
    "linear_values",
    "piecewise_values",
]

FloatArray = NDArray[np.float64]


def _g(x: float) -> str:
    return f"{x:g}"


def _fraction(x: FloatArray, lo: float, hi: float) -> FloatArray:
    """``(x - lo) / (hi - lo)`` without overflow: halves when the span (or x - lo) overflows.

    Every operand is finite; ``hi - lo`` can still overflow (``-1e308 .. 1e308``), and so can
    ``x - lo`` for a score beyond the anchors. Halving is exact for normal numbers, and the
    halved differences cannot overflow.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        span = hi - lo
        if math.isfinite(span):
            t = (x - lo) / span
            wide = ~np.isfinite(t)
            if wide.any():
                t[wide] = (x[wide] / 2 - lo / 2) / (span / 2)
        else:
            t = (x / 2 - lo / 2) / (hi / 2 - lo / 2)
    return np.asarray(t, dtype=np.float64)


def linear_values(x: ArrayLike, worst: float, best: float) -> FloatArray:
    r"""Linear value function: ``worst`` maps to 0 and ``best`` to 100.

    .. math:: v(x) = 100 \frac{x - x_{worst}}{x_{best} - x_{worst}}

    A cost criterion is simply one whose ``worst`` anchor is the larger number. The fraction is
    formed first and scaled by 100 last, with halved operands when a difference would overflow,
    so any finite anchors and scores work (anchors ``-1e308`` and ``1e308`` included).

    Parameters
    ----------
    x : array_like
        Scores, any shape, finite.
    worst, best : float
        The anchors; finite and different.

    Returns
    -------
    ndarray
        Values, same shape as ``x`` (outside 0..100 if ``x`` lies outside the anchors; a
        score so far outside that its value overflows comes out as infinity).

    Raises
    ------
    InputError
        A non-finite score or anchor, or equal anchors.

    Examples
    --------
    >>> import numpy as np
    >>> linear_values(np.array([1.0, 3.0, 5.0]), worst=1, best=5)
    array([  0.,  50., 100.])
    >>> linear_values(np.array([10.0, 20.0]), worst=20, best=10)  # a cost: lower is better
    array([100.,   0.])
    >>> linear_values(np.array([-1e308, 0.0, 1e308]), worst=-1e308, best=1e308)
    array([  0.,  50., 100.])
    """
    a = as_floats(x, "x", tuple(range(33)), "of scores")
    require_finite(a, "x")
    lo, hi = finite_number(worst, "worst"), finite_number(best, "best")
    if lo == hi:
        raise InputError(f"worst and best must differ, got {_g(lo)} for both.")
    t = _fraction(a, lo, hi)
    with np.errstate(over="ignore"):
        # "+ 0.0" turns -0.0 into 0.0 so output never shows a negative zero
        return np.asarray(100.0 * t + 0.0, dtype=np.float64)


def piecewise_values(x: ArrayLike, points: ArrayLike) -> FloatArray:
    """Piecewise-linear value function through ``points`` (rows of ``[score, value]``).

    Scores outside the first and last points take the end values. Within a segment
    ``[x_a, x_b]`` the value is ``v_a + t (v_b - v_a)`` with ``t = (x - x_a) / (x_b - x_a)``
    formed first (overflow-safe as in :func:`linear_values`), and kept between ``v_a`` and
    ``v_b``: so it is exact at every point, monotone between points, and finite for any
    finite points, however tiny or huge the spans (unlike ``numpy.interp``, which gives
    ``inf`` between points 0 and 2.2e-308).

    Parameters
    ----------
    x : array_like
        Scores, any shape, finite.
    points : array_like, shape (n, 2)
        ``n >= 2`` finite ``[score, value]`` rows with strictly increasing scores.

    Returns
    -------
    ndarray, same shape as ``x``

    Raises
    ------
    InputError
        Non-finite scores or points, fewer than two points, or scores not increasing.

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0, 0.0], [10.0, 80.0], [20.0, 100.0]])
    >>> piecewise_values(np.array([5.0, 15.0]), pts)
    array([40., 90.])
    """
    a = as_floats(x, "x", tuple(range(33)), "of scores")
    require_finite(a, "x")
    p = as_floats(points, "points", 2, "of shape (n, 2): [score, value] rows")
    if p.shape[0] < 2 or p.shape[1] != 2:
        raise InputError(f"points must be at least two [score, value] rows, got shape {p.shape}.")
    require_finite(p, "points")
    xs, vs = p[:, 0], p[:, 1]
    if not np.all(xs[1:] > xs[:-1]):
        at = int(np.flatnonzero(xs[1:] <= xs[:-1])[0])
        raise InputError(
            f"points must have strictly increasing scores; points[{at + 1}] has score "
            f"{_g(xs[at + 1])} after {_g(xs[at])}."
        )
    flat = a.reshape(-1)
    seg = np.clip(np.searchsorted(xs, flat, side="right") - 1, 0, xs.size - 2)
    x0, x1, v0, v1 = xs[seg], xs[seg + 1], vs[seg], vs[seg + 1]
    with np.errstate(over="ignore", invalid="ignore"):
        span = x1 - x0
        t = (flat - x0) / span
        wide = ~np.isfinite(span)  # then x1 / 2 - x0 / 2 is huge and exact
        if wide.any():
            t[wide] = (flat[wide] / 2 - x0[wide] / 2) / (x1[wide] / 2 - x0[wide] / 2)
    t[flat <= xs[0]] = 0.0  # beyond the ends: the end values
    t[flat >= xs[-1]] = 1.0
    t = np.clip(t, 0.0, 1.0)
    v = np.clip(v0 + t * (v1 - v0), np.minimum(v0, v1), np.maximum(v0, v1))
    return np.asarray(v.reshape(a.shape) + 0.0, dtype=np.float64)
