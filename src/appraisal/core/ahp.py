"""The analytic hierarchy process: pairwise judgements to weights, with consistency.

Re-exported by :mod:`appraisal.weights`; see there for the other weighting methods.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal.core._args import MAX_LISTED, as_floats, listing
from appraisal.errors import InputError

FloatArray = NDArray[np.float64]

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

#: Relative tolerance of every AHP check: judgements on the scale's ends (``1/9`` written as
#: ``0.1111111111``), a pair given both ways (``a_ij * a_ji`` must be 1 within it), and the
#: reciprocity and unit diagonal of a matrix given to :func:`ahp_weights`. The one tolerance
#: for AHP judgements in the library; the weight-set checks should use it too.
AHP_TOLERANCE = 1e-9

#: The largest matrix accepted: 200 criteria already need 19,900 judgements (Saaty advises
#: about 7 +/- 2 per matrix, with groups for more), and every message stays cheap.
AHP_MAX_SIZE = 200


def _g(x: float) -> str:
    return f"{x:g}"


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
        Listing the problems at once (the first ten, then a count): a judgement outside
        ``[1/9, 9]`` or not a number, a pair given both ways inconsistently, missing pairs,
        ``i == j``, an index out of range; or ``n`` above :data:`AHP_MAX_SIZE`.

    Examples
    --------
    >>> ahp_matrix(3, {(0, 1): 3, (0, 2): 5, (2, 1): 1 / 2}).round(3)
    array([[1.   , 3.   , 5.   ],
           [0.333, 1.   , 2.   ],
           [0.2  , 0.5  , 1.   ]])
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise InputError(f"the number of criteria compared must be a positive integer, got {n!r}.")
    _check_size(int(n))
    if not isinstance(judgements, Mapping):
        raise InputError(
            f"judgements must be a mapping of (i, j) to a number, got {type(judgements).__name__}."
        )
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
        if isinstance(value, bool | str | bytes) or not isinstance(value, int | float | np.number):
            problems.append(f"{pair}: expected a number, got {value!r:.80}")
            continue
        try:
            a = float(value)
        except OverflowError:  # an int beyond the float range: outside the scale
            a = math.inf
        if not (lo * (1 - AHP_TOLERANCE) <= a <= hi * (1 + AHP_TOLERANCE)):
            problems.append(f"{pair}: {_g(a)} is outside Saaty's scale 1/9..9")
            continue
        given[pair] = a
    A = np.ones((n, n), dtype=np.float64)
    missing: list[str] = []
    for i in range(n):
        for j in range(i + 1, n):
            fwd, rev = given.get((i, j)), given.get((j, i))
            if fwd is not None and rev is not None and abs(fwd * rev - 1) > AHP_TOLERANCE:
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
        problems.append(f"missing judgement for {listing(missing)}; every pair needs one")
    if problems:
        more = len(problems) - MAX_LISTED
        tail = f"; and {more} more problems" if more > 0 else ""
        raise InputError("invalid AHP judgements: " + "; ".join(problems[:MAX_LISTED]) + tail + ".")
    return A


def _check_size(n: int) -> None:
    if n > AHP_MAX_SIZE:
        raise InputError(
            f"AHP compares at most {AHP_MAX_SIZE} criteria at once, got {n} "
            f"({n * (n - 1) // 2} pairwise judgements); group the criteria and compare "
            "within each group."
        )


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
                if dev > AHP_TOLERANCE:  # rounded so rounding noise cannot reorder ties
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


def _cells(where: NDArray[np.intp], what: Any) -> str:
    shown = [f"A[{i}, {j}] {what(i, j)}" for i, j in where[:MAX_LISTED].tolist()]
    more = f" ({where.shape[0]} in all)" if where.shape[0] > MAX_LISTED else ""
    return ", ".join(shown) + more


def _check_reciprocal(M: FloatArray) -> None:
    """Positive finite entries, a unit diagonal and ``a_ij a_ji = 1`` (within AHP_TOLERANCE)."""
    bad = np.argwhere(~(np.isfinite(M) & (M > 0)))
    if bad.size:
        raise InputError(
            "a pairwise comparison matrix must have positive finite entries; "
            + _cells(bad, lambda i, j: f"is {_g(float(M[i, j]))}")
            + "."
        )
    d = np.diagonal(M)
    off = np.flatnonzero(np.abs(d - 1.0) > AHP_TOLERANCE)
    if off.size:
        where = np.column_stack([off, off])
        raise InputError(
            "a pairwise comparison matrix has 1 on its diagonal (a criterion is as important "
            "as itself); " + _cells(where, lambda i, j: f"is {_g(float(M[i, j]))}") + "."
        )
    product = M * M.T
    upper = np.triu(np.abs(product - 1.0) > AHP_TOLERANCE, k=1)
    wrong = np.argwhere(upper)
    if wrong.size:
        raise InputError(
            f"a pairwise comparison matrix must be reciprocal, A[j, i] = 1 / A[i, j] (within "
            f"a relative {AHP_TOLERANCE:g}); "
            + _cells(
                wrong,
                lambda i, j: (
                    f"= {_g(float(M[i, j]))} but A[{j}, {i}] = {_g(float(M[j, i]))} "
                    f"(product {_g(float(product[i, j]))})"
                ),
            )
            + "; give exact reciprocals (1/3, not 0.333) or build the matrix with ahp_matrix."
        )


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
        ``A`` is not square, larger than :data:`AHP_MAX_SIZE`, has a non-positive or
        non-finite entry, a diagonal entry other than 1, or a pair with
        :math:`a_{ij} a_{ji} \ne 1` (all within :data:`AHP_TOLERANCE`); the first offending
        cells are named.

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
    M = np.array(as_floats(A, "A", 2, "of shape (n, n): pairwise judgements"), copy=True)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.shape[0] == 0:
        raise InputError(f"a pairwise comparison matrix must be square, got shape {M.shape}.")
    n = M.shape[0]
    _check_size(n)
    _check_reciprocal(M)
    w = _principal_eigenvector(M)
    lam = float(np.sum(M @ w))
    ri = random_index(n)
    ci = 0.0 if n <= 2 else max(0.0, (lam - n) / (n - 1))
    cr = 0.0 if n <= 2 else ci / ri
    return AhpResult(w, lam, ci, ri, cr, M)
