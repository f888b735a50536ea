"""Hierarchical (grouped) weights: a group's weight times the weights within the group.

Re-exported by :mod:`appraisal.weights`, the home of every weighting method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from appraisal._text import suggest
from appraisal.core._args import MAX_LISTED, nonnegative_problems, real_numbers
from appraisal.core.weights import normalise
from appraisal.errors import InputError

__all__ = ["group_weights"]

FloatArray = NDArray[np.float64]


def group_weights(
    group_of: Sequence[str], group_w: Mapping[str, float], within: Mapping[str, ArrayLike]
) -> FloatArray:
    r"""Hierarchical weights: a group's weight times the criterion's weight within its group.

    .. math:: w_j = \frac{g_{G(j)}}{\sum_h g_h} \cdot \frac{u_j}{\sum_{k \in G(j)} u_k}

    Parameters
    ----------
    group_of : sequence of str, length k
        ``group_of[j]`` is the group of criterion ``j``.
    group_w : mapping of str to float
        A non-negative weight for every group in ``group_of`` (and no other), normalised here.
    within : mapping of str to array_like
        ``within[g]``: non-negative weights of group ``g``'s criteria, in criterion order,
        normalised within the group; at least one positive in each group.

    Returns
    -------
    ndarray, shape (k,)

    Raises
    ------
    InputError
        Listing every problem: a group without a weight or within-group weights, an unknown
        group, within-group weights of the wrong length, negative, non-finite or all-zero values.

    Examples
    --------
    >>> w = group_weights(["a", "b", "a"], {"a": 3, "b": 1}, {"a": [1, 2], "b": [5]})
    >>> [round(float(x), 4) for x in w]
    [0.25, 0.25, 0.5]
    """

    if isinstance(group_of, str | bytes) or len(group_of) == 0:
        raise InputError(
            f"group_of must list the group of each criterion (at least one), got {group_of!r:.80}."
        )
    order = list(dict.fromkeys(group_of))
    problems: list[str] = []
    for where, keys in (("group weights", group_w), ("within-group weights", within)):
        for g in keys:
            if g not in order:
                problems.append(f"{where}: unknown group {g!r}{suggest(str(g), order)}")
        for g in order:
            if g not in keys:
                problems.append(f"{where}: none given for group {g!r}")
    members: dict[str, list[int]] = {g: [] for g in order}
    for j, h in enumerate(group_of):
        members[h].append(j)
    given = [group_w.get(g, 0.0) for g in order]
    numbers = real_numbers(given) if given else np.zeros(0)
    gw = np.zeros(len(order))
    if numbers is None or numbers.shape != (len(order),):
        problems.append(f"group weights must be numbers, got {dict(group_w)!r:.200}")
    else:
        gw = numbers
        problems += nonnegative_problems(gw, "group weights")
    inner: dict[str, FloatArray] = {}
    for g in order:
        if g not in within:
            continue
        found_u = real_numbers(within[g])
        if found_u is None:
            problems.append(f"within-group weights of {g!r} must be numbers")
            continue
        u = found_u
        if u.shape != (len(members[g]),):
            problems.append(
                f"within-group weights of {g!r}: expected {len(members[g])} "
                f"(one per criterion in the group), got shape {u.shape}"
            )
            continue
        found = nonnegative_problems(u, f"within-group weights of {g!r}")
        problems += found
        if not found:
            inner[g] = normalise(u)
    if problems:
        more = len(problems) - MAX_LISTED
        tail = f"; and {more} more problems" if more > 0 else ""
        raise InputError("invalid group weights: " + "; ".join(problems[:MAX_LISTED]) + tail + ".")
    outer = normalise(gw)
    w = np.zeros(len(group_of))
    for gi, g in enumerate(order):
        w[members[g]] = outer[gi] * inner[g]
    return normalise(w)
