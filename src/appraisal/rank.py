"""Ranks with ties, Pareto dominance and per-criterion contributions.

Kernels work on plain arrays (``V`` options x criteria, ``w`` criteria, ``s`` options); the
:class:`Ranking` result ties them to ids and names and renders them as text, JSON, CSV,
Markdown and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._table import csv_table, html_table, markdown_table, text_table
from .aggregate import TIE_TOLERANCE, weighted_sum

if TYPE_CHECKING:
    from .model import Appraisal

__all__ = ["Ranking", "competition_ranks", "dominance", "rank_appraisal"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def competition_ranks(scores: FloatArray, tol: float = TIE_TOLERANCE) -> IntArray:
    """Standard competition ranks ("1224"): 1 + the number of options scoring strictly higher.

    Scores within ``tol`` of each other are tied.

    Parameters
    ----------
    scores : ndarray, shape (m,)
    tol : float, default 1e-9

    Returns
    -------
    ndarray of int, shape (m,)

    Examples
    --------
    >>> import numpy as np
    >>> competition_ranks(np.array([70.0, 80.0, 70.0 + 1e-12, 10.0]))
    array([2, 1, 2, 4])
    """
    s = np.asarray(scores, dtype=np.float64)
    ordered = np.sort(s)
    higher = s.size - np.searchsorted(ordered, s + tol, side="right")
    return np.asarray(higher + 1, dtype=np.int64)


def dominance(V: FloatArray, tol: float = TIE_TOLERANCE) -> BoolArray:
    """Pareto dominance: ``D[i, j]`` is True when option i dominates option j.

    i dominates j when it is at least as good on every criterion and better on at least one
    (values are "higher is better" after :mod:`appraisal.values`).

    Parameters
    ----------
    V : ndarray, shape (m, k)

    Returns
    -------
    ndarray of bool, shape (m, m)

    Examples
    --------
    >>> import numpy as np
    >>> dominance(np.array([[100.0, 50.0], [50.0, 50.0], [0.0, 100.0]])).astype(int)
    array([[0, 1, 0],
           [0, 0, 0],
           [0, 0, 0]])
    """
    m = V.shape[0]
    D = np.zeros((m, m), dtype=bool)
    for i in range(m):
        diff = V[i] - V  # (m, k): i's advantage over each j
        D[i] = np.all(diff >= -tol, axis=1) & np.any(diff > tol, axis=1)
    return D


@dataclass(frozen=True, eq=False)
class Ranking:
    """Options ranked by the additive weighted-sum model.

    Arrays follow the appraisal's option order (rows) and criterion order (columns);
    :attr:`order` lists option indices by rank, then id.

    Attributes
    ----------
    title : str
    weight_set : str
        Name of the weights used (``"equal"``, a set's name, or ``"custom"``).
    options, names, criteria : tuple of str
    weights : ndarray, shape (k,)
        Normalised weights (sum to 1).
    values : ndarray, shape (m, k)
        Values on 0..100.
    scores : ndarray, shape (m,)
        Overall scores on 0..100.
    ranks : ndarray of int, shape (m,)
        Competition ranks; ties share a rank.
    totals : ndarray or None
        Unweighted sums of raw scores when all criteria share one scale and every cell is scored.
    contributions : ndarray, shape (m, k)
        ``weights * values``; each row sums to the option's score.
    dominated_by : tuple of tuple of str
        For each option, the options that Pareto-dominate it.
    warnings : tuple of str
    """

    title: str
    weight_set: str
    options: tuple[str, ...]
    names: tuple[str, ...]
    criteria: tuple[str, ...]
    weights: FloatArray
    values: FloatArray
    scores: FloatArray
    ranks: IntArray
    totals: FloatArray | None
    contributions: FloatArray
    dominated_by: tuple[tuple[str, ...], ...]
    warnings: tuple[str, ...] = ()
    screened_out: tuple[tuple[str, str], ...] = ()
    _order: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        order = sorted(
            range(len(self.options)), key=lambda i: (int(self.ranks[i]), self.options[i])
        )
        object.__setattr__(self, "_order", tuple(order))
        for arr in (self.weights, self.values, self.scores, self.ranks, self.contributions):
            arr.setflags(write=False)
        if self.totals is not None:
            self.totals.setflags(write=False)

    @property
    def order(self) -> tuple[int, ...]:
        """Option indices sorted by rank, then id."""
        return self._order

    @property
    def top(self) -> tuple[str, ...]:
        """The option(s) ranked first (more than one when tied)."""
        return tuple(self.options[i] for i in self._order if self.ranks[i] == 1)

    @property
    def ties(self) -> tuple[tuple[str, ...], ...]:
        """Groups of options sharing a rank."""
        groups: dict[int, list[str]] = {}
        for i in self._order:
            groups.setdefault(int(self.ranks[i]), []).append(self.options[i])
        return tuple(tuple(g) for g in groups.values() if len(g) > 1)

    def score_of(self, option: str) -> float:
        """The overall score of one option."""
        return float(self.scores[self.options.index(option)])

    def rank_of(self, option: str) -> int:
        """The rank of one option."""
        return int(self.ranks[self.options.index(option)])

    # --- rendering ------------------------------------------------------------------------
    def _rows(self) -> list[list[Any]]:
        rows: list[list[Any]] = []
        for i in self._order:
            total = None if self.totals is None else json_number(float(self.totals[i]))
            rows.append([int(self.ranks[i]), self.options[i], float(self.scores[i]), total])
        return rows

    def _headers(self) -> list[str]:
        return ["rank", "option", "score", "total"]

    def _notes(self) -> list[str]:
        notes = []
        dom = [(self.options[i], by) for i, by in enumerate(self.dominated_by) if by]
        for opt, by in dom:
            notes.append(f"{opt} is dominated by {', '.join(by)}")
        for tie in self.ties:
            notes.append(f"tied: {', '.join(tie)}")
        for opt, reason in self.screened_out:
            notes.append(f"screened out: {opt} ({reason})")
        return notes

    def to_text(self) -> str:
        """A readable fixed-width table with the weights used, dominance, ties and warnings."""
        k = len(self.criteria)
        used = int(np.count_nonzero(self.weights > 0))
        count = f"{k} criteria" if used == k else f"{used} of {k} criteria weighted"
        head = [self.title, f"weights: {self.weight_set} ({count}); scores on 0-100", ""]
        lines = [*head, text_table(self._headers(), self._rows())]
        lines += ["", *self._notes()] if self._notes() else []
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """The ranking as a Markdown table, with dominance and ties below it."""
        out = [markdown_table(self._headers(), self._rows())]
        out += [""] + [f"- {n}" for n in self._notes()] if self._notes() else []
        return "\n".join(out)

    def to_csv(self) -> str:
        """The ranking as CSV: rank, option, name, score, total."""
        rows = [
            [r[0], r[1], self.names[self.options.index(r[1])], r[2], r[3]] for r in self._rows()
        ]
        return csv_table(["rank", "option", "name", "score", "total"], rows)

    def _repr_html_(self) -> str:
        """The ranking as an HTML table for notebooks; every label is escaped."""
        caption = f"{self.title} — weights: {self.weight_set}"
        return html_table(self._headers(), self._rows(), caption=caption, notes=self._notes())

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from .report.frames import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Stacked contribution bars, one per option (needs the ``plot`` extra).

        Returns the matplotlib Axes (a new figure's when ``ax`` is None).
        """
        from .report.plot import plot_ranking

        contributions = {
            o: dict(zip(self.criteria, map(float, row), strict=True))
            for o, row in zip(self.options, self.contributions, strict=True)
        }
        return plot_ranking(self.to_dict(), contributions, ax=ax)

    def to_dict(self) -> dict[str, Any]:
        """The rank JSON contract.

        ``{"title", "weights": {criterion: w}, "ranking": [{"rank", "option", "name", "score",
        "total"}], "dominated": [{"option", "by": [...]}], "warnings": [...]}``, ranking sorted by
        rank then id; ``weight_set`` is added.
        """
        ranking = [
            {
                "rank": int(self.ranks[i]),
                "option": self.options[i],
                "name": self.names[i],
                "score": float(self.scores[i]),
                "total": None if self.totals is None else json_number(float(self.totals[i])),
            }
            for i in self._order
        ]
        dominated = [
            {"option": self.options[i], "by": list(self.dominated_by[i])}
            for i in self._order
            if self.dominated_by[i]
        ]
        return {
            "title": self.title,
            "weight_set": self.weight_set,
            "weights": {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)},
            "ranking": ranking,
            "dominated": dominated,
            "screened_out": [{"option": o, "reason": r} for o, r in self.screened_out],
            "warnings": list(self.warnings),
        }


def json_number(x: float) -> float | int:
    """A whole float as an int (``82.0`` -> ``82``) for JSON and tables; others unchanged."""
    return int(x) if float(x).is_integer() else x


def rank_values(
    V: FloatArray,
    w: FloatArray,
    *,
    options: tuple[str, ...],
    names: tuple[str, ...],
    criteria: tuple[str, ...],
    title: str = "",
    weight_set: str = "custom",
    totals: FloatArray | None = None,
    warnings: tuple[str, ...] = (),
    screened_out: tuple[tuple[str, str], ...] = (),
    weighted: BoolArray | None = None,
) -> Ranking:
    """Rank options from a value matrix and a weight vector (no validation)."""
    scores = weighted_sum(V, w)
    ranks = competition_ranks(scores)
    # dominance over the criteria that count in the ranking (gate-only criteria excluded)
    D = dominance(V if weighted is None else V[:, weighted])
    dominated_by = tuple(
        tuple(sorted(options[i] for i in np.flatnonzero(D[:, j]))) for j in range(len(options))
    )
    return Ranking(
        title=title,
        weight_set=weight_set,
        options=options,
        names=names,
        criteria=criteria,
        weights=np.array(w, dtype=np.float64),
        values=np.array(V, dtype=np.float64),
        scores=scores,
        ranks=ranks,
        totals=totals,
        contributions=V * w,
        dominated_by=dominated_by,
        warnings=warnings,
        screened_out=screened_out,
    )


def screen(appraisal: Appraisal) -> tuple[tuple[str, str], ...]:
    """Options failing a gate (must-pass criterion), with the reason, in option order."""
    from ._checks import _fmt, resolve_score
    from .values import raw_matrix

    raw, scored = raw_matrix(appraisal)
    out: list[tuple[str, str]] = []
    for i, option in enumerate(appraisal.options):
        reasons: list[str] = []
        for j, crit in enumerate(appraisal.criteria):
            gate = crit.gate
            if gate is None:
                continue
            scale = appraisal.scales[crit.scale]
            if not scored[i, j]:
                reasons.append(f"not scored on must-pass criterion {crit.id}")
                continue
            x = float(raw[i, j])
            lo = None if gate.min is None else resolve_score(gate.min, scale)[0]
            hi = None if gate.max is None else resolve_score(gate.max, scale)[0]

            def show(v: float, scale: Any = scale) -> str:
                level = scale.level_of(v) if hasattr(scale, "level_of") else None
                unit = f" {scale.unit}" if getattr(scale, "unit", None) else ""
                return f"{_fmt(v)} ({level.label})" if level else f"{_fmt(v)}{unit}"

            if lo is not None and x < lo:
                reasons.append(f"{crit.id} is {show(x)}, below the minimum {show(lo)}")
            if hi is not None and x > hi:
                reasons.append(f"{crit.id} is {show(x)}, above the maximum {show(hi)}")
        if reasons:
            out.append((option.id, "fails the gate: " + "; ".join(reasons)))
    return tuple(out)


def passing(appraisal: Appraisal, purpose: str) -> tuple[tuple[tuple[str, str], ...], BoolArray]:
    """The screened-out options with reasons, and a mask of the options that pass every gate.

    Raises
    ------
    InputError
        When no option passes (``purpose`` names what could then not be done).
    """
    from .errors import InputError

    screened = screen(appraisal)
    out = {o for o, _ in screened}
    keep = np.array([o.id not in out for o in appraisal.options], dtype=bool)
    if not keep.any():
        raise InputError(f"every option fails a must-pass criterion; nothing is left to {purpose}.")
    return screened, keep


def resolve(appraisal: Appraisal, weights: Any) -> tuple[str, FloatArray]:
    """The name and vector of the weights a caller asked for (a name, mapping or WeightSet)."""
    from ._checks import raise_problems
    from ._weightsets import check_weight_sets, compute_weight_set
    from .model import WeightSet
    from .weights import resolve_weights

    if weights is None or isinstance(weights, str):
        vec = appraisal.weights(weights or "equal")
        return vec.name, np.asarray(vec.weights, dtype=np.float64)
    if isinstance(weights, WeightSet):
        cf = appraisal.criteria_file()
        raise_problems(check_weight_sets(cf, {"custom": weights}))
        vec = compute_weight_set(cf, "custom", weights)
        return "custom", np.asarray(vec.weights, dtype=np.float64)
    return resolve_weights(appraisal, weights)


def rank_appraisal(appraisal: Appraisal, weights: Any = None) -> Ranking:
    """Rank an appraisal's options by the weighted sum of their values.

    Options failing a gate are screened out first and listed in the result.

    Parameters
    ----------
    appraisal : Appraisal
    weights : None, str, mapping or WeightSet
        ``None`` for equal weights; a weight set's name; or ``{criterion: weight}`` (normalised).

    Returns
    -------
    Ranking

    Examples
    --------
    >>> import appraisal
    >>> r = appraisal.load(".").rank()
    >>> r.top, r.rank_of("break-up")
    (('integrated-transformation',), 5)
    """
    from .values import raw_matrix, value_matrix

    name, w = resolve(appraisal, weights)
    screened, keep = passing(appraisal, "rank")
    out_ids = {o for o, _ in screened}
    V = value_matrix(appraisal)[keep]
    raw, scored = raw_matrix(appraisal)
    raw, scored = raw[keep], scored[keep]
    weighted = [c for c in appraisal.criteria if c.weighted]
    totals = None
    if len({c.scale for c in weighted}) == 1 and bool(scored.all()):
        cols = [j for j, c in enumerate(appraisal.criteria) if c.weighted]
        totals = raw[:, cols].sum(axis=1)
    kept = [o for o in appraisal.options if o.id not in out_ids]
    warnings = tuple(
        f"{o.id} does not score {c.id} ({o.scores[c.id].not_scored}); counted as 0"
        for o in kept
        for c in appraisal.criteria
        if o.scores[c.id].not_scored is not None
    )
    return rank_values(
        V,
        w,
        options=tuple(o.id for o in kept),
        names=tuple(o.name for o in kept),
        criteria=appraisal.criterion_ids,
        title=appraisal.title,
        weight_set=name,
        totals=totals,
        warnings=warnings,
        screened_out=screened,
        weighted=np.array([c.weighted for c in appraisal.criteria], dtype=bool),
    )
