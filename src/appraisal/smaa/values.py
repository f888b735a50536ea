"""Value samplers for SMAA: score uncertainty as streams of value matrices.

Re-exported by :mod:`appraisal.smaa.samplers` and :mod:`appraisal.smaa`. Only uncertain cells
consume random numbers, one uniform per uncertain cell per sample, drawn row after row, so
draws in pieces equal one draw of the whole (pass the same Generator each time).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal._rng import SeedLike, make_rng
from appraisal.errors import InputError
from appraisal.smaa.args import as_count, finite_array

__all__ = ["ValueModel", "sample_levels", "sample_values"]

FloatArray = NDArray[np.float64]


def _cells(name: str, x: ArrayLike | None, V: FloatArray) -> FloatArray:
    """A finite copy of ``x`` broadcast to ``V``'s shape (``V`` itself when None)."""
    if x is None:
        return V
    a = finite_array(name, x)
    try:
        return np.array(np.broadcast_to(a, V.shape))
    except ValueError:
        raise InputError(f"{name} of shape {a.shape} does not fit V of shape {V.shape}.") from None


class ValueModel:
    """Score uncertainty as a stream of value matrices; :meth:`draw` gives ``(n, m, k)``.

    Only uncertain cells consume random numbers: one uniform per uncertain cell per sample,
    drawn row after row, so draws in pieces equal one draw of the whole.
    """

    def __init__(
        self,
        V: ArrayLike,
        *,
        low: ArrayLike | None = None,
        high: ArrayLike | None = None,
        mode: ArrayLike | None = None,
        dist: Literal["uniform", "triangular"] = "uniform",
        level_step: ArrayLike | None = None,
        levels: int = 0,
    ) -> None:
        self.V = finite_array("V", V, ndim=2)
        if self.V.size == 0:
            raise InputError(f"V must hold at least one option and criterion; got {self.V.shape}.")
        if dist not in ("uniform", "triangular"):
            raise InputError(f"unknown dist {dist!r} (allowed: uniform, triangular).")
        self.dist: Literal["uniform", "triangular", "levels"] = dist
        shape = self.V.shape
        if level_step is not None:
            if low is not None or high is not None or mode is not None:
                raise InputError("give either value ranges or a level uncertainty, not both.")
            levels = as_count("levels", levels, minimum=0)
            step_ = finite_array("level_step", level_step)
            try:
                step = np.array(np.broadcast_to(step_, (shape[1],)))
            except ValueError:
                raise InputError(
                    f"level_step must be one number or {shape[1]} (one per criterion); "
                    f"got shape {step_.shape}."
                ) from None
            if np.any(step < 0):
                raise InputError(f"level_step must be >= 0; got {step.tolist()}.")
            safe = np.where(step > 0, step, 1.0)
            lo_l = np.maximum(-levels, np.ceil(-self.V / safe - 1e-9))
            hi_l = np.minimum(levels, np.floor((100.0 - self.V) / safe + 1e-9))
            lo_l = np.where(step > 0, lo_l, 0.0)
            hi_l = np.where(step > 0, hi_l, 0.0)
            self._low, self._high = lo_l, hi_l  # in levels
            self._step = np.broadcast_to(step, shape)
            self.dist = "levels"
        else:
            self._low = _cells("low", low, self.V)
            self._high = _cells("high", high, self.V)
            self._mode = _cells("mode", mode, self.V)
            tol = 1e-9
            v = self.V
            bad = (self._low > v + tol) | (v > self._high + tol)
            if dist == "triangular":
                bad |= (self._low > self._mode + tol) | (self._mode > self._high + tol)
            if np.any(bad):
                cells = [tuple(int(x) for x in c) for c in np.argwhere(bad)[:5]]
                raise InputError(
                    f"value ranges must satisfy low <= score (mode) <= high; not at {cells}."
                )
        c = self._cells = np.flatnonzero(self._high > self._low)
        self._lo, self._hi = self._low.ravel()[c], self._high.ravel()[c]
        if self.dist == "levels":
            self._x0, self._scale = self.V.ravel()[c], self._step.ravel()[c]
        elif self.dist == "triangular":
            md = self._mode.ravel()[c]
            width = self._hi - self._lo
            self._left = (md - self._lo) / width
            self._a, self._b = width * (md - self._lo), width * (self._hi - md)

    @property
    def uncertain(self) -> bool:
        """Whether any cell varies."""
        return bool(self._cells.size)

    def draw(self, rng: np.random.Generator, n: int) -> FloatArray:
        """The next ``n`` value matrices, shape ``(n, m, k)``."""
        n = as_count("n", n)
        m, k = self.V.shape
        c = self._cells
        if not c.size:
            return np.array(np.broadcast_to(self.V, (n, m, k)), dtype=np.float64)
        x = rng.random((n, c.size))
        lo, hi = self._lo, self._hi
        if self.dist == "levels":  # level shift lo + floor(u (hi - lo + 1)), at most hi
            x *= hi - lo + 1
            np.floor(x, out=x)
            np.minimum(x, hi - lo, out=x)
            x += lo
            x *= self._scale
            x += self._x0
        elif self.dist == "uniform":
            x *= hi - lo
            x += lo
        else:
            left = x < self._left
            x = np.asarray(
                np.where(left, lo + np.sqrt(x * self._a), hi - np.sqrt((1 - x) * self._b)),
                dtype=np.float64,
            )
        if c.size == m * k:
            return x.reshape(n, m, k)
        out = np.empty((n, m * k))
        out[:] = self.V.ravel()
        out[:, c] = x
        return out.reshape(n, m, k)


def sample_values(
    V: ArrayLike,
    n: int,
    *,
    seed: SeedLike,
    low: ArrayLike | None = None,
    high: ArrayLike | None = None,
    mode: ArrayLike | None = None,
    dist: Literal["uniform", "triangular"] = "uniform",
) -> FloatArray:
    r"""Value matrices with each cell drawn from its range, for score uncertainty.

    Cell ``(i, j)`` is uniform on ``[low, high]``, or triangular on it with its peak at
    ``mode`` (default the score ``V``), drawn by inversion of one uniform ``U``:

    .. math:: x = l + \sqrt{U (h - l)(c - l)} \text{ if } U < \frac{c - l}{h - l}, \text{ else }
              h - \sqrt{(1 - U)(h - l)(h - c)}

    Cells with ``low == high`` stay fixed and use no random numbers. Ranges are in value units
    (0..100), e.g. a cell's ``range`` put through the criterion's value function.

    To draw in chunks, pass the same Generator as ``seed`` each time: the chunks then equal
    one draw of the whole, and memory stays at one chunk.

    Parameters
    ----------
    V : array_like, shape (m, k)
        Values (the scores), options in rows.
    n : int
    seed : int, numpy.random.Generator or None
    low, high, mode : array_like, shape (m, k) or broadcastable, optional
        Default ``V`` (no uncertainty). Must satisfy ``low <= V <= high`` (and ``mode``).
    dist : {"uniform", "triangular"}, default "uniform"

    Returns
    -------
    ndarray, shape (n, m, k)

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[50.0, 100.0], [25.0, 0.0]])
    >>> X = sample_values(V, 10_000, seed=0, low=V - 10, high=V + 10, dist="triangular")
    >>> X.shape, bool(X.min() >= V.min() - 10), round(float(X[:, 0, 0].mean()))
    ((10000, 2, 2), True, 50)
    >>> rng = np.random.default_rng(1)  # in chunks: the same numbers as one draw
    >>> a = np.concatenate([sample_values(V, 3, seed=rng, low=0, high=100) for _ in range(2)])
    >>> bool(np.array_equal(a, sample_values(V, 6, seed=1, low=0, high=100)))
    True
    """
    n = as_count("n", n)
    model = ValueModel(V, low=low, high=high, mode=mode, dist=dist)
    return model.draw(make_rng(seed), n)


def sample_levels(
    V: ArrayLike, n: int, *, seed: SeedLike, level_step: ArrayLike, levels: int = 1
) -> FloatArray:
    """Value matrices with every score moved by up to ``levels`` levels of its ordinal scale.

    Each cell of a criterion with level spacing ``level_step[j] > 0`` (value points per level,
    e.g. 25 for a five-point scale mapped to 0..100) moves to a level drawn uniformly from the
    levels within ``levels`` steps of its own that lie on the scale (0..100): a score of 4 on a
    1..5 scale with ``levels=1`` becomes 3, 4 or 5, a score of 5 becomes 4 or 5, each equally
    likely. Criteria with step 0 (e.g. numeric scales) stay fixed. Draws in chunks behave as in
    :func:`sample_values`.

    Parameters
    ----------
    V : array_like, shape (m, k)
    n : int
    seed : int, numpy.random.Generator or None
    level_step : array_like, shape (k,) or scalar
    levels : int, default 1

    Returns
    -------
    ndarray, shape (n, m, k)

    Examples
    --------
    >>> import numpy as np
    >>> X = sample_levels(np.array([[75.0, 100.0]]), 6000, seed=0, level_step=25)
    >>> sorted(set(X[:, 0, 0].tolist())), sorted(set(X[:, 0, 1].tolist()))
    ([50.0, 75.0, 100.0], [75.0, 100.0])
    """
    n = as_count("n", n)
    model = ValueModel(V, level_step=level_step, levels=levels)
    return model.draw(make_rng(seed), n)
