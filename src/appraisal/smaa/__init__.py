"""SMAA-2: stochastic multicriteria acceptability analysis over a value matrix.

See :mod:`appraisal.smaa.analyse` for the method; samplers, tallies and the result live in
the modules beside it.
"""

from __future__ import annotations

from appraisal.smaa.analyse import (
    MAX_SAMPLES,
    PAIRWISE_AUTO_MAX,
    SmaaCost,
    SmaaResult,
    WeightSampler,
    analyse,
    check_samples,
    competition_ranks_many,
    estimate_cost,
    evaluate,
    interval_around,
    meta_weights,
    sample_levels,
    sample_values,
    sample_weights,
    smaa,
)

__all__ = [
    "MAX_SAMPLES",
    "PAIRWISE_AUTO_MAX",
    "SmaaCost",
    "SmaaResult",
    "WeightSampler",
    "analyse",
    "check_samples",
    "competition_ranks_many",
    "estimate_cost",
    "evaluate",
    "interval_around",
    "meta_weights",
    "sample_levels",
    "sample_values",
    "sample_weights",
    "smaa",
]
