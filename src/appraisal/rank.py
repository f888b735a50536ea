"""Deprecated path: use :mod:`appraisal.ranking` (see :mod:`appraisal._moved`)."""

from __future__ import annotations

from appraisal._moved import forward

__getattr__ = forward(
    "appraisal.rank", ("appraisal.ranking", "appraisal.core.ranks", "appraisal.core.dominance")
)
