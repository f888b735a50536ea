"""Sensitivity and SMAA for a loaded appraisal: the validated case in, frozen results out.

Each function takes a :class:`~appraisal.Matrix` (from a case, from arrays or from a frame) or
a loaded case, whose matrix it builds once (gate-passing options, values on 0..100, the weights
asked for, each criterion's value-per-unit and value-per-level), and calls the array kernels in
:mod:`appraisal.sensitivity` and :mod:`appraisal.smaa`. The same functions are available as
methods of :class:`~appraisal.model.Appraisal`.

Every analysis sees only the criteria that count in the ranking: criteria with
``weighted: false`` are left out by :class:`appraisal.Matrix`, so they get
no weight in SMAA, are not swept, varied or perturbed, and are not listed in any result. Gates are
evaluated once, on the recorded scores; score uncertainty in SMAA never re-screens an option.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from appraisal import sensitivity
from appraisal._rng import SeedLike
from appraisal.errors import InputError
from appraisal.matrix import Matrix
from appraisal.ranking import Ranking, rank_values
from appraisal.smaa.analyse import interval_around
from appraisal.smaa.analyse import smaa as smaa_kernel
from appraisal.smaa.size import check_samples

if TYPE_CHECKING:
    from appraisal.case import Appraisal
    from appraisal.sensitivity import (
        OneWayResult,
        ScoreSwitchingResult,
        TornadoResult,
        WeightDistanceResult,
    )
    from appraisal.smaa.analyse import SmaaResult

__all__ = ["oneway", "rank", "score_switching", "smaa", "tornado", "weight_distance"]


def _matrix(data: Appraisal | Matrix, weights: Any) -> Matrix:
    """The matrix to analyse: ``data`` itself, with ``weights`` if given, or the case's."""
    if isinstance(data, Matrix):
        return data if weights is None else data.with_weights(weights)
    return Matrix.from_appraisal(data, weights)


def rank(data: Appraisal | Matrix, weights: Any = None) -> Ranking:
    """Rank the options of a :class:`Matrix` (or a case) by the weighted sum of their values.

    For a case, :meth:`Appraisal.rank` adds what only the case knows (the unweighted totals,
    the cells not scored); the order and scores are the same.

    Examples
    --------
    >>> from appraisal import Matrix
    >>> m = Matrix.from_arrays(
    ...     [[1, 9], [3, 4], [2, 2]], options=["a", "b", "c"], criteria=["x", "y"])
    >>> rank(m).top, rank(m).scores.round(1).tolist()
    (('b',), [50.0, 64.3, 25.0])
    """
    p = _matrix(data, weights)
    return rank_values(
        p.V,
        p.w,
        options=p.options,
        names=p.option_names,
        criteria=p.criteria,
        title=p.title,
        weight_set=p.weight_set,
        screened_out=p.screened_out,
    )


Constraint = Literal["free", "interval", "order", "fixed"]
Uncertainty = Literal["auto", "none", "ranges", "levels"]


def oneway(appraisal: Appraisal | Matrix, weights: Any = None) -> OneWayResult:
    """Exact one-way weight sensitivity: crossovers, stability intervals, most critical criterion.

    Examples
    --------
    >>> import appraisal
    >>> r = oneway(appraisal.load("."))
    >>> r.to_dict()["top"]
    'integrated-transformation'
    """
    kernel = sensitivity.oneway

    p = _matrix(appraisal, weights)
    return kernel(p.V, p.w, options=p.options, criteria=p.criteria)


def score_switching(appraisal: Appraisal | Matrix, weights: Any = None) -> ScoreSwitchingResult:
    """For each cell, the smallest change of its score that changes the top option.

    Changes are in each criterion's own units (levels on the Birmingham scale).

    Examples
    --------
    >>> import appraisal
    >>> r = score_switching(appraisal.load("."))
    >>> isinstance(r.to_dict(), dict)
    True
    """
    kernel = sensitivity.score_switching

    p = _matrix(appraisal, weights)
    return kernel(p.V, p.w, options=p.options, criteria=p.criteria, slope=p.slope)


def weight_distance(
    appraisal: Appraisal | Matrix, weights: Any = None, challenger: str | None = None
) -> WeightDistanceResult:
    """The smallest Euclidean change of all weights that lets a challenger share first place.

    At the new weights the challenger ties the top option and no other option scores higher;
    ``feasible`` is False (with a ``reason``) when no weights do that.

    Examples
    --------
    >>> import appraisal
    >>> r = weight_distance(appraisal.load("."))
    >>> r.to_dict()["challenger"]
    'trust-council'
    """

    p = _matrix(appraisal, weights)
    if challenger is not None and challenger not in p.options:
        reasons = dict(p.screened_out)
        if challenger in reasons:
            raise InputError(
                f"challenger: {challenger!r} is screened out ({reasons[challenger]}), so it is "
                f"not in the analysis (options: {', '.join(p.options)})."
            )
        raise InputError(
            f"challenger: unknown option {challenger!r} (options: {', '.join(p.options)})."
        )
    return sensitivity.min_weight_change(
        p.V, p.w, options=p.options, criteria=p.criteria, challenger=challenger
    )


def tornado(
    appraisal: Appraisal | Matrix, weights: Any = None, weight_change: float = 0.2
) -> TornadoResult:
    """Each weight ±``weight_change`` (relative) and each score ±1 level: effect on the margin.

    "low" is the weight lowered or the score one level lower on its own scale (for a cost
    criterion that raises the value), "high" the reverse.

    Examples
    --------
    >>> import appraisal
    >>> r = tornado(appraisal.load("."))
    >>> isinstance(r.to_dict(), dict)
    True
    """
    kernel = sensitivity.tornado

    if isinstance(weight_change, bool) or not 0 < weight_change < 1:
        raise InputError(
            f"weight_change: expected a fraction strictly between 0 and 1, got {weight_change!r}."
        )
    p = _matrix(appraisal, weights)
    return kernel(
        p.V,
        p.w,
        options=p.options,
        criteria=p.criteria,
        weight_change=weight_change,
        # one level down and up each cell's own scale (on a cost criterion down is better)
        level_values=(p.level_down, p.level_up),
    )


def smaa(
    appraisal: Appraisal | Matrix,
    *,
    samples: int = 10_000,
    seed: SeedLike = None,
    weights: Any = None,
    constraint: Constraint | None = None,
    spread: float = 0.2,
    uncertainty: Uncertainty = "auto",
    levels: int = 1,
    dist: Literal["uniform", "triangular"] = "uniform",
    progress: Callable[[int, int], None] | None = None,
) -> SmaaResult:
    """SMAA-2 over weights (and, optionally, uncertain scores) for a loaded appraisal.

    Parameters
    ----------
    samples : int, default 10_000
    seed : int, Generator or None
        The same seed gives the same numbers.
    weights : None, str or mapping
        A weight set the constraint refers to (ignored for ``free``).
    constraint : {"free", "interval", "order", "fixed"}, optional
        ``free``: uniform on the simplex (no preference information; the default without
        ``weights``). ``interval``: each weight within ±``spread`` (relative) of the named set
        (the default with ``weights``). ``order``: the criteria's order of importance in that
        set is kept (ties kept as ties). ``fixed``: the set's weights exactly.
    uncertainty : {"auto", "none", "ranges", "levels"}, default "auto"
        Score uncertainty: the cells' ``range`` (``auto`` uses them when any cell has one), or
        ±``levels`` levels on every cell of the weighted criteria (values clipped to the
        scale), or none. Gates are not re-evaluated per sample: an option is screened in or out
        once, on its recorded scores, and criteria with ``weighted: false`` are not perturbed.
    dist : {"uniform", "triangular"}
        Distribution within a cell's range (triangular peaks at the score).
    progress : callable, optional
        ``progress(done, total)`` after each chunk.

    Examples
    --------
    >>> import appraisal
    >>> r = smaa(appraisal.load("."), samples=2000, seed=0)
    >>> r.to_dict()["options"][0], r.to_dict()["samples"]
    ('break-up', 2000)
    """

    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise InputError(f"samples: samples must be a positive whole number, got {samples!r}.")
    p = _matrix(appraisal, weights)
    check_samples(samples, m=p.shape[0], k=p.shape[1], name="samples")
    if constraint is None:
        constraint = "free" if weights is None else "interval"
    kwargs: dict[str, Any] = {}
    if constraint == "interval":
        if isinstance(spread, bool) or not isinstance(spread, int | float) or not 0 < spread < 1:
            raise InputError(
                f"spread: expected a fraction strictly between 0 and 1, got {spread!r}."
            )
        kwargs["bounds"] = interval_around(p.w, spread)
    elif constraint == "order":
        # importance position: 1 for the largest weight; equal weights share a position
        order = np.array([1 + int(np.sum(p.w > x + 1e-12)) for x in p.w])
        kwargs["order"] = order
        kwargs["ties"] = "equal"
    elif constraint == "fixed":
        kwargs["fixed"] = p.w
    elif constraint != "free":
        raise InputError(
            f"constraint: unknown constraint {constraint!r} (allowed: free, interval, order, "
            "fixed)."
        )
    has_ranges = bool(np.any(p.value_low != p.value_high))
    if uncertainty == "auto":
        uncertainty = "ranges" if has_ranges else "none"
    if uncertainty == "ranges":
        kwargs.update(low=p.value_low, high=p.value_high, dist=dist)
    elif uncertainty == "levels":
        if isinstance(levels, bool) or not isinstance(levels, int) or levels < 1:
            raise InputError(
                f"levels: expected a whole number of levels, 1 or more, got {levels!r}."
            )
        kwargs.update(level_step=p.level_step, levels=levels)
    elif uncertainty != "none":
        raise InputError(
            f"uncertainty: unknown uncertainty {uncertainty!r} (allowed: auto, none, ranges, "
            "levels)."
        )
    return smaa_kernel(
        p.V,
        n=samples,
        seed=seed,
        options=p.options,
        criteria=p.criteria,
        progress=progress,
        **kwargs,
    )
