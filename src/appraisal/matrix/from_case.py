"""From a validated appraisal to the plain arrays the numeric core works on.

Sensitivity and SMAA take the options that pass every gate, the value matrix ``V`` of those
options, a weight vector, and per-criterion facts about the scales: how many value points one
unit (or one level) of a criterion's own score is worth, and each cell's uncertainty range on the
value scale.

This is the one place where the analyses' arrays are cut, so two rules hold for all of them:

- only the options that pass every gate, screened once on their recorded scores;
- only the criteria that count in the ranking: a criterion with ``weighted: false`` (a gate-only
  or information-only criterion) is left out of ``V``, ``w`` and every per-criterion array, so no
  analysis gives it weight, sweeps it, samples a weight for it or perturbs its scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from appraisal.errors import InternalError
from appraisal.model import OrdinalScale
from appraisal.validation.checks import resolve_score

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["Prepared", "prepare"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Prepared:
    """Arrays for the numeric core: options that pass every gate, criteria that are weighted.

    ``k`` below is the number of weighted criteria (``weighted: true``), in file order.

    Attributes
    ----------
    V : ndarray, shape (m, k)
        Values on 0..100.
    w : ndarray, shape (k,)
        Normalised weights (sum to 1 over the weighted criteria).
    weight_set : str
    options, criteria : tuple of str
        The gate-passing options and the weighted criteria.
    slope : ndarray, shape (k,)
        Value points per unit of each criterion's own score (negative for cost criteria); NaN
        for piecewise value functions, which have no single slope.
    level_step : ndarray, shape (k,)
        Value points of one level on ordinal scales; 10 points (a tenth of the value scale)
        on numeric ones.
    value_low, value_high : ndarray, shape (m, k)
        Each cell's uncertainty range on the value scale (equal to ``V`` where no ``range``).
    level_down, level_up : ndarray, shape (m, k)
        Each cell's value with its score one level lower and one level higher on its own scale
        (the neighbouring level of an ordinal scale, however unevenly the levels are spaced;
        10 value points on a numeric scale), clipped to 0..100. On a cost criterion the level
        below has the higher value.
    cost : ndarray of bool, shape (k,)
        True for cost criteria (a higher score is worse, so one level up lowers the value).
    screened_out : tuple of (str, str)
    unweighted : tuple of str
        The criteria left out because they have ``weighted: false``.
    """

    V: FloatArray
    w: FloatArray
    weight_set: str
    options: tuple[str, ...]
    criteria: tuple[str, ...]
    slope: FloatArray
    level_step: FloatArray
    value_low: FloatArray
    value_high: FloatArray
    level_down: FloatArray
    level_up: FloatArray
    cost: BoolArray
    screened_out: tuple[tuple[str, str], ...]
    unweighted: tuple[str, ...] = ()


def _value_of(appraisal: Appraisal, j: int, raw: float) -> float | None:
    """The value of a raw score on criterion j, or None for local anchors (use the slope)."""
    from appraisal.matrix.case_values import _column_values

    crit = appraisal.criteria[j]
    scale = appraisal.scales[crit.scale]
    if not isinstance(scale, OrdinalScale) and scale.anchors == "local":
        return None
    return float(_column_values(np.array([raw], dtype=np.float64), crit, scale)[0])


def _level_neighbours(
    appraisal: Appraisal, V: FloatArray, raw: FloatArray, signed_step: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Each cell's value one level down and one level up its own scale, clipped to 0..100.

    A scored cell on an ordinal scale moves to the neighbouring level (staying put at either
    end), valued by :mod:`appraisal.values`; any other cell moves by ``signed_step`` value points
    per level (negative on a cost criterion).
    """
    from appraisal.matrix.case_values import _column_values

    down = np.clip(V - signed_step, 0.0, 100.0)
    up = np.clip(V + signed_step, 0.0, 100.0)
    for j, crit in enumerate(appraisal.criteria):
        scale = appraisal.scales[crit.scale]
        if not isinstance(scale, OrdinalScale):
            continue
        levels = np.array(sorted(scale.values), dtype=np.float64)
        scored = ~np.isnan(raw[:, j])
        at = np.searchsorted(levels, raw[scored, j])
        below = levels[np.maximum(at - 1, 0)]
        above = levels[np.minimum(at + 1, levels.size - 1)]
        down[scored, j] = np.clip(_column_values(below, crit, scale), 0.0, 100.0)
        up[scored, j] = np.clip(_column_values(above, crit, scale), 0.0, 100.0)
    return down, up


def _global_anchors(crit_id: str, scale: Any) -> tuple[float, float]:
    """A global linear scale's ``(min, max)``; both are required at load (0 is a valid anchor)."""
    if scale.min is None or scale.max is None:  # pragma: no cover - rejected at load
        raise InternalError(f"criterion {crit_id!r}: a global linear scale without min and max.")
    return float(scale.min), float(scale.max)


def prepare(appraisal: Appraisal, weights: Any = None) -> Prepared:
    """Gate-passing options' values on the weighted criteria, the weights, and scale facts.

    Raises
    ------
    InputError
        When ``weights`` gives weight to a criterion with ``weighted: false``, or every option
        fails a gate.

    Examples
    --------
    >>> import appraisal
    >>> p = prepare(appraisal.load("."))
    >>> p.V.shape, float(p.slope[0]), float(p.level_step[0]), p.unweighted
    ((5, 19), 25.0, 25.0, ())
    """
    from appraisal.matrix.case_values import raw_matrix, value_matrix
    from appraisal.matrix.screening import passing
    from appraisal.weighting import resolve

    name, w_all = resolve(appraisal, weights)
    cols = np.array([c.weighted for c in appraisal.criteria], dtype=bool)
    ids = appraisal.criterion_ids
    screened, keep = passing(appraisal, "analyse")
    V_all = value_matrix(appraisal)
    raw_all, _ = raw_matrix(appraisal)
    k = len(appraisal.criteria)
    slope = np.zeros(k)
    step = np.zeros(k)
    for j, crit in enumerate(appraisal.criteria):
        scale = appraisal.scales[crit.scale]
        sign = -1.0 if crit.direction == "cost" else 1.0
        if isinstance(scale, OrdinalScale):
            values = sorted(scale.values)
            span = float(values[-1] - values[0])
            slope[j] = sign * 100.0 / span
            step[j] = 100.0 / (len(values) - 1)
        else:
            vf = scale.value_function
            if vf.type == "piecewise":
                slope[j] = np.nan  # no single slope: changes are reported in value points
            else:
                if scale.anchors == "local":
                    col = raw_all[:, j][~np.isnan(raw_all[:, j])]
                    lo, hi = (float(col.min()), float(col.max())) if col.size else (0.0, 0.0)
                else:
                    lo, hi = _global_anchors(crit.id, scale)
                # no spread between the anchors: no own-unit slope (reported in value points)
                slope[j] = sign * 100.0 / (hi - lo) if hi > lo else np.nan
            step[j] = 10.0
    low = V_all.copy()
    high = V_all.copy()
    for i, option in enumerate(appraisal.options):
        for j, crit in enumerate(appraisal.criteria):
            cell = option.scores[crit.id]
            if cell.range is None or cell.score is None:
                continue
            scale = appraisal.scales[crit.scale]
            ends = []
            for end in cell.range:
                x = resolve_score(end, scale)[0]
                if x is None:  # pragma: no cover - rejected at load
                    continue
                exact = _value_of(appraisal, j, float(x))
                ends.append(  # local anchors are linear, so the slope is exact there
                    exact if exact is not None else V_all[i, j] + slope[j] * (x - raw_all[i, j])
                )
            if len(ends) == 2:
                low[i, j] = float(np.clip(min(ends), 0.0, 100.0))
                high[i, j] = float(np.clip(max(ends), 0.0, 100.0))
    cost = np.array([c.direction == "cost" for c in appraisal.criteria], dtype=bool)
    down, up = _level_neighbours(appraisal, V_all, raw_all, np.where(cost, -step, step))
    rows = np.flatnonzero(keep)
    return Prepared(
        V=V_all[np.ix_(rows, cols)],
        w=np.array(w_all[cols], dtype=np.float64),
        weight_set=name,
        options=tuple(appraisal.options[i].id for i in rows),
        criteria=tuple(c for c, used in zip(ids, cols, strict=True) if used),
        slope=slope[cols],
        level_step=step[cols],
        value_low=low[np.ix_(rows, cols)],
        value_high=high[np.ix_(rows, cols)],
        level_down=down[np.ix_(rows, cols)],
        level_up=up[np.ix_(rows, cols)],
        cost=cost[cols],
        screened_out=screened,
        unweighted=tuple(c for c, used in zip(ids, cols, strict=True) if not used),
    )
