"""Weight samplers for SMAA (the public names are re-exported by :mod:`appraisal.smaa`).

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
``"rejection"``    bounds or ratios, when a pilot of 4096 draws from the best     yes
                   exact proposal (simplex, ordinal or box) accepts at least 2%
``"hit-and-run"``  otherwise: parallel hit-and-run chains on the polytope         no (MCMC)
=================  ============================================================  =========

Value samplers (:class:`ValueModel`, :func:`sample_values`, :func:`sample_levels`) live in
:mod:`appraisal.smaa.values` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal._rng import SeedLike, make_rng
from appraisal.errors import InputError
from appraisal.smaa.args import as_count, finite_array, weight_vector
from appraisal.smaa.polytope import (
    BLAS_WORK,
    FEAS_TOL,
    Polytope,
    Ratio,
    feasible_point,
    groups_of,
    hit_and_run,
    matmul,
    ordinal_draw,
)
from appraisal.smaa.values import ValueModel, sample_levels, sample_values

__all__ = [
    "BLAS_WORK",
    "Method",
    "Ratio",
    "Ties",
    "ValueModel",
    "WeightSampler",
    "interval_around",
    "matmul",
    "sample_levels",
    "sample_values",
    "sample_weights",
]

FloatArray = NDArray[np.float64]
Ties = Literal["unordered", "equal"]
Method = Literal["auto", "exact", "rejection", "hit-and-run"]

_PILOT = 4096  # draws used to estimate the acceptance rate of each exact proposal
_MIN_ACCEPT = 0.02  # below this acceptance rate, "auto" switches to hit-and-run
_BATCH = 4096  # candidates per rejection batch
_START_BATCHES = 16  # at most this many more batches look for exact starts for the chains


def interval_around(w: ArrayLike, rel: float = 0.2) -> FloatArray:
    r"""Per-criterion weight intervals of ``±rel`` (relative) around a weight vector.

    .. math:: [\max(0, (1 - r) w_j),\ \min(1, (1 + r) w_j)]

    Parameters
    ----------
    w : array_like, shape (k,)
        Weights: finite, non-negative, summing to 1.
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
    v = finite_array("w", w, ndim=1)
    v = weight_vector("w", v, v.size)
    if isinstance(rel, bool) or not isinstance(rel, (int, float, np.number)):
        raise InputError(f"rel must be a number, got {rel!r}.")
    if not np.isfinite(rel) or rel < 0:
        raise InputError(f"rel must be a finite number >= 0 (got {rel}).")
    return np.stack([np.maximum(0.0, v * (1 - rel)), np.minimum(1.0, v * (1 + rel))], axis=1)


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
    proposal : str or None
        For rejection and hit-and-run: the exact proposal filtered (``"simplex"``,
        ``"ordinal"`` or ``"box"``); else None.
    acceptance : float or None
        Pilot acceptance rate of that proposal under bounds or ratios (else None).
    burn_in, thin, chains : int
        Hit-and-run settings (0 for the other methods). Row ``r`` of the stream comes from
        chain ``r % chains``.
    exact_starts : int
        Hit-and-run: how many chains start at their own exact draw (0 for the other methods).
    position : int
        Rows read so far.

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
        k = as_count("k (the number of criteria)", k)
        if ties not in ("unordered", "equal"):
            raise InputError(f"ties must be 'unordered' or 'equal' (got {ties!r}).")
        if method not in get_args(Method):
            raise InputError(f"unknown method {method!r} (allowed: {', '.join(get_args(Method))}).")
        chains = as_count("chains", chains)
        burn = None if burn_in is None else as_count("burn_in", burn_in, minimum=0)
        thin_ = None if thin is None else as_count("thin", thin)
        self.k, self._rng, self._equal = k, make_rng(seed), ties == "equal"
        self._buffer = np.empty((0, k))
        self.acceptance: float | None = None
        self.proposal: str | None = None
        self.burn_in = self.thin = self.chains = self.exact_starts = self.position = 0
        self._groups = None if order is None else groups_of(order, k)
        if fixed is not None:
            w = weight_vector("fixed", fixed, k)
            if bounds is not None or order is not None or ratio_bounds:
                raise InputError("fixed weights cannot be combined with other weight constraints.")
            self.method, self._fixed = "fixed", w
            return
        self.method = "ordinal" if order is not None else "dirichlet"
        P = self._P = Polytope(k, bounds, self._groups, self._equal, ratio_bounds)
        if bounds is None and not ratio_bounds:
            return
        if np.count_nonzero(~P.pinned) <= 1:  # the bounds leave a single point
            point = np.where(P.pinned, P.lo, P.rest)
            if not P.inside(point[None])[0]:
                raise InputError(
                    "the weight constraints are infeasible: the bounds leave only the weights "
                    f"{point.round(6).tolist()}, which break the order or ratio constraints."
                )
            self.method, self._fixed = "fixed", point
            return
        if method == "exact":
            raise InputError("no exact sampler for bounds or ratios; use method='auto'.")
        best = self._choose_proposal()
        pilot = best[1]
        ok = P.inside(pilot)
        if method == "rejection" or (method == "auto" and self.acceptance >= _MIN_ACCEPT):  # type: ignore[operator]
            if not ok.any():
                raise InputError("rejection sampling accepted none of 4096 pilot draws.")
            self.method = "rejection"
            self._buffer = pilot[ok]  # the pilot's accepted draws open the stream
            return
        self._setup_chains(pilot[ok], burn, thin_, chains)

    def _choose_proposal(self) -> tuple[str, FloatArray]:
        """Draw a pilot from each exact proposal; keep the one accepting the most."""
        P, rng, groups = self._P, self._rng, self._groups
        proposals: dict[str, Callable[[int], FloatArray]] = {}
        if groups is not None:
            proposals["ordinal"] = lambda n: P.ordinal_draw(rng, n, groups, self._equal)
        else:
            proposals["simplex"] = lambda n: P.simplex_draw(rng, n)
        if np.any(P.lo > 0) or np.any(P.hi < 1):
            proposals["box"] = lambda n: P.box_draw(rng, n)
        best: tuple[str, FloatArray] | None = None
        for name, draw in proposals.items():
            pilot = draw(_PILOT)
            rate = float(P.inside(pilot).mean())
            if best is None or rate > self.acceptance:  # type: ignore[operator]
                best, self.acceptance = (name, pilot), rate
        if best is None:  # pragma: no cover - there is always one proposal
            from appraisal.errors import InternalError

            raise InternalError("no exact proposal for the weight constraints.")
        self.proposal, self._propose = best[0], proposals[best[0]]
        return best

    def _setup_chains(
        self, starts: FloatArray, burn: int | None, thin: int | None, chains: int
    ) -> None:
        """Hit-and-run within ``{E w = e}``, directions in the null space of ``E``."""
        P = self._P
        for _ in range(_START_BATCHES if starts.shape[0] < chains else 0):
            W = self._propose(_BATCH)
            starts = np.concatenate([starts, W[P.inside(W)]])
            if starts.shape[0] >= chains:
                break
        _, sv, Vt = np.linalg.svd(P.E)
        N = Vt[int(np.sum(sv > 1e-10)) :].T
        x0 = np.asarray(np.linalg.lstsq(P.E, P.e, rcond=None)[0], dtype=np.float64)
        if np.abs(P.E @ x0 - P.e).max() > FEAS_TOL:
            raise InputError(
                "the weight constraints are infeasible: the fixed weights (bounds with low == "
                "high) and equal-tie groups contradict each other or the sum of 1."
            )
        d = N.shape[1]
        # the mean of exact draws is feasible (the set is convex); else find a point
        start = starts.mean(axis=0) if starts.shape[0] else feasible_point(x0, P.A, P.b, N)
        if d == 0:  # the constraints leave a single point
            self.method, self._fixed = "fixed", np.clip(start, 0.0, None)
            return
        self.method, self.chains = "hit-and-run", chains
        self.exact_starts = min(chains, starts.shape[0])
        if starts.shape[0] >= chains:
            self._X = np.array(starts[:chains])  # every chain starts at its own exact draw
        elif starts.shape[0]:
            self._X = np.array(starts[np.arange(chains) % starts.shape[0]])
        else:
            self._X = np.tile(start, (chains, 1))
        self._D = N.T
        if starts.shape[0] >= 2 * (d + 1):  # directions shaped like the set (a fixed law)
            Y = (starts - starts.mean(axis=0)) @ N
            C = np.cov(Y, rowvar=False).reshape(d, d)
            C = 0.8 * C + 0.2 * np.diag(np.diag(C)) + 1e-12 * np.eye(d)
            self._D = np.linalg.cholesky(C).T @ N.T
        independent = self.exact_starts == chains
        self.burn_in = (d if independent else max(100, 10 * d * d)) if burn is None else burn
        self.thin = max(1, d) if thin is None else thin
        self._burnt = False

    def _batch(self) -> FloatArray:
        """The next batch of a rejection or hit-and-run stream."""
        P = self._P
        if self.method == "rejection":
            W = self._propose(_BATCH)
            return W[P.inside(W)]
        if not self._burnt:
            hit_and_run(self._X, self._D, P.A, P.b, self._rng, self.burn_in)
            self._burnt = True
        hit_and_run(self._X, self._D, P.A, P.b, self._rng, self.thin)
        return np.asarray(np.clip(self._X, 0.0, None), dtype=np.float64)

    def draw(self, n: int) -> FloatArray:
        """The next ``n`` weight vectors of the stream, shape ``(n, k)``."""
        n = as_count("n", n)
        self.position += n
        if self.method == "fixed":
            return np.tile(self._fixed, (n, 1))
        if self.method == "dirichlet":
            W = self._rng.standard_exponential((n, self.k))
            W /= W.sum(axis=1, keepdims=True)
            return W
        if self.method == "ordinal":
            return ordinal_draw(self._rng, n, self._groups or [], self.k, self._equal)
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

    **Ordinal ranking** (``order[j]`` = position of criterion j, smaller = more important;
    positions need not be in file order nor consecutive): with places :math:`1..k`, the ordered
    simplex :math:`w_{(1)} \ge \dots \ge w_{(k)}` has vertices
    :math:`v_q = (1/q, \dots, 1/q, 0, \dots)`, so
    :math:`w_{(p)} = \sum_{q \ge p} \lambda_q / q` with :math:`\lambda \sim` Dirichlet(1) is
    exactly uniform on it (the same law as sorting a uniform simplex sample; its mean is the
    ROC vector). With ``ties="unordered"`` (default) tied criteria share their places in a
    uniformly random order: exactly uniform on the set where every criterion outweighs each
    one placed strictly below it and tied ones are free, matching ROC's averaging of tied
    places. With ``ties="equal"`` tied criteria get equal weights: with group sizes
    :math:`s_g` and :math:`S_g = s_1 + \dots + s_g`, group weights
    :math:`u_g = \sum_{h \ge g} \lambda_h / S_h`, exactly uniform on that lower-dimensional set.

    **Bounds and ratios** (``bounds[j] = [low, high]``, ``(i, j, low, high)`` meaning
    :math:`low \le w_i / w_j \le high`): three exact proposals contain the feasible set: the
    simplex above the lower bounds, the ordered simplex (with ``order``), and the box of bounds
    cut by :math:`\sum w = 1` (see :mod:`appraisal.smaa.polytope`). A 4096-draw pilot of
    each measures its acceptance; when the best accepts at least 2%, its draws are filtered
    (rejection, exact). Otherwise hit-and-run (Smith 1984) runs ``chains`` parallel chains.
    Each chain starts at its own exact draw when up to 16 more batches of the proposal find
    enough of them (the chains are then stationary from the start, and the default ``burn_in``
    is d, the dimension of the feasible set); else at such draws in turn, or at a point found
    by Motzkin relaxation, with the default burn-in :math:`\max(100, 10 d^2)`. Directions are
    Gaussian, shaped like the covariance of the exact starts when there are at least
    :math:`2(d+1)` of them. The chains then keep every ``thin``-th state (default d),
    interleaved: row r is from chain ``r % chains``. Hit-and-run draws are correlated; the
    standard errors of :func:`appraisal.smaa.smaa` account for it (batches of whole chains).
    ``fixed`` returns ``n`` copies of one vector.

    Parameters
    ----------
    k, n : int
        Criteria and samples (whole numbers >= 1).
    seed : int, numpy.random.Generator or None
    bounds : array_like, shape (k, 2), optional
        ``[low, high]`` per criterion, finite, e.g. from :func:`interval_around`.
    order : array_like, shape (k,), optional
        Finite importance positions.
    ties : {"unordered", "equal"}, default "unordered"
    ratio_bounds : sequence of (i, j, low, high), optional
        ``high`` may be ``inf``.
    fixed : array_like, shape (k,), optional
        Finite, non-negative, summing to 1.
    method : {"auto", "exact", "rejection", "hit-and-run"}, default "auto"
    burn_in, thin, chains : int, optional

    Returns
    -------
    ndarray, shape (n, k)

    Raises
    ------
    InputError
        Malformed or infeasible constraints, NaN or infinite numbers, bad counts.

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
    >>> W = sample_weights(2, 1000, seed=0, order=[2, 1])  # criterion 1 is the more important
    >>> bool(np.all(W[:, 1] >= W[:, 0]))
    True
    >>> W = sample_weights(3, 1000, seed=0, bounds=[[0.5, 0.6], [0.2, 0.3], [0.0, 0.3]])
    >>> bool(W[:, 0].min() >= 0.5 and W[:, 0].max() <= 0.6)
    True
    """
    n = as_count("n", n)
    sampler = WeightSampler(
        k, seed=seed, bounds=bounds, order=order, ties=ties, ratio_bounds=ratio_bounds,
        fixed=fixed, method=method, burn_in=burn_in, thin=thin, chains=chains,
    )  # fmt: skip
    return sampler.draw(n)
