r"""The smallest simultaneous change of all weights (Euclidean) that makes a challenger share first.

With :math:`d = V_{top} - V_{c}` for the challenger :math:`c` and
:math:`g_j = V_j - V_c` for every other option :math:`j`, the answer is the projection of
:math:`w` onto the polyhedron

.. math:: P = \{x : \mathbf{1}^\top x = 1,\; d^\top x = 0,\; x \ge 0,\;
          g_j^\top x \le 0 \ \forall j \ne top, c\},

the weights at which the top option and the challenger tie *and no other option scores higher*
(a tie between two options that others beat says nothing about which option comes first).

Without the inequalities it is closed form: with :math:`\bar d = d - \operatorname{mean}(d)`,
:math:`x = w - (d^\top w / \lVert \bar d \rVert^2)\, \bar d` at distance
:math:`d^\top w / \lVert \bar d \rVert`. Otherwise the small strictly convex quadratic programme
(Hessian :math:`I`) is solved exactly, up to rounding, by the dual active-set method of Goldfarb
and Idnani (1983): start at the unconstrained minimum :math:`w`, add the two equalities, then
repeatedly take the most violated inequality :math:`n_p^\top x \ge b_p` and move along
:math:`z = (I - N N^{+}) n_p` (the part of :math:`n_p` orthogonal to the active normals
:math:`N`) while the active multipliers change by :math:`-t\,N^{+} n_p`, dropping an active
constraint whose multiplier reaches 0 first. Each step keeps the KKT conditions of the active set,
so the first point that violates nothing is the optimum; a violated constraint that can be
neither reached (:math:`z = 0`) nor freed by a drop proves :math:`P` empty, and the challenger
cannot share first place at any weights (``feasible`` False). The optimum is checked against the
KKT conditions before it is returned (solver: :mod:`appraisal.sensitivity.qp`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from appraisal._table import text_table
from appraisal.core.aggregate import TIE_TOLERANCE, weighted_sum
from appraisal.errors import InputError
from appraisal.sensitivity.common import FloatArray, as_inputs, top_two
from appraisal.sensitivity.qp import KKT_TOL, check_kkt, dual_active_set

__all__ = ["WeightDistanceResult", "min_weight_change", "project_simplex"]


def project_simplex(y: FloatArray) -> tuple[FloatArray, float]:
    r"""Euclidean projection onto the probability simplex: :math:`x = \max(0, y - \lambda)`.

    Returns ``(x, lambda)``; sorting, :math:`O(k \log k)` (Held, Wolfe and Crowder 1974).

    Raises
    ------
    InputError
        If ``y`` is not a non-empty vector of finite numbers.

    Examples
    --------
    >>> x, lam = project_simplex(np.array([0.8, 0.6, -0.5]))
    >>> x.round(6).tolist(), round(lam, 6)
    ([0.6, 0.4, 0.0], 0.2)
    """
    try:
        ya = np.array(y, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"y: expected a vector of numbers, got {y!r}.") from None
    if ya.ndim != 1 or ya.size == 0:
        raise InputError(f"y: expected a non-empty vector, got shape {ya.shape}.")
    if not np.all(np.isfinite(ya)):
        raise InputError(f"y: expected finite numbers, got {ya.tolist()}.")
    u = np.sort(ya)[::-1]
    css = np.cumsum(u) - 1.0
    ks = np.arange(1, ya.size + 1)
    rho = int(np.flatnonzero(u - css / ks > 0)[-1])
    lam = float(css[rho] / (rho + 1))
    return np.maximum(ya - lam, 0.0), lam


def min_weight_change(
    V: FloatArray,
    w: FloatArray,
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    challenger: str | None = None,
) -> WeightDistanceResult:
    r"""The minimum Euclidean change of the weights that makes a challenger share first place.

    Minimises :math:`\lVert x - w \rVert_2` over weight vectors :math:`x` on the simplex
    (:math:`x \ge 0`, :math:`\sum x = 1`) at which the top option and the challenger tie,
    :math:`(V_{top} - V_c) \cdot x = 0`, and no other option scores higher,
    :math:`(V_j - V_c) \cdot x \le 0`. The unconstrained projection is used when it meets every
    inequality (``closed_form``); otherwise the quadratic programme is solved exactly by a dual
    active-set method (numpy only, exact up to rounding). When no such weights exist
    (``feasible`` False), ``reason`` says why: the top option is better on every criterion, or
    wherever the two tie some other option is ahead of both.

    Parameters
    ----------
    V : ndarray, shape (m, k)
        Finite values.
    w : ndarray, shape (k,)
        Finite, non-negative weights summing to 1.
    options, criteria : sequence of str
        Unique ids of the rows and columns.
    challenger : str, optional
        The option to bring into first place beside the top (level with it, no other option
        higher); the runner-up by default.

    Returns
    -------
    WeightDistanceResult

    Raises
    ------
    InputError
        If the shapes disagree, values or weights are not finite, weights are negative or do
        not sum to 1, ids repeat, there are fewer than two options, or ``challenger`` is not
        an option or is the top option.

    References
    ----------
    Goldfarb, D. and Idnani, A. (1983). A numerically stable dual method for solving strictly
    convex quadratic programs. *Mathematical Programming* 27(1), 1-33.
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

    C ties B only at ``x = (0.5, 0.5)``, where A beats both, so C cannot come first:

    >>> V = np.array([[60.0, 60.0], [100.0, 0.0], [0.0, 100.0]])
    >>> r = min_weight_change(V, np.array([0.9, 0.1]), options=["A", "B", "C"],
    ...                       criteria=["x", "y"], challenger="C")
    >>> r.top, r.feasible, r.reason
    ('B', False, 'at every weighting where C ties B, A scores higher than both')
    """
    V, w, opts, crits = as_inputs(V, w, options, criteria)
    if challenger is not None and not isinstance(challenger, str):
        raise InputError(f"challenger: expected an option id, got {challenger!r}.")
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

    def result(
        distance: float | None, x: FloatArray | None, closed: bool, reason: str | None = None
    ) -> WeightDistanceResult:
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
            reason=reason,
        )

    if margin <= TIE_TOLERANCE:  # tied first already (the top is first by definition)
        return result(0.0, w.copy(), True)
    if d.min() > 0.0:
        return result(None, None, False, f"{opts[top]} is better on every criterion")
    k = w.size
    others = [j for j in range(len(opts)) if j not in (top, c)]
    E = np.vstack([np.ones(k), d])
    e = np.array([1.0, 0.0])
    G = np.vstack([np.eye(k), *(V[c] - V[j] for j in others)]) if others else np.eye(k)
    h = np.zeros(G.shape[0])
    dc = d - d.mean()
    x = w - (margin / float(dc @ dc)) * dc
    tol = KKT_TOL * max(1.0, float(np.abs(V).max()))
    if float(np.min(G @ x)) >= -tol:
        new = np.maximum(x, 0.0)
        return result(float(np.linalg.norm(new - w)), new, True)
    sol = dual_active_set(w, E, e, G, h)
    if sol is None:
        ahead = ", ".join(opts[j] for j in others)
        return result(
            None,
            None,
            False,
            f"at every weighting where {opts[c]} ties {opts[top]}, "
            + (f"{ahead} scores" if len(others) == 1 else f"at least one of {ahead} scores")
            + " higher than both",
        )
    check_kkt(sol, w, E, e, G, h)
    new = np.where(sol.x > 1e-12, sol.x, 0.0)  # rounding dust below 0 or just above it
    new /= new.sum()
    return result(float(np.linalg.norm(new - w)), new, False)


@dataclass(frozen=True, eq=False)
class WeightDistanceResult:
    """The smallest weight change making ``challenger`` share first with ``top``.

    See :func:`min_weight_change`.

    Attributes
    ----------
    options, criteria : tuple of str
    weights : ndarray, shape (k,)
    top, challenger : str
    margin : float
        The top option's current lead over the challenger.
    feasible : bool
        False when no weights on the simplex make them tie with no other option ahead.
    distance : float or None
        :math:`\\lVert x - w \\rVert_2`.
    new_weights : ndarray, shape (k,), or None
    closed_form : bool
        True when the projection onto the tie alone already met every inequality (no negative
        weight, no other option ahead).
    reason : str or None
        Why no weights work, when ``feasible`` is False.
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
    reason: str | None = None

    def __post_init__(self) -> None:
        self.weights.setflags(write=False)
        if self.new_weights is not None:
            self.new_weights.setflags(write=False)

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """``{"weights", "top", "challenger", "margin", "feasible", "distance", "closed_form",
        "new_weights": {criterion: w} | None, "reason": str | None}``."""
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
            "reason": self.reason,
        }

    def to_text(self) -> str:
        """The distance and a table of the old and new weights."""
        head = f"top: {self.top}; challenger: {self.challenger}; margin {self.margin:.2f}"
        if self.new_weights is None or self.distance is None:
            return "\n".join(
                [
                    head,
                    f"no weights make {self.challenger} share first place with {self.top}: "
                    f"{self.reason or 'the constraints cannot all hold'}",
                ]
            )
        how = (
            "closed form"
            if self.closed_form
            else "constrained: some weights reach 0 or another option ties too"
        )
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
