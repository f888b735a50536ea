r"""The smallest simultaneous change of all weights (Euclidean) that makes a challenger tie the top.

With :math:`d = V_{top} - V_{challenger}` the problem is the projection of :math:`w` onto

.. math:: \{x : \mathbf{1}^\top x = 1,\; d^\top x = 0,\; x \ge 0\}.

Without the sign constraints it is closed form: with :math:`\bar d = d - \operatorname{mean}(d)`,
:math:`x = w - (d^\top w / \lVert \bar d \rVert^2)\, \bar d` at distance
:math:`d^\top w / \lVert \bar d \rVert`. When that :math:`x` has a negative weight, the KKT
conditions give :math:`x = \max(0, w - \lambda - \mu d)`: for each :math:`\mu` the
:math:`\lambda` is the simplex projection's threshold, :math:`d^\top x(\mu)` falls monotonically
in :math:`\mu`, so bisection finds the active set and a 2 x 2 solve on it gives the exact answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._sensitivity_common import BoolArray, FloatArray, as_inputs, top_two
from ._table import text_table
from .aggregate import TIE_TOLERANCE, weighted_sum
from .errors import InputError, InternalError

__all__ = ["WeightDistanceResult", "min_weight_change", "project_simplex"]

_KKT_TOL = 1e-10


def project_simplex(y: FloatArray) -> tuple[FloatArray, float]:
    r"""Euclidean projection onto the probability simplex: :math:`x = \max(0, y - \lambda)`.

    Returns ``(x, lambda)``; sorting, :math:`O(k \log k)` (Held, Wolfe and Crowder 1974).

    Examples
    --------
    >>> x, lam = project_simplex(np.array([0.8, 0.6, -0.5]))
    >>> x.round(6).tolist(), round(lam, 6)
    ([0.6, 0.4, 0.0], 0.2)
    """
    u = np.sort(y)[::-1]
    css = np.cumsum(u) - 1.0
    ks = np.arange(1, y.size + 1)
    rho = int(np.flatnonzero(u - css / ks > 0)[-1])
    lam = float(css[rho] / (rho + 1))
    return np.maximum(y - lam, 0.0), lam


def _solve_on(w: FloatArray, d: FloatArray, support: BoolArray) -> FloatArray | None:
    """The KKT point with positive weights exactly on ``support``, or None if it is not one."""
    S = support
    n, sd, sdd = float(S.sum()), float(d[S].sum()), float(d[S] @ d[S])
    A = np.array([[n, sd], [sd, sdd]])
    rhs = np.array([w[S].sum() - 1.0, w[S] @ d[S]])
    if n == 0:
        return None
    if abs(np.linalg.det(A)) > 1e-12 * max(1.0, sdd * n):
        lam, mu = np.linalg.solve(A, rhs)
        y = w - lam - mu * d
        if np.any(y[S] < -_KKT_TOL) or np.any(y[~S] > _KKT_TOL):
            return None
    else:  # d is constant on the support: a tie needs it to be 0 there, and mu is free
        if np.any(np.abs(d[S]) > _KKT_TOL):
            return None
        lam = (float(w[S].sum()) - 1.0) / n
        y = w - lam
        r, dn = y[~S], d[~S]
        # need r - mu * dn <= 0 off the support for some mu
        lower = max([float(v) for v in r[dn > 0] / dn[dn > 0]], default=-np.inf)
        upper = min([float(v) for v in r[dn < 0] / dn[dn < 0]], default=np.inf)
        if np.any(y[S] < -_KKT_TOL) or np.any(r[dn == 0] > _KKT_TOL) or lower > upper:
            return None
    x = np.where(S, np.maximum(y, 0.0), 0.0)
    return np.asarray(x, dtype=np.float64)


def _constrained(w: FloatArray, d: FloatArray) -> FloatArray:
    """Solve the projection with the sign constraints (``min d <= 0 < d @ w`` assumed)."""

    def h(mu: float) -> tuple[float, FloatArray]:
        x, _ = project_simplex(w - mu * d)
        return float(d @ x), x

    lo, hi = 0.0, 1.0
    while h(hi)[0] > 0.0:
        lo, hi = hi, 2.0 * hi
        if hi > 1e300:  # pragma: no cover - min d <= 0 makes h(mu) <= 0 for a finite mu
            raise InternalError("min_weight_change: no bracket for the tie multiplier.")
    candidates: list[BoolArray] = []
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if h(mid)[0] > 0.0:
            lo = mid
        else:
            hi = mid
    for mu in (lo, 0.5 * (lo + hi), hi):
        candidates.append(h(mu)[1] > 0)
    for support in candidates:
        sol = _solve_on(w, d, support)
        if sol is not None:
            return sol
    raise InternalError(  # pragma: no cover - one of the supports is always optimal
        "min_weight_change: no active set satisfied the optimality conditions."
    )


def min_weight_change(
    V: FloatArray,
    w: FloatArray,
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    challenger: str | None = None,
) -> WeightDistanceResult:
    r"""The minimum Euclidean change of the weights that makes a challenger tie the top option.

    Minimises :math:`\lVert x - w \rVert_2` over weight vectors :math:`x` on the simplex
    (:math:`x \ge 0`, :math:`\sum x = 1`) with :math:`(V_{top} - V_{challenger}) \cdot x = 0`.
    The unconstrained projection is used when it has no negative weight (``closed_form``);
    otherwise the active-set solution of the small quadratic programme (numpy only, exact up to
    rounding). A tie is impossible when the top option is better on every criterion
    (``feasible`` False).

    Parameters
    ----------
    V : ndarray, shape (m, k)
    w : ndarray, shape (k,)
    options, criteria : sequence of str
    challenger : str, optional
        The option to bring level with the top; the runner-up by default.

    Returns
    -------
    WeightDistanceResult

    Raises
    ------
    InputError
        If the shapes disagree, there are fewer than two options, or ``challenger`` is not an
        option or is the top option.

    References
    ----------
    Mareschal, B. (1988). Weight stability intervals in multicriteria decision aid. *European
    Journal of Operational Research* 33(1), 54-64.
    Wolters, W. T. M. and Mareschal, B. (1995). Novel types of sensitivity analysis for additive
    MCDM methods. *European Journal of Operational Research* 81(2), 281-290.

    Examples
    --------
    >>> V = np.array([[100.0, 0.0], [40.0, 80.0]])
    >>> r = min_weight_change(V, np.array([0.5, 0.5]), options=["A", "B"], criteria=["x", "y"])
    >>> r.top, r.challenger, r.closed_form
    ('B', 'A', True)
    >>> [round(float(x), 6) for x in r.new_weights], round(r.distance, 6)
    ([0.571429, 0.428571], 0.101015)
    """
    V, w, opts, crits = as_inputs(V, w, options, criteria)
    S = weighted_sum(V, w)
    top, runner_up, _ = top_two(S)
    if challenger is None:
        c = runner_up
    elif challenger not in opts:
        raise InputError(
            f"challenger: {challenger!r} is not an option (choose from {', '.join(opts)})."
        )
    else:
        c = opts.index(challenger)
        if c == top:
            raise InputError(f"challenger: {challenger!r} is the top option already.")
    d = V[top] - V[c]
    margin = float(d @ w)

    def result(distance: float | None, x: FloatArray | None, closed: bool) -> WeightDistanceResult:
        return WeightDistanceResult(
            options=opts,
            criteria=crits,
            weights=w,
            top=opts[top],
            challenger=opts[c],
            margin=max(margin, 0.0),
            feasible=x is not None,
            distance=distance,
            new_weights=x,
            closed_form=closed,
        )

    if margin <= TIE_TOLERANCE:
        return result(0.0, w.copy(), True)
    if d.min() > 0.0:
        return result(None, None, False)
    dc = d - d.mean()
    x = w - (margin / float(dc @ dc)) * dc
    closed = bool(x.min() >= -_KKT_TOL)
    new = np.maximum(x, 0.0) if closed else _constrained(w, d)
    return result(float(np.linalg.norm(new - w)), new, closed)


@dataclass(frozen=True, eq=False)
class WeightDistanceResult:
    """The smallest weight change making ``challenger`` tie ``top`` (see :func:`min_weight_change`).

    Attributes
    ----------
    options, criteria : tuple of str
    weights : ndarray, shape (k,)
    top, challenger : str
    margin : float
        The top option's current lead over the challenger.
    feasible : bool
        False when no weights on the simplex make them tie.
    distance : float or None
        :math:`\\lVert x - w \\rVert_2`.
    new_weights : ndarray, shape (k,), or None
    closed_form : bool
        True when the unconstrained projection was already non-negative.
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    top: str
    challenger: str
    margin: float
    feasible: bool
    distance: float | None
    new_weights: FloatArray | None
    closed_form: bool

    def __post_init__(self) -> None:
        self.weights.setflags(write=False)
        if self.new_weights is not None:
            self.new_weights.setflags(write=False)

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .report.frames import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """``{"weights", "top", "challenger", "margin", "feasible", "distance", "closed_form",
        "new_weights": {criterion: w} | None}``."""
        new = None
        if self.new_weights is not None:
            new = {c: float(x) for c, x in zip(self.criteria, self.new_weights, strict=True)}
        return {
            "weights": {c: float(x) for c, x in zip(self.criteria, self.weights, strict=True)},
            "top": self.top,
            "challenger": self.challenger,
            "margin": self.margin,
            "feasible": self.feasible,
            "distance": self.distance,
            "closed_form": self.closed_form,
            "new_weights": new,
        }

    def to_text(self) -> str:
        """The distance and a table of the old and new weights."""
        head = f"top: {self.top}; challenger: {self.challenger}; margin {self.margin:.2f}"
        if self.new_weights is None or self.distance is None:
            return "\n".join(
                [
                    head,
                    f"no weights make {self.challenger} tie {self.top}: "
                    f"{self.top} is better on every criterion",
                ]
            )
        how = "closed form" if self.closed_form else "constrained (some weights reach 0)"
        rows: list[list[str | float | None]] = [
            [c, float(a), float(b), float(b - a)]
            for c, a, b in zip(self.criteria, self.weights, self.new_weights, strict=True)
        ]
        table = text_table(["criterion", "weight", "new weight", "change"], rows, digits=4)
        return "\n".join(
            [
                head,
                f"smallest Euclidean weight change to a tie: {self.distance:.4f} ({how})",
                "",
                table,
            ]
        )

    def __str__(self) -> str:
        return self.to_text()
