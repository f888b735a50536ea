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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._rng import SeedLike, make_rng
from ._samplers import (
    _BLAS_WORK,
    Method,
    Ratio,
    Ties,
    ValueModel,
    WeightSampler,
    _matmul,
    interval_around,
    sample_levels,
    sample_values,
    sample_weights,
)
from ._table import text_table
from .aggregate import TIE_TOLERANCE
from .errors import InputError

__all__ = [
    "SmaaResult",
    "WeightSampler",
    "analyse",
    "competition_ranks_many",
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

_SMALL_M = 12  # up to this many options, ranks come from pairwise comparisons, not sorting
_CHUNK_ELEMENTS = 1 << 22  # about 32 MB of float64 per chunk
_MAX_CHUNK = 1 << 16


def _matmul_sum(F: FloatArray, W: FloatArray) -> FloatArray:
    """``F @ W`` for a wide ``F`` (m, c) and tall ``W`` (c, k), summed over column blocks."""
    cols = _BLAS_WORK // max(1, F.shape[0] * W.shape[1])
    if cols < 256 or cols >= F.shape[1]:
        return np.asarray(F @ W, dtype=np.float64)
    out = np.zeros((F.shape[0], W.shape[1]))
    for s in range(0, F.shape[1], cols):
        out += F[:, s : s + cols] @ W[s : s + cols]
    return out


def competition_ranks_many(S: FloatArray, tol: float = TIE_TOLERANCE) -> IntArray:
    """Competition ranks of every row: 1 + the number of options scoring more than ``S + tol``.

    The row-wise version of :func:`appraisal.rank.competition_ranks`.

    Parameters
    ----------
    S : ndarray, shape (n, m)
        Scores, one sample per row.
    tol : float, default 1e-9

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
    S = np.asarray(S, dtype=np.float64)
    return np.asarray(_beaten(S, tol) + 1, dtype=np.int64)


def _beaten(S: FloatArray, tol: float) -> NDArray[np.int32]:
    """How many options beat each one, ``(c, m)``: pairwise comparisons, or a sort when many."""
    c, m = S.shape
    if m > _SMALL_M:
        return _beaten_sorted(S, tol)[0]
    thr = S + tol
    beaten = np.zeros((c, m), dtype=np.int32)
    for j in range(m):
        beaten += S[:, j : j + 1] > thr
    return beaten


def _beaten_sorted(S: FloatArray, tol: float) -> tuple[NDArray[np.int32], NDArray[np.intp]]:
    """``beaten`` by sorting each row, and the flat index into ``S`` of the option in each place.

    After an argsort, the option in place ``p`` (best first) is beaten by ``p`` options less
    those among the places above it whose score is within ``tol`` of its own.
    """
    c, m = S.shape
    flat = np.argsort(S, axis=1)  # ties may come in any order
    flat += (m * np.arange(c))[:, None]
    flat = flat[:, ::-1]  # best first
    d = np.take(S, flat)  # descending
    place = np.broadcast_to(np.arange(m, dtype=np.int32), (c, m))
    for t in range(1, m):  # d[p - t] within tol of d[p]: one more option not strictly above
        close = d[:, :-t] - d[:, t:] <= tol
        if not close.any():
            break
        place = place.copy() if t == 1 else place
        place[:, t:] -= close
    beaten = np.empty((c, m), dtype=np.int32)
    beaten.ravel()[flat] = place
    return beaten, flat


def evaluate(V: FloatArray, W: FloatArray) -> FloatArray:
    r"""Overall scores of every option under every sampled weight vector (and value matrix).

    .. math:: S_{si} = \sum_j W_{sj} V_{ij} \quad\text{or}\quad \sum_j W_{sj} V_{sij}

    Parameters
    ----------
    V : ndarray, shape (m, k) or (n, m, k)
        Values, fixed or one matrix per sample.
    W : ndarray, shape (n, k)

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
    if V.ndim == 2:
        return _matmul(W, np.ascontiguousarray(V.T))
    return np.asarray(np.einsum("smk,sk->sm", V, W), dtype=np.float64)


def meta_weights(m: int, kind: MetaWeights | ArrayLike = "linear") -> FloatArray:
    r"""Rank meta-weights :math:`\alpha_r` for holistic acceptability, :math:`\alpha_1 = 1`.

    ``"linear"`` (default): :math:`\alpha_r = (m - r)/(m - 1)`; ``"inverse"``:
    :math:`1/r`; ``"centroid"``: :math:`\sum_{q \ge r} (1/q) / \sum_{q \ge 1} (1/q)`
    (Lahdelma and Salminen 2001). An array is used as given.

    Examples
    --------
    >>> meta_weights(3).tolist(), meta_weights(3, "inverse").round(3).tolist()
    ([1.0, 0.5, 0.0], [1.0, 0.5, 0.333])
    """
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
    a = np.asarray(kind, dtype=np.float64)
    if a.shape != (m,) or not np.all(np.isfinite(a)):
        raise InputError(f"meta-weights must be {m} finite numbers, one per rank.")
    return a


class _Tally:
    """Running sums over samples: rank counts, first-place weight sums, pairwise wins."""

    def __init__(self, m: int, k: int, pairwise: bool) -> None:
        self.m, self.n, self.pairwise, self.tied_first = m, 0, pairwise, 0
        self.ranks = np.zeros((m, m), dtype=np.int64)  # [option, rank - 1]
        self.wins = np.zeros((m, m), dtype=np.int64)  # [i, j]: samples where i beats j
        self.w1 = np.zeros((m, k))  # sum of W over samples where the option is first
        self.w2 = np.zeros((m, k))  # and of W**2

    def add(self, S: FloatArray, W: FloatArray) -> None:
        """Count one chunk: scores ``S`` (c, m) under weights ``W`` (c, k)."""
        c, m = S.shape
        if m <= _SMALL_M:
            beaten = self._few(S)
            first = beaten == 0
            self.tied_first += int(np.count_nonzero(first.sum(axis=0) > 1))
            F = first.astype(np.float64)  # a dense 0/1 product is fastest for a few options
            self.w1 += _matmul_sum(F, W)
            self.w2 += _matmul_sum(F, np.square(W))
        else:
            b, flat = _beaten_sorted(S, TIE_TOLERANCE)
            beaten = np.ascontiguousarray(b.T)
            if self.pairwise:
                self._wins_sorted(S, b, flat)
            # the option in first place, and the rows where the second place ties with it
            when = np.arange(c)
            who = flat[:, 0] - m * when
            shared = np.take(b, flat[:, 1]) == 0
            if shared.any():
                self.tied_first += int(np.count_nonzero(shared))
                rows, opts = np.nonzero(b[shared] == 0)
                who = np.concatenate([who[~shared], opts])
                when = np.concatenate([when[~shared], np.flatnonzero(shared)[rows]])
            np.add.at(self.w1, who, W[when])
            np.add.at(self.w2, who, np.square(W[when]))
        self.n += c
        offsets = (m * np.arange(m, dtype=np.int32))[:, None]
        self.ranks += np.bincount((beaten + offsets).ravel(), minlength=m * m).reshape(m, m)

    def _few(self, S: FloatArray) -> NDArray[np.int32]:
        """``beaten`` as (m, c) for a few options, with pairwise wins from the same comparisons."""
        c, m = S.shape
        if not self.pairwise:
            return np.ascontiguousarray(_beaten(S, TIE_TOLERANCE).T)
        ST, beaten = np.ascontiguousarray(S.T), np.zeros((m, c), dtype=np.int32)
        thr, g = ST + TIE_TOLERANCE, np.empty(c, dtype=bool)
        for i in range(m):
            for j in range(m):
                if i != j:
                    np.greater(ST[i], thr[j], out=g)
                    self.wins[i, j] += np.count_nonzero(g)
                    beaten[j] += g
        return beaten

    def _wins_sorted(
        self, S: FloatArray, beaten: NDArray[np.int32], flat: NDArray[np.intp]
    ) -> None:
        """Pairwise wins for many options: positions compared as int16, exact rows where tied."""
        c, m = S.shape
        pos = np.empty((c, m), dtype=np.int16 if m < 2**15 else np.int32)
        pos.ravel()[flat] = np.arange(m, dtype=pos.dtype)
        tied = np.any(beaten != pos, axis=1)  # rows where a near-tie bent the ranks
        acc, hit = np.zeros((m, m), dtype=np.uint8), np.empty((m, m), dtype=bool)
        for s, p in enumerate(pos[~tied], start=1):  # one sample at a time stays in cache
            np.less(p[:, None], p[None, :], out=hit)
            np.add(acc, hit.view(np.uint8), out=acc)
            if s % 255 == 0:  # before the uint8 counts can overflow
                self.wins += acc
                acc[:] = 0
        self.wins += acc
        for row in S[tied]:  # exact comparisons where scores tie within tolerance
            self.wins += row[:, None] > row[None, :] + TIE_TOLERANCE


@dataclass(frozen=True)
class SmaaResult:
    r"""SMAA-2 results: rank acceptabilities, central weights, confidence factors, pairwise wins.

    Option ``i`` is "first" in a sample when no option beats it by more than 1e-9 (ties count
    for each tied option). With ``n`` samples:

    - rank acceptability :math:`b_i^r` = share of samples where i has rank r;
    - central weight vector :math:`w_i^c` = mean weight vector over the samples where i is first
      (NaN row when i is never first);
    - confidence factor :math:`p_i^c` = share of value samples in which i is first with the
      weights fixed at :math:`w_i^c` (1 or 0 when values are fixed; NaN without :math:`w_i^c`);
    - pairwise winning index :math:`P_{ij}` = share of samples where i scores more than j + 1e-9;
    - holistic acceptability :math:`a_i^h = \sum_r \alpha_r b_i^r` with meta-weights
      :math:`\alpha` (:func:`meta_weights`).

    Each ``*_se`` array holds the Monte Carlo standard error: :math:`\sqrt{p(1-p)/n}` for a
    share p, :math:`\sqrt{(\sum_r \alpha_r^2 b_i^r - (a_i^h)^2)/n}` for holistic
    acceptability, and the sample standard deviation over the first-place samples divided by
    the square root of their number for central weights. They assume independent samples,
    which hit-and-run weights are not (there they are optimistic).

    Attributes
    ----------
    options, criteria : tuple of str
    samples : int
    seed : int or None
        The integer seed that reproduces the run (drawn and reported when none was given);
        None when a Generator was passed or for :func:`analyse`.
    acceptability, acceptability_se : ndarray, shape (m, m)
        ``[option, rank - 1]``.
    central_weights, central_weights_se : ndarray, shape (m, k)
    confidence, confidence_se : ndarray, shape (m,)
    pairwise, pairwise_se : ndarray, shape (m, m) or None
        ``pairwise[i, j]`` = P(i beats j); None when not computed.
    holistic, holistic_se, meta_weights : ndarray, shape (m,)
    tied_first : int
        Samples in which two or more options tied for first.
    weights_method : str
        How weights were sampled (see :class:`WeightSampler`), or ``"given"``.
    values_uncertain : bool
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    seed: int | None
    acceptability: FloatArray
    acceptability_se: FloatArray
    central_weights: FloatArray
    central_weights_se: FloatArray
    confidence: FloatArray
    confidence_se: FloatArray
    pairwise: FloatArray | None
    pairwise_se: FloatArray | None
    holistic: FloatArray
    holistic_se: FloatArray
    meta_weights: FloatArray
    tied_first: int
    weights_method: str
    values_uncertain: bool

    def __post_init__(self) -> None:
        for v in vars(self).values():
            if isinstance(v, np.ndarray):
                v.setflags(write=False)

    @property
    def standard_error(self) -> float:
        """The largest standard error over the rank acceptability indices."""
        return float(self.acceptability_se.max())

    def to_frame(self) -> Any:
        """Acceptability, holistic acceptability and confidence per option (``pandas`` extra)."""
        from .report.frames import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Rank-acceptability heat map (needs the ``plot`` extra); returns the Axes."""
        from .report.plot import plot_acceptability

        return plot_acceptability(self.to_dict(), ax=ax)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready results: the SMAA contract's keys plus the standard errors and settings."""
        opts, crits = self.options, self.criteria

        def row(x: FloatArray) -> list[float]:
            return [float(v) for v in x]

        def maybe(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        def weights(x: FloatArray) -> dict[str, dict[str, float] | None]:
            return {
                o: None if np.isnan(x[i]).any() else dict(zip(crits, row(x[i]), strict=True))
                for i, o in enumerate(opts)
            }

        def matrix(x: FloatArray | None) -> dict[str, dict[str, float]] | None:
            if x is None:
                return None
            return {
                a: {b: float(x[i, j]) for j, b in enumerate(opts) if j != i}
                for i, a in enumerate(opts)
            }

        return {
            "samples": self.samples,
            "seed": self.seed,
            "options": list(opts),
            "acceptability": {o: row(self.acceptability[i]) for i, o in enumerate(opts)},
            "central_weights": weights(self.central_weights),
            "confidence": {o: maybe(self.confidence[i]) for i, o in enumerate(opts)},
            "pairwise_winning": matrix(self.pairwise),
            "standard_error": self.standard_error,
            "criteria": list(crits),
            "holistic_acceptability": dict(zip(opts, row(self.holistic), strict=True)),
            "meta_weights": row(self.meta_weights),
            "acceptability_se": {o: row(self.acceptability_se[i]) for i, o in enumerate(opts)},
            "central_weights_se": weights(self.central_weights_se),
            "confidence_se": {o: maybe(self.confidence_se[i]) for i, o in enumerate(opts)},
            "pairwise_winning_se": matrix(self.pairwise_se),
            "holistic_acceptability_se": dict(zip(opts, row(self.holistic_se), strict=True)),
            "tied_first": self.tied_first,
            "weights_method": self.weights_method,
            "values_uncertain": self.values_uncertain,
        }

    def to_text(self, digits: int = 3) -> str:
        """Acceptabilities, holistic acceptability and confidence, then the central weights."""
        m = len(self.options)
        seed = "" if self.seed is None else f", seed {self.seed}"
        values = "uncertain" if self.values_uncertain else "fixed"
        head = (
            f"SMAA-2: {self.samples} samples{seed}; weights: {self.weights_method}; "
            f"values: {values}; max standard error {self.standard_error:.{digits}f}"
        )
        order = sorted(range(m), key=lambda i: (-self.holistic[i], self.options[i]))
        rows: list[list[Any]] = []
        for i in order:
            conf = None if np.isnan(self.confidence[i]) else float(self.confidence[i])
            acc = [float(x) for x in self.acceptability[i]]
            rows.append([self.options[i], *acc, float(self.holistic[i]), conf])
        headers = ["option", *(f"b{r}" for r in range(1, m + 1)), "holistic", "confidence"]
        parts = [head, "", text_table(headers, rows, digits)]
        shown = [i for i in order if not np.isnan(self.central_weights[i]).any()]
        if shown:
            crows: list[list[str | float | None]] = [
                [c, *(float(self.central_weights[i, j]) for i in shown)]
                for j, c in enumerate(self.criteria)
            ]
            hdr = ["central weights", *(self.options[i] for i in shown)]
            parts += ["", text_table(hdr, crows, digits)]
        if self.tied_first:
            parts += ["", f"{self.tied_first} samples had a tie for first (counted for each)."]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.to_text()


def _first_at_central(Vs: FloatArray, tally: _Tally) -> IntArray:
    """For each option i ever first, in how many of ``Vs`` (c, m, k) i is first at w_i^c."""
    c, m, k = Vs.shape
    counts = np.zeros(m, dtype=np.int64)
    idx = np.flatnonzero(tally.ranks[:, 0])  # options with a central weight vector
    if idx.size:
        Wc = tally.w1[idx] / tally.ranks[idx, :1]
        Sc = _matmul(Vs.reshape(c * m, k), Wc.T).reshape(
            c, m, idx.size
        )  # [s, option, vector of idx]
        own = Sc[:, idx, np.arange(idx.size)]
        counts[idx] = np.count_nonzero(~np.any(Sc > own[:, None, :] + TIE_TOLERANCE, axis=1), 0)
    return counts


def _chunk_size(m: int, k: int, uncertain: bool, chunk: int | None) -> int:
    if chunk is not None:
        if chunk < 1:
            raise InputError(f"chunk must be a positive number of samples (got {chunk}).")
        return chunk
    per_sample = 2 * k + 4 * m + (2 * m * k + m * m if uncertain else 0)
    return max(1, min(_MAX_CHUNK, _CHUNK_ELEMENTS // per_sample))


def _ids(ids: Sequence[str] | None, size: int, what: str, prefix: str) -> tuple[str, ...]:
    if ids is None:
        return tuple(f"{prefix}{i + 1}" for i in range(size))
    if len(ids) != size:
        raise InputError(f"{len(ids)} ids given for {size} {what}.")
    return tuple(str(x) for x in ids)


def _result(
    tally: _Tally,
    first_counts: IntArray,
    n_conf: int,
    *,
    options: tuple[str, ...],
    criteria: tuple[str, ...],
    meta: MetaWeights | ArrayLike,
    seed: int | None,
    weights_method: str,
    values_uncertain: bool,
) -> SmaaResult:
    n, m = tally.n, tally.m
    b = tally.ranks / n
    n1 = tally.ranks[:, 0].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        cw = tally.w1 / n1[:, None]
        var = np.maximum(tally.w2 / n1[:, None] - cw**2, 0.0)
        cw_se = np.sqrt(var / n1[:, None])
    conf = np.where(n1 > 0, first_counts / max(n_conf, 1), np.nan)
    alpha = meta_weights(m, meta)
    hol = b @ alpha
    pw = None if not tally.pairwise else tally.wins / n

    def se(p: FloatArray, count: int) -> FloatArray:  # sqrt(p (1 - p) / count), in place
        out = 1.0 - p
        out *= p
        np.maximum(out, 0.0, out=out)
        out /= count
        return np.sqrt(out, out=out)

    return SmaaResult(
        options=options,
        criteria=criteria,
        samples=n,
        seed=seed,
        acceptability=b,
        acceptability_se=se(b, n),
        central_weights=cw,
        central_weights_se=cw_se,
        confidence=conf,
        confidence_se=se(conf, n_conf) if values_uncertain else np.where(n1 > 0, 0.0, np.nan),
        pairwise=pw,
        pairwise_se=None if pw is None else se(pw, n),
        holistic=hol,
        holistic_se=np.sqrt(np.maximum(b @ alpha**2 - hol**2, 0.0) / n),
        meta_weights=alpha,
        tied_first=tally.tied_first,
        weights_method=weights_method,
        values_uncertain=values_uncertain,
    )


def analyse(
    V: FloatArray,
    W: FloatArray,
    *,
    options: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
    meta: MetaWeights | ArrayLike = "linear",
    pairwise: bool = True,
) -> SmaaResult:
    """SMAA-2 figures from samples already drawn (the *analyse* stage).

    Parameters
    ----------
    V : ndarray, shape (m, k) or (n, m, k)
        Fixed values, or one value matrix per weight sample (e.g. from :func:`sample_values`);
        the same matrices give the confidence factors.
    W : ndarray, shape (n, k)
        Weight samples (e.g. from :func:`sample_weights`).
    options, criteria : sequence of str, optional
        Ids; default ``a1..am`` and ``c1..ck``.
    meta : {"linear", "inverse", "centroid"} or array_like, default "linear"
        Meta-weights for holistic acceptability (:func:`meta_weights`).
    pairwise : bool, default True
        Compute pairwise winning indices (O(n m^2); the dominant cost for many options).

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
    m, k = V.shape[-2:]
    n = W.shape[0]
    uncertain = V.ndim == 3
    if W.ndim != 2 or W.shape[1] != k or (uncertain and V.shape[0] != n):
        raise InputError(f"W must be (n, {k}) and V (m, {k}) or (n, m, {k}).")
    tally = _Tally(m, k, pairwise)
    c = _chunk_size(m, k, uncertain, None)
    for s in range(0, n, c):
        tally.add(evaluate(V[s : s + c] if uncertain else V, W[s : s + c]), W[s : s + c])
    counts = np.zeros(m, dtype=np.int64)
    for s in range(0, n if uncertain else 1, c):
        counts += _first_at_central(V[s : s + c] if uncertain else V[None], tally)
    return _result(
        tally, counts, n if uncertain else 1, options=_ids(options, m, "options", "a"),
        criteria=_ids(criteria, k, "criteria", "c"), meta=meta, seed=None,
        weights_method="given", values_uncertain=uncertain,
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
    pairwise: bool = True,
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
    both are read in order, so results do not depend on ``chunk``.

    Parameters
    ----------
    V : array_like, shape (m, k)
        Values on 0..100, options in rows.
    n : int, default 10_000
        Samples.
    seed : int, numpy.random.Generator or None
        None draws a fresh integer seed and reports it in the result.
    options, criteria : sequence of str, optional
        Ids for the result; default ``a1..am``, ``c1..ck``.
    meta : {"linear", "inverse", "centroid"} or array_like, default "linear"
        Holistic acceptability meta-weights; SMAA-2's linear ``(m - r)/(m - 1)`` by default.
    pairwise : bool, default True
        Compute pairwise winning indices (O(n m^2) time; the dominant cost for many options).
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
        Bad shapes or ids, malformed or infeasible constraints, ranges not around the scores.

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
    V = np.asarray(V, dtype=np.float64)
    if V.ndim != 2 or V.size == 0:
        raise InputError(f"V must be a non-empty (options x criteria) matrix; got {V.shape}.")
    if n < 1:
        raise InputError(f"n must be a positive number of samples (got {n}).")
    m, k = V.shape
    opts, crits = _ids(options, m, "options", "a"), _ids(criteria, k, "criteria", "c")
    if isinstance(seed, np.random.Generator):
        reported, root = None, seed
    else:
        reported = int(make_rng(None).integers(2**63)) if seed is None else int(seed)
        root = make_rng(reported)
    wseed, vseed = (int(x) for x in root.integers(0, 2**63, size=2))
    sampler = WeightSampler(
        k, seed=wseed, bounds=bounds, order=order, ties=ties, ratio_bounds=ratio_bounds,
        fixed=fixed, method=method, burn_in=burn_in, thin=thin,
    )  # fmt: skip
    values = None
    if level_step is not None or any(x is not None for x in (low, high, mode)) or dist != "uniform":
        values = ValueModel(
            V, low=low, high=high, mode=mode, dist=dist, level_step=level_step, levels=levels
        )
        values = values if values.uncertain else None
    c = _chunk_size(m, k, values is not None, chunk)
    total = 2 * n if values is not None else n
    tally, vrng = _Tally(m, k, pairwise), make_rng(vseed)
    for start in range(0, n, c):
        size = min(c, n - start)
        W = sampler.draw(size)
        tally.add(evaluate(V if values is None else values.draw(vrng, size), W), W)
        if progress is not None:
            progress(start + size, total)
    if values is None:
        counts = _first_at_central(V[None], tally)
    else:
        counts, vrng = np.zeros(m, dtype=np.int64), make_rng(vseed)
        for start in range(0, n, c):
            size = min(c, n - start)
            counts += _first_at_central(values.draw(vrng, size), tally)
            if progress is not None:
                progress(n + start + size, total)
    return _result(
        tally, counts, n if values is not None else 1, options=opts, criteria=crits, meta=meta,
        seed=reported, weights_method=sampler.method, values_uncertain=values is not None,
    )  # fmt: skip
