"""Deprecated path: use :mod:`appraisal.core.values` (see :mod:`appraisal._moved`)."""

from __future__ import annotations

from appraisal._moved import forward

__getattr__ = forward("appraisal.values", ("appraisal.core.values", "appraisal.matrix.case_values"))
