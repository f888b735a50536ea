"""The arrays every analysis takes, from a validated case or straight from arrays or a frame.

A :class:`Matrix` holds the options that pass every gate (rows) and the criteria that carry
weight (columns): their values on 0..100 (higher always better), the weights, and what the
analyses need to speak in each criterion's own units (value points per unit, per level, each
cell's neighbouring levels and uncertainty range). Criteria with ``weighted: false`` are cut
here, once, for the ranking and every analysis alike, and listed in :attr:`Matrix.unweighted`.

Three doors, one result:

- :meth:`Matrix.from_appraisal` for a case loaded from YAML (or built in Python);
- :meth:`Matrix.from_arrays` for a score table in memory, with directions and optional bounds,
  levels and ranges;
- :meth:`Matrix.from_frame` for a pandas DataFrame (index: options, columns: criteria).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from appraisal._extras import require
from appraisal.core._args import listing
from appraisal.errors import InputError
from appraisal.matrix.from_case import prepare

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["Matrix"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Weights = Any  # None, a set's name, a mapping, a WeightSet or WeightVector, a list, an ndarray

#: Value points of one "level" on a criterion without levels (a tenth of the value scale).
NUMERIC_STEP = 10.0


def _frozen(a: Any, dtype: Any = np.float64) -> Any:
    out = np.array(a, dtype=dtype, copy=True)
    out.setflags(write=False)
    return out


@dataclass(frozen=True, eq=False)
class Matrix:
    """Values, weights and scale facts of the options and criteria an analysis works on.

    ``m`` options (those that pass every gate) by ``k`` criteria (those with weight).

    Attributes
    ----------
    V : ndarray, shape (m, k)
        Values on 0..100, higher always better.
    w : ndarray, shape (k,)
        Weights, summing to 1.
    options, option_names : tuple of str, length m
    criteria, criterion_names : tuple of str, length k
    directions : tuple of {"benefit", "cost"}, length k
    units : tuple of str, length k
        ``""`` where none is given.
    slope : ndarray, shape (k,)
        Value points per unit of each criterion's own score (negative for cost criteria; NaN
        where there is no single slope).
    level_step : ndarray, shape (k,)
        Value points of one level (10 on criteria without levels).
    value_low, value_high : ndarray, shape (m, k)
        Each cell's uncertainty range on the value scale (equal to ``V`` where none).
    level_down, level_up : ndarray, shape (m, k)
        Each cell's value one level down and one level up its own scale, clipped to 0..100.
    weight_set : str
    title : str
    screened_out : tuple of (str, str)
        Options left out because they fail a gate, with the reason.
    unweighted : tuple of str
        Criteria left out because they carry no weight (``weighted: false``).

    Examples
    --------
    >>> m = Matrix.from_arrays(
    ...     [[3, 200], [5, 350], [4, 250]], options=["a", "b", "c"], criteria=["quality", "cost"],
    ...     directions=["benefit", "cost"], units=["", "GBP k"])
    >>> m.V.tolist()
    [[0.0, 100.0], [100.0, 0.0], [50.0, 66.66666666666667]]
    >>> m.w.tolist(), m.slope.round(3).tolist()
    ([0.5, 0.5], [50.0, -0.667])
    """

    V: FloatArray
    w: FloatArray
    options: tuple[str, ...]
    criteria: tuple[str, ...]
    option_names: tuple[str, ...]
    criterion_names: tuple[str, ...]
    directions: tuple[str, ...]
    units: tuple[str, ...]
    slope: FloatArray
    level_step: FloatArray
    value_low: FloatArray
    value_high: FloatArray
    level_down: FloatArray
    level_up: FloatArray
    weight_set: str = "custom"
    title: str = ""
    screened_out: tuple[tuple[str, str], ...] = ()
    unweighted: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("V", "w", "slope", "level_step", "value_low", "value_high"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        for name in ("level_down", "level_up"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @property
    def cost(self) -> BoolArray:
        """True for cost criteria (a higher score is worse)."""
        out: BoolArray = np.array([d == "cost" for d in self.directions], dtype=bool)
        return out

    @property
    def shape(self) -> tuple[int, int]:
        """``(m, k)``: options by criteria."""
        m, k = self.V.shape
        return int(m), int(k)

    def __repr__(self) -> str:
        m, k = self.shape
        return f"Matrix({m} options x {k} criteria, weights {self.weight_set!r})"

    def with_weights(self, w: Weights, name: str = "custom") -> Matrix:
        """The same matrix with other weights (a list, an ndarray or ``{criterion: weight}``).

        Examples
        --------
        >>> m = Matrix.from_arrays([[1, 2], [2, 1]], options=["a", "b"], criteria=["x", "y"])
        >>> m.with_weights({"x": 3}).w.tolist()
        [1.0, 0.0]
        """
        vec = _weights(w, self.criteria, self.unweighted)
        return _replace(self, w=vec, weight_set=name)

    # --- the three doors ---------------------------------------------------------------
    @classmethod
    def from_appraisal(cls, case: Appraisal, weights: Weights = None) -> Matrix:
        """The gate-passing options on the weighted criteria of a validated case.

        ``weights`` is ``None`` (equal), a weight set's name, ``{criterion: weight}``, a
        ``WeightSet``, a ``WeightVector``, or one number per criterion (a list or ndarray).

        Examples
        --------
        >>> import appraisal
        >>> m = Matrix.from_appraisal(appraisal.load("."))
        >>> m.shape, m.weight_set, float(m.level_step[0])
        ((5, 19), 'equal', 25.0)
        """
        if isinstance(weights, list | tuple | np.ndarray):
            weights = _weights(weights, case.criterion_ids, ())
            weights = dict(zip(case.criterion_ids, weights.tolist(), strict=True))
        p = prepare(case, getattr(weights, "as_dict", lambda: weights)())
        by_id = {c.id: c for c in case.criteria}
        names = {o.id: o.name for o in case.options}
        return cls(
            V=p.V,
            w=p.w,
            options=p.options,
            criteria=p.criteria,
            option_names=tuple(names[o] for o in p.options),
            criterion_names=tuple(by_id[c].name for c in p.criteria),
            directions=tuple(by_id[c].direction for c in p.criteria),
            units=tuple(
                getattr(case.scales[by_id[c].scale], "unit", None) or "" for c in p.criteria
            ),
            slope=p.slope,
            level_step=p.level_step,
            value_low=p.value_low,
            value_high=p.value_high,
            level_down=p.level_down,
            level_up=p.level_up,
            weight_set=p.weight_set if not hasattr(weights, "as_dict") else weights.name,
            title=case.title,
            screened_out=p.screened_out,
            unweighted=p.unweighted,
        )

    @classmethod
    def from_arrays(
        cls,
        X: Any,
        w: Weights = None,
        *,
        options: Sequence[str],
        criteria: Sequence[str],
        directions: Sequence[str] | Mapping[str, str] | None = None,
        units: Sequence[str] | Mapping[str, str] | None = None,
        bounds: Any = None,
        levels: Sequence[float] | None = None,
        ranges: tuple[Any, Any] | None = None,
        weighted: Sequence[bool] | None = None,
        option_names: Sequence[str] | None = None,
        criterion_names: Sequence[str] | None = None,
        title: str = "",
    ) -> Matrix:
        """A matrix from a table of scores: rows are options, columns criteria.

        Each column is valued linearly on 0..100 between its ``bounds`` (worst to best; the
        other way round for a cost criterion), as a linear value function does in YAML.

        Parameters
        ----------
        X : array_like, shape (m, k)
            Scores, finite, in each criterion's own units.
        w : None, list, ndarray or mapping, optional
            Weights (normalised here); ``None`` for equal weights over the weighted criteria.
        options, criteria : sequence of str
            Unique ids, one per row and one per column.
        directions : sequence or mapping of {"benefit", "cost"}, optional
            Per criterion, or ``{criterion: "cost"}`` naming only the cost criteria; all
            benefit by default.
        units : sequence or mapping of str, optional
        bounds : None, (low, high) or sequence of (low, high), optional
            The scale's ends. ``None``: the ends of ``levels`` when given, else each column's
            own lowest and highest score (a column where all agree is worth 100 to all). A
            score outside its bounds is an error.
        levels : sequence of float, optional
            The levels every criterion is scored on (e.g. ``[1, 2, 3, 4, 5]``): a score must be
            one of them, and "one level" is the step to the neighbouring level.
        ranges : (low, high) of array_like, shape (m, k), optional
            Each cell's uncertainty range, in the scores' units.
        weighted : sequence of bool, optional
            False for a criterion that carries no weight (left out, listed in ``unweighted``).

        Raises
        ------
        InputError
            Listing what is wrong: shapes, ids, directions, bounds, levels or weights.
        """
        A = _table(X, "X")
        m, k = A.shape
        opts = _ids(options, m, "options", "row of X")
        crits = _ids(criteria, k, "criteria", "column of X")
        dirs = _per_criterion(directions, crits, "directions", "benefit")
        bad = sorted({d for d in dirs if d not in ("benefit", "cost")})
        if bad:
            raise InputError(f"directions: {listing(bad)} (allowed: benefit, cost).")
        unit = _per_criterion(units, crits, "units", "")
        used = np.ones(k, dtype=bool) if weighted is None else np.asarray(weighted, dtype=bool)
        if used.shape != (k,):
            raise InputError(f"weighted must be {k} booleans (one per criterion).")
        if not used.any():
            raise InputError("weighted: at least one criterion must carry weight.")
        lvl = None if levels is None else np.array(sorted(set(levels)), dtype=np.float64)
        if lvl is not None and (lvl.size < 2 or not np.all(np.isfinite(lvl))):
            raise InputError("levels: expected two or more finite numbers.")
        lo, hi = _bounds(bounds, A, lvl, crits)
        if lvl is not None:
            off = [(i, j) for i, j in np.argwhere(~np.isin(A, lvl))]
            if off:
                cells = ", ".join(f"{opts[i]}.{crits[j]} = {A[i, j]:g}" for i, j in off[:10])
                raise InputError(f"scores not on the levels {lvl.tolist()}: {cells}.")
        cost = np.array([d == "cost" for d in dirs])
        span = hi - lo
        flat = span == 0

        def value(x: FloatArray) -> FloatArray:
            with np.errstate(divide="ignore", invalid="ignore"):
                t = (x - lo) / np.where(flat, 1.0, span)
            t = np.where(cost, 1.0 - t, t)
            return np.where(flat, 1.0, t) * 100.0

        V = value(A)
        sign = np.where(cost, -1.0, 1.0)
        with np.errstate(divide="ignore"):
            slope = np.where(flat, np.nan, sign * 100.0 / np.where(flat, 1.0, span))
        if lvl is not None:
            step = np.full(k, 100.0 / (lvl.size - 1))
            at = np.searchsorted(lvl, A)
            below = lvl[np.maximum(at - 1, 0)]
            above = lvl[np.minimum(at + 1, lvl.size - 1)]
            down, up = np.clip(value(below), 0, 100), np.clip(value(above), 0, 100)
        else:
            step = np.full(k, NUMERIC_STEP)
            signed = np.where(cost, -step, step)
            down, up = np.clip(V - signed, 0, 100), np.clip(V + signed, 0, 100)
        low, high = V.copy(), V.copy()
        if ranges is not None:
            ends = [
                _table(r, name) for r, name in zip(ranges, ("ranges[0]", "ranges[1]"), strict=True)
            ]
            if any(e.shape != A.shape for e in ends):
                raise InputError(f"ranges must be two arrays of shape {A.shape}, like X.")
            a, b = value(ends[0]), value(ends[1])
            low, high = np.clip(np.minimum(a, b), 0, 100), np.clip(np.maximum(a, b), 0, 100)
        names = _ids(option_names or opts, m, "option_names", "row of X", unique=False)
        cnames = _ids(criterion_names or crits, k, "criterion_names", "column of X", unique=False)
        keep = np.flatnonzero(used)
        kept = tuple(crits[j] for j in keep)
        left = tuple(crits[j] for j in np.flatnonzero(~used))
        return cls(
            V=V[:, keep],
            w=_weights(w, kept, left, full=crits),
            options=opts,
            criteria=kept,
            option_names=names,
            criterion_names=tuple(cnames[j] for j in keep),
            directions=tuple(dirs[j] for j in keep),
            units=tuple(unit[j] for j in keep),
            slope=slope[keep],
            level_step=step[keep],
            value_low=low[:, keep],
            value_high=high[:, keep],
            level_down=down[:, keep],
            level_up=up[:, keep],
            weight_set="equal" if w is None else "custom",
            title=title,
            unweighted=left,
        )

    @classmethod
    def from_frame(cls, df: Any, w: Weights = None, **kwargs: Any) -> Matrix:
        """A matrix from a pandas DataFrame: the index names the options, the columns criteria.

        Takes the keywords of :meth:`from_arrays` (``directions``, ``units``, ``bounds``,
        ``levels``, ``ranges``, ...); ``options`` and ``criteria`` come from the frame.
        Needs the ``pandas`` extra.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"quality": [3, 5], "cost": [200, 350]}, index=["a", "b"])
        >>> Matrix.from_frame(df, directions={"cost": "cost"}).V.tolist()
        [[0.0, 100.0], [100.0, 0.0]]
        """
        pd = require("pandas", "pandas")
        if not isinstance(df, pd.DataFrame):
            raise InputError(f"from_frame takes a pandas DataFrame, got {type(df).__name__}.")
        for key in ("options", "criteria"):
            if key in kwargs:
                raise InputError(
                    f"{key}: from_frame takes them from the frame's index and columns."
                )
        numeric = [c for c in df.columns if df[c].dtype.kind not in "iuf"]
        if numeric:
            raise InputError(
                f"columns that are not numbers: {listing([str(c) for c in numeric])}; "
                "every column must hold one criterion's scores."
            )
        return cls.from_arrays(
            df.to_numpy(dtype=np.float64),
            w,
            options=[str(i) for i in df.index],
            criteria=[str(c) for c in df.columns],
            **kwargs,
        )


def _unit(case: Appraisal, scale: str) -> str:
    unit = getattr(case.scales[scale], "unit", None)
    return str(unit) if unit else ""


def _replace(m: Matrix, **changes: Any) -> Matrix:
    fields = {f: getattr(m, f) for f in m.__dataclass_fields__}
    fields.update(changes)
    return Matrix(**fields)


def _table(X: Any, name: str) -> FloatArray:
    try:
        A = np.array(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"{name} must be a table of numbers (rows of equal length): {exc}."
        ) from None
    if A.ndim != 2 or A.shape[0] < 1 or A.shape[1] < 1:
        raise InputError(
            f"{name} must be a 2-d table with at least one row and column, got shape {A.shape}."
        )
    if not np.all(np.isfinite(A)):
        i, j = np.argwhere(~np.isfinite(A))[0]
        raise InputError(f"{name} must be finite; row {i}, column {j} is {A[i, j]}.")
    return A


def _ids(x: Sequence[str], n: int, what: str, of: str, unique: bool = True) -> tuple[str, ...]:
    if isinstance(x, str):
        raise InputError(f"{what} must be a sequence of {n} strings, got one string {x!r}.")
    t = tuple(x)
    if len(t) != n or not all(isinstance(v, str) and v for v in t):
        raise InputError(
            f"{what} must be {n} non-empty strings (one per {of}), got {len(t)} items."
        )
    if unique and len(set(t)) != n:
        dup = sorted({v for v in t if t.count(v) > 1})
        raise InputError(f"{what} must be unique; repeated: {listing(dup)}.")
    return t


def _per_criterion(x: Any, crits: tuple[str, ...], what: str, default: str) -> tuple[str, ...]:
    if x is None:
        return (default,) * len(crits)
    if isinstance(x, Mapping):
        unknown = sorted(str(c) for c in x if c not in crits)
        if unknown:
            raise InputError(
                f"{what}: unknown criteria {listing(unknown)} (criteria: {listing(crits)})."
            )
        return tuple(str(x.get(c, default)) for c in crits)
    if isinstance(x, str):
        raise InputError(
            f"{what} must be one entry per criterion or a mapping, got the string {x!r}."
        )
    t = tuple(str(v) for v in x)
    if len(t) != len(crits):
        raise InputError(
            f"{what} must have {len(crits)} entries (one per criterion), got {len(t)}."
        )
    return t


def _bounds(
    bounds: Any, A: FloatArray, lvl: FloatArray | None, crits: tuple[str, ...]
) -> tuple[FloatArray, FloatArray]:
    k = A.shape[1]
    if bounds is None:
        if lvl is not None:
            return np.full(k, lvl[0]), np.full(k, lvl[-1])
        return A.min(axis=0), A.max(axis=0)
    b = np.array(bounds, dtype=np.float64)
    if b.shape == (2,):
        b = np.tile(b, (k, 1))
    if b.shape != (k, 2) or not np.all(np.isfinite(b)):
        raise InputError(f"bounds must be one (low, high) pair, or {k} pairs (one per criterion).")
    lo, hi = b.min(axis=1), b.max(axis=1)
    if np.any(lo == hi):
        same = [crits[j] for j in np.flatnonzero(lo == hi)]
        raise InputError(f"bounds: low and high must differ ({listing(same)}).")
    outside = np.argwhere((lo > A) | (hi < A))
    if outside.size:
        cells = ", ".join(f"row {i} {crits[j]} = {A[i, j]:g}" for i, j in outside[:10])
        raise InputError(f"scores outside their bounds: {cells}.")
    return lo, hi


def _weights(
    w: Weights,
    crits: tuple[str, ...],
    unweighted: tuple[str, ...],
    full: tuple[str, ...] | None = None,
) -> FloatArray:
    """Weights over ``crits``, normalised; ``full`` is the column order a list refers to."""
    if w is None:
        return np.full(len(crits), 1.0 / len(crits))
    if hasattr(w, "as_dict"):
        w = w.as_dict()
    if isinstance(w, Mapping):
        unknown = sorted(str(c) for c in w if c not in crits and c not in unweighted)
        if unknown:
            raise InputError(
                f"weights: unknown criteria {listing(unknown)} (criteria: {listing(crits)})."
            )
        loaded = [c for c in unweighted if w.get(c, 0) != 0]
        if loaded:
            raise InputError(
                f"weights: {listing(loaded)} carry no weight (weighted is false); give them 0."
            )
        vec = np.array([_number(w.get(c, 0.0), c) for c in crits], dtype=np.float64)
    else:
        order = full or crits
        arr = np.array(
            [_number(x, str(i)) for i, x in enumerate(np.ravel(np.asarray(w, dtype=object)))]
        )
        if arr.shape != (len(order),):
            raise InputError(
                f"weights must be {len(order)} numbers (one per criterion), got {arr.size}."
            )
        by = dict(zip(order, arr.tolist(), strict=True))
        return _weights(by, crits, unweighted)
    if np.any(vec < 0):
        raise InputError("weights must not be negative.")
    total = float(vec.sum())
    if not total > 0:
        raise InputError("weights must not all be zero.")
    out: FloatArray = vec / total
    return out


def _number(x: Any, where: str) -> float:
    if isinstance(x, bool) or not isinstance(x, int | float | np.integer | np.floating):
        raise InputError(f"weights: {where}: expected a number, got {x!r}.")
    v = float(x)
    if not np.isfinite(v):
        raise InputError(f"weights: {where}: expected a finite number, got {v}.")
    return v
