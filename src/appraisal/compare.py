"""Side-by-side views: every option under every weight set, and every set's weights."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from appraisal._table import csv_table, html_table, markdown_table, text_table
from appraisal.errors import InputError

if TYPE_CHECKING:
    from appraisal.case import Appraisal
    from appraisal.ranking import Ranking
    from appraisal.weighting import WeightVector

__all__ = ["Comparison", "WeightTable", "compare", "weight_table"]


@dataclass(frozen=True)
class Comparison:
    """Each option's rank and score under each weight set.

    Attributes
    ----------
    weight_sets : tuple of str
    options : tuple of str
        Option ids ordered by their rank under the first set, then id.
    rankings : tuple of Ranking
        One per weight set.
    screened_out : tuple of (str, str)
    """

    weight_sets: tuple[str, ...]
    options: tuple[str, ...]
    rankings: tuple[Ranking, ...]
    screened_out: tuple[tuple[str, str], ...]

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """The compare JSON contract.

        ``{"weight_sets": [name], "options": [{"option", "ranks": {set: rank},
        "scores": {set: score}}], "screened_out": [{"option", "reason"}]}``.
        """
        return {
            "weight_sets": list(self.weight_sets),
            "options": [
                {
                    "option": o,
                    "ranks": {
                        s: r.rank_of(o)
                        for s, r in zip(self.weight_sets, self.rankings, strict=True)
                    },
                    "scores": {
                        s: r.score_of(o)
                        for s, r in zip(self.weight_sets, self.rankings, strict=True)
                    },
                }
                for o in self.options
            ],
            "screened_out": [{"option": o, "reason": why} for o, why in self.screened_out],
        }

    def _table(self) -> tuple[list[str], list[list[Any]]]:
        headers = ["option", *self.weight_sets]
        rows: list[list[Any]] = [
            [o, *(f"{r.rank_of(o)} ({r.score_of(o):.1f})" for r in self.rankings)]
            for o in self.options
        ]
        return headers, rows

    def to_text(self) -> str:
        """Rank (score) of each option under each set."""
        headers, rows = self._table()
        lines = ["rank (score on 0-100) under each weight set", "", text_table(headers, rows)]
        changed = self.rank_changes()
        if changed:
            lines += ["", "top option by set: " + "; ".join(changed)]
        lines += [f"screened out: {o} ({why})" for o, why in self.screened_out]
        return "\n".join(lines)

    def rank_changes(self) -> list[str]:
        """``"set: top"`` for each set, when the top option differs between sets."""
        tops = [", ".join(r.top) for r in self.rankings]
        if len(set(tops)) <= 1:
            return []
        return [f"{s}: {t}" for s, t in zip(self.weight_sets, tops, strict=True)]

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """A Markdown table."""
        return markdown_table(*self._table())

    def to_csv(self) -> str:
        """Long-format CSV: weight_set, option, rank, score."""
        rows: list[list[Any]] = [
            [s, o, r.rank_of(o), r.score_of(o)]
            for s, r in zip(self.weight_sets, self.rankings, strict=True)
            for o in self.options
        ]
        return csv_table(["weight_set", "option", "rank", "score"], rows)

    def _repr_html_(self) -> str:
        """The comparison as an HTML table for notebooks (:func:`html_table` escapes it all)."""
        return html_table(*self._table(), caption="Rank (score) under each weight set")


def compare(appraisal: Appraisal, names: Sequence[str] | None = None) -> Comparison:
    """Rank the options under every weight set (or the named ones).

    Raises
    ------
    InputError
        ``names`` is a single string, holds something other than strings, is empty, or names
        an unknown weight set.

    Examples
    --------
    >>> import appraisal
    >>> c = compare(appraisal.load("."))
    >>> c.weight_sets[0], c.options[0]
    ('equal', 'integrated-transformation')
    """
    if names is None:
        sets = appraisal.weight_set_names
    elif isinstance(names, str) or not all(isinstance(n, str) for n in names):
        raise InputError(
            f"names must be a list of weight set names, got {names!r:.80}; "
            f"for one set write compare(case, [{names!r:.40}])."
        )
    elif len(names) == 0:
        raise InputError("names is empty; give at least one weight set name, or None for all.")
    else:
        sets = tuple(names)
    rankings = tuple(appraisal.rank(name) for name in sets)
    first = rankings[0]
    options = tuple(first.options[i] for i in first.order)
    return Comparison(sets, options, rankings, first.screened_out)


@dataclass(frozen=True)
class WeightTable:
    """Every weight set's effective weights, method and AHP consistency ratio."""

    criteria: tuple[str, ...]
    vectors: tuple[WeightVector, ...]

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """The weights JSON contract.

        ``{"weight_sets": {name: {"method", "weights": {criterion: w},
        "consistency_ratio": float | null}}}`` (plus provenance keys).
        """
        return {"weight_sets": {v.name: v.to_dict() for v in self.vectors}}

    def _table(self) -> tuple[list[str], list[list[Any]]]:
        headers = ["criterion", *(v.name for v in self.vectors)]
        rows: list[list[Any]] = [
            [c, *(float(v.weights[j]) for v in self.vectors)] for j, c in enumerate(self.criteria)
        ]
        return headers, rows

    def to_text(self) -> str:
        """Weights per criterion (columns are sets), then each set's method and provenance."""
        headers, rows = self._table()
        lines = [text_table(headers, rows, digits=3), ""]
        for v in self.vectors:
            extra = f", CR = {v.consistency_ratio:.3f}" if v.consistency_ratio is not None else ""
            formula = f" ({v.formula})" if v.formula else ""
            tag = " [illustrative]" if v.illustrative else ""
            lines.append(f"{v.name}: {v.method}{formula}{extra}{tag} - {v.view or ''}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_markdown(self) -> str:
        """A Markdown table of weights."""
        headers, rows = self._table()
        return markdown_table(headers, rows, digits=3)

    def to_csv(self) -> str:
        """CSV: criterion, then one column per set."""
        return csv_table(*self._table())


def weight_table(appraisal: Appraisal) -> WeightTable:
    """Every weight set of an appraisal, computed.

    Examples
    --------
    >>> import appraisal
    >>> t = weight_table(appraisal.load("."))
    >>> t.vectors[0].name
    'equal'
    """
    return WeightTable(
        appraisal.criterion_ids, tuple(appraisal.weights(n) for n in appraisal.weight_set_names)
    )
