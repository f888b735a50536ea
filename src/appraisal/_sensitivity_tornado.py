"""Tornado analysis: each weight and score nudged both ways, ranked by the effect on the margin.

"low" and "high" name the same thing everywhere (the text table, the JSON, the plot's legend and
the reports): **low** is the input set lower (a weight cut by the relative change, a score one
level lower on its own scale), **high** the input set higher. On a cost criterion a lower score
is a better one, so its "low" raises the cell's value; :func:`side_meanings` words this once
for every renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._sensitivity_common import FloatArray, as_inputs, top_two
from ._table import text_table
from .aggregate import TIE_TOLERANCE, weighted_sum
from .errors import InputError

__all__ = [
    "TornadoEntry",
    "TornadoResult",
    "TornadoSide",
    "entry_label",
    "side_meanings",
    "tornado",
]


def side_meanings(weight_change: float) -> tuple[str, str]:
    """What "low" and "high" mean, worded once for the text table and the plot's legend.

    Examples
    --------
    >>> side_meanings(0.2)
    ('low: weight -20%, score 1 level lower', 'high: weight +20%, score 1 level higher')
    """
    pct = f"{100 * weight_change:g}%"
    return (
        f"low: weight -{pct}, score 1 level lower",
        f"high: weight +{pct}, score 1 level higher",
    )


def entry_label(criterion: str, option: str | None) -> str:
    """A tornado bar's label: ``"Weight of <criterion>"`` or ``"<criterion> (<option>)"``.

    The same wording as the reports' (:func:`appraisal.report._sections.normalise_tornado`),
    which put names in place of ids.

    Examples
    --------
    >>> entry_label("cost", None), entry_label("cost", "north-site")
    ('Weight of cost', 'cost (north-site)')
    """
    return f"Weight of {criterion}" if option is None else f"{criterion} ({option})"


@dataclass(frozen=True)
class TornadoSide:
    """What one nudge (down or up) does.

    Attributes
    ----------
    input : float
        The new weight of the criterion (weight entries) or the new value of the cell (score
        entries, after clipping to 0..100; on a cost criterion the "low" side, one level lower
        on the scale, has the higher value).
    margin : float
        The original top option's score minus the best other score afterwards (negative when it
        has been overtaken).
    margin_change : float
        ``margin`` minus the original margin.
    top : str
        The top option afterwards (the original top when still tied first).
    score_changes : tuple of (str, float)
        The change of every option's score that moves (all options for a weight; the one option
        for a score).
    """

    input: float
    margin: float
    margin_change: float
    top: str
    score_changes: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"input", "margin", "margin_change", "top", "score_changes": {option: change}}``."""
        return {
            "input": self.input,
            "margin": self.margin,
            "margin_change": self.margin_change,
            "top": self.top,
            "score_changes": dict(self.score_changes),
        }


@dataclass(frozen=True)
class TornadoEntry:
    """One bar of the tornado: a weight (``option`` is None) or a cell nudged down and up.

    ``low`` is the weight lowered or the score one level lower on its own scale; ``high`` the
    weight raised or the score one level higher.
    """

    kind: str
    criterion: str
    option: str | None
    low: TornadoSide
    high: TornadoSide

    @property
    def size(self) -> float:
        """The larger absolute change of the top option's margin of the two nudges."""
        return max(abs(self.low.margin_change), abs(self.high.margin_change))

    @property
    def label(self) -> str:
        """``"Weight of <criterion>"`` or ``"<criterion> (<option>)"`` (see :func:`entry_label`)."""
        return entry_label(self.criterion, self.option)

    def to_dict(self) -> dict[str, Any]:
        """``{"kind", "criterion", "option", "label", "low": {...}, "high": {...}, "size"}``."""
        return {
            "kind": self.kind,
            "criterion": self.criterion,
            "option": self.option,
            "label": self.label,
            "low": self.low.to_dict(),
            "high": self.high.to_dict(),
            "size": self.size,
        }


@dataclass(frozen=True, eq=False)
class TornadoResult:
    """Tornado analysis of the top option's margin (see :func:`tornado`).

    Attributes
    ----------
    options, criteria : tuple of str
    weights : ndarray, shape (k,)
    scores : ndarray, shape (m,)
    top, runner_up : str
    margin : float
    weight_change : float
    entries : tuple of TornadoEntry
        Largest effect on the margin first.
    """

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    scores: FloatArray
    top: str
    runner_up: str
    margin: float
    weight_change: float
    entries: tuple[TornadoEntry, ...]

    def __post_init__(self) -> None:
        self.weights.setflags(write=False)
        self.scores.setflags(write=False)

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .report.frames import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None, limit: int | None = 15) -> Any:
        """Tornado bars of the top option's margin (needs the ``plot`` extra)."""
        from .report.plot import plot_tornado

        return plot_tornado(self.to_dict(), ax=ax, limit=limit)

    def to_dict(self) -> dict[str, Any]:
        """``{"weights", "scores", "top", "runner_up", "margin", "weight_change", "entries"}``."""
        return {
            "weights": {c: float(x) for c, x in zip(self.criteria, self.weights, strict=True)},
            "scores": {o: float(s) for o, s in zip(self.options, self.scores, strict=True)},
            "top": self.top,
            "runner_up": self.runner_up,
            "margin": self.margin,
            "weight_change": self.weight_change,
            "entries": [e.to_dict() for e in self.entries],
        }

    def to_text(self, limit: int | None = None) -> str:
        """A table of the entries (the first ``limit`` of them; all by default)."""
        low, high = side_meanings(self.weight_change)
        head = [
            f"top: {self.top}; runner-up: {self.runner_up}; margin {self.margin:.2f}",
            f"{low}; {high}",
            "(weights renormalised; a level is 10 value points on a numeric scale; values "
            "clipped to 0-100)",
            f"columns low and high: change of {self.top}'s margin over the best other option",
            "",
        ]
        rows: list[list[str | float | None]] = []
        for e in self.entries[:limit]:
            flips = [s.top for s in (e.low, e.high) if s.top != self.top]
            rows.append(
                [e.label, e.low.margin_change, e.high.margin_change, ", ".join(flips) or None]
            )
        table = text_table(["input", "low", "high", "new top"], rows)
        return "\n".join([*head, table])

    def __str__(self) -> str:
        return self.to_text()


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
        see :func:`appraisal._prepare.prepare`). Every cell is then nudged.

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
