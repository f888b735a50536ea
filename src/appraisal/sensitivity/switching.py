r"""Score switching values: how far one cell's score must move to change the top option.

Raising option :math:`i`'s value on criterion :math:`k` by :math:`\Delta` raises its overall score
by :math:`w_k \Delta` and leaves every other score alone, so the switching value of each cell is
closed form: the top option must fall until it ties the best of the others, any other option must
rise until it ties the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from appraisal._table import text_table
from appraisal.core.aggregate import weighted_sum
from appraisal.errors import InputError
from appraisal.sensitivity.common import BoolArray, FloatArray, as_inputs, fnum, top_two

__all__ = ["ScoreSwitchingResult", "SwitchingCell", "score_switching"]

_ON_SCALE_TOL = 1e-9


@dataclass(frozen=True)
class SwitchingCell:
    """The switching value of one cell (option, criterion).

    Attributes
    ----------
    option, criterion : str
    value : float
        The cell's current value on 0..100.
    value_change : float or None
        The change of value that makes the top option change (a tie); None when the criterion
        has no weight, so no change of this cell can matter.
    change : float or None
        The same change in the criterion's own units (``value_change / slope``).
    new_value : float or None
    on_scale : bool
        Whether ``new_value`` stays within the value scale.
    """

    option: str
    criterion: str
    value: float
    value_change: float | None
    change: float | None
    new_value: float | None
    on_scale: bool

    def to_dict(self) -> dict[str, Any]:
        """``{"option", "criterion", "value", "value_change", "change", "new_value",
        "on_scale"}``."""
        return {
            "option": self.option,
            "criterion": self.criterion,
            "value": self.value,
            "value_change": self.value_change,
            "change": self.change,
            "new_value": self.new_value,
            "on_scale": self.on_scale,
        }


@dataclass(frozen=True, eq=False)
class ScoreSwitchingResult:
    """Score switching values of every cell (see :func:`score_switching`).

    Attributes
    ----------
    options, criteria : tuple of str
    weights : ndarray, shape (k,)
    scores : ndarray, shape (m,)
    top, runner_up : str
    margin : float
        The top option's score minus the runner-up's (0 when tied).
    values : ndarray, shape (m, k)
    value_change : ndarray, shape (m, k)
        Change of each cell's value that changes the top option (NaN where the weight is 0):
        negative for the top option's cells, positive for everyone else's.
    change : ndarray, shape (m, k)
        The same in each criterion's own units.
    on_scale : ndarray of bool, shape (m, k)
    closest : tuple of SwitchingCell
        The top's and the runner-up's cells, the on-scale changes first, smallest value change
        first: the cells closest to flipping the top two options.
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    scores: FloatArray
    top: str
    runner_up: str
    margin: float
    values: FloatArray
    value_change: FloatArray
    change: FloatArray
    on_scale: BoolArray
    closest: tuple[SwitchingCell, ...]

    def __post_init__(self) -> None:
        for arr in (self.weights, self.scores, self.values, self.value_change, self.change):
            arr.setflags(write=False)
        self.on_scale.setflags(write=False)

    def cell(self, option: str, criterion: str) -> SwitchingCell:
        """The switching value of one cell."""
        if option not in self.options or criterion not in self.criteria:
            raise InputError(f"cell: no cell ({option!r}, {criterion!r}) in this analysis.")
        i, j = self.options.index(option), self.criteria.index(criterion)
        return _cell(self.options, self.criteria, self._arrays, i, j)

    @property
    def _arrays(self) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
        return self.values, self.value_change, self.change, self.on_scale

    @property
    def cells(self) -> tuple[SwitchingCell, ...]:
        """Every cell, options in order, criteria in order within each option."""
        m, k = self.values.shape
        arrays = self._arrays
        return tuple(
            _cell(self.options, self.criteria, arrays, i, j) for i in range(m) for j in range(k)
        )

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """``{"weights", "top", "runner_up", "margin", "cells": [...], "closest": [...]}``."""
        return {
            "weights": {c: float(x) for c, x in zip(self.criteria, self.weights, strict=True)},
            "scores": {o: float(s) for o, s in zip(self.options, self.scores, strict=True)},
            "top": self.top,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "cells": [c.to_dict() for c in self.cells],
            "closest": [c.to_dict() for c in self.closest],
        }

    def to_text(self) -> str:
        """The closest cells, then every cell's switching change in its own units."""
        head = [
            f"top: {self.top}; runner-up: {self.runner_up}; margin {self.margin:.2f}",
            "score change (own units; pts = value points) that changes the top option; "
            "* = off the scale, - = none can",
            "",
            "closest to flipping the top two:",
        ]
        close = [
            [c.option, c.criterion, c.change, c.value_change, "yes" if c.on_scale else "no"]
            for c in self.closest
        ]
        table = text_table(["option", "criterion", "change", "value change", "on scale"], close)
        grid = [
            [crit]
            + [
                _mark(self.change[i, j], self.value_change[i, j], bool(self.on_scale[i, j]))
                for i in range(len(self.options))
            ]
            for j, crit in enumerate(self.criteria)
        ]
        full = text_table(["criterion", *self.options], grid)
        return "\n".join([*head, table, "", full])

    def __str__(self) -> str:
        return self.to_text()


def _mark(own: float, value: float, on: bool) -> str:
    if not np.isfinite(value):
        return "-"
    text = f"{own:+.2f}" if np.isfinite(own) else f"{value:+.2f} pts"
    return text + ("" if on else "*")


def _cell(
    options: tuple[str, ...],
    criteria: tuple[str, ...],
    arrays: tuple[FloatArray, FloatArray, FloatArray, BoolArray],
    i: int,
    j: int,
) -> SwitchingCell:
    values, value_change, change, on_scale = arrays
    dv = fnum(value_change[i, j])
    return SwitchingCell(
        option=options[i],
        criterion=criteria[j],
        value=float(values[i, j]),
        value_change=dv,
        change=fnum(change[i, j]),
        new_value=None if dv is None else float(values[i, j]) + dv,
        on_scale=bool(on_scale[i, j]),
    )


def score_switching(
    V: FloatArray,
    w: FloatArray,
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    slope: FloatArray,
    value_lo: float = 0.0,
    value_hi: float = 100.0,
    closest: int = 10,
) -> ScoreSwitchingResult:
    r"""The smallest change of each single score that changes the top option.

    With :math:`S` the overall scores and :math:`S^{\ne i} = \max_{j \ne i} S_j`, the value of
    cell :math:`(i, k)` must change by

    .. math:: \Delta_{ik} = \frac{S^{\ne i} - S_i}{w_k}

    (negative for the top option, which must fall to the best of the others; positive for any
    other, which must rise to the top), i.e. by :math:`\Delta_{ik} / \text{slope}_k` in the
    criterion's own units. At that change the two tie; any further and the top changes. A cell
    whose weight is 0 cannot change the top (NaN). Ties at the top give 0.

    Parameters
    ----------
    V : ndarray, shape (m, k)
    w : ndarray, shape (k,)
    options, criteria : sequence of str
    slope : ndarray, shape (k,)
        Value points per unit of each criterion's own score: 25 per level on a 1-5 ordinal
        scale, negative for a cost criterion. Non-zero; NaN where the criterion has no single
        slope (e.g. a piecewise value function): its ``change`` is then NaN (None in JSON).
    value_lo, value_hi : float, default 0 and 100
        The value scale; a change is on the scale when the new value stays within it.
    closest : int, default 10
        How many of the top two options' cells to list in ``closest``.

    Returns
    -------
    ScoreSwitchingResult

    Raises
    ------
    InputError
        If the shapes disagree, values or weights are not finite, weights are negative or do
        not sum to 1, ids repeat, a slope is zero or infinite, ``value_lo`` is not below
        ``value_hi``, ``closest`` is negative, or there are fewer than two options.

    References
    ----------
    HM Treasury (2022). *The Green Book*, section on switching values.
    Triantaphyllou, E. and Sánchez, A. (1997). *Decision Sciences* 28(1), 151-194 (the
    performance-measure thresholds of the weighted sum model).

    Examples
    --------
    >>> V = np.array([[100.0, 50.0], [75.0, 25.0]])
    >>> r = score_switching(V, np.array([0.5, 0.5]), options=["A", "B"], criteria=["x", "y"],
    ...                     slope=np.array([25.0, 25.0]))
    >>> r.top, r.margin, r.change.tolist()
    ('A', 25.0, [[-2.0, -2.0], [2.0, 2.0]])
    >>> c = r.cell("B", "x")
    >>> c.new_value, c.on_scale
    (125.0, False)
    """
    V, w, opts, crits = as_inputs(V, w, options, criteria)
    try:
        sl = np.array(slope, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"slope: expected numbers, got {slope!r}.") from None
    if sl.shape != w.shape or np.any(np.isinf(sl)) or np.any(sl == 0):
        raise InputError(
            f"slope: expected {w.size} finite, non-zero value points per unit (one per "
            f"criterion; NaN where there is none), got {sl.tolist()}."
        )
    for name, bound in (("value_lo", value_lo), ("value_hi", value_hi)):
        if isinstance(bound, bool) or not isinstance(bound, int | float | np.number):
            raise InputError(f"{name}: expected a number, got {bound!r}.")
        if not np.isfinite(float(bound)):
            raise InputError(f"{name}: expected a finite number, got {bound!r}.")
    if not float(value_lo) < float(value_hi):
        raise InputError(
            f"value_lo, value_hi: the value scale must run upwards, got {value_lo!r} to "
            f"{value_hi!r}."
        )
    if isinstance(closest, bool) or not isinstance(closest, int | np.integer) or closest < 0:
        raise InputError(f"closest: expected a whole number of cells, 0 or more, got {closest!r}.")
    S = weighted_sum(V, w)
    top, runner_up, _ = top_two(S)
    best_other = np.where(np.arange(S.size) == top, S[runner_up], S[top])
    need = best_other - S  # (m,): change of overall score that makes a tie
    with np.errstate(divide="ignore", invalid="ignore"):
        dv = np.where(w[None, :] > 0, need[:, None] / w[None, :], np.nan)
    new = V + dv
    on = np.isfinite(dv) & (new >= value_lo - _ON_SCALE_TOL) & (new <= value_hi + _ON_SCALE_TOL)
    change = dv / sl[None, :]
    pairs = [(i, j) for i in (top, runner_up) for j in range(w.size) if np.isfinite(dv[i, j])]
    pairs.sort(key=lambda ij: (not bool(on[ij]), abs(float(dv[ij])), ij[0] != top, ij[1]))
    return ScoreSwitchingResult(
        options=opts,
        criteria=crits,
        weights=w,
        scores=S,
        top=opts[top],
        runner_up=opts[runner_up],
        margin=max(float(S[top] - S[runner_up]), 0.0),
        values=V,
        value_change=dv,
        change=change,
        on_scale=on,
        closest=tuple(
            _cell(opts, crits, (V, dv, change, on), i, j) for i, j in pairs[: int(closest)]
        ),
    )
