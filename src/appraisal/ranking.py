"""Ranks with ties, Pareto dominance and per-criterion contributions.

Kernels work on plain arrays (``V`` options x criteria, ``w`` criteria, ``s`` options):
:func:`tie_groups` and :func:`competition_ranks` (from :mod:`appraisal.core.ranks`) and
:func:`dominance` (from :mod:`appraisal.core.dominance`). The :class:`Ranking` result ties them to
ids and names and renders them as text, JSON, CSV, Markdown and HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from appraisal._table import csv_table, html_table, markdown_table, md_escape, text_table
from appraisal.core._args import listing, values_matrix
from appraisal.core.aggregate import weighted_sum
from appraisal.core.dominance import dominance, dominated_by_ids
from appraisal.core.ranks import competition_ranks, tie_groups
from appraisal.errors import InputError
from appraisal.matrix.screening import (
    passing as passing,  # re-exported: model and analysis use them here
)
from appraisal.matrix.screening import screen as screen

if TYPE_CHECKING:
    pass

__all__ = [
    "Ranking",
    "competition_ranks",
    "dominance",
    "rank_values",
    "some_of",
    "tie_groups",
]

#: Text, Markdown and HTML name at most this many dominators (or tied options) per line and
#: count the rest; JSON and ``Ranking.dominated_by`` keep every one.
LISTED = 5

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


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
        Competition ranks; ties (scores within 1e-9, chained: :func:`tie_groups`) share a rank.
    totals : ndarray or None
        Unweighted sums of raw scores when all criteria share one scale and every cell is scored.
    contributions : ndarray, shape (m, k)
        ``weights * values``; each row sums to the option's score.
    dominated_by : tuple of tuple of str
        For each option, the ids of the options that Pareto-dominate it over the weighted
        criteria (:func:`dominance`), sorted by id; every one, however many.
    warnings : tuple of str

    The arrays are private read-only copies (the caller's arrays are neither frozen nor
    shared), and option ids must be unique. Text, Markdown and HTML name at most
    :data:`LISTED` dominators or tied options per line and count the rest.
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
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # private read-only copies: the caller's arrays are never frozen or aliased
        for name in ("weights", "values", "scores", "contributions", "totals", "ranks"):
            arr = getattr(self, name)
            if arr is None:
                continue
            dtype = np.int64 if name == "ranks" else np.float64
            own = np.array(arr, dtype=dtype, copy=True)
            own.setflags(write=False)
            object.__setattr__(self, name, own)
        index = {o: i for i, o in enumerate(self.options)}
        if len(index) != len(self.options):
            dup = sorted({o for o in self.options if self.options.count(o) > 1})
            raise InputError(f"option ids must be unique; repeated: {listing(dup)}.")
        object.__setattr__(self, "_index", index)
        order = sorted(
            range(len(self.options)), key=lambda i: (int(self.ranks[i]), self.options[i])
        )
        object.__setattr__(self, "_order", tuple(order))

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

    def _position(self, option: str) -> int:
        try:
            return self._index[option]
        except (KeyError, TypeError):
            from appraisal._text import suggest

            known = sorted(self._index)
            raise InputError(
                f"unknown option {option!r}{suggest(str(option), known)} "
                f"(ranked: {listing(known)})."
            ) from None

    def score_of(self, option: str) -> float:
        """The overall score of one option (an :class:`InputError` for an unknown id)."""
        return float(self.scores[self._position(option)])

    def rank_of(self, option: str) -> int:
        """The rank of one option (an :class:`InputError` for an unknown id)."""
        return int(self.ranks[self._position(option)])

    # --- rendering ------------------------------------------------------------------------
    def _rows(self) -> list[list[Any]]:
        rows: list[list[Any]] = []
        for i in self._order:
            total = None if self.totals is None else _cell(json_number(float(self.totals[i])))
            rows.append([int(self.ranks[i]), self.options[i], float(self.scores[i]), total])
        return rows

    def _headers(self) -> list[str]:
        return ["rank", "option", "score", "total"]

    def _notes(self) -> list[str]:
        """Dominance, ties and screening, one line each, naming at most :data:`LISTED` others."""
        notes = []
        for i in self._order:
            by = self.dominated_by[i]
            if by:
                notes.append(f"{self.options[i]} is dominated by {some_of(by)}")
        for tie in self.ties:
            notes.append(f"tied: {some_of(tie)}")
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
        notes = self._notes()
        lines += ["", *notes] if notes else []
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """The ranking as a Markdown table, with dominance and ties below it."""
        out = [markdown_table(self._headers(), self._rows())]
        notes = self._notes()
        out += [""] + [f"- {md_escape(n)}" for n in notes] if notes else []
        return "\n".join(out)

    def to_csv(self) -> str:
        """The ranking as CSV: rank, option, name, score, total."""
        rows = [
            [r[0], r[1], self.names[i], r[2], r[3]]
            for i, r in zip(self._order, self._rows(), strict=True)
        ]
        return csv_table(["rank", "option", "name", "score", "total"], rows)

    def _repr_html_(self) -> str:
        """The ranking as an HTML table for notebooks; every label is escaped."""
        caption = f"{self.title} — weights: {self.weight_set}"
        return html_table(self._headers(), self._rows(), caption=caption, notes=self._notes())

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def plot(self, ax: Any = None) -> Any:
        """Stacked contribution bars, one per option (needs the ``plot`` extra).

        Returns the matplotlib Axes (a new figure's when ``ax`` is None).
        """
        from appraisal.plot import plot_ranking

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


def some_of(items: Sequence[str]) -> str:
    """``"a, b"``, or the first :data:`LISTED` and ``"and N others"``.

    Examples
    --------
    >>> some_of(["a", "b"]), some_of([str(i) for i in range(7)])
    ('a, b', '0, 1, 2, 3, 4 and 2 others')
    """
    if len(items) <= LISTED:
        return ", ".join(items)
    return f"{', '.join(items[:LISTED])} and {len(items) - LISTED} others"


def json_number(x: float) -> float | int:
    """A whole float as an int (``82.0`` -> ``82``) for JSON and tables; others unchanged.

    Only below 2**53, where every whole float is an exact integer: ``1e308`` stays a float
    rather than becoming a 309-digit integer.
    """
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def _cell(x: float | int | None) -> float | int | str | None:
    """A total for a text table: huge numbers in short scientific notation."""
    if isinstance(x, float) and abs(x) >= 1e15:
        return f"{x:.6g}"
    return x


def _names(x: Any, what: str, n: int, of: str) -> tuple[str, ...]:
    t = tuple(x)
    if len(t) != n or not all(isinstance(v, str) for v in t):
        raise InputError(f"{what} must be {n} strings (one per {of}), got {len(t)} items.")
    return t


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
    """Rank options from a value matrix and a weight vector.

    Scores are :func:`~appraisal.aggregate.weighted_sum`, ranks :func:`competition_ranks`, and
    dominance is over the criteria where ``weighted`` is True (all when None): a criterion
    with ``weighted: false`` (a gate or a note) carries no preference in the additive model.

    Parameters
    ----------
    V : ndarray, shape (m, k)
        Values, finite.
    w : ndarray, shape (k,)
        Weights, finite and non-negative.
    options, names : tuple of str, length m
        Option ids (unique) and names, in the rows' order.
    criteria : tuple of str, length k
    weighted : ndarray of bool, shape (k,), optional

    Raises
    ------
    InputError
        A bad ``V`` or ``w`` (see :func:`~appraisal.aggregate.weighted_sum`), ids or names of
        the wrong length, repeated option ids, a ``weighted`` mask of the wrong shape, or
        ``totals`` that are not one finite number per option.
    """
    A = values_matrix(V, "V")
    m, k = A.shape
    scores = weighted_sum(A, w)
    x = np.asarray(w, dtype=np.float64)
    options = _names(options, "options", m, "row of V")
    names = _names(names, "names", m, "row of V")
    criteria = _names(criteria, "criteria", k, "column of V")
    mask = np.ones(k, dtype=bool) if weighted is None else np.asarray(weighted)
    if mask.dtype != np.bool_ or mask.shape != (k,):
        raise InputError(
            f"weighted must be {k} booleans (one per column of V), got {mask.dtype} "
            f"of shape {mask.shape}."
        )
    if len(set(options)) != m:
        dup = sorted({o for o in options if options.count(o) > 1})
        raise InputError(f"option ids must be unique; repeated: {listing(dup)}.")
    if totals is not None:
        t = np.asarray(totals)
        if t.shape != (m,) or t.dtype.kind not in "iuf" or not np.all(np.isfinite(t)):
            raise InputError(
                f"totals must be None or {m} finite numbers (one per row of V), got "
                f"{t.dtype} of shape {t.shape}."
            )
    dominated_by = dominated_by_ids(A[:, mask], options) if mask.any() else ((),) * m
    return Ranking(
        title=title,
        weight_set=weight_set,
        options=options,
        names=names,
        criteria=criteria,
        weights=x,
        values=A,
        scores=scores,
        ranks=competition_ranks(scores),
        totals=totals,
        contributions=A * x,
        dominated_by=dominated_by,
        warnings=warnings,
        screened_out=screened_out,
    )
