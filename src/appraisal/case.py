"""The public appraisal: the validated case data with its one-line analysis methods.

:class:`Appraisal` is :class:`appraisal.model.CaseData` checked across files on construction
(:mod:`appraisal.validation`), with methods that hand the case to the analyses. Build one with
:func:`appraisal.load` from YAML files or directly from Python; either way every rule is
checked and :class:`~appraisal.errors.InputValidationError` lists every problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import ValidationError

from appraisal import analysis
from appraisal._text import suggest
from appraisal.errors import InputError
from appraisal.matrix.case_values import raw_matrix, values_from_raw
from appraisal.matrix.screening import passing, screen
from appraisal.model import CaseData, CriteriaFile, Option, WeightSet
from appraisal.ranking import Ranking, rank_values
from appraisal.validation.checks import (
    Problem,
    check_criteria,
    check_options,
    raise_problems,
    raise_validation_error,
)
from appraisal.weighting import check_weight_sets, compute_weight_set, equal_set, resolve

if TYPE_CHECKING:
    from appraisal.ranking import Ranking
    from appraisal.sensitivity import (
        OneWayResult,
        ScoreSwitchingResult,
        TornadoResult,
        WeightDistanceResult,
    )
    from appraisal.smaa import SmaaResult
    from appraisal.weighting import WeightVector

__all__ = ["Appraisal", "check_appraisal"]


def check_appraisal(
    cf: CriteriaFile, options: Sequence[Option], weight_sets: dict[str, WeightSet] | None = None
) -> list[Problem]:
    """Every cross-file rule, criteria first."""
    problems = check_criteria(cf)
    if any(p.severity == "error" for p in problems):
        return problems
    problems += check_options(cf, options)
    if weight_sets:
        problems += check_weight_sets(cf, weight_sets)
    return problems


class Appraisal(CaseData):
    """A whole appraisal: criteria, scales and options, checked against each other.

    Construct it with :func:`appraisal.load` from YAML files, or directly from Python; either way
    every cross-file rule (scores on their scale, no unknown or missing criteria, unique ids) is
    checked, and :class:`~appraisal.errors.InputValidationError` lists every problem.
    """

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise_validation_error(exc, CaseData)
        raise_problems(check_appraisal(self.criteria_file(), self.options, self.weight_sets))

    def weights(self, name: str = "equal") -> WeightVector:
        """A weight set's normalised weights with their provenance.

        Parameters
        ----------
        name : str, default "equal"
            ``"equal"`` or the name of a set in ``criteria/weights.yaml``.

        Raises
        ------
        InputError
            When no set has that name.

        Examples
        --------
        >>> import appraisal
        >>> w = appraisal.load(".").weights("equal")
        >>> w.method, round(float(w.weights.sum()), 12)
        ('equal', 1.0)
        """

        cf = self.criteria_file()
        if name in self.weight_sets:
            return compute_weight_set(cf, name, self.weight_sets[name])
        if name == "equal":
            return equal_set(cf)
        names = self.weight_set_names
        raise InputError(
            f"unknown weight set {name!r}{suggest(name, names)} (defined: {', '.join(names)})."
        )

    def screened_out(self) -> tuple[tuple[str, str], ...]:
        """Options that fail a must-pass (gate) criterion, each with the reason.

        Examples
        --------
        >>> import appraisal
        >>> appraisal.load(".").screened_out()
        ()
        """

        return screen(self)

    def rank(self, weights: str | Mapping[str, float] | WeightSet | None = None) -> Ranking:
        """Rank the options by the weighted sum of their values.

        Parameters
        ----------
        weights : None, str, mapping or WeightSet
            ``None`` or ``"equal"`` for equal weights, the name of a weight set, a mapping
            ``{criterion: weight}`` (normalised; criteria left out get 0), or a WeightSet.

        Returns
        -------
        Ranking
            Options that fail a gate are left out and listed in ``screened_out``.

        Examples
        --------
        >>> import appraisal
        >>> appraisal.load(".").rank().top
        ('integrated-transformation',)
        """

        return rank_appraisal(self, weights)

    # --- sensitivity and robustness (see appraisal.analysis) -----------------------------
    def oneway(self, weights: Any = None) -> OneWayResult:
        """Exact one-way weight sensitivity; see :func:`appraisal.analysis.oneway`."""

        return analysis.oneway(self, weights)

    def score_switching(self, weights: Any = None) -> ScoreSwitchingResult:
        """Score switching values; see :func:`appraisal.analysis.score_switching`."""

        return analysis.score_switching(self, weights)

    def weight_distance(
        self, weights: Any = None, challenger: str | None = None
    ) -> WeightDistanceResult:
        """Minimum weight change; see :func:`appraisal.analysis.weight_distance`."""

        return analysis.weight_distance(self, weights, challenger)

    def tornado(self, weights: Any = None, weight_change: float = 0.2) -> TornadoResult:
        """Tornado analysis; see :func:`appraisal.analysis.tornado`."""

        return analysis.tornado(self, weights, weight_change)

    def smaa(self, **kwargs: Any) -> SmaaResult:
        """SMAA-2; see :func:`appraisal.analysis.smaa` for the keyword arguments."""

        return analysis.smaa(self, **kwargs)


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

    name, w = resolve(appraisal, weights)
    raw_all, scored_all = raw_matrix(appraisal)
    screened, keep = passing(appraisal, "rank", raw=(raw_all, scored_all))
    out_ids = {o for o, _ in screened}
    V = values_from_raw(appraisal, raw_all, scored_all)[keep]
    raw, scored = raw_all[keep], scored_all[keep]
    weighted = [c for c in appraisal.criteria if c.weighted]
    totals = None
    notes: list[str] = []
    if len({c.scale for c in weighted}) == 1 and bool(scored.all()):
        cols = [j for j, c in enumerate(appraisal.criteria) if c.weighted]
        with np.errstate(over="ignore", invalid="ignore"):
            totals = raw[:, cols].sum(axis=1)
        if not np.all(np.isfinite(totals)):
            totals = None
            notes.append("the unweighted totals of the scores exceed the number range; not shown")
    kept = [o for o in appraisal.options if o.id not in out_ids]
    warnings = tuple(
        f"{o.id} does not score {c.id} ({o.scores[c.id].not_scored}); counted as 0"
        for o in kept
        for c in appraisal.criteria
        if o.scores[c.id].not_scored is not None
    ) + tuple(notes)
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
