"""Weights: turning stakeholders' judgements into a normalised weight vector.

Kernels take and return plain arrays; :func:`resolve_weights` turns what a caller passes to
:meth:`Appraisal.rank` into a vector over the appraisal's criteria.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._checks import suggest
from .errors import InputError

if TYPE_CHECKING:
    from .model import Appraisal

__all__ = ["equal_weights", "normalise", "resolve_weights"]

FloatArray = NDArray[np.float64]


def normalise(w: FloatArray) -> FloatArray:
    """Scale non-negative weights to sum to 1.

    Examples
    --------
    >>> import numpy as np
    >>> normalise(np.array([1.0, 3.0]))
    array([0.25, 0.75])
    """
    total = float(np.sum(w))
    return np.asarray(w / total, dtype=np.float64)


def equal_weights(mask: NDArray[np.bool_]) -> FloatArray:
    """Equal weights over the criteria where ``mask`` is True, zero elsewhere.

    Examples
    --------
    >>> import numpy as np
    >>> equal_weights(np.array([True, False, True, True]))
    array([0.33333333, 0.        , 0.33333333, 0.33333333])
    """
    return normalise(mask.astype(np.float64))


def _from_mapping(appraisal: Appraisal, weights: Mapping[str, Any]) -> FloatArray:
    ids = appraisal.criterion_ids
    problems: list[str] = []
    for key in weights:
        if key not in ids:
            problems.append(f"unknown criterion {key!r}{suggest(str(key), ids)}")
    w = np.zeros(len(ids))
    for j, cid in enumerate(ids):
        value = weights.get(cid, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            problems.append(f"{cid}: expected a number, got {value!r}")
        elif not math.isfinite(float(value)) or float(value) < 0:
            problems.append(f"{cid}: weights must be finite and non-negative, got {value!r}")
        else:
            w[j] = float(value)
    if not problems and w.sum() <= 0:
        problems.append("at least one weight must be positive")
    if problems:
        raise InputError("invalid weights: " + "; ".join(problems) + ".")
    return normalise(w)


def resolve_weights(appraisal: Appraisal, weights: Any = None) -> tuple[str, FloatArray]:
    """The name and normalised vector of the weights a caller asked for.

    Parameters
    ----------
    appraisal : Appraisal
    weights : None, str or mapping
        ``None`` or ``"equal"``: equal weights over the weighted criteria. A mapping
        ``{criterion: weight}``: non-negative numbers, normalised; criteria left out get 0.

    Returns
    -------
    (str, ndarray of shape (k,))

    Raises
    ------
    InputError
        Unknown criteria, negative or non-finite weights, or all weights zero.

    Examples
    --------
    >>> import appraisal
    >>> name, w = resolve_weights(appraisal.load("."), {"outcomes": 3, "vision": 1})
    >>> name, float(w[0]), float(w.sum())
    ('custom', 0.75, 1.0)
    """
    mask = np.array([c.weighted for c in appraisal.criteria])
    if weights is None or (isinstance(weights, str) and weights == "equal"):
        return "equal", equal_weights(mask)
    if isinstance(weights, Mapping):
        return "custom", _from_mapping(appraisal, weights)
    if isinstance(weights, str):
        raise InputError(f"unknown weight set {weights!r} (defined: equal).")
    raise InputError(
        f"weights must be None, a weight set's name or a mapping of criterion to weight, "
        f"got {type(weights).__name__}."
    )
