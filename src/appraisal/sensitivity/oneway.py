r"""Exact one-way weight sensitivity: each weight swept over [0, 1], the others kept in proportion.

For criterion :math:`k` the weight vector is

.. math:: w(t) = t\,e_k + (1 - t)\,u_k, \qquad u_k = \frac{w_{-k}}{1 - w_k},

so :math:`w(w_k) = w` and every option's overall score is a straight line in :math:`t`,
:math:`S_i(t) = a_{ki} + b_{ki} t` with intercept :math:`a_{ki} = V_i \cdot u_k` (its score when
criterion :math:`k` has no weight) and :math:`a_{ki} + b_{ki} = V_{ik}` (its score when criterion
:math:`k` has all of it). When :math:`w_k = 1` the other weights have no proportions to keep and
are taken as equal. Two lines cross at most once, so every crossover is found in closed form.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from appraisal.core.aggregate import TIE_TOLERANCE, weighted_sum
from appraisal.sensitivity.common import (
    FloatArray,
    as_inputs,
    check_matrix,
    check_weights,
    fnum,
    top_two,
)
from appraisal.sensitivity.oneway_result import CriterionSensitivity, OneWayResult

__all__ = ["oneway", "oneway_lines"]


def oneway_lines(V: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Intercepts and slopes of every option's score as one weight sweeps over [0, 1].

    .. math:: S_{ki}(t) = a_{ki} + b_{ki}\,t, \quad a_{ki} = V_i \cdot u_k, \quad
              b_{ki} = V_{ik} - a_{ki}

    Parameters
    ----------
    V : ndarray, shape (m, k)
    w : ndarray, shape (k,)

    Returns
    -------
    a, b : ndarray, shape (k, m)
        Row ``k`` holds the lines for a sweep of criterion ``k``'s weight.

    Raises
    ------
    InputError
        If ``V`` is not a finite matrix or ``w`` not one finite, non-negative weight per column
        summing to 1.

    Examples
    --------
    >>> a, b = oneway_lines(np.array([[100.0, 0.0], [40.0, 80.0]]), np.array([0.5, 0.5]))
    >>> a.tolist(), b.tolist()
    ([[0.0, 80.0], [100.0, 40.0]], [[100.0, -40.0], [-100.0, 40.0]])
    """
    V = check_matrix(V)
    w = check_weights(w, V.shape[1])
    k = w.size
    U = np.tile(w, (k, 1))
    np.fill_diagonal(U, 0.0)
    rest = 1.0 - w
    full = rest <= 1e-12  # w_k == 1: no proportions left to keep
    U[~full] /= rest[~full, None]
    if full.any():
        U[full] = (1.0 - np.eye(k)[full]) / (k - 1) if k > 1 else 1.0
    a = np.asarray(U @ V.T, dtype=np.float64)
    return a, V.T - a


def _first_changes(
    d_now: FloatArray, d0: FloatArray, d1: FloatArray, w: FloatArray, tol: float
) -> tuple[FloatArray, FloatArray]:
    """Where a leader first loses its place to each rival, above and below the current weight.

    ``d_now`` (r,) is the leader's lead at the current weights (>= 0), ``d0`` and ``d1`` (k, r) its
    lead at t = 0 and t = 1 of each criterion's sweep. A rival tied now (within ``tol``) changes
    the order at once wherever the lines differ; otherwise it must strictly overtake, at the root
    of the straight line between the lead now and the lead at the end of the sweep. Returns
    ``(up, down)`` (k, r): the change point above and below ``w``, ``inf``/``-inf`` when none.
    """
    tied = np.abs(d_now) <= tol
    lead = np.where(tied, 0.0, np.maximum(d_now, 0.0))
    wk = w[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        up_ok = np.where(tied, np.abs(d1) > tol, d1 < -tol)
        up = np.where(up_ok, wk + (1.0 - wk) * lead / (lead - d1), np.inf)
        down_ok = np.where(tied, np.abs(d0) > tol, d0 < -tol)
        down = np.where(down_ok, wk * (-d0) / (lead - d0), -np.inf)
    return up, down


def oneway(
    V: FloatArray, w: FloatArray, *, options: Sequence[str], criteria: Sequence[str]
) -> OneWayResult:
    r"""Exact one-way sensitivity of the top option and the ranking to each weight.

    Each criterion's weight is set to :math:`t \in [0, 1]` with the other weights rescaled in
    proportion, :math:`w(t) = t e_k + (1 - t) w_{-k} / (1 - w_k)`, so each score is a line in
    :math:`t`. Options :math:`i, j` swap where their lines cross,
    :math:`t^* = d_0 / (d_0 - d_1)` with :math:`d_0, d_1` the score differences at
    :math:`t = 0` and :math:`t = 1`. The top option's stability interval needs only the top
    against every other option; the whole ranking's needs only neighbours in the current ranking
    (the first swap away from :math:`w_k` is between options adjacent there). Both are computed
    for all criteria at once in :math:`O(mk)` after the :math:`O(mk^2)` lines. Scores within
    ``TIE_TOLERANCE`` are tied; a swap touching 0 or 1 only as a tie is not a crossover.

    Parameters
    ----------
    V : ndarray, shape (m, k)
        Values on 0..100, options in rows.
    w : ndarray, shape (k,)
        Weights summing to 1.
    options, criteria : sequence of str
        Ids of the rows and the columns.

    Returns
    -------
    OneWayResult
        ``crossovers(criterion)`` lists the swaps (computed on demand); ``to_dict()`` gives the
        oneway JSON contract.

    Raises
    ------
    InputError
        If the shapes disagree with the ids, values or weights are not finite, weights are
        negative or do not sum to 1, ids repeat, or there are fewer than two options.

    References
    ----------
    Triantaphyllou, E. and Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1), 151-194.
    Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid.
    *European Journal of Operational Research* 33(1), 54-64.

    Examples
    --------
    >>> V = np.array([[100.0, 0.0, 0.0], [0.0, 100.0, 0.0], [0.0, 0.0, 100.0]])
    >>> r = oneway(V, np.array([0.5, 0.3, 0.2]), options=["A", "B", "C"], criteria=["x", "y", "z"])
    >>> r.top, r.most_critical
    ('A', 'y')
    >>> x = r.sensitivity("x")
    >>> x.stability_interval, round(x.delta, 4), x.challenger
    ((0.375, 1.0), 0.125, 'B')
    >>> [(round(c.weight, 4), c.options, c.top_changes) for c in r.crossovers("x")]
    [(0.2857, ('C', 'A'), False), (0.375, ('B', 'A'), True)]
    """
    V, w, opts, crits = as_inputs(V, w, options, criteria)
    tol = TIE_TOLERANCE
    a, b = oneway_lines(V, w)
    end = V.T  # scores at t = 1, (k, m)
    S = weighted_sum(V, w)
    top, _, tied = top_two(S)

    # the top against every other option
    up, down = _first_changes(S[top] - S, a[:, [top]] - a, end[:, [top]] - end, w, tol)
    up_j, down_j = np.argmin(up, axis=1), np.argmax(down, axis=1)
    rows = np.arange(w.size)
    hi_t, lo_t = up[rows, up_j], down[rows, down_j]
    hi = np.clip(np.where(np.isfinite(hi_t), hi_t, 1.0), w, 1.0)
    lo = np.clip(np.where(np.isfinite(lo_t), lo_t, 0.0), 0.0, w)

    # neighbours in the current ranking
    order = np.argsort(-S, kind="stable")
    p, q = order[:-1], order[1:]
    rup, rdown = _first_changes(S[p] - S[q], a[:, p] - a[:, q], end[:, p] - end[:, q], w, tol)
    rhi = np.clip(np.minimum(rup.min(axis=1), 1.0), w, 1.0)
    rlo = np.clip(np.maximum(rdown.max(axis=1), 0.0), 0.0, w)
    # While the whole ranking holds, the top holds, so the ranking's interval lies inside the
    # top's. The same crossover reached through another pair's arithmetic can differ in the last
    # bit; keep the nesting exact.
    rhi, rlo = np.minimum(rhi, hi), np.maximum(rlo, lo)

    per: list[CriterionSensitivity] = []
    for k in range(w.size):
        wk = float(w[k])
        cands: list[tuple[float, float, int, str]] = []
        if np.isfinite(hi_t[k]):
            cands.append((float(hi[k]) - wk, float(hi[k]), int(up_j[k]), "increase"))
        if np.isfinite(lo_t[k]):
            cands.append((wk - float(lo[k]), float(lo[k]), int(down_j[k]), "decrease"))
        delta = ts = pct = ts_pct = None
        challenger = direction = None
        if cands:
            best = min(cands, key=lambda c: c[0])
            delta, challenger, direction = best[0], opts[best[2]], best[3]
            ts = min(c[0] / (1.0 - c[1]) if c[0] > 0 else 0.0 for c in cands)
            if wk > 0:
                pct, ts_pct = 100.0 * delta / wk, 100.0 * ts / wk
        per.append(
            CriterionSensitivity(
                criterion=crits[k],
                weight=wk,
                stability_interval=(float(lo[k]), float(hi[k])),
                ranking_stability_interval=(float(rlo[k]), float(rhi[k])),
                delta=delta,
                delta_percent=fnum(pct),
                ts_delta=ts,
                ts_delta_percent=fnum(ts_pct),
                challenger=challenger,
                direction=direction,
            )
        )
    deltas = [(c.delta, k) for k, c in enumerate(per) if c.delta is not None]
    most = crits[min(deltas)[1]] if deltas else None
    return OneWayResult(
        options=opts,
        criteria=crits,
        weights=w,
        scores=S,
        top=opts[top],
        top_options=tuple(opts[i] for i in tied),
        intercepts=a,
        slopes=b,
        per_criterion=tuple(per),
        most_critical=most,
    )
