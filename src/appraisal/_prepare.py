"""From a validated appraisal to the plain arrays the numeric core works on.

Sensitivity and SMAA take the options that pass every gate, the value matrix ``V`` of those
options, a weight vector, and per-criterion facts about the scales: how many value points one
unit (or one level) of a criterion's own score is worth, and each cell's uncertainty range on the
value scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._checks import resolve_score
from .model import OrdinalScale

if TYPE_CHECKING:
    from .model import Appraisal

__all__ = ["Prepared", "prepare"]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Prepared:
    """Arrays for the numeric core (options that pass every gate only).

    Attributes
    ----------
    V : ndarray, shape (m, k)
        Values on 0..100.
    w : ndarray, shape (k,)
        Normalised weights.
    weight_set : str
    options, criteria : tuple of str
    slope : ndarray, shape (k,)
        Value points per unit of each criterion's own score (negative for cost criteria); NaN
        for piecewise value functions, which have no single slope.
    level_step : ndarray, shape (k,)
        Value points of one level on ordinal scales; 10 points (a tenth of the value scale)
        on numeric ones.
    value_low, value_high : ndarray, shape (m, k)
        Each cell's uncertainty range on the value scale (equal to ``V`` where no ``range``).
    screened_out : tuple of (str, str)
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
    screened_out: tuple[tuple[str, str], ...]


def _value_of(appraisal: Appraisal, j: int, raw: float) -> float | None:
    """The value of a raw score on criterion j, or None for local anchors (use the slope)."""
    from .values import _column_values

    crit = appraisal.criteria[j]
    scale = appraisal.scales[crit.scale]
    if not isinstance(scale, OrdinalScale) and scale.anchors == "local":
        return None
    return float(_column_values(np.array([raw], dtype=np.float64), crit, scale)[0])


def prepare(appraisal: Appraisal, weights: Any = None) -> Prepared:
    """Gate-passing options' values, the weights asked for, and per-criterion scale facts.

    Examples
    --------
    >>> import appraisal
    >>> p = prepare(appraisal.load("."))
    >>> p.V.shape, float(p.slope[0]), float(p.level_step[0])
    ((5, 19), 25.0, 25.0)
    """
    from .rank import passing, resolve
    from .values import raw_matrix, value_matrix

    name, w = resolve(appraisal, weights)
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
                    lo, hi = (float(col.min()), float(col.max())) if col.size else (0.0, 1.0)
                else:
                    lo, hi = float(scale.min or 0.0), float(scale.max or 1.0)
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
    return Prepared(
        V=V_all[keep],
        w=w,
        weight_set=name,
        options=tuple(o.id for o, k_ in zip(appraisal.options, keep, strict=True) if k_),
        criteria=appraisal.criterion_ids,
        slope=slope,
        level_step=step,
        value_low=low[keep],
        value_high=high[keep],
        screened_out=screened,
    )
