r"""An exact solver for the small quadratic programme of :func:`min_weight_change`.

Minimise :math:`\frac12 \lVert x - w \rVert^2` subject to :math:`E x = e` and
:math:`G x \ge h` with the dual active-set method of Goldfarb and Idnani (1983), specialised to
the identity Hessian. Start at the unconstrained minimum :math:`x = w` with no active
constraint; add each equality, then repeatedly the most violated inequality
:math:`n_p^\top x \ge b_p`. With :math:`N` the active normals, the primal step is
:math:`z = n_p - N r` with :math:`r = N^{+} n_p` (the part of :math:`n_p` orthogonal to them)
and the dual step changes the active multipliers by :math:`-t r` and the new one by :math:`+t`.
The full step :math:`t = -s_p / z^\top z` makes constraint :math:`p` active; a shorter one
drops the active inequality whose multiplier reaches 0 first. The invariant
:math:`x - w = N u` (stationarity) holds throughout, with :math:`u \ge 0` on inequalities, so
the first point that violates nothing is optimal. A violated constraint with :math:`z = 0` and
nothing to drop proves the set empty. Each step costs a least-squares solve with at most
:math:`k` columns; the number of steps is finite (Goldfarb and Idnani 1983), and a step cap
guards against rounding.

References
----------
Goldfarb, D. and Idnani, A. (1983). A numerically stable dual method for solving strictly convex
quadratic programs. *Mathematical Programming* 27(1), 1-33.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from appraisal.errors import InternalError

__all__ = ["KKT_TOL", "ActiveSet", "check_kkt", "dual_active_set"]

FloatArray = NDArray[np.float64]

#: Feasibility tolerance (relative to each constraint's normal).
KKT_TOL = 1e-9


@dataclass
class ActiveSet:
    """The dual method's state: the point, and the active constraints with their multipliers."""

    x: FloatArray
    normals: list[FloatArray]
    kinds: list[int]  # -1 for an equality, else the row of G
    u: list[float]


def dual_active_set(
    w: FloatArray, E: FloatArray, e: FloatArray, G: FloatArray, h: FloatArray
) -> ActiveSet | None:
    r"""Minimise :math:`\frac12 \lVert x - w \rVert^2` s.t. :math:`E x = e`, :math:`G x \ge h`.

    Goldfarb and Idnani's dual method with the identity Hessian; None when infeasible.
    """
    st = ActiveSet(w.copy(), [], [], [])
    limit = 8 * (w.size + G.shape[0]) + 16

    def step(n: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Primal direction (n orthogonal to the active normals) and dual direction."""
        if not st.normals:
            return n.copy(), np.zeros(0)
        N = np.column_stack(st.normals)
        r = np.asarray(np.linalg.lstsq(N, n, rcond=None)[0], dtype=np.float64)
        return np.asarray(n - N @ r, dtype=np.float64), r

    def add(n: FloatArray, b: float, kind: int) -> bool:
        """Make ``n x >= b`` (``= b`` for an equality) active; False when that is impossible."""
        size = max(1.0, float(np.linalg.norm(n)))
        if kind == -1 and float(n @ st.x) > b:  # an equality: approach it from below
            n, b = -n, -b
        up = 0.0
        for _ in range(limit):
            z, r = step(n)
            slack = float(n @ st.x) - b
            zz = float(z @ z)
            full = -slack / zz if zz > (1e-11 * size) ** 2 else np.inf
            if kind == -1 and not np.isfinite(full):  # n is in the span of the equalities
                return abs(slack) <= KKT_TOL * size  # redundant if it holds, else infeasible
            part, drop = np.inf, -1
            for a, (kd, ra) in enumerate(zip(st.kinds, r, strict=True)):
                if kd >= 0 and ra > 1e-14 and st.u[a] / ra < part:
                    part, drop = st.u[a] / ra, a
            if not np.isfinite(full) and not np.isfinite(part):
                return False  # neither reachable nor freed by dropping: infeasible
            t = min(full, part)
            if np.isfinite(full):
                st.x = st.x + t * z
            st.u = [ua - t * float(ra) for ua, ra in zip(st.u, r, strict=True)]
            up += t
            if full <= part:
                st.normals.append(n)
                st.kinds.append(kind)
                st.u.append(up)
                return True
            del st.normals[drop], st.kinds[drop], st.u[drop]
        raise InternalError(  # pragma: no cover - the dual method ends in finitely many steps
            "min_weight_change: the active-set method did not converge."
        )

    for n, b in zip(E, e, strict=True):
        if not add(n, float(b), -1):
            return None
    norms = np.maximum(1.0, np.linalg.norm(G, axis=1))
    for _ in range(limit):
        slack = (G @ st.x - h) / norms
        slack[[kd for kd in st.kinds if kd >= 0]] = np.inf
        p = int(np.argmin(slack))
        if slack[p] >= -KKT_TOL:
            return st
        if not add(G[p], float(h[p]), p):
            return None
    raise InternalError(  # pragma: no cover - the dual method ends in finitely many steps
        "min_weight_change: the active-set method did not converge."
    )


def check_kkt(
    st: ActiveSet, w: FloatArray, E: FloatArray, e: FloatArray, G: FloatArray, h: FloatArray
) -> None:
    """Raise InternalError unless the point is feasible and its multipliers prove it optimal."""
    x = st.x
    tol = 1e-7 * max(1.0, float(np.abs(G).max()), float(np.abs(E).max()))
    feasible = bool(np.all(np.abs(E @ x - e) <= tol) and np.all(G @ x - h >= -tol))
    grad = x - w  # = sum of u_a n_a at a KKT point
    N = np.column_stack(st.normals)
    u = np.array(st.u)
    stationary = float(np.linalg.norm(N @ u - grad)) <= 1e-7 * max(1.0, float(np.abs(u).max()))
    ineq = np.array([kd >= 0 for kd in st.kinds], dtype=bool)
    signs = bool(np.all(u[ineq] >= -1e-9 * max(1.0, float(np.abs(u).max()))))
    if not (feasible and stationary and signs):  # pragma: no cover - a failure would be a bug
        raise InternalError(
            "min_weight_change: the active-set solution failed its optimality check."
        )
