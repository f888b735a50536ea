"""The SMAA-2 result and its standard errors, built from the tallies of :mod:`._smaa_tally`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from appraisal._table import text_table
from appraisal.smaa.tally import Tallies

__all__ = ["SmaaResult", "build_result"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: The text output shows the first this many rank columns (and central-weight columns); the
#: result and its JSON keep all of them.
TEXT_RANKS = 10


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

    Each ``*_se`` array holds the Monte Carlo standard error. For independent samples:
    :math:`\sqrt{p(1-p)/n}` for a share p, :math:`\sqrt{(\sum_r \alpha_r^2 b_i^r -
    (a_i^h)^2)/n}` for holistic acceptability, and the standard deviation of the first-place
    weights divided by the square root of their number for central weights (NaN with fewer
    than 2 first places: one sample says nothing about the spread). Hit-and-run samples are
    correlated, so there the errors come from batches of whole chains (independent of each
    other): :math:`\sqrt{G/(G-1) \sum_g (X_g - \hat\theta n_g)^2} / n` for an estimate
    :math:`\hat\theta = \sum_g X_g / \sum_g n_g` from G batches (``se_method`` says which);
    a central weight's error is then NaN unless the option is first in at least two batches.

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
        ``pairwise[i, j]`` = P(i beats j); None when not computed (``pairwise_note`` says why).
    holistic, holistic_se, meta_weights : ndarray, shape (m,)
    tied_first : int
        Samples in which two or more options tied for first.
    weights_method : str
        How weights were sampled (see :class:`WeightSampler`), or ``"given"``.
    values_uncertain : bool
    se_method : str
        ``"independent"``, or ``"chain batches (G)"`` for hit-and-run weights.
    pairwise_note : str or None
        Why the pairwise winning indices were not computed (None when they were).
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
    se_method: str = "independent"
    pairwise_note: str | None = None

    def __post_init__(self) -> None:
        for name, v in vars(self).items():
            if isinstance(v, np.ndarray) and v.flags.writeable:
                own = np.array(v, copy=True)  # a read-only copy: never freeze a caller's array
                own.setflags(write=False)
                object.__setattr__(self, name, own)

    @property
    def standard_error(self) -> float:
        """The largest standard error over the rank acceptability indices."""
        return float(self.acceptability_se.max())

    def to_frame(self) -> Any:
        """Acceptability, holistic acceptability and confidence per option (``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Rank-acceptability heat map (needs the ``plot`` extra); returns the Axes."""
        from appraisal.plot import plot_acceptability

        return plot_acceptability(self.to_dict(), ax=ax)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready results: the SMAA contract's keys plus the standard errors and settings."""
        opts, crits = self.options, self.criteria

        def row(x: FloatArray) -> list[float]:
            return list(np.asarray(x, dtype=np.float64).tolist())

        def maybe(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        def weights(x: FloatArray) -> dict[str, dict[str, float] | None]:
            return {
                o: None if np.isnan(x[i]).any() else dict(zip(crits, row(x[i]), strict=True))
                for i, o in enumerate(opts)
            }

        def weights_se(x: FloatArray) -> dict[str, dict[str, float] | None]:
            # null where the central weights exist but their error is undefined (one sample)
            return {
                o: None
                if np.isnan(self.central_weights[i]).any()
                else {c: maybe(x[i, j]) for j, c in enumerate(crits)}  # type: ignore[misc]
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
            "central_weights_se": weights_se(self.central_weights_se),
            "confidence_se": {o: maybe(self.confidence_se[i]) for i, o in enumerate(opts)},
            "pairwise_winning_se": matrix(self.pairwise_se),
            "holistic_acceptability_se": dict(zip(opts, row(self.holistic_se), strict=True)),
            "tied_first": self.tied_first,
            "weights_method": self.weights_method,
            "values_uncertain": self.values_uncertain,
            "standard_error_method": self.se_method,
            "pairwise_winning_note": self.pairwise_note,
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
        if self.se_method != "independent":
            head += f" (from {self.se_method})"
        order = sorted(range(m), key=lambda i: (-self.holistic[i], self.options[i]))
        ranks = min(m, TEXT_RANKS)
        rows: list[list[Any]] = []
        for i in order:
            conf = None if np.isnan(self.confidence[i]) else float(self.confidence[i])
            acc = self.acceptability[i, :ranks].tolist()
            rows.append([self.options[i], *acc, float(self.holistic[i]), conf])
        headers = ["option", *(f"b{r}" for r in range(1, ranks + 1)), "holistic", "confidence"]
        parts = [head, "", text_table(headers, rows, digits)]
        if ranks < m:
            parts.append(
                f"(ranks {ranks + 1} to {m} are left out here; to_dict() and --format json "
                "hold every rank)"
            )
        shown = [i for i in order if not np.isnan(self.central_weights[i]).any()]
        if len(shown) > TEXT_RANKS:
            parts += [
                "",
                f"central weights of the first {TEXT_RANKS} of the {len(shown)} options that "
                "were ever first (to_dict() and --format json hold them all):",
            ]
            shown = shown[:TEXT_RANKS]
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


def _binomial_se(p: FloatArray, count: int) -> FloatArray:
    """``sqrt(p (1 - p) / count)``, in place on one new array."""
    out = 1.0 - p
    out *= p
    np.maximum(out, 0.0, out=out)
    out /= max(count, 1)
    return np.sqrt(out, out=out)


def _frozen(x: FloatArray) -> FloatArray:
    """``x`` itself (an array made here), read-only: the result need not copy it."""
    x.setflags(write=False)
    return x


def _batch_se(X: Sequence[NDArray[Any]], n: Sequence[NDArray[Any] | float]) -> FloatArray:
    """Standard error of ``sum X_g / sum n_g`` from G independent batches (ratio estimator).

    ``sqrt(G / (G - 1) * sum_g (X_g - theta n_g)^2) / sum n_g``: the batches are whole chains,
    so their estimates are independent whatever the autocorrelation within a chain.
    """
    G = len(X)
    Xs = np.stack([np.asarray(x, dtype=np.float64) for x in X])
    ns = np.stack([np.broadcast_to(np.asarray(v, dtype=np.float64), Xs.shape[1:]) for v in n])
    N = ns.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        theta = Xs.sum(axis=0) / N
        dev = Xs - theta * ns
        return np.asarray(np.sqrt(G / (G - 1) * np.square(dev).sum(axis=0)) / N)


def build_result(
    tallies: Tallies,
    first_counts: IntArray,
    n_conf: int,
    *,
    alpha: FloatArray,
    options: tuple[str, ...],
    criteria: tuple[str, ...],
    seed: int | None,
    weights_method: str,
    values_uncertain: bool,
    pairwise_note: str | None,
) -> SmaaResult:
    """Indices and standard errors from the tallies (one per batch of chains, or one)."""
    tally = tallies.total()
    n = tally.n
    b = tally.ranks / n
    n1 = tally.ranks[:, 0].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        cw = tally.w1 / n1[:, None]
        var = np.maximum(tally.w2 / n1[:, None] - cw**2, 0.0)
        cw_se = np.sqrt(var / n1[:, None])
    conf = np.where(n1 > 0, first_counts / max(n_conf, 1), np.nan)
    hol = b @ alpha
    pw = None if not tally.pairwise else tally.wins / n
    batches = tallies.batches
    if len(batches) > 1:
        sizes = [float(t.n) for t in batches]
        acc_se = _batch_se([t.ranks for t in batches], sizes)
        hol_se = _batch_se([t.ranks @ alpha for t in batches], sizes)
        pw_se = None if pw is None else _batch_se([t.wins for t in batches], sizes)
        firsts = [t.ranks[:, :1].astype(np.float64) for t in batches]
        cw_se = _batch_se([t.w1 for t in batches], firsts)
        spread = np.count_nonzero(np.concatenate(firsts, axis=1) > 0, axis=1)
        cw_se[spread < 2] = np.nan  # first places in one batch of chains say nothing
        se_method = f"chain batches ({len(batches)})"
    else:
        acc_se, pw_se = _binomial_se(b, n), None if pw is None else _binomial_se(pw, n)
        hol_se = np.sqrt(np.maximum(b @ alpha**2 - hol**2, 0.0) / n)
        se_method = "independent"
    cw_se = np.where(n1[:, None] >= 2, cw_se, np.nan)  # undefined from fewer than 2 samples
    conf_se = _binomial_se(conf, n_conf) if values_uncertain else np.where(n1 > 0, 0.0, np.nan)
    return SmaaResult(
        options=options,
        criteria=criteria,
        samples=n,
        seed=seed,
        acceptability=_frozen(b),
        acceptability_se=_frozen(acc_se),
        central_weights=cw,
        central_weights_se=cw_se,
        confidence=conf,
        confidence_se=conf_se,
        pairwise=None if pw is None else _frozen(pw),
        pairwise_se=None if pw_se is None else _frozen(pw_se),
        holistic=hol,
        holistic_se=hol_se,
        meta_weights=alpha,
        tied_first=tally.tied_first,
        weights_method=weights_method,
        values_uncertain=values_uncertain,
        se_method=se_method,
        pairwise_note=pairwise_note,
    )
