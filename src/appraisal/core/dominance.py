"""Pareto dominance between options, blockwise and vectorised.

Re-exported by :mod:`appraisal.rank`. Option ``i`` dominates option ``j`` when

    V[i, c] >= V[j, c] - tol  for every criterion c,  and  V[i, c] > V[j, c] + tol  for some c.

The relation is irreflexive and asymmetric (no two options dominate each other). With
``tol > 0`` it can fail to be transitive only between options whose values differ by at most
``2 tol`` on some criterion.

Method. Every pair must be looked at, so the cost is ``O(m^2 k)``; what matters is doing it in
numpy and never holding more than a block. Options with bitwise identical rows of values stand
or fall together, so the work is done on the distinct rows only (an ordinal case with 10,000
options and five criteria has about 2,700). Rows are taken in blocks of "dominated" candidates
``j``, in increasing order of their value sums ``s``. If ``i`` dominates ``j`` then
``s_i >= s_j - k tol`` (up to rounding, bounded in :func:`_sums`), so only rows with a large
enough sum are compared with a block: about half of all pairs are never touched. For each block
both conditions are one comparison per criterion on a ``(block, candidates)`` array of a few
megabytes, whatever ``m`` is; only the pairs found are kept.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.core._args import tolerance, values_matrix
from appraisal.core.aggregate import TIE_TOLERANCE

__all__ = ["dominance"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# cells of one (block, candidates) comparison array, and when to go from dense arrays to a list
# of the pairs still possible (below 1/16 of the cells); tuned with benchmarks/bench_rank.py
_BLOCK_CELLS = 1 << 20
_SPARSE_BELOW = 16


def _sums(V: FloatArray, tol: float) -> tuple[FloatArray, float]:
    """Row sums of ``V`` scaled by a power of two, and how far below ``s_j`` a dominator's may be.

    The scale (exact) keeps sums of values near 1e308 from overflowing. If ``i`` dominates
    ``j`` then exactly ``sum V_i >= sum V_j - k tol``; the computed sums are each off by at most
    ``(k - 1) eps R`` with ``R`` the largest row sum of ``|V|``, and ``V_j - tol`` itself is
    rounded by at most ``eps |V_j|``, so ``2 k tol + 4 k eps R`` (scaled) is a safe slack.
    """
    k = V.shape[1]
    _, e = np.frexp(float(np.max(np.abs(V))))
    scale = float(np.ldexp(1.0, int(e)))  # max |V| / scale lies in [0.5, 1), or V is all 0
    Vs = V / scale
    s = Vs.sum(axis=1)
    R = float(np.abs(Vs).sum(axis=1).max())
    slack = 2.0 * k * (tol / scale) + 4.0 * k * float(np.finfo(np.float64).eps) * R
    return s, slack


def _pair_blocks(V: FloatArray, tol: float) -> Iterator[tuple[IntArray, IntArray]]:
    """``(i, j)`` index arrays of dominating/dominated pairs, block by block.

    Each ``j`` appears in one block only; its pairs are contiguous there, ``i`` ascending.
    """
    m, k = V.shape
    with np.errstate(over="ignore"):  # a huge tol: every pair is within tolerance
        lo, hi = (V - tol).T.copy(), (V + tol).T.copy()
    Vt = V.T.copy()
    s, slack = _sums(V, tol)
    by_sum = np.argsort(s, kind="stable")
    step = max(1, _BLOCK_CELLS // m)
    for start in range(0, m, step):
        J = by_sum[start : start + step]
        cand = np.flatnonzero(s >= s[J].min() - slack)
        shape = (J.size, cand.size)
        weak, strict, tmp = np.ones(shape, bool), np.zeros(shape, bool), np.empty(shape, bool)
        c = 0
        while c < k:  # dense while many pairs are still possible
            x = Vt[c, cand][None, :]
            np.greater_equal(x, lo[c, J][:, None], out=tmp)
            weak &= tmp
            np.greater(x, hi[c, J][:, None], out=tmp)
            strict |= tmp
            c += 1
            if np.count_nonzero(weak) * _SPARSE_BELOW < weak.size:
                break
        jl, ci = np.nonzero(weak)
        better = strict[jl, ci]
        jj, ii = J[jl], cand[ci]
        for d in range(c, k):  # then only on the pairs left, which shrink with each criterion
            x = Vt[d, ii]
            keep = x >= lo[d, jj]
            jj, ii, x, better = jj[keep], ii[keep], x[keep], better[keep]
            better |= x > hi[d, jj]
        if better.any():
            yield ii[better].astype(np.int64), jj[better].astype(np.int64)


def _unique_rows(V: FloatArray) -> tuple[FloatArray, IntArray]:
    """Distinct rows (bitwise) and each option's row: identical options share every relation."""
    U, inverse = np.unique(V, axis=0, return_inverse=True)
    return np.asarray(U, dtype=np.float64), np.asarray(inverse, dtype=np.int64).reshape(-1)


def dominators_sorted(
    V: FloatArray, tol: float, rank: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """For each option, its dominators as positions in the order ``rank`` (no validation).

    ``rank`` is a permutation: ``rank[i]`` is option ``i``'s place in the wanted order (for
    example by id). Options with identical rows share their list, so the result is given per
    distinct row: ``(inverse, starts, flat)`` where option ``j``'s dominators, in that order,
    are the places ``flat[starts[inverse[j]]:starts[inverse[j] + 1]]``.
    """
    U, inverse = _unique_rows(V)
    u = U.shape[0]
    # members of each distinct row, by place
    members = np.sort(inverse * V.shape[0] + rank) % V.shape[0]
    counts = np.bincount(inverse, minlength=u)
    first = np.concatenate(([0], np.cumsum(counts)))
    parts = list(_pair_blocks(U, tol))
    if not parts:
        return inverse, np.zeros(u + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    iu = np.concatenate([p[0] for p in parts])
    ju = np.concatenate([p[1] for p in parts])
    sizes = counts[iu]  # each dominating row contributes all of its members
    total = int(sizes.sum())
    offset = np.repeat(first[iu] - (np.cumsum(sizes) - sizes), sizes)
    places = members[offset + np.arange(total, dtype=np.int64)]
    seg = np.repeat(ju, sizes)
    keyed = np.sort(seg * V.shape[0] + places)
    flat = keyed % V.shape[0]
    per_row = np.bincount(seg, minlength=u)
    starts = np.concatenate(([0], np.cumsum(per_row))).astype(np.int64)
    return inverse, starts, flat.astype(np.int64)


def dominance(V: ArrayLike, tol: float = TIE_TOLERANCE) -> BoolArray:
    """Pareto dominance: ``D[i, j]`` is True when option i dominates option j.

    i dominates j when it is at least as good on every criterion and better on at least one
    (values are "higher is better" after :mod:`appraisal.values`), each within ``tol``:
    ``V[i, c] >= V[j, c] - tol`` for every ``c`` and ``V[i, c] > V[j, c] + tol`` for some ``c``.
    Every column of ``V`` counts; pass only the criteria that should.

    Parameters
    ----------
    V : array_like, shape (m, k)
        Values, higher is better.
    tol : float, default 1e-9
        Finite, ``>= 0``.

    Returns
    -------
    ndarray of bool, shape (m, m)

    Raises
    ------
    InputError
        ``V`` is not a non-empty 2-d array of finite numbers, or ``tol`` is not a finite
        number ``>= 0``.

    Examples
    --------
    >>> import numpy as np
    >>> dominance(np.array([[100.0, 50.0], [50.0, 50.0], [0.0, 100.0]])).astype(int)
    array([[0, 1, 0],
           [0, 0, 0],
           [0, 0, 0]])
    """
    A = values_matrix(V, "V")
    t = tolerance(tol)
    m = A.shape[0]
    U, inverse = _unique_rows(A)
    if U.shape[0] == m:  # all distinct: scatter the pairs straight back
        row_of = np.argsort(inverse)
        D = np.zeros((m, m), dtype=bool)
        for i, j in _pair_blocks(U, t):
            D[row_of[i], row_of[j]] = True
        return D
    Du = np.zeros((U.shape[0], U.shape[0]), dtype=bool)
    for i, j in _pair_blocks(U, t):
        Du[i, j] = True
    return np.asarray(Du[inverse][:, inverse], dtype=bool)


def dominated_by_ids(V: FloatArray, options: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """For each option (in order), the ids of the options dominating it, sorted by id.

    ``V`` is checked by the caller. Dominance uses :data:`~appraisal.aggregate.TIE_TOLERANCE`.
    """
    m = len(options)
    by_id = sorted(range(m), key=options.__getitem__)
    place = np.empty(m, dtype=np.int64)
    place[by_id] = np.arange(m, dtype=np.int64)
    ids = np.array([options[i] for i in by_id], dtype=object)
    inverse, starts, flat = dominators_sorted(V, TIE_TOLERANCE, place)
    shared = [
        tuple(ids[flat[starts[r] : starts[r + 1]]].tolist()) for r in range(starts.size - 1)
    ]  # one tuple per distinct row of values, shared by the options that have it
    return tuple(shared[r] for r in inverse.tolist())
