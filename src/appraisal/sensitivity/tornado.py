"""Tornado analysis: each weight and score nudged both ways, ranked by the effect on the margin.

The result objects and the wording of "low" and "high" are in
:mod:`appraisal.sensitivity.tornado_result`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from appraisal.core.aggregate import TIE_TOLERANCE, weighted_sum
from appraisal.errors import InputError
from appraisal.sensitivity.common import FloatArray, as_inputs, top_two
from appraisal.sensitivity.tornado_result import (
    TornadoEntry,
    TornadoResult,
    TornadoSide,
    entry_label,
    side_meanings,
)

__all__ = [
    "TornadoEntry",
    "TornadoResult",
    "TornadoSide",
    "entry_label",
    "side_meanings",
    "tornado",
]


def _margins(S: FloatArray, top: int) -> tuple[FloatArray, FloatArray]:
    """Margin of option ``top`` over the best other, and the best other, for rows of scores."""
    others = S.copy()
    others[..., top] = -np.inf
    best = np.argmax(others, axis=-1)
    return S[..., top] - np.take_along_axis(S, best[..., None], -1)[..., 0], best


def _check_level_values(level_values: Any, V: FloatArray) -> FloatArray:
    """The (2, m, k) stack of the cells' values one level down and up, after checking it."""
    try:
        down, up = level_values
        new = np.stack([np.array(down, dtype=np.float64), np.array(up, dtype=np.float64)])
    except (TypeError, ValueError):
        raise InputError(
            f"level_values: expected two {V.shape} matrices (one level down, one level up), "
            f"got {type(level_values).__name__}."
        ) from None
    if new.shape != (2, *V.shape) or not np.all(np.isfinite(new)):
        raise InputError(
            f"level_values: expected two {V.shape} matrices of finite values (one level down, "
            f"one level up), got shape {new.shape[1:]} with "
            f"{int(np.sum(~np.isfinite(new)))} non-finite values."
        )
    return new


def tornado(
    V: FloatArray,
    w: FloatArray,
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    weight_change: float = 0.2,
    level_step: FloatArray | None = None,
    level_values: tuple[FloatArray, FloatArray] | None = None,
) -> TornadoResult:
    r"""Each weight and each score nudged down and up; the effect on every score and on the margin.

    A weight nudge sets :math:`w_k \leftarrow w_k (1 \pm x)` and renormalises all weights to sum
    to 1. A score nudge moves one cell's score one level down ("low") or up ("high") its own
    scale, i.e. its value to :math:`V_{ik} \mp \ell_k` clipped to 0..100, with :math:`\ell_k`
    negative for a cost criterion (a lower score is then a higher value). The margin is the
    current top option's score minus the best other score; entries are sorted by the larger
    absolute change of the margin of their two nudges.

    Parameters
    ----------
    V : ndarray, shape (m, k)
    w : ndarray, shape (k,)
    options, criteria : sequence of str
    weight_change : float, default 0.2
        The relative change :math:`x` of each weight, strictly between 0 and 1.
    level_step : ndarray, shape (k,), optional
        The change of value when a score moves one level up its own scale: 25 on a 1-5 benefit
        scale, -25 on a 1-5 cost scale. NaN or 0 leaves a criterion's scores out; None leaves
        out every score.
    level_values : tuple of two ndarrays, shape (m, k), optional
        Instead of ``level_step``: each cell's value with its score one level lower and one
        level higher on its own scale (for ordinal scales whose levels are not evenly spaced;
        see :func:`appraisal.matrix.from_case.prepare`). Every cell is then nudged.

    Returns
    -------
    TornadoResult

    Raises
    ------
    InputError
        If the shapes disagree, values or weights are not finite, weights are negative or do
        not sum to 1, ids repeat, ``weight_change`` is not strictly between 0 and 1, a level
        step is infinite, or there are fewer than two options.

    References
    ----------
    Eschenbach, T. G. (1992). Spiderplots versus tornado diagrams for sensitivity analysis.
    *Interfaces* 22(6), 40-46.

    Examples
    --------
    >>> V = np.array([[100.0, 25.0], [50.0, 50.0], [0.0, 100.0]])
    >>> r = tornado(V, np.array([0.5, 0.5]), options=["A", "B", "C"], criteria=["x", "y"],
    ...             level_step=np.array([25.0, 25.0]))
    >>> r.top, r.runner_up, r.margin
    ('A', 'B', 12.5)
    >>> [(e.label, round(e.low.margin_change, 2), round(e.high.margin_change, 2))
    ...  for e in r.entries if e.kind == "weight"]
    [('Weight of x', -9.72, 3.41), ('Weight of y', 4.17, -7.95)]
    >>> e = r.entries[0]
    >>> e.label, e.low.input, e.low.margin
    ('x (A)', 75.0, 0.0)

    On a cost criterion "low" (one level lower, so better) raises the value:

    >>> r = tornado(V, np.array([0.5, 0.5]), options=["A", "B", "C"], criteria=["x", "y"],
    ...             level_step=np.array([-25.0, 25.0]))
    >>> e = next(e for e in r.entries if e.label == "x (B)")
    >>> e.low.input, e.high.input
    (75.0, 25.0)
    """
    V, w, opts, crits = as_inputs(V, w, options, criteria)
    if (
        isinstance(weight_change, bool)
        or not isinstance(weight_change, int | float | np.number)
        or not 0.0 < float(weight_change) < 1.0
    ):
        raise InputError(
            f"weight_change: expected a fraction strictly between 0 and 1, got {weight_change!r}."
        )
    try:
        steps = np.zeros(w.size) if level_step is None else np.array(level_step, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"level_step: expected numbers, got {level_step!r}.") from None
    if steps.shape != w.shape or np.any(np.isinf(steps)):
        raise InputError(
            f"level_step: expected {w.size} finite value changes per level (one per criterion; "
            f"negative for a cost criterion, NaN or 0 to skip one), got {steps.tolist()}."
        )
    steps = np.where(np.isnan(steps), 0.0, steps)
    new = np.stack([np.clip(V - steps, 0.0, 100.0), np.clip(V + steps, 0.0, 100.0)])
    if level_values is not None:
        if level_step is not None:
            raise InputError("level_step, level_values: give one of them, not both.")
        new = _check_level_values(level_values, V)
        steps = np.ones(w.size)  # every criterion's cells are nudged
    tol = TIE_TOLERANCE
    S = weighted_sum(V, w)
    top, runner_up, _ = top_two(S)
    margin = float(S[top] - S[runner_up])
    k, m = w.size, S.size
    entries: list[tuple[tuple[float, int, int, int], TornadoEntry]] = []

    # weights: (2, k, k) weight vectors -> (2, k, m) scores
    factors = np.array([1.0 - weight_change, 1.0 + weight_change])
    Wn = np.tile(w, (2, k, 1))
    idx = np.arange(k)
    Wn[:, idx, idx] *= factors[:, None]
    Wn /= Wn.sum(axis=-1, keepdims=True)
    Sn = Wn @ V.T
    wm, wbest = _margins(Sn, top)
    wtop = np.where(wm >= -tol, top, wbest)
    for j in range(k):
        sides = [
            TornadoSide(
                input=float(Wn[s, j, j]),
                margin=float(wm[s, j]),
                margin_change=float(wm[s, j]) - margin,
                top=opts[int(wtop[s, j])],
                score_changes=tuple((o, float(x)) for o, x in zip(opts, Sn[s, j] - S, strict=True)),
            )
            for s in (0, 1)
        ]
        e = TornadoEntry("weight", crits[j], None, sides[0], sides[1])
        entries.append(((-e.size, 0, j, -1), e))

    # scores: each cell one level down / up its own scale, values clipped to 0..100
    ds = (new - V) * w  # (2, m, k): change of the cell's option's overall score
    rest = S.copy()
    rest[top] = -np.inf
    order = np.argsort(-rest, kind="stable")
    second_best = np.full(m, S[runner_up])  # the best option other than the top and i
    second_best[runner_up] = S[order[1]] if m > 2 else -np.inf
    is_top = (np.arange(m) == top)[None, :, None]
    cm = np.where(
        is_top,
        margin + ds,
        S[top] - np.maximum(S[None, :, None] + ds, second_best[None, :, None]),
    )
    ctop = np.where(cm >= -tol, top, np.where(is_top, runner_up, np.arange(m)[None, :, None]))
    scored = [int(j) for j in np.flatnonzero(steps != 0)]
    for i in range(m):
        for j in scored:
            sides = [
                TornadoSide(
                    input=float(new[s, i, j]),
                    margin=float(cm[s, i, j]),
                    margin_change=float(cm[s, i, j]) - margin,
                    top=opts[int(ctop[s, i, j])],
                    score_changes=((opts[i], float(ds[s, i, j])),),
                )
                for s in (0, 1)
            ]
            e = TornadoEntry("score", crits[j], opts[i], sides[0], sides[1])
            entries.append(((-e.size, 1, j, i), e))
    entries.sort(key=lambda pair: pair[0])
    return TornadoResult(
        options=opts,
        criteria=crits,
        weights=w,
        scores=S,
        top=opts[top],
        runner_up=opts[runner_up],
        margin=margin,
        weight_change=float(weight_change),
        entries=tuple(e for _, e in entries),
    )
