"""Deprecated path: use :mod:`appraisal.io.load` (see :mod:`appraisal._moved`)."""

from __future__ import annotations

from appraisal._moved import forward

__getattr__ = forward("appraisal.load", ("appraisal.io.load",))
