"""Aggregation kernels: values and weights in, overall scores out.

Conventions, stated once for the whole numeric core: ``V`` is an ``(m, k)`` array of values on
the 0..100 interval scale, one row per option and one column per criterion; ``w`` is a ``(k,)``
weight vector (non-negative, summing to 1); ``W`` is an ``(n, k)`` stack of weight vectors.

The kernels check their arguments cheaply (shape, finiteness, non-negative weights: one pass
over the data, see :mod:`appraisal.core._args`) and raise
:class:`~appraisal.errors.InputError` naming the argument, so a NaN or an infinity can never
come out as a score and be ranked. Whether weights sum to 1 is not checked (scores are then on
0..100 times the sum). Content checks that need the case (scales, anchors) happen once, when an
appraisal is loaded.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.core._args import (
    as_floats,
    require_finite,
    require_nonnegative,
    values_matrix,
    weight_vector,
)
from appraisal.errors import InputError

__all__ = ["TIE_TOLERANCE", "weighted_sum", "weighted_sum_many"]

FloatArray = NDArray[np.float64]

#: Overall scores within this of each other are tied, everywhere in the library; ties are then
#: closed transitively (see :func:`appraisal.rank.tie_groups`).
TIE_TOLERANCE = 1e-9


def _finite_scores(S: FloatArray, what: str) -> FloatArray:
    if not np.all(np.isfinite(S)):  # finite V and w can still overflow (w near 1e308)
        raise InputError(
            f"the weighted sums {what} overflow the floating-point range; "
            "weights should sum to 1 (scale them down)."
        )
    return S


def weighted_sum(V: ArrayLike, w: ArrayLike) -> FloatArray:
    r"""Additive value model: the weighted sum of each option's values.

    .. math:: S_i = \sum_j w_j V_{ij}

    Parameters
    ----------
    V : ndarray, shape (m, k)
        Values on 0..100, options in rows, criteria in columns.
    w : ndarray, shape (k,)
        Weights, non-negative and summing to 1.

    Returns
    -------
    ndarray, shape (m,)
        Overall scores on 0..100.

    Raises
    ------
    InputError
        ``V`` is not a non-empty 2-d array, ``w`` does not have one entry per column of ``V``,
        either holds NaN or infinity, ``w`` has a negative entry, or the sums overflow.

    References
    ----------
    Keeney, R. L. and Raiffa, H. (1976). *Decisions with Multiple Objectives*. Wiley.
    Department for Communities and Local Government (2009). *Multi-criteria analysis: a manual*.

    Examples
    --------
    >>> import numpy as np
    >>> weighted_sum(np.array([[100.0, 0.0], [40.0, 80.0]]), np.array([0.5, 0.5]))
    array([50., 60.])
    """
    A = values_matrix(V, "V")
    x = weight_vector(w, A.shape[1], "w")
    with np.errstate(over="ignore", invalid="ignore"):
        S = np.asarray(A @ x, dtype=np.float64)
    return _finite_scores(S, "V @ w")


def weighted_sum_many(V: ArrayLike, W: ArrayLike) -> FloatArray:
    """Weighted sums for many weight vectors at once.

    Parameters
    ----------
    V : ndarray, shape (m, k)
        Values, options in rows.
    W : ndarray, shape (n, k)
        One weight vector per row.

    Returns
    -------
    ndarray, shape (n, m)
        ``S[s, i]`` is option ``i``'s score under weight vector ``s``.

    Raises
    ------
    InputError
        As :func:`weighted_sum`, for ``V`` and every row of ``W``.

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[100.0, 0.0], [0.0, 100.0]])
    >>> weighted_sum_many(V, np.array([[1.0, 0.0], [0.25, 0.75]]))
    array([[100.,   0.],
           [ 25.,  75.]])
    """
    A = values_matrix(V, "V")
    k = A.shape[1]
    B = as_floats(W, "W", 2, f"of shape (n, {k}): one weight vector per row")
    if B.shape[1] != k:
        raise InputError(f"W must have one column per criterion of V ({k}), got shape {B.shape}.")
    require_finite(B, "W")
    require_nonnegative(B, "W")
    with np.errstate(over="ignore", invalid="ignore"):
        S = np.asarray(B @ A.T, dtype=np.float64)
    return _finite_scores(S, "W @ V.T")
