"""Ties between overall scores as an equivalence relation, and competition ranks.

Re-exported by :mod:`appraisal.rank`; every module that compares scores with
:data:`~appraisal.aggregate.TIE_TOLERANCE` should group them with :func:`tie_groups` or rank
them with :func:`competition_ranks`, so that "tied" means the same everywhere.

Why chaining. "Within ``tol``" is not transitive: with ``tol = 1e-9`` the scores 0, 0.8e-9 and
1.6e-9 have the first two and the last two within tolerance but not the first and the last, and
ranking each option by "1 + the number of options more than ``tol`` above it" gave them ranks
2, 1, 1, which says 0 ties 0.8e-9 while 0.8e-9 beats it. The tie relation used here is the
transitive closure of "within ``tol``": sort the scores and start a new group wherever two
neighbours differ by more than ``tol`` (single-linkage clustering on the line). Then

- two scores within ``tol`` of each other are always tied (rounding noise never separates them);
- ties are an equivalence relation, and the groups depend only on the multiset of scores, never
  on the order in which the options are listed;
- a higher score never gets a worse rank.

The price: a chain of near-ties can make a group wider than ``tol`` (0, 0.8e-9, 1.6e-9 form one
group). Snapping scores to a grid of width ``tol`` would keep groups narrow but would split two
scores 1e-15 apart that fall either side of a grid line, the very rounding noise the tolerance
is there to absorb, so it is not used. Scores are on 0..100 and ``tol`` is 1e-9: a chain needs
scores that agree to about ten significant figures, which real appraisals do not produce by
accident.

Cost: one sort, ``O(m log m)`` per row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.core._args import as_floats, require_finite, tolerance
from appraisal.core.aggregate import TIE_TOLERANCE

__all__ = ["competition_ranks", "tie_groups"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def _sorted_breaks(scores: Any, tol: Any) -> tuple[IntArray, NDArray[np.bool_]]:
    """Descending order of each row, and where a new tie group starts in that order."""
    s = as_floats(scores, "scores", (1, 2), "of shape (m,) or (n, m): scores of m options")
    require_finite(s, "scores")
    t = tolerance(tol)
    order = np.argsort(-s, axis=-1, kind="stable").astype(np.int64)
    ranked = np.take_along_axis(s, order, axis=-1)
    starts = np.ones(s.shape, dtype=bool)
    with np.errstate(over="ignore"):  # a gap beyond the float range is inf: a new group
        np.greater(ranked[..., :-1] - ranked[..., 1:], t, out=starts[..., 1:])
    return order, starts


def _scatter(order: IntArray, sorted_values: IntArray) -> IntArray:
    out = np.empty_like(sorted_values)
    np.put_along_axis(out, order, sorted_values, axis=-1)
    return out


def tie_groups(scores: ArrayLike, tol: float = TIE_TOLERANCE) -> IntArray:
    """The tie group of each score: 0 for the best group, 1 for the next, and so on.

    Two scores are tied when a chain of scores, each within ``tol`` of the next, links them
    (the transitive closure of "within ``tol``"; see the module notes).

    Parameters
    ----------
    scores : array_like, shape (m,) or (n, m)
        Overall scores; a 2-d array is grouped row by row (one row per weight sample).
    tol : float, default 1e-9
        Finite, ``>= 0``; ``0`` ties only equal scores.

    Returns
    -------
    ndarray of int, same shape as ``scores``

    Raises
    ------
    InputError
        ``scores`` is not a 1-d or 2-d array of finite numbers, or ``tol`` is not a finite
        number ``>= 0``.

    Examples
    --------
    >>> import numpy as np
    >>> tie_groups(np.array([0.0, 0.8e-9, 1.6e-9, 5.0]))
    array([1, 1, 1, 0])
    >>> tie_groups(np.array([[3.0, 1.0, 3.0], [1.0, 2.0, 3.0]]))
    array([[0, 1, 0],
           [2, 1, 0]])
    """
    order, starts = _sorted_breaks(scores, tol)
    labels = np.cumsum(starts, axis=-1, dtype=np.int64) - 1
    return _scatter(order, labels)


def competition_ranks(scores: ArrayLike, tol: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks ("1224"): 1 + the number of options in better tie groups.

    Tie groups are those of :func:`tie_groups`: scores within ``tol`` of each other, closed
    transitively. Tied options share the best rank of their group and the ranks after a group
    are skipped, so ranks depend only on the scores, never on the options' order.

    Parameters
    ----------
    scores : array_like, shape (m,) or (n, m)
        Overall scores; a 2-d array is ranked row by row.
    tol : float, default 1e-9

    Returns
    -------
    ndarray of int, same shape as ``scores``

    Raises
    ------
    InputError
        As :func:`tie_groups`.

    Examples
    --------
    >>> import numpy as np
    >>> competition_ranks(np.array([70.0, 80.0, 70.0 + 1e-12, 10.0]))
    array([2, 1, 2, 4])
    >>> competition_ranks(np.array([0.0, 0.8e-9, 1.6e-9]))  # one chain of near-ties
    array([1, 1, 1])
    """
    order, starts = _sorted_breaks(scores, tol)
    position = np.broadcast_to(np.arange(starts.shape[-1], dtype=np.int64), starts.shape)
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=-1)
    return _scatter(order, first + 1)
