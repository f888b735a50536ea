"""Weights: turning stakeholders' judgements into a normalised weight vector.

Kernels take plain numbers or arrays and return a ``(k,)`` float array in criterion order,
non-negative and summing to 1 (the library's ``w``). Each method follows its published formula:

- :func:`direct_weights`: non-negative numbers, normalised;
- :func:`swing_weights`: 0-100 swing points (100 for the most valued swing), normalised;
- :func:`rank_order_weights`: an ordering, ties allowed, as ROC, rank-sum or rank-reciprocal;
- :func:`ahp_matrix` and :func:`ahp_weights`: Saaty's pairwise judgements, principal
  eigenvector, consistency ratio (:func:`random_index`);
- :func:`appraisal.core.groups.group_weights`: a weight per group times the weights within
  each group.

Unlike the aggregation kernels these check their input, because they sit right behind the YAML
boundary: each raises :class:`~appraisal.errors.InputError` naming every problem at once.
:func:`resolve_weights` turns what a caller passes to :meth:`Appraisal.rank` into a vector over
the appraisal's criteria.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal._text import suggest
from appraisal.core._args import (
    MAX_LISTED,
    as_floats,
    nonnegative_problems,
    real_numbers,
    require_finite,
    require_nonnegative,
)
from appraisal.errors import InputError

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = [
    "AHP_MAX_SIZE",
    "AHP_SCALE",
    "AHP_TOLERANCE",
    "CR_THRESHOLD",
    "RANK_METHODS",
    "SAATY_RANDOM_INDEX",
    "AhpResult",
    "RankMethod",
    "ahp_matrix",
    "ahp_weights",
    "direct_weights",
    "equal_weights",
    "normalise",
    "random_index",
    "rank_order_weights",
    "resolve_weights",
    "swing_weights",
]

FloatArray = NDArray[np.float64]
RankMethod = Literal["roc", "rank-sum", "rank-reciprocal"]

#: The rank-order formulas :func:`rank_order_weights` knows.
RANK_METHODS: tuple[RankMethod, ...] = ("roc", "rank-sum", "rank-reciprocal")

from appraisal.core.ahp import (  # noqa: E402 - re-exported here, the home of every weighting method
    AHP_MAX_SIZE,
    AHP_SCALE,
    AHP_TOLERANCE,
    CR_THRESHOLD,
    SAATY_RANDOM_INDEX,
    AhpResult,
    ahp_matrix,
    ahp_weights,
    random_index,
)


def _g(x: float) -> str:
    return f"{x:g}"


def normalise(w: ArrayLike) -> FloatArray:
    """Scale non-negative weights to sum to 1.

    Dividing by the largest weight first keeps huge weights (near 1e308) from overflowing.

    Parameters
    ----------
    w : array_like, shape (k,)
        Finite, non-negative, at least one positive.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        ``w`` is not a non-empty 1-d array, has a NaN, infinite or negative entry, or is all
        zero (there is nothing to normalise).

    Examples
    --------
    >>> import numpy as np
    >>> normalise(np.array([1.0, 3.0]))
    array([0.25, 0.75])
    """
    x = as_floats(w, "w", 1, "of shape (k,): one weight per criterion")
    if x.size == 0:
        raise InputError("w must have at least one weight, got an empty array.")
    require_finite(x, "w")
    require_nonnegative(x, "w")
    top = float(np.max(x))
    if top <= 0:
        raise InputError("w is all zero; at least one weight must be positive to normalise.")
    y = x / top
    return np.asarray(y / float(np.sum(y)), dtype=np.float64)


def equal_weights(mask: ArrayLike) -> FloatArray:
    """Equal weights over the criteria where ``mask`` is True, zero elsewhere.

    Parameters
    ----------
    mask : array_like of bool, shape (k,)
        At least one True.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        ``mask`` is not a non-empty 1-d array of booleans, or has no True entry.

    Examples
    --------
    >>> import numpy as np
    >>> equal_weights(np.array([True, False, True, True]))
    array([0.33333333, 0.        , 0.33333333, 0.33333333])
    """
    try:
        b = np.asarray(mask)
    except (TypeError, ValueError) as exc:
        raise InputError(f"mask must be an array of booleans, got {mask!r:.80}.") from exc
    if b.dtype != np.bool_ or b.ndim != 1 or b.size == 0:
        raise InputError(
            f"mask must be a non-empty 1-d array of booleans (one per criterion), got "
            f"dtype {b.dtype} and shape {b.shape}."
        )
    if not b.any():
        raise InputError("mask has no True entry; at least one criterion must be weighted.")
    return normalise(b.astype(np.float64))


# --- direct and swing -----------------------------------------------------------------------


def _vector(values: ArrayLike, what: str) -> FloatArray:
    x = real_numbers(values)
    if x is None:
        raise InputError(f"{what} must be numbers, got {values!r:.80}.")
    if x.ndim != 1 or x.size == 0:
        raise InputError(f"{what} must be a non-empty list of numbers, got shape {x.shape}.")
    return x


def _scaled(x: FloatArray) -> FloatArray:
    """Normalise checked values, dividing by the largest first so huge numbers cannot overflow."""
    return normalise(x / np.max(x))


def direct_weights(values: ArrayLike) -> FloatArray:
    r"""Directly stated weights, normalised: :math:`w_j = x_j / \sum_k x_k`.

    Parameters
    ----------
    values : array_like, shape (k,)
        Non-negative finite numbers, at least one positive; only their ratios matter.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        A negative or non-finite value (every one is named), or all values zero.

    Examples
    --------
    >>> [float(x) for x in direct_weights([2, 1, 1])]
    [0.5, 0.25, 0.25]
    """
    x = _vector(values, "weights")
    problems = nonnegative_problems(x, "weights")
    if problems:
        raise InputError(problems[0] + ".")
    return _scaled(x)


def swing_weights(points: ArrayLike) -> FloatArray:
    r"""Swing weights: points for each criterion's swing from worst to best, normalised.

    The most valued swing gets 100 and every other swing points relative to it (0 for a swing
    that does not matter); :math:`w_j = p_j / \sum_k p_k`. Only ratios matter, so points above 100
    are not rejected here.

    Parameters
    ----------
    points : array_like, shape (k,)
        Non-negative finite swing points, at least one positive.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        A negative or non-finite value (every one is named), or all points zero.

    References
    ----------
    von Winterfeldt, D. and Edwards, W. (1986). *Decision Analysis and Behavioral Research*. CUP.
    Department for Communities and Local Government (2009). *Multi-criteria analysis: a manual*,
    section 6.2.10.

    Examples
    --------
    >>> [float(x) for x in swing_weights([100, 50, 30, 20])]
    [0.5, 0.25, 0.15, 0.1]
    """
    x = _vector(points, "swing points")
    problems = nonnegative_problems(x, "swing points")
    if problems:
        raise InputError(problems[0] + ".")
    return _scaled(x)


# --- rank order -----------------------------------------------------------------------------


def _place_weights(n: int, method: RankMethod) -> FloatArray:
    """Weights of places 1..n (place 1 = most important) under one rank-order formula."""
    i = np.arange(1, n + 1, dtype=np.float64)
    if method == "roc":
        return np.asarray(np.cumsum((1.0 / i)[::-1])[::-1] / n, dtype=np.float64)
    if method == "rank-sum":
        return np.asarray(2.0 * (n + 1 - i) / (n * (n + 1)), dtype=np.float64)
    return np.asarray((1.0 / i) / np.sum(1.0 / i), dtype=np.float64)


def rank_order_weights(positions: ArrayLike, method: RankMethod = "roc") -> FloatArray:
    r"""Weights from an importance ordering of the criteria, ties allowed.

    With ``n`` criteria in places ``i = 1..n`` (1 = most important):

    - ``"roc"``, rank-order centroid: :math:`w_i = \frac{1}{n}\sum_{k=i}^{n} \frac{1}{k}`;
    - ``"rank-sum"``: :math:`w_i = \frac{2(n+1-i)}{n(n+1)}`;
    - ``"rank-reciprocal"``: :math:`w_i = \frac{1/i}{\sum_{k=1}^{n} 1/k}`.

    ``positions`` are read as an ordering only: any positive integers, smaller = more important,
    so ``[1, 2, 2, 4]`` (competition style), ``[1, 2, 2, 3]`` (dense) and ``[3, 7, 7, 10]`` all
    mean "first, two tied second, last". Criteria sharing a position jointly occupy the next
    places and each gets the mean of those places' weights, so the weights still sum to 1.

    Parameters
    ----------
    positions : array_like of int, shape (k,)
        ``positions[j]`` is criterion ``j``'s importance position.
    method : {"roc", "rank-sum", "rank-reciprocal"}, default "roc"

    Returns
    -------
    ndarray, shape (k,)
        Weights in criterion order, non-increasing in position.

    Raises
    ------
    InputError
        An empty list, a position that is not a positive integer, or an unknown method.

    References
    ----------
    Barron, F. H. and Barrett, B. E. (1996). Decision quality using ranked attribute weights.
    *Management Science* 42(11), 1515-1523.
    Stillwell, W. G., Seaver, D. A. and Edwards, W. (1981). A comparison of weight approximation
    techniques in multiattribute utility decision making. *Organizational Behavior and Human
    Performance* 28(1), 62-77.

    Examples
    --------
    >>> [round(float(x), 4) for x in rank_order_weights([1, 2, 3, 4])]
    [0.5208, 0.2708, 0.1458, 0.0625]
    >>> [round(float(x), 4) for x in rank_order_weights([2, 1, 2, 4], "rank-sum")]
    [0.25, 0.4, 0.25, 0.1]
    """
    if method not in RANK_METHODS:
        raise InputError(
            f"unknown rank-order method {method!r}{suggest(str(method), RANK_METHODS)} "
            f"(allowed: {', '.join(RANK_METHODS)})."
        )
    p = _vector(positions, "rank positions")
    where = np.flatnonzero(~(np.isfinite(p) & (p >= 1) & (p == np.floor(p))))
    if where.size:
        bad = [f"[{j}] is {_g(float(p[j]))}" for j in where[:MAX_LISTED].tolist()]
        more = f", {where.size} in all" if where.size > MAX_LISTED else ""
        raise InputError(f"rank positions must be positive whole numbers ({', '.join(bad)}{more}).")
    places = _place_weights(p.size, method)
    _, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    block = np.array([places[s : s + c].mean() for s, c in zip(starts, counts, strict=True)])
    return normalise(block[inverse.reshape(-1)])


# --- resolving a caller's choice against an appraisal -------------------------------------------


def _from_mapping(appraisal: Appraisal, weights: Mapping[str, Any]) -> FloatArray:
    ids = appraisal.criterion_ids
    problems: list[str] = []
    known = set(ids)
    unknown = [key for key in weights if key not in known]
    for key in unknown[:MAX_LISTED]:  # suggestions cost a fuzzy match each: name a few
        problems.append(f"unknown criterion {key!r:.80}{suggest(str(key), ids)}")
    if len(unknown) > MAX_LISTED:
        problems.append(f"{len(unknown)} unknown criteria in all")
    w = np.zeros(len(ids))
    for j, cid in enumerate(ids):
        value = weights.get(cid, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            problems.append(f"{cid}: expected a number, got {value!r:.80}")
            continue
        try:
            x = float(value)
        except OverflowError:  # an int beyond the float range
            x = math.inf
        if not math.isfinite(x) or x < 0:
            problems.append(f"{cid}: weights must be finite and non-negative, got {value!r:.80}")
        else:
            w[j] = x
    if not problems and not np.any(w > 0):
        problems.append("at least one weight must be positive")
    if problems:
        message = "invalid weights: " + "; ".join(problems)
        raise InputError(message if message.endswith("?") else message + ".")
    return normalise(w)


def resolve_weights(appraisal: Appraisal, weights: Any = None) -> tuple[str, FloatArray]:
    """The name and normalised vector of the weights a caller asked for.

    Parameters
    ----------
    appraisal : Appraisal
    weights : None, str or mapping
        ``None`` or ``"equal"``: equal weights over the weighted criteria. A mapping
        ``{criterion: weight}``: non-negative numbers, normalised; criteria left out get 0.

    Returns
    -------
    (str, ndarray of shape (k,))

    Raises
    ------
    InputError
        Unknown criteria, negative or non-finite weights, or all weights zero.

    Examples
    --------
    >>> import appraisal
    >>> name, w = resolve_weights(appraisal.load("."), {"outcomes": 3, "vision": 1})
    >>> name, float(w[0]), float(w.sum())
    ('custom', 0.75, 1.0)
    """
    mask = np.array([c.weighted for c in appraisal.criteria])
    if weights is None or (isinstance(weights, str) and weights == "equal"):
        return "equal", equal_weights(mask)
    if isinstance(weights, Mapping):
        return "custom", _from_mapping(appraisal, weights)
    if isinstance(weights, str):
        raise InputError(f"unknown weight set {weights!r} (defined: equal).")
    raise InputError(
        f"weights must be None, a weight set's name or a mapping of criterion to weight, "
        f"got {type(weights).__name__}."
    )
