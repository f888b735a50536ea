"""Weight and value samplers for SMAA (the public names are re-exported by :mod:`appraisal.smaa`).

Every sampler is a *stream*: a sequence of samples fixed by the seed, read in pieces of any
size. Reading ``a`` samples and then ``b`` gives exactly the ``a + b`` samples one read gives,
because every random number is drawn row after row from one generator (numpy fills arrays in
order) and samplers that work in batches (rejection, hit-and-run) keep the rest of a batch for
the next read. This is what makes :func:`appraisal.smaa.smaa` independent of its chunk size.

Weights (``W``, shape ``(n, k)``, rows on the simplex) come from the first sampler that applies:

=================  ============================================================  =========
method             when                                                          exact?
=================  ============================================================  =========
``"fixed"``        ``fixed`` given: ``n`` copies of it                           yes
``"dirichlet"``    no constraints: normalised standard exponentials (Dirichlet(1)) yes
``"ordinal"``      only ``order``: the vertex form of the ordered simplex         yes
``"rejection"``    bounds or ratios, when a pilot of 4096 draws from the exact    yes
                   sampler above accepts at least 2% of them
``"hit-and-run"``  otherwise: parallel hit-and-run chains on the polytope         no (MCMC)
=================  ============================================================  =========
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._rng import SeedLike, make_rng
from .errors import InputError

__all__ = [
    "WeightSampler",
    "interval_around",
    "sample_levels",
    "sample_values",
    "sample_weights",
]

FloatArray = NDArray[np.float64]
Ties = Literal["unordered", "equal"]
Method = Literal["auto", "exact", "rejection", "hit-and-run"]
Ratio = tuple[int, int, float, float]

_PILOT = 4096  # draws used to estimate the acceptance rate of rejection sampling
_MIN_ACCEPT = 0.02  # below this acceptance rate, "auto" switches to hit-and-run
_BATCH = 4096  # candidates per rejection batch
_FEAS_TOL = 1e-10  # how far a sample may stray outside a constraint (rounding)


# Matrix products are split into row blocks of about this many multiply-adds: below OpenBLAS's
# threading threshold (65536 x 4), so each runs on one thread. These thin products gain nothing
# from threads, and idle BLAS threads spinning on a busy machine slow everything else down.
_BLAS_WORK = 1 << 18


def _matmul(A: FloatArray, B: FloatArray) -> FloatArray:
    """``A @ B`` for a tall ``A``, in row blocks that BLAS runs single-threaded."""
    rows = _BLAS_WORK // max(1, B.shape[0] * B.shape[1])
    if rows < 256 or rows >= A.shape[0]:
        return np.asarray(A @ B, dtype=np.float64)
    out = np.empty((A.shape[0], B.shape[1]))
    for s in range(0, A.shape[0], rows):
        np.matmul(A[s : s + rows], B, out=out[s : s + rows])
    return out


def interval_around(w: ArrayLike, rel: float = 0.2) -> FloatArray:
    r"""Per-criterion weight intervals of ``±rel`` (relative) around a weight vector.

    .. math:: [\max(0, (1 - r) w_j),\ \min(1, (1 + r) w_j)]

    Parameters
    ----------
    w : array_like, shape (k,)
        Weights summing to 1.
    rel : float, default 0.2
        Relative half-width, e.g. 0.2 for ±20%.

    Returns
    -------
    ndarray, shape (k, 2)
        ``[low, high]`` per criterion, ready for ``bounds=`` of :func:`sample_weights`.

    Examples
    --------
    >>> interval_around([0.5, 0.3, 0.2], rel=0.2).round(2).tolist()
    [[0.4, 0.6], [0.24, 0.36], [0.16, 0.24]]
    """
    v = np.asarray(w, dtype=np.float64)
    if rel < 0 or not np.isfinite(rel):
        raise InputError(f"rel must be a finite number >= 0 (got {rel}).")
    return np.stack([np.maximum(0.0, v * (1 - rel)), np.minimum(1.0, v * (1 + rel))], axis=1)


# --- constraints ------------------------------------------------------------------------------


def _groups(order: ArrayLike, k: int) -> list[NDArray[np.intp]]:
    """Criterion indices grouped by importance position, most important group first."""
    p = np.asarray(order, dtype=np.float64)
    if p.shape != (k,) or not np.all(np.isfinite(p)):
        raise InputError(f"order must hold one finite position per criterion ({k}); got {p}.")
    return [np.flatnonzero(p == v) for v in np.unique(p)]


def _polytope(
    k: int,
    bounds: ArrayLike | None,
    groups: list[NDArray[np.intp]] | None,
    ties: Ties,
    ratio_bounds: Sequence[Ratio] | None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """The feasible set ``{w : E w = e, A w <= b}`` (``sum w = 1`` and ``w >= 0`` included)."""
    A: list[FloatArray] = []
    b: list[float] = []
    E: list[FloatArray] = [np.ones(k)]
    e: list[float] = [1.0]
    eye = np.eye(k)
    lo, hi = np.zeros(k), np.ones(k)
    if bounds is not None:
        B = np.asarray(bounds, dtype=np.float64)
        if B.shape != (k, 2) or not np.all(np.isfinite(B)):
            raise InputError(f"bounds must be finite [low, high] pairs, shape ({k}, 2).")
        lo, hi = B[:, 0], B[:, 1]
        bad = np.flatnonzero((lo < 0) | (hi > 1) | (lo > hi))
        if bad.size:
            raise InputError(f"bounds of criteria {bad.tolist()} are not 0 <= low <= high <= 1.")
        if lo.sum() > 1 + _FEAS_TOL or hi.sum() < 1 - _FEAS_TOL:
            raise InputError(
                f"weight bounds are infeasible: the lows sum to {lo.sum():.6g} and the highs to "
                f"{hi.sum():.6g}, but the weights must sum to 1."
            )
    for j in range(k):
        if hi[j] - lo[j] <= _FEAS_TOL:
            E.append(eye[j])
            e.append(float(lo[j]))
            continue
        A.append(-eye[j])
        b.append(-float(lo[j]))
        if hi[j] < 1:
            A.append(eye[j])
            b.append(float(hi[j]))
    for upper, lower in zip(groups or [], (groups or [])[1:], strict=False):
        for a in upper:
            for c in lower:
                A.append(eye[c] - eye[a])  # w_c <= w_a
                b.append(0.0)
    for g in (groups or []) if ties == "equal" else []:
        for c in g[1:]:
            E.append(eye[c] - eye[g[0]])  # w_c = w_g0
            e.append(0.0)
    for i, j, rlo, rhi in ratio_bounds or ():
        if not (0 <= i < k and 0 <= j < k and i != j):
            raise InputError(
                f"ratio bound ({i}, {j}, ...) needs two different criteria 0..{k - 1}."
            )
        if not (0 <= rlo <= rhi) or not np.isfinite(rlo):
            raise InputError(f"ratio bound on w{i}/w{j} needs 0 <= low <= high (got {rlo}, {rhi}).")
        if np.isfinite(rhi):
            A.append(eye[i] - rhi * eye[j])  # w_i <= rhi w_j
            b.append(0.0)
        if rlo > 0:
            A.append(rlo * eye[j] - eye[i])  # w_i >= rlo w_j
            b.append(0.0)
    return np.array(A).reshape(-1, k), np.array(b), np.array(E), np.array(e)


def _feasible_point(
    x: FloatArray, A: FloatArray, b: FloatArray, N: FloatArray, iters: int = 20_000
) -> FloatArray:
    """A point of ``{A y <= b}`` in the affine set ``x + span(N)``, by Motzkin relaxation.

    Starting from ``x`` (which meets the equalities), repeatedly project onto the most violated
    inequality within the affine set, over-relaxed by 1.5. This converges for any feasible set;
    when the largest violation is still above 1e-10 after ``iters`` steps the constraints are
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
        if viol[i] <= _FEAS_TOL / 10:
            return np.asarray(y, dtype=np.float64)
        if norms[i] <= 1e-15:  # a violated constraint the affine set cannot move
            break
        y -= 1.5 * viol[i] / norms[i] * (N @ P[i])
    raise InputError(
        "the weight constraints are infeasible: no weight vector summing to 1 meets all the "
        "bounds, ordering and ratio constraints together."
    )


# --- samplers ----------------------------------------------------------------------------------


class WeightSampler:
    """A stream of weight vectors (rows on the simplex), read with :meth:`draw`.

    Takes the arguments of :func:`sample_weights` except ``n``; see there for the methods. It
    holds its generator and, for rejection and hit-and-run, the unused rest of the last batch
    and the chains' state, so ``draw(a)`` then ``draw(b)`` equals the first ``a + b`` rows of a
    single ``draw`` from a fresh sampler.

    Attributes
    ----------
    k : int
        Number of criteria.
    method : str
        ``"fixed"``, ``"dirichlet"``, ``"ordinal"``, ``"rejection"`` or ``"hit-and-run"``.
    acceptance : float or None
        Pilot acceptance rate of the exact sampler under bounds or ratios (else None).
    burn_in, thin, chains : int
        Hit-and-run settings (0 for the other methods).

    Examples
    --------
    >>> s = WeightSampler(3, seed=0, order=[1, 2, 3])
    >>> s.method, s.draw(2).shape
    ('ordinal', (2, 3))
    """

    def __init__(
        self,
        k: int,
        *,
        seed: SeedLike,
        bounds: ArrayLike | None = None,
        order: ArrayLike | None = None,
        ties: Ties = "unordered",
        ratio_bounds: Sequence[Ratio] | None = None,
        fixed: ArrayLike | None = None,
        method: Method = "auto",
        burn_in: int | None = None,
        thin: int | None = None,
        chains: int = 256,
    ) -> None:
        if k < 1:
            raise InputError(f"need at least one criterion (got k={k}).")
        if ties not in ("unordered", "equal"):
            raise InputError(f"ties must be 'unordered' or 'equal' (got {ties!r}).")
        if method not in ("auto", "exact", "rejection", "hit-and-run"):
            raise InputError(f"unknown method {method!r} (allowed: {', '.join(get_args(Method))}).")
        self.k, self._rng, self._ties = k, make_rng(seed), ties
        self._buffer = np.empty((0, k))
        self.acceptance: float | None = None
        self.burn_in = self.thin = self.chains = 0
        self._groups = None if order is None else _groups(order, k)
        if fixed is not None:
            w = np.asarray(fixed, dtype=np.float64)
            if w.shape != (k,) or np.any(w < 0) or abs(w.sum() - 1) > 1e-9:
                raise InputError(f"fixed weights must be {k} non-negative numbers summing to 1.")
            if bounds is not None or order is not None or ratio_bounds:
                raise InputError("fixed weights cannot be combined with other weight constraints.")
            self.method, self._fixed = "fixed", w
            return
        self.method = "ordinal" if order is not None else "dirichlet"
        A, b, E, e = _polytope(k, bounds, self._groups, ties, ratio_bounds)
        self._A, self._b, self._E, self._e = A, b, E, e
        if bounds is None and not ratio_bounds:
            return
        if method == "exact":
            raise InputError("no exact sampler for bounds or ratios; use method='auto'.")
        pilot = self._exact(_PILOT)
        ok = self._inside(pilot)
        self.acceptance = float(ok.mean())
        if method == "rejection" or (method == "auto" and self.acceptance >= _MIN_ACCEPT):
            if not ok.any():
                raise InputError("rejection sampling accepted none of 4096 pilot draws.")
            self.method = "rejection"
            self._buffer = pilot[ok]  # the pilot's accepted draws open the stream
            return
        # hit-and-run within {E w = e}: directions from an orthonormal basis N of null(E)
        _, sv, Vt = np.linalg.svd(E)
        N = Vt[int(np.sum(sv > 1e-10)) :].T
        x0 = np.asarray(np.linalg.lstsq(E, e, rcond=None)[0], dtype=np.float64)
        if np.abs(E @ x0 - e).max() > _FEAS_TOL:
            raise InputError(
                "the weight constraints are infeasible: the fixed weights (bounds with low == "
                "high) and equal-tie groups contradict each other or the sum of 1."
            )
        start = pilot[ok].mean(axis=0) if ok.any() else _feasible_point(x0, A, b, N)
        d = N.shape[1]
        if d == 0:  # the constraints leave a single point
            self.method, self._fixed = "fixed", np.clip(start, 0.0, None)
            return
        self.method, self._N = "hit-and-run", N
        self.burn_in = max(100, 10 * d * d) if burn_in is None else burn_in
        self.thin = max(1, d) if thin is None else thin
        self.chains = chains
        if self.burn_in < 0 or self.thin < 1 or chains < 1:
            raise InputError("hit-and-run needs burn_in >= 0, thin >= 1 and chains >= 1.")
        self._X = np.tile(start, (chains, 1))
        self._burnt = False

    def _inside(self, W: FloatArray) -> NDArray[np.bool_]:
        viol = _matmul(W, self._A.T) - self._b
        off = np.abs(_matmul(W, self._E.T) - self._e)  # equalities, e.g. a bound with low == high
        return np.asarray(np.all(viol <= _FEAS_TOL, axis=1) & np.all(off <= _FEAS_TOL, axis=1))

    def _exact(self, n: int) -> FloatArray:
        """``n`` draws from the exact sampler (uniform, or uniform on the ordered simplex)."""
        k, groups = self.k, self._groups
        if groups is None:
            W = self._rng.standard_exponential((n, k))
            W /= W.sum(axis=1, keepdims=True)
            return W
        sizes = np.array([g.size for g in groups])
        if self._ties == "equal":  # vertices e_g / S_g of the difference simplex, S = cumsum
            lam = self._rng.standard_exponential((n, sizes.size))
            lam /= lam.sum(axis=1, keepdims=True) * np.cumsum(sizes)
            u = np.cumsum(lam[:, ::-1], axis=1)[:, ::-1]  # u_g = sum over h >= g
            return np.asarray(u[:, np.repeat(np.arange(sizes.size), sizes)], dtype=np.float64)
        n_keys = int(sizes[sizes > 1].sum())  # random keys that shuffle tied criteria
        draws = self._rng.standard_exponential((n, k + n_keys))
        lam = draws[:, :k] / draws[:, :k].sum(axis=1, keepdims=True)
        places = np.cumsum((lam / np.arange(1, k + 1))[:, ::-1], axis=1)[:, ::-1]
        W = np.empty((n, k))
        start, key = 0, k
        for g in groups:
            if g.size == 1:
                W[:, g[0]] = places[:, start]
            else:
                perm = np.argsort(draws[:, key : key + g.size], axis=1) + start
                W[:, g] = np.take_along_axis(places, perm, axis=1)
                key += g.size
            start += g.size
        return W

    def _batch(self) -> FloatArray:
        """The next batch of a rejection or hit-and-run stream."""
        if self.method == "rejection":
            W = self._exact(_BATCH)
            return W[self._inside(W)]
        if not self._burnt:
            self._run(self.burn_in)
            self._burnt = True
        self._run(self.thin)
        return np.asarray(np.clip(self._X, 0.0, None), dtype=np.float64)

    def _run(self, steps: int) -> None:
        """Hit-and-run steps of every chain: a random direction, then a uniform point on the chord.

        The chord through ``x`` along ``D`` is ``x + t D`` for ``lo <= t <= hi``, where the
        slack ``s = b - A x`` gives ``hi = min s_i / (A D)_i`` over ``(A D)_i > 0`` and
        ``lo = max`` over ``(A D)_i < 0``, i.e. ``1 / max q`` and ``1 / min q`` with
        ``q = A D / s``. The polytope is bounded (``w >= 0``, ``sum w = 1``), so every direction
        meets a constraint both ways. Slack is updated in place and recomputed on the next run.
        """
        X, N, rng = self._X, self._N, self._rng
        NA = N.T @ self._A.T  # (d, p): A D = Z N^T A^T for a direction D = Z N^T
        slack = np.maximum(self._b - X @ self._A.T, 0.0)
        for _ in range(steps):
            Z = rng.standard_normal((X.shape[0], N.shape[1]))
            AD = Z @ NA
            q = AD / (slack + 1e-300)  # 1/q is the step to constraint i (the sign says which end)
            hi = 1.0 / np.maximum(q.max(axis=1), 1e-300)
            lo = 1.0 / np.minimum(q.min(axis=1), -1e-300)
            t = (lo + rng.random(X.shape[0]) * (hi - lo))[:, None]
            X += t * (Z @ N.T)
            slack -= t * AD
            np.maximum(slack, 0.0, out=slack)

    def draw(self, n: int) -> FloatArray:
        """The next ``n`` weight vectors of the stream, shape ``(n, k)``."""
        if self.method == "fixed":
            return np.tile(self._fixed, (n, 1))
        if self.method in ("dirichlet", "ordinal"):
            return self._exact(n)
        parts, have = [self._buffer], self._buffer.shape[0]
        while have < n:
            parts.append(self._batch())
            have += parts[-1].shape[0]
        out = np.concatenate(parts)
        self._buffer = out[n:]
        return out[:n]


def sample_weights(
    k: int,
    n: int,
    *,
    seed: SeedLike,
    bounds: ArrayLike | None = None,
    order: ArrayLike | None = None,
    ties: Ties = "unordered",
    ratio_bounds: Sequence[Ratio] | None = None,
    fixed: ArrayLike | None = None,
    method: Method = "auto",
    burn_in: int | None = None,
    thin: int | None = None,
    chains: int = 256,
) -> FloatArray:
    r"""Weight vectors drawn uniformly from the simplex, or from a constrained part of it.

    Without constraints, rows are uniform on :math:`\{w \ge 0, \sum_j w_j = 1\}` (Dirichlet(1)):
    :math:`w = x / \sum_j x_j` with :math:`x_j` standard exponential.

    **Ordinal ranking** (``order[j]`` = position of criterion j, smaller = more important):
    with places :math:`1..k`, the ordered simplex :math:`w_{(1)} \ge \dots \ge w_{(k)}` has
    vertices :math:`v_q = (1/q, \dots, 1/q, 0, \dots)`, so
    :math:`w_{(p)} = \sum_{q \ge p} \lambda_q / q` with :math:`\lambda \sim` Dirichlet(1) is
    exactly uniform on it (the same law as sorting a uniform simplex sample; its mean is the
    ROC vector). With ``ties="unordered"`` (default) tied criteria share their places in a
    uniformly random order: exactly uniform on the set where every criterion outweighs each
    one placed strictly below it and tied ones are free, matching ROC's averaging of tied
    places. With ``ties="equal"`` tied criteria get equal weights: with group sizes
    :math:`s_g` and :math:`S_g = s_1 + \dots + s_g`, group weights
    :math:`u_g = \sum_{h \ge g} \lambda_h / S_h`, exactly uniform on that lower-dimensional set.

    **Bounds and ratios** (``bounds[j] = [low, high]``, ``(i, j, low, high)`` meaning
    :math:`low \le w_i / w_j \le high`): the exact sampler above is filtered by rejection when
    a 4096-draw pilot accepts at least 2%; otherwise hit-and-run (Smith 1984) runs ``chains``
    parallel chains from a feasible start (the mean of the accepted pilot draws, else a point
    found by Motzkin relaxation), discards ``burn_in`` steps per chain (default
    :math:`\max(100, 10 d^2)`, d the dimension of the feasible set) and then keeps every
    ``thin``-th state (default d), interleaving chains. Hit-and-run is asymptotically uniform,
    not exact, and its draws are correlated, so Monte Carlo errors computed as if independent
    are optimistic. ``fixed`` returns ``n`` copies of one vector.

    Parameters
    ----------
    k, n : int
        Criteria and samples.
    seed : int, numpy.random.Generator or None
    bounds : array_like, shape (k, 2), optional
        ``[low, high]`` per criterion, e.g. from :func:`interval_around`.
    order : array_like, shape (k,), optional
    ties : {"unordered", "equal"}, default "unordered"
    ratio_bounds : sequence of (i, j, low, high), optional
        ``high`` may be ``inf``.
    fixed : array_like, shape (k,), optional
    method : {"auto", "exact", "rejection", "hit-and-run"}, default "auto"
    burn_in, thin, chains : int, optional

    Returns
    -------
    ndarray, shape (n, k)

    Raises
    ------
    InputError
        Malformed or infeasible constraints.

    References
    ----------
    Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    *Management Science* 42(11), 1515-1523.
    Smith, R. L. (1984). Efficient Monte Carlo procedures for generating points uniformly
    distributed over bounded regions. *Operations Research* 32(6), 1296-1308.
    Tervonen, T., van Valkenhoef, G., Baştürk, N. and Postmus, D. (2013). Hit-and-run enables
    efficient weight generation for simulation-based multiple criteria decision analysis.
    *European Journal of Operational Research* 224(3), 552-559.

    Examples
    --------
    >>> W = sample_weights(4, 100_000, seed=0, order=[1, 2, 3, 4])
    >>> W.mean(axis=0).round(2).tolist()  # the ROC weights 25/48, 13/48, 7/48, 1/16
    [0.52, 0.27, 0.15, 0.06]
    >>> W = sample_weights(3, 1000, seed=0, bounds=[[0.5, 0.6], [0.2, 0.3], [0.0, 0.3]])
    >>> bool(W[:, 0].min() >= 0.5 and W[:, 0].max() <= 0.6)
    True
    """
    sampler = WeightSampler(
        k, seed=seed, bounds=bounds, order=order, ties=ties, ratio_bounds=ratio_bounds,
        fixed=fixed, method=method, burn_in=burn_in, thin=thin, chains=chains,
    )  # fmt: skip
    return sampler.draw(n)


# --- values ------------------------------------------------------------------------------------


class ValueModel:
    """Score uncertainty as a stream of value matrices; :meth:`draw` gives ``(n, m, k)``.

    Only uncertain cells consume random numbers: one uniform per uncertain cell per sample,
    drawn row after row, so draws in pieces equal one draw of the whole.
    """

    def __init__(
        self,
        V: ArrayLike,
        *,
        low: ArrayLike | None = None,
        high: ArrayLike | None = None,
        mode: ArrayLike | None = None,
        dist: Literal["uniform", "triangular"] = "uniform",
        level_step: ArrayLike | None = None,
        levels: int = 0,
    ) -> None:
        self.V = np.asarray(V, dtype=np.float64)
        if self.V.ndim != 2:
            raise InputError(
                f"V must be a 2-D (options x criteria) array; got shape {self.V.shape}."
            )
        if dist not in ("uniform", "triangular"):
            raise InputError(f"unknown dist {dist!r} (allowed: uniform, triangular).")
        self.dist: Literal["uniform", "triangular", "levels"] = dist
        shape = self.V.shape
        if level_step is not None:
            if low is not None or high is not None or mode is not None:
                raise InputError("give either value ranges or a level uncertainty, not both.")
            step = np.broadcast_to(np.asarray(level_step, dtype=np.float64), (shape[1],))
            if levels < 0 or np.any(~(step >= 0)):
                raise InputError("level uncertainty needs levels >= 0 and steps >= 0.")
            safe = np.where(step > 0, step, 1.0)
            lo_l = np.maximum(-levels, np.ceil(-self.V / safe - 1e-9))
            hi_l = np.minimum(levels, np.floor((100.0 - self.V) / safe + 1e-9))
            lo_l = np.where(step > 0, lo_l, 0.0)
            hi_l = np.where(step > 0, hi_l, 0.0)
            self._low, self._high = lo_l, hi_l  # in levels
            self._step = np.broadcast_to(step, shape)
            self.dist = "levels"
        else:
            self._low = np.broadcast_to(self.V if low is None else np.asarray(low, float), shape)
            self._high = np.broadcast_to(self.V if high is None else np.asarray(high, float), shape)
            self._mode = np.broadcast_to(self.V if mode is None else np.asarray(mode, float), shape)
            tol = 1e-9
            v = self.V
            bad = (self._low > v + tol) | (v > self._high + tol)
            if dist == "triangular":
                bad |= (self._low > self._mode + tol) | (self._mode > self._high + tol)
            if np.any(bad | ~np.isfinite(self._low) | ~np.isfinite(self._high)):
                cells = [tuple(int(x) for x in c) for c in np.argwhere(bad)[:5]]
                raise InputError(
                    f"value ranges must satisfy low <= score (mode) <= high; not at {cells}."
                )
        c = self._cells = np.flatnonzero(self._high > self._low)
        self._lo, self._hi = self._low.ravel()[c], self._high.ravel()[c]
        if self.dist == "levels":
            self._x0, self._scale = self.V.ravel()[c], self._step.ravel()[c]
        elif self.dist == "triangular":
            md = self._mode.ravel()[c]
            width = self._hi - self._lo
            self._left = (md - self._lo) / width
            self._a, self._b = width * (md - self._lo), width * (self._hi - md)

    @property
    def uncertain(self) -> bool:
        """Whether any cell varies."""
        return bool(self._cells.size)

    def draw(self, rng: np.random.Generator, n: int) -> FloatArray:
        """The next ``n`` value matrices, shape ``(n, m, k)``."""
        m, k = self.V.shape
        c = self._cells
        if not c.size:
            return np.array(np.broadcast_to(self.V, (n, m, k)), dtype=np.float64)
        x = rng.random((n, c.size))
        lo, hi = self._lo, self._hi
        if self.dist == "levels":  # level shift lo + floor(u (hi - lo + 1)), at most hi
            x *= hi - lo + 1
            np.floor(x, out=x)
            np.minimum(x, hi - lo, out=x)
            x += lo
            x *= self._scale
            x += self._x0
        elif self.dist == "uniform":
            x *= hi - lo
            x += lo
        else:
            left = x < self._left
            x = np.asarray(
                np.where(left, lo + np.sqrt(x * self._a), hi - np.sqrt((1 - x) * self._b)),
                dtype=np.float64,
            )
        if c.size == m * k:
            return x.reshape(n, m, k)
        out = np.empty((n, m * k))
        out[:] = self.V.ravel()
        out[:, c] = x
        return out.reshape(n, m, k)


def sample_values(
    V: ArrayLike,
    n: int,
    *,
    seed: SeedLike,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    mode: ArrayLike | None = None,
    dist: Literal["uniform", "triangular"] = "uniform",
) -> FloatArray:
    r"""Value matrices with each cell drawn from its range, for score uncertainty.

    Cell ``(i, j)`` is uniform on ``[low, high]``, or triangular on it with its peak at
    ``mode`` (default the score ``V``), drawn by inversion of one uniform ``U``:

    .. math:: x = l + \sqrt{U (h - l)(c - l)} \text{ if } U < \frac{c - l}{h - l}, \text{ else }
              h - \sqrt{(1 - U)(h - l)(h - c)}

    Cells with ``low == high`` stay fixed and use no random numbers. Ranges are in value units
    (0..100), e.g. a cell's ``range`` put through the criterion's value function.

    To draw in chunks, pass the same Generator as ``seed`` each time: the chunks then equal
    one draw of the whole, and memory stays at one chunk.

    Parameters
    ----------
    V : array_like, shape (m, k)
        Values (the scores), options in rows.
    n : int
    seed : int, numpy.random.Generator or None
    low, high, mode : array_like, shape (m, k) or broadcastable, optional
        Default ``V`` (no uncertainty). Must satisfy ``low <= V <= high`` (and ``mode``).
    dist : {"uniform", "triangular"}, default "uniform"

    Returns
    -------
    ndarray, shape (n, m, k)

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[50.0, 100.0], [25.0, 0.0]])
    >>> X = sample_values(V, 10_000, seed=0, low=V - 10, high=V + 10, dist="triangular")
    >>> X.shape, bool(X.min() >= V.min() - 10), round(float(X[:, 0, 0].mean()))
    ((10000, 2, 2), True, 50)
    >>> rng = np.random.default_rng(1)  # in chunks: the same numbers as one draw
    >>> a = np.concatenate([sample_values(V, 3, seed=rng, low=0, high=100) for _ in range(2)])
    >>> bool(np.array_equal(a, sample_values(V, 6, seed=1, low=0, high=100)))
    True
    """
    model = ValueModel(V, low=low, high=high, mode=mode, dist=dist)
    return model.draw(make_rng(seed), n)


def sample_levels(
    V: ArrayLike, n: int, *, seed: SeedLike, level_step: ArrayLike, levels: int = 1
) -> FloatArray:
    """Value matrices with every score moved by up to ``levels`` levels of its ordinal scale.

    Each cell of a criterion with level spacing ``level_step[j] > 0`` (value points per level,
    e.g. 25 for a five-point scale mapped to 0..100) moves to a level drawn uniformly from the
    levels within ``levels`` steps of its own that lie on the scale (0..100): a score of 4 on a
    1..5 scale with ``levels=1`` becomes 3, 4 or 5, a score of 5 becomes 4 or 5, each equally
    likely. Criteria with step 0 (e.g. numeric scales) stay fixed. Draws in chunks behave as in
    :func:`sample_values`.

    Parameters
    ----------
    V : array_like, shape (m, k)
    n : int
    seed : int, numpy.random.Generator or None
    level_step : array_like, shape (k,) or scalar
    levels : int, default 1

    Returns
    -------
    ndarray, shape (n, m, k)

    Examples
    --------
    >>> import numpy as np
    >>> X = sample_levels(np.array([[75.0, 100.0]]), 6000, seed=0, level_step=25)
    >>> sorted(set(X[:, 0, 0].tolist())), sorted(set(X[:, 0, 1].tolist()))
    ([50.0, 75.0, 100.0], [75.0, 100.0])
    """
    model = ValueModel(V, level_step=level_step, levels=levels)
    return model.draw(make_rng(seed), n)
