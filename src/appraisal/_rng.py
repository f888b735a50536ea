"""The one place where random generators are made: every stochastic function goes through here."""

from __future__ import annotations

import numpy as np

__all__ = ["SeedLike", "make_rng"]

SeedLike = int | np.random.Generator | None


def make_rng(seed: SeedLike) -> np.random.Generator:
    """Return a generator for ``seed``: an int (``0`` included), an existing Generator, or None.

    Examples
    --------
    >>> bool(make_rng(0).integers(10) == make_rng(0).integers(10))
    True
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)
