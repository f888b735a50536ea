"""Result objects of the tornado analysis, and the one wording of "low" and "high".

"low" and "high" name the same thing everywhere (the text table, the JSON, the plot's legend and
the reports): **low** is the input set lower (a weight cut by the relative change, a score one
level lower on its own scale), **high** the input set higher. On a cost criterion a lower score
is a better one, so its "low" raises the cell's value; :func:`side_meanings` words this once
for every renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from appraisal._figures import entry_label, side_meanings
from appraisal._table import text_table
from appraisal.sensitivity.common import FloatArray

__all__ = [
    "TornadoEntry",
    "TornadoResult",
    "TornadoSide",
    "entry_label",
    "side_meanings",
]


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
        from appraisal._extras import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None, limit: int | None = 15) -> Any:
        """Tornado bars of the top option's margin (needs the ``plot`` extra)."""
        from appraisal.plot import plot_tornado

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
