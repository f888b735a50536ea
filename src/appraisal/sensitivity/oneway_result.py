"""Result objects of the one-way weight sensitivity, and the crossovers they list on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from appraisal._table import text_table
from appraisal.core.aggregate import TIE_TOLERANCE
from appraisal.errors import InputError
from appraisal.sensitivity.common import FloatArray, IntArray

__all__ = ["CriterionSensitivity", "Crossover", "OneWayResult"]


@dataclass(frozen=True)
class Crossover:
    """Two options swapping order at weight ``weight`` of one criterion.

    Attributes
    ----------
    weight : float
        The crossover weight :math:`t^*`, strictly inside (0, 1).
    options : tuple of str
        ``(ahead below t*, ahead above t*)``.
    top_changes : bool
        True when this swap changes the top option: the first is top just below ``t*`` and the
        second just above.
    """

    weight: float
    options: tuple[str, str]
    top_changes: bool

    def to_dict(self) -> dict[str, Any]:
        """``{"weight": t, "options": [a, b], "top_changes": bool}``."""
        return {
            "weight": self.weight,
            "options": list(self.options),
            "top_changes": self.top_changes,
        }


@dataclass(frozen=True)
class CriterionSensitivity:
    """One criterion's stability figures (its crossovers come from :meth:`OneWayResult.crossovers`).

    Attributes
    ----------
    criterion : str
    weight : float
        The current weight :math:`w_k`.
    stability_interval : tuple of float
        ``(lo, hi)``: for :math:`t` in it the set of top options stays the same (at an end that
        is not 0 or 1 a challenger ties the top, beyond it the top changes).
    ranking_stability_interval : tuple of float
        ``(lo, hi)``: the whole ranking (ranks with ties) stays the same inside it.
    delta : float or None
        Smallest absolute change of :math:`w_k` (others rescaled in proportion) that changes the
        top option; None when no weight in [0, 1] changes it.
    delta_percent : float or None
        ``delta`` as a percentage of :math:`w_k` (None when ``w_k`` is 0 or ``delta`` is None).
    ts_delta, ts_delta_percent : float or None
        The smallest such change in Triantaphyllou and Sánchez's (1997) own convention, where
        :math:`w_k` changes with the other weights held fixed and all are renormalised after:
        :math:`|t^* - w_k| / (1 - t^*)` for a crossover at :math:`t^*` (it may pick the other
        side of :math:`w_k` than ``delta``).
    challenger : str or None
        The option that takes the top at ``delta``.
    direction : {"increase", "decrease"} or None
        Whether :math:`w_k` must rise or fall by ``delta``.
    """

    criterion: str
    weight: float
    stability_interval: tuple[float, float]
    ranking_stability_interval: tuple[float, float]
    delta: float | None
    delta_percent: float | None
    ts_delta: float | None
    ts_delta_percent: float | None
    challenger: str | None
    direction: str | None

    def to_dict(self) -> dict[str, Any]:
        """The criterion's entry of the oneway JSON contract, without ``crossovers``."""
        return {
            "criterion": self.criterion,
            "weight": self.weight,
            "stability_interval": list(self.stability_interval),
            "ranking_stability_interval": list(self.ranking_stability_interval),
            "delta": self.delta,
            "delta_percent": self.delta_percent,
            "ts_delta": self.ts_delta,
            "ts_delta_percent": self.ts_delta_percent,
            "challenger": self.challenger,
            "direction": self.direction,
        }


@dataclass(frozen=True, eq=False)
class OneWayResult:
    """Exact one-way weight sensitivity of the weighted sum (see :func:`oneway`).

    Attributes
    ----------
    options, criteria : tuple of str
    weights : ndarray, shape (k,)
    scores : ndarray, shape (m,)
        Overall scores at the current weights.
    top : str
        The top option (the first in option order when several tie).
    top_options : tuple of str
        Every option ranked first.
    intercepts, slopes : ndarray, shape (k, m)
        ``intercepts[k] + slopes[k] * t`` are the scores when criterion ``k`` has weight ``t``.
    per_criterion : tuple of CriterionSensitivity
    most_critical : str or None
        The criterion whose weight needs the smallest absolute change to change the top option.
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    scores: FloatArray
    top: str
    top_options: tuple[str, ...]
    intercepts: FloatArray
    slopes: FloatArray
    per_criterion: tuple[CriterionSensitivity, ...]
    most_critical: str | None
    _cache: dict[int, tuple[Crossover, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for arr in (self.weights, self.scores, self.intercepts, self.slopes):
            arr.setflags(write=False)

    def _index(self, criterion: str) -> int:
        if criterion not in self.criteria:
            raise InputError(
                f"criterion: {criterion!r} is not a criterion (choose from "
                f"{', '.join(self.criteria)})."
            )
        return self.criteria.index(criterion)

    def sensitivity(self, criterion: str) -> CriterionSensitivity:
        """The stability figures of one criterion."""
        return self.per_criterion[self._index(criterion)]

    def lines(self, criterion: str, t: FloatArray | None = None) -> tuple[FloatArray, FloatArray]:
        """Every option's score as the criterion's weight runs over ``t``, for drawing.

        ``t`` defaults to ``[0, w_k, 1]`` (the lines are straight, so that draws them exactly).
        Returns ``(t, scores)`` with ``scores`` of shape ``(len(t), m)``.
        """
        k = self._index(criterion)
        tt = (
            np.array([0.0, float(self.weights[k]), 1.0])
            if t is None
            else np.asarray(t, dtype=np.float64)
        )
        return tt, self.intercepts[k][None, :] + tt[:, None] * self.slopes[k][None, :]

    def crossovers(self, criterion: str) -> tuple[Crossover, ...]:
        """Every pair of options that swaps order strictly inside (0, 1), sorted by weight.

        Computed on first use (all pairs: O(m^2) for the criterion) and kept.
        """
        k = self._index(criterion)
        if k not in self._cache:
            self._cache[k] = _crossovers(
                self.intercepts[k], self.intercepts[k] + self.slopes[k], self.options
            )
        return self._cache[k]

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def plot(self, criterion: str | None = None, ax: Any = None) -> Any:
        """Each option's score as its weight on ``criterion`` sweeps 0..1, crossovers marked.

        Defaults to the most critical criterion (or the first). Needs the ``plot`` extra;
        returns the matplotlib Axes.
        """
        from appraisal.plot import plot_oneway

        if criterion is not None:
            self._index(criterion)  # an unknown criterion is an InputError, not a blank plot
        d = self.to_dict()
        if criterion is not None:
            name = criterion
        elif self.most_critical is not None:
            name = self.most_critical
        else:
            name = self.criteria[0]
        return plot_oneway(d, None, name, ax=ax)

    def to_dict(self) -> dict[str, Any]:
        """The oneway JSON contract.

        ``{"weights": {criterion: w}, "top": id, "criteria": [{"criterion", "weight",
        "stability_interval": [lo, hi], "ranking_stability_interval": [lo, hi], "crossovers":
        [{"weight", "options": [a, b], "top_changes"}], ...}], "most_critical": id}``; each
        criterion also has ``delta``, ``delta_percent``, ``ts_delta``, ``ts_delta_percent``,
        ``challenger``, ``direction`` and ``lines`` (``{"intercept": [...], "slope": [...]}`` in
        option order); ``options``, ``scores`` and ``top_options`` are added at the top level.
        """
        crits = []
        for k, cs in enumerate(self.per_criterion):
            d = cs.to_dict()
            d["crossovers"] = [c.to_dict() for c in self.crossovers(cs.criterion)]
            d["lines"] = {
                "intercept": [float(x) for x in self.intercepts[k]],
                "slope": [float(x) for x in self.slopes[k]],
            }
            crits.append(d)
        return {
            "weights": {c: float(x) for c, x in zip(self.criteria, self.weights, strict=True)},
            "options": list(self.options),
            "scores": {o: float(s) for o, s in zip(self.options, self.scores, strict=True)},
            "top": self.top,
            "top_options": list(self.top_options),
            "criteria": crits,
            "most_critical": self.most_critical,
        }

    def to_text(self) -> str:
        """A readable table: one row per criterion, most critical first."""
        order = sorted(
            range(len(self.per_criterion)),
            key=lambda k: (
                self.per_criterion[k].delta is None,
                0.0 if self.per_criterion[k].delta is None else self.per_criterion[k].delta,
                k,
            ),
        )
        rows: list[list[str | float | None]] = []
        for k in order:
            cs = self.per_criterion[k]
            lo, hi = cs.stability_interval
            rlo, rhi = cs.ranking_stability_interval
            pct = None if cs.delta_percent is None else f"{cs.delta_percent:.1f}%"
            row: list[str | float | None] = [cs.criterion, cs.weight]
            row += [f"{lo:.3f}-{hi:.3f}", f"{rlo:.3f}-{rhi:.3f}", cs.delta, pct, cs.challenger]
            rows.append(row)
        head = [
            f"top: {', '.join(self.top_options)}; most critical criterion: "
            f"{self.most_critical or 'none (no single weight change alters the top)'}",
            "each weight swept over 0-1 with the others rescaled in proportion",
            "",
        ]
        table = text_table(
            ["criterion", "weight", "top stable", "ranking stable", "delta", "delta %", "new top"],
            rows,
            digits=3,
        )
        return "\n".join([*head, table])

    def __str__(self) -> str:
        return self.to_text()


def _crossovers(
    s0: FloatArray, s1: FloatArray, options: tuple[str, ...], tol: float = TIE_TOLERANCE
) -> tuple[Crossover, ...]:
    """All strict swaps of order in (0, 1) between lines from ``s0`` (t = 0) to ``s1`` (t = 1)."""
    m = s0.size
    i, j = np.triu_indices(m, 1)
    d0, d1 = s0[i] - s0[j], s1[i] - s1[j]
    keep = (np.abs(d0) > tol) & (np.abs(d1) > tol) & ((d0 > 0) != (d1 > 0))
    i, j, d0, d1 = i[keep], j[keep], d0[keep], d1[keep]
    t = d0 / (d0 - d1)
    first = np.where(d0 > 0, i, j)  # ahead below t
    second = np.where(d0 > 0, j, i)
    top_changes = np.zeros(t.size, dtype=bool)
    for before, after in _top_changes(s0, s1, tol):
        top_changes |= np.isin(first, before) & np.isin(second, after)
    order = np.lexsort((second, first, t))
    return tuple(
        Crossover(float(t[n]), (options[first[n]], options[second[n]]), bool(top_changes[n]))
        for n in order
    )


def _top_changes(s0: FloatArray, s1: FloatArray, tol: float) -> list[tuple[IntArray, IntArray]]:
    """Walk the upper envelope over (0, 1): the top sets just before and after each change."""
    slope = s1 - s0

    def same_line(c: int) -> IntArray:
        return np.flatnonzero((np.abs(s0 - s0[c]) <= tol) & (np.abs(s1 - s1[c]) <= tol))

    at0 = np.flatnonzero(s0 >= s0.max() - tol)
    c = int(at0[np.argmax(s1[at0])])  # top just after t = 0
    t_cur = 0.0
    out: list[tuple[IntArray, IntArray]] = []
    while True:
        rivals = np.flatnonzero(s1 > s1[c] + tol)
        if rivals.size == 0:
            return out
        now = s0 + slope * t_cur
        lead = np.maximum(now[c] - now[rivals], 0.0)
        d1 = s1[c] - s1[rivals]
        t = t_cur + (1.0 - t_cur) * lead / (lead - d1)
        t_next = float(t.min())
        at = s0 + slope * t_next
        near = np.flatnonzero(at >= at[c] - tol)
        nxt = int(near[np.argmax(s1[near])])
        if s1[nxt] <= s1[c] + tol:  # pragma: no cover - guards against a rounding stall
            return out
        out.append((same_line(c), same_line(nxt)))
        c, t_cur = nxt, t_next
