"""The feasible weight set as a polytope, its exact proposals, and hit-and-run steps.

A weight set constrained by bounds, an importance order and ratio bounds is the polytope
``{w : E w = e, A w <= b}`` (``sum w = 1`` and ``w >= 0`` included). Three *exact* proposals
draw uniformly from a simple set that contains it; filtering their draws by the constraints
(rejection) is then exactly uniform on the polytope:

- **simplex**: ``w = lo + (1 - sum lo) x`` with ``x`` uniform on the simplex of the free
  criteria (Dirichlet(1)): uniform on ``{w >= lo, sum w = 1}``, so lower bounds cost nothing;
- **ordinal**: the vertex form of the ordered simplex (see :func:`ordinal_draw`), scaled the
  same way, when an importance order is given;
- **box**: uniform on the box ``lo <= w <= hi`` cut by ``sum w = 1``. The cut is the graph of
  ``w_c = 1 - sum_{j != c} w_j`` over the other coordinates, a linear map with a constant
  Jacobian, so drawing the others uniformly in their intervals and keeping the draws whose
  ``w_c`` falls in ``[lo_c, hi_c]`` is exactly uniform on the cut. With ``c`` the widest
  interval the acceptance is about ``width_c / (2.5 sigma)``, ``sigma`` the standard deviation
  of the sum of the others: about 1 in 3 for ±20% intervals on 19 criteria, 1 in 6 on 60.

Criteria whose bounds pin them (``low == high``) take that value in every proposal.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.errors import InputError

__all__ = ["Polytope", "feasible_point", "hit_and_run", "matmul", "ordinal_draw"]

FloatArray = NDArray[np.float64]
Ratio = tuple[int, int, float, float]

FEAS_TOL = 1e-10  # how far a sample may stray outside a constraint (rounding)

# Matrix products are split into row blocks of about this many multiply-adds: below OpenBLAS's
# threading threshold (65536 x 4), so each runs on one thread. These thin products gain nothing
# from threads, and idle BLAS threads spinning on a busy machine slow everything else down.
BLAS_WORK = 1 << 18


def matmul(A: FloatArray, B: FloatArray, min_rows: int = 256) -> FloatArray:
    """``A @ B`` for a tall ``A``, in row blocks that BLAS runs single-threaded.

    Blocks have at least ``min_rows`` rows (fewer calls for wide ``B``, where threads help).
    """
    rows = BLAS_WORK // max(1, B.shape[0] * B.shape[1])
    if rows < min_rows or rows >= A.shape[0]:
        return np.asarray(A @ B, dtype=np.float64)
    out = np.empty((A.shape[0], B.shape[1]))
    for s in range(0, A.shape[0], rows):
        np.matmul(A[s : s + rows], B, out=out[s : s + rows])
    return out


def groups_of(order: ArrayLike, k: int) -> list[NDArray[np.intp]]:
    """Criterion indices grouped by importance position, most important group first."""
    try:
        p = np.array(order, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"order must be {k} numbers, one position per criterion.") from None
    if p.shape != (k,) or not np.all(np.isfinite(p)):
        raise InputError(
            f"order must hold one finite position per criterion ({k}); got {p.tolist()}."
        )
    return [np.flatnonzero(p == v) for v in np.unique(p)]


def ordinal_draw(
    rng: np.random.Generator, n: int, groups: list[NDArray[np.intp]], k: int, equal: bool
) -> FloatArray:
    r"""``n`` draws uniform on the ordered simplex of ``k`` criteria in importance ``groups``.

    Places ``1..k``: ``w_(p) = sum_{q >= p} lambda_q / q`` with ``lambda`` Dirichlet(1). Tied
    criteria share their places in a random order (``equal=False``), or get the group weight
    ``u_g = sum_{h >= g} lambda_h / S_h`` (``equal=True``, ``S`` the cumulative group sizes).
    Criteria in no group (pinned ones) get 0. Columns follow the criteria, not the groups.
    """
    W = np.zeros((n, k))
    sizes = np.array([g.size for g in groups])
    if equal:  # vertices e_g / S_g of the difference simplex, S = cumsum
        lam = rng.standard_exponential((n, sizes.size))
        lam /= lam.sum(axis=1, keepdims=True) * np.cumsum(sizes)
        u = np.cumsum(lam[:, ::-1], axis=1)[:, ::-1]  # u_g = sum over h >= g
        for gi, g in enumerate(groups):
            W[:, g] = u[:, gi : gi + 1]
        return W
    free = int(sizes.sum())
    n_keys = int(sizes[sizes > 1].sum())  # random keys that shuffle tied criteria
    draws = rng.standard_exponential((n, free + n_keys))
    lam = draws[:, :free] / draws[:, :free].sum(axis=1, keepdims=True)
    places = np.cumsum((lam / np.arange(1, free + 1))[:, ::-1], axis=1)[:, ::-1]
    start, key = 0, free
    for g in groups:
        if g.size == 1:
            W[:, g[0]] = places[:, start]
        else:
            perm = np.argsort(draws[:, key : key + g.size], axis=1) + start
            W[:, g] = np.take_along_axis(places, perm, axis=1)
            key += g.size
        start += g.size
    return W


class Polytope:
    """``{w : E w = e, A w <= b}`` from bounds, importance groups and ratio bounds.

    Attributes
    ----------
    A, b, E, e : ndarray
    lo, hi : ndarray, shape (k,)
        The bounds (0 and 1 without them).
    pinned : ndarray of bool, shape (k,)
        Criteria whose bounds leave one value.
    """

    def __init__(
        self,
        k: int,
        bounds: ArrayLike | None,
        groups: list[NDArray[np.intp]] | None,
        equal_ties: bool,
        ratio_bounds: Sequence[Ratio] | None,
    ) -> None:
        A: list[FloatArray] = []
        b: list[float] = []
        E: list[FloatArray] = [np.ones(k)]
        e: list[float] = [1.0]
        eye = np.eye(k)
        lo, hi = np.zeros(k), np.ones(k)
        if bounds is not None:
            try:
                B = np.array(bounds, dtype=np.float64)
            except (TypeError, ValueError):
                raise InputError(f"bounds must be numbers, shape ({k}, 2).") from None
            if B.shape != (k, 2):
                raise InputError(
                    f"bounds must be [low, high] pairs, shape ({k}, 2); got {B.shape}."
                )
            if not np.all(np.isfinite(B)):
                j = int(np.argwhere(~np.isfinite(B))[0, 0])
                raise InputError(
                    f"bounds must be finite; criterion {j} has {B[j].tolist()} "
                    "(NaN and infinity are not allowed)."
                )
            lo, hi = B[:, 0], B[:, 1]
            bad = np.flatnonzero((lo < 0) | (hi > 1) | (lo > hi))
            if bad.size:
                raise InputError(
                    f"bounds of criteria {bad.tolist()} are not 0 <= low <= high <= 1."
                )
            if lo.sum() > 1 + FEAS_TOL or hi.sum() < 1 - FEAS_TOL:
                raise InputError(
                    f"weight bounds are infeasible: the lows sum to {lo.sum():.6g} and the highs "
                    f"to {hi.sum():.6g}, but the weights must sum to 1."
                )
        self.pinned = hi - lo <= FEAS_TOL
        for j in range(k):
            if self.pinned[j]:
                E.append(eye[j])
                e.append(float(lo[j]))
                continue
            A.append(-eye[j])
            b.append(-float(lo[j]))
            if hi[j] < 1:
                A.append(eye[j])
                b.append(float(hi[j]))
        n_bounds, n_pinned = len(A), len(E)  # rows checked elementwise by inside()
        for upper, lower in zip(groups or [], (groups or [])[1:], strict=False):
            for a in upper:
                for c in lower:
                    A.append(eye[c] - eye[a])  # w_c <= w_a
                    b.append(0.0)
        for g in (groups or []) if equal_ties else []:
            for c in g[1:]:
                E.append(eye[c] - eye[g[0]])  # w_c = w_g0
                e.append(0.0)
        for i, j, rlo, rhi in ratio_bounds or ():
            ok_ij = all(
                isinstance(x, (int, np.integer)) and not isinstance(x, bool) for x in (i, j)
            )
            if not (ok_ij and 0 <= i < k and 0 <= j < k and i != j):
                raise InputError(
                    f"ratio bound ({i!r}, {j!r}, ...) needs two different criteria 0..{k - 1}."
                )
            if not (0 <= rlo <= rhi) or not np.isfinite(rlo):
                raise InputError(
                    f"ratio bound on w{i}/w{j} needs 0 <= low <= high, low finite "
                    f"(got {rlo}, {rhi})."
                )
            if np.isfinite(rhi):
                A.append(eye[i] - rhi * eye[j])  # w_i <= rhi w_j
                b.append(0.0)
            if rlo > 0:
                A.append(rlo * eye[j] - eye[i])  # w_i >= rlo w_j
                b.append(0.0)
        self.k, self.lo, self.hi = k, lo, hi
        self.A, self.b = np.array(A).reshape(-1, k), np.array(b)
        self.E, self.e = np.array(E), np.array(e)
        self.rest = 1.0 - float(lo[self.pinned].sum())  # weight left for the free criteria
        self._A_more = np.ascontiguousarray(self.A[n_bounds:].T)  # order and ratio rows
        self._b_more = self.b[n_bounds:]
        self._E_more = np.ascontiguousarray(self.E[n_pinned:].T)  # equal-tie rows

    def inside(self, W: FloatArray) -> NDArray[np.bool_]:
        """Which rows of ``W`` meet every constraint (within rounding).

        Bounds and the sum are checked elementwise; order, ratio and equal-tie rows by one
        product each.
        """
        ok = np.all(self.lo - FEAS_TOL <= W, axis=1)
        ok &= np.all(self.hi + FEAS_TOL >= W, axis=1)
        ok &= np.abs(W.sum(axis=1) - 1.0) <= FEAS_TOL
        if self._b_more.size:
            ok &= np.all(matmul(W, self._A_more) <= self._b_more + FEAS_TOL, axis=1)
        if self._E_more.shape[1]:
            ok &= np.all(np.abs(matmul(W, self._E_more)) <= FEAS_TOL, axis=1)
        return np.asarray(ok)

    def _base(self, n: int) -> FloatArray:
        W = np.empty((n, self.k))
        W[:, self.pinned] = self.lo[self.pinned]
        return W

    def simplex_draw(self, rng: np.random.Generator, n: int) -> FloatArray:
        """Uniform on ``{w >= lo, sum w = 1}`` (pinned criteria at their value)."""
        free = ~self.pinned
        lo = self.lo[free]
        x = rng.standard_exponential((n, int(free.sum())))
        x *= (1.0 - float(self.lo.sum())) / x.sum(axis=1, keepdims=True)
        x += lo
        W = self._base(n)
        W[:, free] = x
        return W

    def ordinal_draw(
        self, rng: np.random.Generator, n: int, groups: list[NDArray[np.intp]], equal: bool
    ) -> FloatArray:
        """The ordinal sampler over the free criteria, scaled to the weight they have left."""
        free_groups = [g[~self.pinned[g]] for g in groups]
        W = ordinal_draw(rng, n, [g for g in free_groups if g.size], self.k, equal)
        W *= self.rest
        W[:, self.pinned] = self.lo[self.pinned]
        return W

    def box_draw(self, rng: np.random.Generator, n: int) -> FloatArray:
        """Uniform on the box ``[lo, hi]`` cut by ``sum w = 1``, before the filter.

        Every criterion is drawn uniformly in its interval (pinned ones stay at their value),
        then the widest is replaced by what the others leave; the filter keeps the rows where
        that lands in its own interval.
        """
        free = np.flatnonzero(~self.pinned)
        c = int(free[np.argmax(self.hi[free] - self.lo[free])])  # solved for: the widest
        W = rng.random((n, self.k))
        W *= self.hi - self.lo
        W += self.lo
        W[:, c] = 0.0
        W[:, c] = 1.0 - W.sum(axis=1)
        return W


def feasible_point(
    x: FloatArray, A: FloatArray, b: FloatArray, N: FloatArray, iters: int = 20_000
) -> FloatArray:
    """A point of ``{A y <= b}`` in the affine set ``x + span(N)``, by Motzkin relaxation.

    Starting from ``x`` (which meets the equalities), repeatedly project onto the most violated
    inequality within the affine set, over-relaxed by 1.5. This converges for any feasible set;
    when the largest violation is still above 1e-11 after ``iters`` steps the constraints are
    declared infeasible.
    """
    if not A.shape[0]:
        return x
    P = A @ N  # constraint normals within the affine set
    norms = np.einsum("ij,ij->i", P, P)
    y = x.copy()
    for _ in range(iters):
        viol = A @ y - b
        i = int(np.argmax(viol))
        if viol[i] <= FEAS_TOL / 10:
            return np.asarray(y, dtype=np.float64)
        if norms[i] <= 1e-15:  # a violated constraint the affine set cannot move
            break
        y -= 1.5 * viol[i] / norms[i] * (N @ P[i])
    raise InputError(
        "the weight constraints are infeasible: no weight vector summing to 1 meets all the "
        "bounds, ordering and ratio constraints together."
    )


def hit_and_run(
    X: FloatArray, D: FloatArray, A: FloatArray, b: FloatArray, rng: np.random.Generator, steps: int
) -> None:
    """``steps`` hit-and-run steps of every chain (rows of ``X``, updated in place).

    Each step draws a direction ``z D`` (``z`` standard normal, ``D`` (d, k) a fixed basis of
    the directions within the equalities, possibly scaled to the set's shape: any fixed
    symmetric direction law leaves the uniform distribution invariant) and moves to a uniform
    point on the chord. The chord through ``x`` along ``u`` is ``x + t u`` for
    ``lo <= t <= hi``: with slack ``s = b - A x`` and ``q = A u / s``, ``hi = 1 / max q`` and
    ``lo = 1 / min q``. The polytope is bounded (``w >= 0``, ``sum w = 1``), so every direction
    meets a constraint both ways.
    """
    DA = np.ascontiguousarray(D @ A.T)  # (d, p): A u = z D A^T
    slack = np.maximum(b - matmul(X, np.ascontiguousarray(A.T), 1), 0.0)
    for _ in range(steps):  # products in single-threaded blocks: these are small and frequent
        Z = rng.standard_normal((X.shape[0], D.shape[0]))
        AD = matmul(Z, DA, 1)
        q = AD / (slack + 1e-300)  # 1/q is the step to constraint i (the sign says which end)
        hi = 1.0 / np.maximum(q.max(axis=1), 1e-300)
        lo = 1.0 / np.minimum(q.min(axis=1), -1e-300)
        t = (lo + rng.random(X.shape[0]) * (hi - lo))[:, None]
        X += t * matmul(Z, D, 1)
        slack -= t * AD
        np.maximum(slack, 0.0, out=slack)
