"""Deprecated path: use :mod:`appraisal.core.aggregate` (see :mod:`appraisal._moved`)."""

from __future__ import annotations

from appraisal._moved import forward

__getattr__ = forward("appraisal.aggregate", ("appraisal.core.aggregate",))
