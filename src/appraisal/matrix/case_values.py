"""From a validated case's scores to values: the case-facing half of :mod:`appraisal.core.values`.

Labels are resolved to their level's number, each criterion's value function maps the scores to
0..100 (higher always better), and cells marked ``not_scored`` get 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from appraisal.core.values import linear_values, piecewise_values
from appraisal.errors import InputError, InternalError
from appraisal.model import Criterion, NumericScale, OrdinalScale
from appraisal.validation.checks import resolve_score

if TYPE_CHECKING:
    from appraisal.model import CaseData as Appraisal

__all__ = ["raw_matrix", "value_matrix", "values_from_raw"]

FloatArray = NDArray[np.float64]


def _g(x: float) -> str:
    return f"{x:g}"


def raw_matrix(appraisal: Appraisal) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Scores as numbers (labels resolved), and a mask of cells that are scored.

    Returns
    -------
    raw : ndarray, shape (m, k)
        Each cell's score on its own scale; NaN where the option says ``not_scored``.
    scored : ndarray of bool, shape (m, k)
    """
    m, k = len(appraisal.options), len(appraisal.criteria)
    raw = np.full((m, k), np.nan)
    seen: dict[tuple[str, type, object], float] = {}  # scores repeat: resolve each once
    for i, option in enumerate(appraisal.options):
        for j, crit in enumerate(appraisal.criteria):
            score = option.scores[crit.id].score
            if score is None:
                continue
            key = (crit.scale, type(score), score)
            value = seen.get(key)
            if value is None:
                found, why = resolve_score(score, appraisal.scales[crit.scale])
                if found is None:  # pragma: no cover - rejected when the appraisal was built
                    raise InputError(f"{option.id}.{crit.id}: {why}.")
                value = seen[key] = float(found)
            raw[i, j] = value
    return raw, ~np.isnan(raw)


def _column_values(
    raw: FloatArray, crit: Criterion, scale: OrdinalScale | NumericScale
) -> FloatArray:
    """Values of one criterion's scored cells (NaN stays NaN, for cells not scored)."""
    out = np.full(raw.shape, np.nan)
    ok = ~np.isnan(raw)
    x = raw[ok]
    if x.size == 0:
        return out
    cost = crit.direction == "cost"
    if isinstance(scale, OrdinalScale):
        lo, hi = min(scale.values), max(scale.values)
        out[ok] = linear_values(x, hi if cost else lo, lo if cost else hi)
        return out
    if scale.value_function.type == "piecewise":
        out[ok] = piecewise_values(x, np.array(scale.value_function.points, dtype=np.float64))
        return out
    if scale.anchors == "local":
        lo, hi = float(x.min()), float(x.max())
        if lo == hi:  # every option scores the same: no difference to value
            out[ok] = 100.0
            return out
    elif scale.min is None or scale.max is None:  # pragma: no cover - rejected at load
        raise InternalError(f"{crit.id}: a numeric scale with global anchors lacks min or max.")
    else:
        lo, hi = float(scale.min), float(scale.max)  # 0 is a number: never `or` a default
    values = linear_values(x, hi if cost else lo, lo if cost else hi)
    out[ok] = np.clip(values, 0.0, 100.0) if scale.clamp else values
    return out


def value_matrix(appraisal: Appraisal) -> FloatArray:
    """The value matrix ``V`` (options x criteria) on 0..100, higher always better.

    Cells marked ``not_scored`` get 0, the worst value (load reports a warning for each).

    Examples
    --------
    >>> import appraisal
    >>> V = value_matrix(appraisal.load("."))
    >>> V.shape, float(V.min()), float(V.max())
    ((5, 19), 0.0, 100.0)
    """
    raw, scored = raw_matrix(appraisal)
    return values_from_raw(appraisal, raw, scored)


def values_from_raw(appraisal: Appraisal, raw: FloatArray, scored: NDArray[np.bool_]) -> FloatArray:
    """:func:`value_matrix` from a :func:`raw_matrix` already computed.

    Raises
    ------
    InputError
        A value that is not finite (a score so far beyond its anchors that the value
        overflows), naming the option and criterion, so that no NaN or infinity is ranked.
    """
    V = np.empty_like(raw)
    for j, crit in enumerate(appraisal.criteria):
        V[:, j] = _column_values(raw[:, j], crit, appraisal.scales[crit.scale])
    V[~scored] = 0.0
    bad = np.argwhere(~np.isfinite(V))
    if bad.size:
        cells = [
            f"{appraisal.options[i].id}.{appraisal.criteria[j].id} (score {_g(raw[i, j])})"
            for i, j in bad[:10]
        ]
        more = f" ({len(bad)} cells in all)" if len(bad) > 10 else ""
        raise InputError(
            f"scores too far beyond their scale's anchors to give a finite value: "
            f"{', '.join(cells)}{more}; check the scores and the scale's min and max."
        )
    return V
