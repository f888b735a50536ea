"""Aggregation kernels: values and weights in, overall scores out.

Conventions, stated once for the whole numeric core: ``V`` is an ``(m, k)`` array of values on
the 0..100 interval scale, one row per option and one column per criterion; ``w`` is a ``(k,)``
weight vector (non-negative, summing to 1); ``W`` is an ``(n, k)`` stack of weight vectors.
Kernels do not validate their inputs: validation happens once, when an appraisal is loaded.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["TIE_TOLERANCE", "weighted_sum", "weighted_sum_many"]

FloatArray = NDArray[np.float64]

#: Overall scores closer than this are treated as tied, everywhere in the library.
TIE_TOLERANCE = 1e-9


def weighted_sum(V: FloatArray, w: FloatArray) -> FloatArray:
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
    return np.asarray(V @ w, dtype=np.float64)


def weighted_sum_many(V: FloatArray, W: FloatArray) -> FloatArray:
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

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[100.0, 0.0], [0.0, 100.0]])
    >>> weighted_sum_many(V, np.array([[1.0, 0.0], [0.25, 0.75]]))
    array([[100.,   0.],
           [ 25.,  75.]])
    """
    return np.asarray(W @ V.T, dtype=np.float64)
