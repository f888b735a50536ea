"""Weights: turning stakeholders' judgements into a normalised weight vector.

Kernels take plain numbers or arrays and return a ``(k,)`` float array in criterion order,
non-negative and summing to 1 (the library's ``w``). Each method follows its published formula:

- :func:`direct_weights`: non-negative numbers, normalised;
- :func:`swing_weights`: 0-100 swing points (100 for the most valued swing), normalised;
- :func:`rank_order_weights`: an ordering, ties allowed, as ROC, rank-sum or rank-reciprocal;
- :func:`ahp_matrix` and :func:`ahp_weights`: Saaty's pairwise judgements, principal
  eigenvector, consistency ratio (:func:`random_index`);
- :func:`group_weights`: a weight per group times the weights within each group.

Unlike the aggregation kernels these check their input, because they sit right behind the YAML
boundary: each raises :class:`~appraisal.errors.InputError` naming every problem at once.
:func:`resolve_weights` turns what a caller passes to :meth:`Appraisal.rank` into a vector over
the appraisal's criteria.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._checks import suggest
from .errors import InputError

if TYPE_CHECKING:
    from .model import Appraisal

__all__ = [
    "AHP_SCALE",
    "CR_THRESHOLD",
    "RANK_METHODS",
    "SAATY_RANDOM_INDEX",
    "AhpResult",
    "RankMethod",
    "ahp_matrix",
    "ahp_weights",
    "direct_weights",
    "equal_weights",
    "group_weights",
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

#: Saaty's fundamental scale: a judgement ``a_ij`` lies in ``[1/9, 9]``.
AHP_SCALE: tuple[float, float] = (1.0 / 9.0, 9.0)

#: Saaty's threshold: a consistency ratio above 0.10 calls for the judgements to be revisited.
CR_THRESHOLD = 0.10

#: Saaty's random index RI for n = 1..15 (index 0 is n = 1): the mean consistency index of
#: random reciprocal matrices, as tabulated in Saaty, T. L. (1980) *The Analytic Hierarchy
#: Process*, McGraw-Hill, and Saaty, T. L. (1987) "The analytic hierarchy process - what it is
#: and how it is used", *Mathematical Modelling* 9(3-5), 161-176.
SAATY_RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)  # fmt: skip

_RELATIVE_TOL = 1e-9  # judgements on the scale's ends and reciprocal pairs, as decimals


def _g(x: float) -> str:
    return f"{x:g}"


def normalise(w: FloatArray) -> FloatArray:
    """Scale non-negative weights to sum to 1.

    Examples
    --------
    >>> import numpy as np
    >>> normalise(np.array([1.0, 3.0]))
    array([0.25, 0.75])
    """
    total = float(np.sum(w))
    return np.asarray(w / total, dtype=np.float64)


def equal_weights(mask: NDArray[np.bool_]) -> FloatArray:
    """Equal weights over the criteria where ``mask`` is True, zero elsewhere.

    Examples
    --------
    >>> import numpy as np
    >>> equal_weights(np.array([True, False, True, True]))
    array([0.33333333, 0.        , 0.33333333, 0.33333333])
    """
    return normalise(mask.astype(np.float64))


# --- direct and swing -----------------------------------------------------------------------


def _vector(values: ArrayLike, what: str) -> FloatArray:
    try:
        x = np.array(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{what} must be numbers, got {values!r}.") from exc
    if x.ndim != 1 or x.size == 0:
        raise InputError(f"{what} must be a non-empty list of numbers, got shape {x.shape}.")
    return x


def _nonnegative_problems(x: FloatArray, what: str) -> list[str]:
    bad = [f"[{j}] is {_g(v)}" for j, v in enumerate(x.tolist()) if not v >= 0 or v == math.inf]
    if bad:
        return [f"{what} must be finite and non-negative ({', '.join(bad)})"]
    if not np.any(x > 0):
        return [f"{what} are all zero; at least one must be positive"]
    return []


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
    problems = _nonnegative_problems(x, "weights")
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
    problems = _nonnegative_problems(x, "swing points")
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
    bad = [f"[{j}] is {_g(v)}" for j, v in enumerate(p.tolist()) if not (v >= 1 and v.is_integer())]
    if bad:
        raise InputError(f"rank positions must be positive whole numbers ({', '.join(bad)}).")
    places = _place_weights(p.size, method)
    _, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    block = np.array([places[s : s + c].mean() for s, c in zip(starts, counts, strict=True)])
    return normalise(block[inverse.reshape(-1)])


# --- AHP ------------------------------------------------------------------------------------


def random_index(n: int) -> float:
    r"""Random index RI of an ``n`` x ``n`` pairwise comparison matrix.

    Saaty's table (:data:`SAATY_RANDOM_INDEX`) for ``n <= 15``:
    0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59;
    above 15 Alonso and Lamata's fit :math:`RI = (1.7699\,n - 4.3513)/(n - 1)`.

    Raises
    ------
    InputError
        ``n`` is not a positive integer.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    Saaty, T. L. (1987). The analytic hierarchy process - what it is and how it is used.
    *Mathematical Modelling* 9(3-5), 161-176.
    Alonso, J. A. and Lamata, M. T. (2006). Consistency in the analytic hierarchy process: a new
    approach. *International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems*
    14(4), 445-459.

    Examples
    --------
    >>> random_index(4), round(random_index(20), 4)
    (0.9, 1.634)
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"the matrix size n must be a positive integer, got {n!r}.")
    if n <= len(SAATY_RANDOM_INDEX):
        return SAATY_RANDOM_INDEX[n - 1]
    return (1.7699 * n - 4.3513) / (n - 1)


def _pair(key: Any, n: int) -> tuple[int, int] | str:
    """``(i, j)`` from a judgement's key, or why it is not a valid pair."""
    try:
        i, j = key
    except (TypeError, ValueError):
        return f"{key!r}: a judgement is keyed by a pair (i, j)"
    if any(isinstance(x, bool) or not isinstance(x, int | np.integer) for x in (i, j)):
        return f"{key!r}: criterion indices must be integers"
    i, j = int(i), int(j)
    if not (0 <= i < n and 0 <= j < n):
        return f"({i}, {j}): criterion index out of range (0..{n - 1})"
    if i == j:
        return f"({i}, {j}): a criterion is not compared with itself; remove this judgement"
    return i, j


def ahp_matrix(n: int, judgements: Mapping[tuple[int, int], float]) -> FloatArray:
    r"""The reciprocal pairwise comparison matrix from Saaty-scale judgements.

    ``judgements[(i, j)] = a`` says criterion ``i`` is ``a`` times as important as criterion
    ``j`` (0-based indices), with ``a`` on Saaty's scale ``[1/9, 9]`` (1 = equal, 9 = extreme).
    Each unordered pair needs one judgement, in either direction: ``(j, i)`` implies
    :math:`a_{ij} = 1/a_{ji}`. A pair may be given both ways only if :math:`a_{ij} a_{ji} = 1`
    (within 1e-9). The diagonal is 1.

    Parameters
    ----------
    n : int
        Number of criteria compared.
    judgements : mapping of (int, int) to float

    Returns
    -------
    ndarray, shape (n, n)
        Positive, with ``A[j, i] == 1 / A[i, j]``.

    Raises
    ------
    InputError
        Listing every problem at once: a judgement outside ``[1/9, 9]`` or not a number, a pair
        given both ways inconsistently, a missing pair, ``i == j``, an index out of range.

    Examples
    --------
    >>> ahp_matrix(3, {(0, 1): 3, (0, 2): 5, (2, 1): 1 / 2}).round(3)
    array([[1.   , 3.   , 5.   ],
           [0.333, 1.   , 2.   ],
           [0.2  , 0.5  , 1.   ]])
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"the number of criteria compared must be a positive integer, got {n!r}.")
    lo, hi = AHP_SCALE
    problems: list[str] = []
    given: dict[tuple[int, int], float] = {}
    touched: set[frozenset[int]] = set()
    for key, value in judgements.items():
        pair = _pair(key, n)
        if isinstance(pair, str):
            problems.append(pair)
            continue
        touched.add(frozenset(pair))
        try:
            a = float(value)
        except (TypeError, ValueError):
            problems.append(f"{pair}: expected a number, got {value!r}")
            continue
        if not (lo * (1 - _RELATIVE_TOL) <= a <= hi * (1 + _RELATIVE_TOL)):
            problems.append(f"{pair}: {_g(a)} is outside Saaty's scale 1/9..9")
            continue
        given[pair] = a
    A = np.ones((n, n), dtype=np.float64)
    missing: list[str] = []
    for i in range(n):
        for j in range(i + 1, n):
            fwd, rev = given.get((i, j)), given.get((j, i))
            if fwd is not None and rev is not None and abs(fwd * rev - 1) > _RELATIVE_TOL:
                problems.append(
                    f"({i}, {j}) is given both ways inconsistently: a[{i},{j}] = {_g(fwd)} and "
                    f"a[{j},{i}] = {_g(rev)}, whose product is {_g(fwd * rev)}, not 1"
                )
            elif fwd is not None:
                A[i, j], A[j, i] = fwd, 1.0 / fwd
            elif rev is not None:
                A[i, j], A[j, i] = 1.0 / rev, rev
            elif frozenset((i, j)) not in touched:
                missing.append(f"({i}, {j})")
    if missing:
        problems.append(f"missing judgement for {', '.join(missing)}; every pair needs one")
    if problems:
        raise InputError("invalid AHP judgements: " + "; ".join(problems) + ".")
    return A


@dataclass(frozen=True)
class AhpResult:
    """Weights and consistency of a pairwise comparison matrix (see :func:`ahp_weights`).

    Attributes
    ----------
    weights : ndarray, shape (n,)
        Normalised principal right eigenvector.
    lambda_max : float
        Principal eigenvalue (``>= n`` for a reciprocal matrix; ``== n`` when consistent).
    ci : float
        Consistency index ``(lambda_max - n) / (n - 1)``; 0 when ``n <= 2``.
    ri : float
        Random index :func:`random_index` ``(n)``.
    cr : float
        Consistency ratio ``ci / ri``. Every 1x1 and 2x2 reciprocal matrix is perfectly
        consistent and ``ri`` is 0 there, so ``cr`` is reported as 0.0 (never None) for ``n <= 2``.
    matrix : ndarray, shape (n, n)
        The judgements the result was computed from.
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    ri: float
    cr: float
    matrix: FloatArray

    def __post_init__(self) -> None:
        for arr in (self.weights, self.matrix):
            arr.setflags(write=False)

    @property
    def consistent(self) -> bool:
        """True when ``cr <= CR_THRESHOLD`` (0.10), Saaty's rule of thumb."""
        return self.cr <= CR_THRESHOLD

    def most_inconsistent(self, top: int = 3) -> list[tuple[int, int, float]]:
        r"""The judgements furthest from what the weights imply, worst first.

        For each pair ``i < j`` the ratio :math:`e_{ij} = a_{ij} w_j / w_i` is 1 when the
        judgement agrees with the weights, above 1 when it overstates ``i`` against ``j`` and
        below 1 when it understates it. Pairs are ordered by :math:`|\ln e_{ij}|`, descending
        (then by ``(i, j)``); pairs with :math:`|\ln e_{ij}| \le 10^{-9}` are left out, so a
        consistent matrix gives ``[]``.

        Returns
        -------
        list of (i, j, e_ij)
            At most ``top`` entries.

        Examples
        --------
        Weights 8:4:2:1 judged consistently except that 3 is rated above 2:

        >>> J = {(0, 1): 2, (0, 2): 4, (0, 3): 8, (1, 2): 2, (1, 3): 4, (2, 3): 1 / 2}
        >>> res = ahp_weights(ahp_matrix(4, J))
        >>> [(i, j, round(e, 2)) for i, j, e in res.most_inconsistent(1)]
        [(2, 3, 0.52)]
        """
        w = self.weights
        found: list[tuple[float, int, int, float]] = []
        for i in range(w.size):
            for j in range(i + 1, w.size):
                e = float(self.matrix[i, j] * w[j] / w[i])
                dev = abs(math.log(e))
                if dev > _RELATIVE_TOL:  # rounded so rounding noise cannot reorder ties
                    found.append((-round(dev, 12), i, j, e))
        found.sort()
        return [(i, j, e) for _, i, j, e in found[: max(int(top), 0)]]

    def to_dict(self) -> dict[str, Any]:
        """Plain-Python view for JSON: weights, lambda_max, ci, ri, cr, consistent, matrix and
        the three most inconsistent judgements."""
        return {
            "weights": [float(x) for x in self.weights],
            "lambda_max": float(self.lambda_max),
            "ci": float(self.ci),
            "ri": float(self.ri),
            "cr": float(self.cr),
            "consistent": bool(self.consistent),
            "matrix": [[float(x) for x in row] for row in self.matrix],
            "most_inconsistent": [
                {"i": i, "j": j, "ratio": e} for i, j, e in self.most_inconsistent()
            ],
        }


def _principal_eigenvector(A: FloatArray) -> FloatArray:
    """Saaty's method: square the matrix until its normalised row sums stop changing.

    ``A**(2**s)`` tends to a rank-one matrix whose rows are proportional to the Perron vector;
    the error shrinks like ``|lambda_2 / lambda_max| ** (2**s)``, so a few dozen squarings
    reach machine precision for any positive matrix. A few plain power steps with ``A`` follow.
    """
    B = A / np.max(A)
    w = B.sum(axis=1) / B.sum()
    for _ in range(64):
        B = B @ B
        B /= np.max(B)
        new = B.sum(axis=1) / B.sum()
        done = float(np.max(np.abs(new - w))) <= 1e-15
        w = new
        if done:
            break
    for _ in range(3):
        w = A @ w
        w /= w.sum()
    return np.asarray(w, dtype=np.float64)


def ahp_weights(A: ArrayLike) -> AhpResult:
    r"""Principal-eigenvector weights and consistency ratio of a pairwise comparison matrix.

    .. math::

        A w = \lambda_{max} w, \quad \sum_i w_i = 1, \quad
        CI = \frac{\lambda_{max} - n}{n - 1}, \quad CR = \frac{CI}{RI(n)}

    The eigenvector is found by Saaty's own procedure, raising ``A`` to successive powers
    (repeated squaring) and normalising the row sums, which converges to the Perron vector of
    any positive matrix; :math:`\lambda_{max} = \sum_i (A w)_i`. A tiny negative CI from
    rounding is reported as 0 (:math:`\lambda_{max} \ge n` for every reciprocal matrix).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Positive reciprocal matrix, as built by :func:`ahp_matrix`.

    Returns
    -------
    AhpResult

    Raises
    ------
    InputError
        ``A`` is not square or has a non-positive or non-finite entry.

    References
    ----------
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
    Saaty, T. L. (1990). How to make a decision: the analytic hierarchy process. *European
    Journal of Operational Research* 48(1), 9-26.

    Examples
    --------
    >>> res = ahp_weights([[1, 4, 2], [1 / 4, 1, 1 / 2], [1 / 2, 2, 1]])
    >>> [round(float(x), 4) for x in res.weights], round(res.cr, 9)
    ([0.5714, 0.1429, 0.2857], 0.0)
    """
    M = np.array(A, dtype=np.float64)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.shape[0] == 0:
        raise InputError(f"a pairwise comparison matrix must be square, got shape {M.shape}.")
    if not np.all(np.isfinite(M) & (M > 0)):
        raise InputError("a pairwise comparison matrix must have positive finite entries.")
    n = M.shape[0]
    w = _principal_eigenvector(M)
    lam = float(np.sum(M @ w))
    ri = random_index(n)
    ci = 0.0 if n <= 2 else max(0.0, (lam - n) / (n - 1))
    cr = 0.0 if n <= 2 else ci / ri
    return AhpResult(w, lam, ci, ri, cr, M)


# --- groups ---------------------------------------------------------------------------------


def group_weights(
    group_of: Sequence[str], group_w: Mapping[str, float], within: Mapping[str, ArrayLike]
) -> FloatArray:
    r"""Hierarchical weights: a group's weight times the criterion's weight within its group.

    .. math:: w_j = \frac{g_{G(j)}}{\sum_h g_h} \cdot \frac{u_j}{\sum_{k \in G(j)} u_k}

    Parameters
    ----------
    group_of : sequence of str, length k
        ``group_of[j]`` is the group of criterion ``j``.
    group_w : mapping of str to float
        A non-negative weight for every group in ``group_of`` (and no other), normalised here.
    within : mapping of str to array_like
        ``within[g]``: non-negative weights of group ``g``'s criteria, in criterion order,
        normalised within the group; at least one positive in each group.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        Listing every problem: a group without a weight or within-group weights, an unknown
        group, within-group weights of the wrong length, negative, non-finite or all-zero values.

    Examples
    --------
    >>> w = group_weights(["a", "b", "a"], {"a": 3, "b": 1}, {"a": [1, 2], "b": [5]})
    >>> [round(float(x), 4) for x in w]
    [0.25, 0.25, 0.5]
    """
    order = list(dict.fromkeys(group_of))
    problems: list[str] = []
    for where, keys in (("group weights", group_w), ("within-group weights", within)):
        for g in keys:
            if g not in order:
                problems.append(f"{where}: unknown group {g!r}{suggest(str(g), order)}")
        for g in order:
            if g not in keys:
                problems.append(f"{where}: none given for group {g!r}")
    members = {g: [j for j, h in enumerate(group_of) if h == g] for g in order}
    gw = np.zeros(len(order))
    try:
        gw = np.array([float(group_w.get(g, 0.0)) for g in order], dtype=np.float64)
    except (TypeError, ValueError):
        problems.append(f"group weights must be numbers, got {dict(group_w)!r}")
    else:
        problems += _nonnegative_problems(gw, "group weights")
    inner: dict[str, FloatArray] = {}
    for g in order:
        if g not in within:
            continue
        try:
            u = np.array(within[g], dtype=np.float64)
        except (TypeError, ValueError):
            problems.append(f"within-group weights of {g!r} must be numbers")
            continue
        if u.shape != (len(members[g]),):
            problems.append(
                f"within-group weights of {g!r}: expected {len(members[g])} "
                f"(one per criterion in the group), got shape {u.shape}"
            )
            continue
        found = _nonnegative_problems(u, f"within-group weights of {g!r}")
        problems += found
        if not found:
            inner[g] = _scaled(u)
    if problems:
        raise InputError("invalid group weights: " + "; ".join(problems) + ".")
    outer = _scaled(gw)
    w = np.zeros(len(group_of))
    for gi, g in enumerate(order):
        w[members[g]] = outer[gi] * inner[g]
    return normalise(w)


# --- resolving a caller's choice against an appraisal -------------------------------------------


def _from_mapping(appraisal: Appraisal, weights: Mapping[str, Any]) -> FloatArray:
    ids = appraisal.criterion_ids
    problems: list[str] = []
    for key in weights:
        if key not in ids:
            problems.append(f"unknown criterion {key!r}{suggest(str(key), ids)}")
    w = np.zeros(len(ids))
    for j, cid in enumerate(ids):
        value = weights.get(cid, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            problems.append(f"{cid}: expected a number, got {value!r}")
        elif not math.isfinite(float(value)) or float(value) < 0:
            problems.append(f"{cid}: weights must be finite and non-negative, got {value!r}")
        else:
            w[j] = float(value)
    if not problems and w.sum() <= 0:
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
