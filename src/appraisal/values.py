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

import numpy as np
from numpy.typing import NDArray

from ._checks import resolve_score
from .errors import InputError
from .model import Appraisal, Criterion, NumericScale, OrdinalScale

__all__ = ["linear_values", "piecewise_values", "raw_matrix", "value_matrix"]

FloatArray = NDArray[np.float64]


def linear_values(x: FloatArray, worst: float, best: float) -> FloatArray:
    r"""Linear value function: ``worst`` maps to 0 and ``best`` to 100.

    .. math:: v(x) = 100 \frac{x - x_{worst}}{x_{best} - x_{worst}}

    A cost criterion is simply one whose ``worst`` anchor is the larger number.

    Parameters
    ----------
    x : ndarray
        Scores, any shape.
    worst, best : float
        The anchors; must differ.

    Returns
    -------
    ndarray
        Values, same shape as ``x`` (outside 0..100 if ``x`` lies outside the anchors).

    Examples
    --------
    >>> import numpy as np
    >>> linear_values(np.array([1.0, 3.0, 5.0]), worst=1, best=5)
    array([  0.,  50., 100.])
    >>> linear_values(np.array([10.0, 20.0]), worst=20, best=10)  # a cost: lower is better
    array([100.,   0.])
    """
    # "+ 0.0" turns -0.0 into 0.0 so output never shows a negative zero
    return np.asarray(100.0 * (x - worst) / (best - worst) + 0.0, dtype=np.float64)


def piecewise_values(x: FloatArray, points: FloatArray) -> FloatArray:
    """Piecewise-linear value function through ``points`` (rows of ``[score, value]``).

    Scores outside the first and last points take the end values.

    Examples
    --------
    >>> import numpy as np
    >>> pts = np.array([[0.0, 0.0], [10.0, 80.0], [20.0, 100.0]])
    >>> piecewise_values(np.array([5.0, 15.0]), pts)
    array([40., 90.])
    """
    return np.asarray(np.interp(x, points[:, 0], points[:, 1]), dtype=np.float64)


def raw_matrix(appraisal: Appraisal) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Scores as numbers (labels resolved), and a mask of cells that are scored.

    Returns
    -------
    raw : ndarray, shape (m, k)
        Each cell's score on its own scale; NaN where the option says ``not_scored``.
    scored : ndarray of bool, shape (m, k)
    """
    m, k = len(appraisal.options), len(appraisal.criteria)
    raw = np.full((m, k), np.nan)
    for i, option in enumerate(appraisal.options):
        for j, crit in enumerate(appraisal.criteria):
            cell = option.scores[crit.id]
            if cell.score is None:
                continue
            value, why = resolve_score(cell.score, appraisal.scales[crit.scale])
            if value is None:  # pragma: no cover - rejected when the appraisal was built
                raise InputError(f"{option.id}.{crit.id}: {why}.")
            raw[i, j] = value
    return raw, ~np.isnan(raw)


def _column_values(
    raw: FloatArray, crit: Criterion, scale: OrdinalScale | NumericScale
) -> FloatArray:
    cost = crit.direction == "cost"
    if isinstance(scale, OrdinalScale):
        lo, hi = min(scale.values), max(scale.values)
        return linear_values(raw, hi if cost else lo, lo if cost else hi)
    if scale.value_function.type == "piecewise":
        points = np.array(scale.value_function.points, dtype=np.float64)
        return piecewise_values(raw, points)
    if scale.anchors == "local":
        finite = raw[~np.isnan(raw)]
        lo = float(finite.min()) if finite.size else 0.0
        hi = float(finite.max()) if finite.size else 1.0
        if lo == hi:  # every option scores the same: no difference to value
            return np.where(np.isnan(raw), np.nan, 100.0)
    else:
        lo, hi = float(scale.min or 0.0), float(scale.max or 1.0)
    values = linear_values(raw, hi if cost else lo, lo if cost else hi)
    if scale.clamp:
        values = np.clip(values, 0.0, 100.0)
    return values


def value_matrix(appraisal: Appraisal) -> FloatArray:
    """The value matrix ``V`` (options x criteria) on 0..100, higher always better.

    Cells marked ``not_scored`` get 0, the worst value (load reports a warning for each).

    Examples
    --------
    >>> import appraisal
    >>> V = value_matrix(appraisal.load("."))
    >>> V.shape, float(V.min()), float(V.max())
    ((5, 19), 0.0, 100.0)
    """
    raw, scored = raw_matrix(appraisal)
    V = np.empty_like(raw)
    for j, crit in enumerate(appraisal.criteria):
        V[:, j] = _column_values(raw[:, j], crit, appraisal.scales[crit.scale])
    V[~scored] = 0.0
    return V
