"""The arrays every analysis takes: :class:`Matrix`, from a case, from arrays or from a frame."""

from __future__ import annotations

from appraisal.matrix.matrix import Matrix

__all__ = ["Matrix"]
