"""Stochastic multicriteria acceptability analysis (SMAA-2), vectorised and chunked.

Three stages with plain arrays between them, as in SALib: **sample** weights
(:func:`sample_weights`, or a :class:`WeightSampler` stream) and, for score uncertainty, value
matrices (:func:`sample_values`, :func:`sample_levels`); **evaluate** the scores
(:func:`evaluate`); **analyse** them (:func:`analyse`). :func:`smaa` runs all three in chunks,
so memory stays at one chunk (about 32 MB) whatever the number of samples.

Ties: option i's rank in a sample is its competition rank, 1 + the number of options scoring
more than ``S_i + 1e-9`` (as :func:`appraisal.rank.competition_ranks`). Tied options share
the better rank, so a tie for first counts as a first place for *each* tied option: every
option's acceptabilities still sum to 1 over the ranks, but a rank's column may sum to more
than 1 (and the next rank's to less). ``tied_first`` reports how many samples had such a tie.

Reproducibility: one seed fixes the weight stream and the value stream (two generators drawn
from it), and every stream is read in order, so the same seed gives the same numbers whatever
the chunk size (counts exactly; sums of weights up to rounding).

Every public function checks its arguments (finite numbers, shapes, whole positive counts)
and raises :class:`~appraisal.errors.InputError` naming the argument; none changes an array
it is given. :func:`check_samples` refuses a run too large to finish before anything is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal._rng import SeedLike, make_rng
from appraisal.core.aggregate import TIE_TOLERANCE
from appraisal.errors import InputError
from appraisal.smaa.args import MAX_SAMPLES, as_count, finite_array, ids_for, weight_rows
from appraisal.smaa.result import SmaaResult, build_result
from appraisal.smaa.samplers import (
    Method,
    Ratio,
    Ties,
    ValueModel,
    WeightSampler,
    interval_around,
    matmul,
    sample_levels,
    sample_values,
    sample_weights,
)
from appraisal.smaa.size import (
    PAIRWISE_AUTO_MAX,
    SmaaCost,
    check_samples,
    chunk_size,
    estimate_cost,
    pairwise_choice,
)
from appraisal.smaa.tally import Tallies, beaten, first_at_central

__all__ = [
    "MAX_SAMPLES",
    "PAIRWISE_AUTO_MAX",
    "SmaaCost",
    "SmaaResult",
    "WeightSampler",
    "analyse",
    "check_samples",
    "competition_ranks_many",
    "estimate_cost",
    "evaluate",
    "interval_around",
    "meta_weights",
    "sample_levels",
    "sample_values",
    "sample_weights",
    "smaa",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
MetaWeights = Literal["linear", "inverse", "centroid"]


def competition_ranks_many(S: ArrayLike, tol: float = TIE_TOLERANCE) -> IntArray:
    """Competition ranks of every row: 1 + the number of options scoring more than ``S + tol``.

    The row-wise version of :func:`appraisal.rank.competition_ranks`.

    Parameters
    ----------
    S : array_like, shape (n, m)
        Scores, one sample per row; finite.
    tol : float, default 1e-9
        Finite, >= 0.

    Returns
    -------
    ndarray of int, shape (n, m)

    Examples
    --------
    >>> import numpy as np
    >>> competition_ranks_many(np.array([[70.0, 80.0, 70.0 + 1e-12], [3.0, 2.0, 1.0]]))
    array([[2, 1, 2],
           [1, 2, 3]])
    """
    A = finite_array("S", S, ndim=2)
    if not (math.isfinite(tol) and tol >= 0):
        raise InputError(f"tol must be a finite number >= 0, got {tol!r}.")
    return np.asarray(beaten(A, tol) + 1, dtype=np.int64)


def _evaluate(V: FloatArray, W: FloatArray) -> FloatArray:
    if V.ndim == 2:
        return matmul(W, np.ascontiguousarray(V.T))
    return np.asarray(np.einsum("smk,sk->sm", V, W), dtype=np.float64)


def evaluate(V: ArrayLike, W: ArrayLike) -> FloatArray:
    r"""Overall scores of every option under every sampled weight vector (and value matrix).

    .. math:: S_{si} = \sum_j W_{sj} V_{ij} \quad\text{or}\quad \sum_j W_{sj} V_{sij}

    Parameters
    ----------
    V : array_like, shape (m, k) or (n, m, k)
        Values, fixed or one matrix per sample; finite.
    W : array_like, shape (n, k)
        Weights: finite, non-negative, rows summing to 1.

    Returns
    -------
    ndarray, shape (n, m)

    Examples
    --------
    >>> import numpy as np
    >>> evaluate(np.array([[100.0, 0.0], [40.0, 80.0]]), np.array([[0.5, 0.5], [1.0, 0.0]]))
    array([[ 50.,  60.],
           [100.,  40.]])
    """
    V_, W_ = _check_pair(V, W)
    return _evaluate(V_, W_)


def _check_pair(V: ArrayLike, W: ArrayLike) -> tuple[FloatArray, FloatArray]:
    V_ = finite_array("V", V, ndim=(2, 3))
    if 0 in V_.shape:
        raise InputError(f"V must hold at least one option and criterion; got {V_.shape}.")
    k = V_.shape[-1]
    W_ = weight_rows("W", W, k)
    if V_.ndim == 3 and V_.shape[0] != W_.shape[0]:
        raise InputError(
            f"V holds {V_.shape[0]} value matrices but W {W_.shape[0]} weight samples; "
            "give one per sample, or a single (m, k) matrix."
        )
    return V_, W_


def meta_weights(m: int, kind: MetaWeights | ArrayLike = "linear") -> FloatArray:
    r"""Rank meta-weights :math:`\alpha_r` for holistic acceptability, :math:`\alpha_1 = 1`.

    ``"linear"`` (default): :math:`\alpha_r = (m - r)/(m - 1)`; ``"inverse"``:
    :math:`1/r`; ``"centroid"``: :math:`\sum_{q \ge r} (1/q) / \sum_{q \ge 1} (1/q)`
    (Lahdelma and Salminen 2001). An array (``m`` finite numbers) is copied and used as given.

    Examples
    --------
    >>> meta_weights(3).tolist(), meta_weights(3, "inverse").round(3).tolist()
    ([1.0, 0.5, 0.0], [1.0, 0.5, 0.333])
    """
    m = as_count("m (the number of options)", m)
    r = np.arange(1, m + 1, dtype=np.float64)
    if isinstance(kind, str):
        if kind == "linear":
            return (m - r) / (m - 1) if m > 1 else np.ones(1)
        if kind == "inverse":
            return 1.0 / r
        if kind == "centroid":
            tail = np.cumsum((1.0 / r)[::-1])[::-1]
            return np.asarray(tail / tail[0], dtype=np.float64)
        raise InputError(f"unknown meta-weights {kind!r} (allowed: linear, inverse, centroid).")
    a = finite_array("meta", kind, ndim=1)
    if a.shape != (m,):
        raise InputError(f"meta-weights must be {m} finite numbers, one per rank; got {a.shape}.")
    return a


# --- analyse and the driver ------------------------------------------------------------------


def analyse(
    V: ArrayLike,
    W: ArrayLike,
    *,
    options: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    meta: MetaWeights | ArrayLike = "linear",
    pairwise: bool | None = None,
    chains: int = 0,
) -> SmaaResult:
    """SMAA-2 figures from samples already drawn (the *analyse* stage).

    Parameters
    ----------
    V : array_like, shape (m, k) or (n, m, k)
        Fixed values, or one value matrix per weight sample (e.g. from :func:`sample_values`);
        the same matrices give the confidence factors. Finite.
    W : array_like, shape (n, k)
        Weight samples (e.g. from :func:`sample_weights`): finite, non-negative, rows summing
        to 1.
    options, criteria : sequence of str, optional
        Ids; default ``a1..am`` and ``c1..ck``.
    meta : {"linear", "inverse", "centroid"} or array_like, default "linear"
        Meta-weights for holistic acceptability (:func:`meta_weights`).
    pairwise : bool or None, default None
        Compute pairwise winning indices (O(n m^2)); None: when there are at most
        :data:`PAIRWISE_AUTO_MAX` options.
    chains : int, default 0
        0 when the rows of ``W`` are independent. Else ``W`` holds ``chains`` interleaved
        Markov chains (row ``r`` from chain ``r % chains``, as a hit-and-run
        :class:`WeightSampler` gives them) and standard errors come from batches of chains.

    Returns
    -------
    SmaaResult
        With ``seed`` None and ``weights_method`` ``"given"``. See :class:`SmaaResult`.

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[100.0, 0.0], [40.0, 80.0]])
    >>> W = sample_weights(2, 20_000, seed=0)
    >>> r = analyse(V, W, options=["A", "B"])
    >>> exact = np.array([3 / 7, 4 / 7])  # first-rank acceptabilities
    >>> bool(np.all(abs(r.acceptability[:, 0] - exact) < 4 * r.acceptability_se[:, 0]))
    True
    """
    V_, W_ = _check_pair(V, W)
    chains = as_count("chains", chains, minimum=0)
    m, k = V_.shape[-2:]
    n = W_.shape[0]
    uncertain = V_.ndim == 3
    opts, crits = ids_for(options, m, "options", "a"), ids_for(criteria, k, "criteria", "c")
    alpha = meta_weights(m, meta)
    pw, note = pairwise_choice(pairwise, m)
    tallies = Tallies(m, k, pw, chains)
    c = chunk_size(m, k, uncertain, pw, None)
    for s in range(0, n, c):
        tallies.add(_evaluate(V_[s : s + c] if uncertain else V_, W_[s : s + c]), W_[s : s + c])
    total = tallies.total()
    counts = np.zeros(m, dtype=np.int64)
    for s in range(0, n if uncertain else 1, c):
        counts += first_at_central(V_[s : s + c] if uncertain else V_[None], total)
    return build_result(
        tallies, counts, n if uncertain else 1, alpha=alpha, options=opts, criteria=crits,
        seed=None, weights_method="given", values_uncertain=uncertain, pairwise_note=note,
    )  # fmt: skip


def smaa(
    V: ArrayLike,
    *,
    n: int = 10_000,
    seed: SeedLike = None,
    options: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    bounds: ArrayLike | None = None,
    order: ArrayLike | None = None,
    ties: Ties = "unordered",
    ratio_bounds: Sequence[Ratio] | None = None,
    fixed: ArrayLike | None = None,
    method: Method = "auto",
    burn_in: int | None = None,
    thin: int | None = None,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    mode: ArrayLike | None = None,
    dist: Literal["uniform", "triangular"] = "uniform",
    level_step: ArrayLike | None = None,
    levels: int = 1,
    meta: MetaWeights | ArrayLike = "linear",
    pairwise: bool | None = None,
    chunk: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SmaaResult:
    """SMAA-2 of a value matrix: sample, evaluate and analyse in chunks.

    Weights are uniform on the simplex unless constrained (``bounds``, ``order``, ``ties``,
    ``ratio_bounds``, ``fixed``, ``method``, ``burn_in``, ``thin``: see
    :func:`sample_weights`). Values are fixed unless ``low``/``high``/``mode``/``dist`` give
    per-cell ranges (:func:`sample_values`) or ``level_step``/``levels`` a ±``levels`` level
    uncertainty (:func:`sample_levels`). With uncertain values the confidence factors need a
    second pass over the same value samples (regenerated from the seed, not stored).

    Memory is one chunk (``chunk`` samples; by default as many as fit in about 32 MB, at most
    65536), whatever ``n``. The seed gives two generators, one for weights and one for values;
    both are read in order, so results do not depend on ``chunk``. Standard errors account for
    the correlation of hit-and-run weights (see :class:`SmaaResult`).

    Parameters
    ----------
    V : array_like, shape (m, k)
        Values on 0..100, options in rows; finite.
    n : int, default 10_000
        Samples: a whole number from 1 to :data:`MAX_SAMPLES` (:func:`check_samples`).
    seed : int, numpy.random.Generator or None
        None draws a fresh integer seed and reports it in the result.
    options, criteria : sequence of str, optional
        Ids for the result; default ``a1..am``, ``c1..ck``.
    meta : {"linear", "inverse", "centroid"} or array_like, default "linear"
        Holistic acceptability meta-weights; SMAA-2's linear ``(m - r)/(m - 1)`` by default.
    pairwise : bool or None, default None
        Compute pairwise winning indices (O(n m^2) time, the dominant cost for many options).
        None computes them up to :data:`PAIRWISE_AUTO_MAX` options; when skipped, the result's
        ``pairwise`` is None and ``pairwise_note`` says why.
    chunk : int, optional
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk; ``total`` is ``n``, or ``2 n``
        when a confidence pass over uncertain values follows.

    Returns
    -------
    SmaaResult

    Raises
    ------
    InputError
        Bad shapes or ids, NaN or infinite numbers, malformed or infeasible constraints, ranges
        not around the scores, a number of samples that is not a whole number in range.

    References
    ----------
    Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability
    analysis for group decision making. *Operations Research* 49(3), 444-454.
    Tervonen, T. and Figueira, J. R. (2008). A survey on stochastic multicriteria acceptability
    analysis methods. *Journal of Multi-Criteria Decision Analysis* 15(1-2), 1-14.

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[100.0, 0.0], [40.0, 80.0]])
    >>> r = smaa(V, n=50_000, seed=0, options=["A", "B"])
    >>> r.acceptability.round(1).tolist()  # exactly [[3/7, 4/7], [4/7, 3/7]]
    [[0.4, 0.6], [0.6, 0.4]]
    >>> r.central_weights.round(1).tolist()  # exactly (11/14, 3/14) and (2/7, 5/7)
    [[0.8, 0.2], [0.3, 0.7]]
    >>> r.confidence.tolist(), round(r.to_dict()["pairwise_winning"]["A"]["B"], 1)
    ([1.0, 1.0], 0.4)
    >>> print(r.to_text(digits=1))  # doctest: +ELLIPSIS
    SMAA-2: 50000 samples, seed 0; weights: dirichlet; values: fixed; max standard error 0.0
    <BLANKLINE>
    option   b1   b2  holistic  confidence
    B       0.6  0.4       0.6         1.0
    A       0.4  0.6       0.4         1.0
    <BLANKLINE>
    central weights    B    A
    c1               0.3  0.8
    c2               0.7  0.2
    """
    V_ = finite_array("V", V, ndim=2)
    if V_.size == 0:
        raise InputError(f"V must be a non-empty (options x criteria) matrix; got {V_.shape}.")
    m, k = V_.shape
    n = check_samples(n, m=m, k=k)
    if progress is not None and not callable(progress):
        raise InputError(f"progress must be a callable or None, got {progress!r}.")
    opts, crits = ids_for(options, m, "options", "a"), ids_for(criteria, k, "criteria", "c")
    alpha = meta_weights(m, meta)
    pw, note = pairwise_choice(pairwise, m)
    if isinstance(seed, np.random.Generator):
        reported, root = None, seed
    elif seed is None:
        reported = int(make_rng(None).integers(2**63))
        root = make_rng(reported)
    else:
        reported = as_count("seed", seed, minimum=0)
        root = make_rng(reported)
    wseed, vseed = (int(x) for x in root.integers(0, 2**63, size=2))
    sampler = WeightSampler(
        k, seed=wseed, bounds=bounds, order=order, ties=ties, ratio_bounds=ratio_bounds,
        fixed=fixed, method=method, burn_in=burn_in, thin=thin,
    )  # fmt: skip
    values = None
    if level_step is not None or any(x is not None for x in (low, high, mode)) or dist != "uniform":
        values = ValueModel(
            V_, low=low, high=high, mode=mode, dist=dist, level_step=level_step, levels=levels
        )
        values = values if values.uncertain else None
    c = chunk_size(m, k, values is not None, pw, chunk)
    total = 2 * n if values is not None else n
    tallies, vrng = Tallies(m, k, pw, sampler.chains), make_rng(vseed)
    for start in range(0, n, c):
        size = min(c, n - start)
        W = sampler.draw(size)
        tallies.add(_evaluate(V_ if values is None else values.draw(vrng, size), W), W)
        if progress is not None:
            progress(start + size, total)
    whole = tallies.total()
    if values is None:
        counts = first_at_central(V_[None], whole)
    else:
        counts, vrng = np.zeros(m, dtype=np.int64), make_rng(vseed)
        for start in range(0, n, c):
            size = min(c, n - start)
            counts += first_at_central(values.draw(vrng, size), whole)
            if progress is not None:
                progress(n + start + size, total)
    return build_result(
        tallies, counts, n if values is not None else 1, alpha=alpha, options=opts,
        criteria=crits, seed=reported, weights_method=sampler.method,
        values_uncertain=values is not None, pairwise_note=note,
    )  # fmt: skip
