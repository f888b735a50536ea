"""Deprecated path: use :mod:`appraisal.core.weights` (see :mod:`appraisal._moved`)."""

from __future__ import annotations

from appraisal._moved import forward

__getattr__ = forward(
    "appraisal.weights", ("appraisal.core.weights", "appraisal.core.ahp", "appraisal.core.groups")
)
