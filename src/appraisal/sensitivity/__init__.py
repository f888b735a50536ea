r"""Sensitivity of the weighted-sum result: exact thresholds, one-way sweeps and a tornado.

What would have to change for another option to win? Four answers, all exact or closed form:

- :func:`oneway`: each weight swept over [0, 1] with the others rescaled in proportion; every
  crossover, the stability intervals of the top option and of the whole ranking, and the most
  critical criterion (Triantaphyllou and Sánchez 1997).
- :func:`score_switching`: the smallest change of each single score that changes the top option
  (switching values, HM Treasury Green Book), and whether it stays on the scale.
- :func:`min_weight_change`: the smallest simultaneous (Euclidean) change of all weights that
  makes the runner-up, or any challenger, share first place with the top option (tie it, with
  no other option ahead), or why no weights can.
- :func:`tornado`: each weight -/+20% and each score one level lower/higher on its own scale
  ("low"/"high"), sorted by the effect on the top option's margin.

Inputs are plain arrays plus ids (``V`` options x criteria on 0..100, ``w`` summing to 1, as
everywhere, see :mod:`appraisal.aggregate`), checked on entry: non-finite values or weights,
negative, all-zero or unnormalised weights, and ids that repeat or do not match the shapes raise
:class:`~appraisal.errors.InputError` naming the argument. Results are frozen dataclasses with
``to_dict()`` (JSON-ready) and ``to_text()``. Scores within ``TIE_TOLERANCE`` are tied. Monte
Carlo analysis with partly known weights is in :mod:`appraisal.smaa`.

Examples
--------
>>> import numpy as np
>>> import appraisal
>>> from appraisal.matrix.case_values import value_matrix
>>> case = appraisal.load(".")
>>> V, w = value_matrix(case), np.full(19, 1 / 19)
>>> ids = dict(options=[o.id for o in case.options], criteria=case.criterion_ids)
>>> r = oneway(V, w, **ids)
>>> r.top, r.most_critical is not None
('integrated-transformation', True)
>>> min_weight_change(V, w, **ids).challenger
'trust-council'
"""

from __future__ import annotations

from appraisal.sensitivity.distance import WeightDistanceResult, min_weight_change, project_simplex
from appraisal.sensitivity.oneway import oneway, oneway_lines
from appraisal.sensitivity.oneway_result import CriterionSensitivity, Crossover, OneWayResult
from appraisal.sensitivity.switching import ScoreSwitchingResult, SwitchingCell, score_switching
from appraisal.sensitivity.tornado import TornadoEntry, TornadoResult, TornadoSide, tornado

__all__ = [
    "CriterionSensitivity",
    "Crossover",
    "OneWayResult",
    "ScoreSwitchingResult",
    "SwitchingCell",
    "TornadoEntry",
    "TornadoResult",
    "TornadoSide",
    "WeightDistanceResult",
    "min_weight_change",
    "oneway",
    "oneway_lines",
    "project_simplex",
    "score_switching",
    "tornado",
]
