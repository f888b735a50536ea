"""Named weight sets: checking them against the criteria and turning them into vectors.

The numeric methods live in :mod:`appraisal.weights` as kernels; this module reads a
:class:`~appraisal.model.WeightSet`, checks every name it uses, and applies the kernels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from appraisal._text import allowed_list, suggest
from appraisal.core.ahp import AHP_TOLERANCE, CR_THRESHOLD
from appraisal.errors import InputError, InternalError
from appraisal.model import CriteriaFile, Elicitation, WeightSet
from appraisal.validation.checks import Problem

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["WEIGHTS", "WeightVector", "check_weight_sets", "compute_weight_set", "equal_set"]

WEIGHTS = -2
"""``Problem.where`` for the weights file."""
_PARAM = {"direct": "weights", "swing": "swing", "rank": "rank", "ahp": "judgements"}

FloatArray = NDArray[np.float64]
T = TypeVar("T")


@dataclass(frozen=True)
class WeightVector:
    """A weight set's normalised weights with their provenance.

    Attributes
    ----------
    name : str
    method : str
        ``equal``, ``direct``, ``swing``, ``rank``, ``ahp``, ``groups`` or ``custom``.
    criteria : tuple of str
        All criteria, in file order (criteria with ``weighted: false`` get 0).
    weights : ndarray, shape (k,)
        Non-negative, summing to 1.
    view, rationale : str or None
        Whose view the set represents and why.
    illustrative : bool
        True when the set is not from the source documents.
    consistency_ratio : float or None
        AHP consistency ratio, when the set was elicited by AHP.
    group_weights : dict or None
        The weight of each criterion group, for grouped sets.
    """

    name: str
    method: str
    criteria: tuple[str, ...]
    weights: FloatArray
    view: str | None = None
    rationale: str | None = None
    illustrative: bool = False
    consistency_ratio: float | None = None
    formula: str | None = None
    group_weights: dict[str, float] | None = None
    inconsistent: tuple[tuple[str, str, float], ...] = field(default=())
    within_consistency: dict[str, tuple[float, tuple[tuple[str, str, float], ...]]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.weights.setflags(write=False)

    def as_dict(self) -> dict[str, float]:
        """``{criterion: weight}``."""
        return {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)}

    def to_frame(self) -> Any:
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        from appraisal._extras import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: method, weights, consistency ratio and provenance."""
        out: dict[str, Any] = {
            "method": self.method,
            "weights": self.as_dict(),
            "consistency_ratio": self.consistency_ratio,
            "view": self.view,
            "rationale": self.rationale,
            "illustrative": self.illustrative,
        }
        if self.formula:
            out["formula"] = self.formula
        if self.group_weights is not None:
            out["group_weights"] = dict(self.group_weights)
        return out


def equal_set(cf: CriteriaFile) -> WeightVector:
    """The always-available ``equal`` set: every weighted criterion counts the same."""
    from appraisal.core.weights import equal_weights

    mask = np.array([c.weighted for c in cf.criteria], dtype=bool)
    return WeightVector(
        name="equal",
        method="equal",
        criteria=tuple(c.id for c in cf.criteria),
        weights=equal_weights(mask),
        view="Every criterion counts the same (the default).",
        rationale="Unweighted: the simple sum of scores.",
    )


def _check_elicitation(
    el: Elicitation, items: Sequence[str], path: tuple[str | int, ...], what: str
) -> list[Problem]:
    out: list[Problem] = []

    def bad(sub: tuple[str | int, ...], msg: str, value: Any = None, at_key: bool = False) -> None:
        out.append(Problem(WEIGHTS, (*path, *sub), msg, value, "error", at_key))

    need = _PARAM.get(el.method)
    for method, key in _PARAM.items():
        if key != need and getattr(el, key) is not None:
            bad(
                (key,),
                f"{key!r} belongs to method {method!r}, but this set's method is {el.method!r}; "
                "remove it or change the method.",
                key,
                True,
            )
    if need is None:
        return out
    given = getattr(el, need)
    if given is None:
        bad((), f"method {el.method!r} needs the key {need!r}; add it.", None, True)
        return out
    if el.method in ("direct", "swing"):
        for key, value in given.items():
            if key not in items:
                bad(
                    (need, key),
                    f"unknown {what} {key!r}{suggest(key, items)} "
                    f"(allowed: {allowed_list(items)}).",
                    key,
                    True,
                )
            elif value < 0:
                bad((need, key), f"weights must not be negative, got {value}.", value)
            elif el.method == "swing" and value > 100:
                bad((need, key), f"swing points run from 0 to 100, got {value}.", value)
        missing = [i for i in items if i not in given]
        if missing:
            bad(
                (need,),
                f"no weight for {allowed_list(missing)}; give every {what} a weight.",
                missing[0],
                True,
            )
        elif all(v == 0 for v in given.values()):
            bad((need,), "all weights are zero; at least one must be positive.", 0, True)
        elif not any(
            key not in items or value < 0 or (el.method == "swing" and value > 100)
            for key, value in given.items()
        ):
            out += _rescale_notes(el.method, given, (*path, need))
    elif el.method == "rank":
        seen: dict[str, int] = {}
        for i, entry in enumerate(given):
            names = (entry,) if isinstance(entry, str) else entry
            if not names:
                bad((need, i), "an empty list; give the tied criteria, or remove it.", [])
            for name in names:
                if name not in items:
                    bad(
                        (need, i),
                        f"unknown {what} {name!r}{suggest(name, items)} "
                        f"(allowed: {allowed_list(items)}).",
                        name,
                    )
                elif name in seen:
                    bad(
                        (need, i),
                        f"{name!r} is ranked twice (also at position {seen[name] + 1}).",
                        name,
                    )
                seen.setdefault(name, i)
        missing = [i for i in items if i not in seen]
        if missing:
            bad(
                (need,),
                f"{allowed_list(missing)} not ranked; every {what} must appear once.",
                missing[0],
                True,
            )
    elif el.method == "ahp":
        pairs: dict[frozenset[str], tuple[int, float, str]] = {}
        for i, (a, b, x) in enumerate(given):
            for name in (a, b):
                if name not in items:
                    bad(
                        (need, i),
                        f"unknown {what} {name!r}{suggest(name, items)} "
                        f"(allowed: {allowed_list(items)}).",
                        name,
                    )
            if a == b:
                bad((need, i), f"a judgement compares two different {what}s, got {a!r} twice.", a)
                continue
            if not (1 / 9) * (1 - AHP_TOLERANCE) <= x <= 9 * (1 + AHP_TOLERANCE):
                hint = ""
                if 0 < x < 1 and 1 <= round(1 / x) <= 9:  # a reciprocal typed as a decimal
                    hint = f"; write a reciprocal as a fraction, e.g. 1/{round(1 / x)}"
                bad((need, i, 2), f"{x:g} is outside Saaty's scale (1/9 to 9){hint}.", x)
            pair = frozenset((a, b))
            if pair in pairs:
                j, y, first = pairs[pair]
                implied = y if first == a else 1 / y
                if abs(implied * (1 / x) - 1) > AHP_TOLERANCE:
                    how = "inconsistently" if abs(implied - x) > AHP_TOLERANCE else "twice"
                    bad(
                        (need, i),
                        f"the pair {a!r}/{b!r} is judged {how} "
                        f"(also at {need}.{j}); give each pair once.",
                        [a, b, x],
                    )
                else:
                    bad(
                        (need, i),
                        f"the pair {a!r}/{b!r} is given twice (also at {need}.{j}); "
                        "give each pair once.",
                        [a, b, x],
                    )
            else:
                pairs[pair] = (i, x, a)
        known = list(items)
        missing = [
            f"{known[p]}/{known[q]}"
            for p in range(len(known))
            for q in range(p + 1, len(known))
            if frozenset((known[p], known[q])) not in pairs
        ]
        if missing and len(items) > 1:
            bad(
                (need,),
                f"missing judgements for {allowed_list(missing, 6)}; every pair of "
                f"{what}s needs one.",
                missing[0],
                True,
            )
    return out


def _rescale_notes(
    method: str, given: dict[str, float], path: tuple[str | int, ...]
) -> list[Problem]:
    """Warnings for numbers that are rescaled in a way the writer may not expect.

    Direct weights are divided by their sum; unless the sum is 1 or 100 (to within float
    rounding, a relative 1e-9), the writer is told what they sum to. Swing points are divided
    by their sum by definition, but the most valued swing should get 100; if none does, the
    writer is told the largest.
    """
    values = list(given.values())
    if method == "direct":
        total = math.fsum(values)
        if any(math.isclose(total, target, rel_tol=1e-9) for target in (1, 100)):
            return []
        msg = (
            f"weights sum to {total:.6g}; they are rescaled to sum to 1 (write them as "
            "percentages summing to 100, or fractions summing to 1, to silence this)."
        )
        return [Problem(WEIGHTS, path, msg, total, "warning", True)]
    top = max(values)
    if top == 100:
        return []
    msg = (
        f"no swing has 100 points (the largest has {top:g}); give the most valued swing 100 "
        "and the others points in proportion to it. The points are rescaled either way."
    )
    return [Problem(WEIGHTS, path, msg, top, "warning", True)]


def _groups_of(cf: CriteriaFile) -> tuple[list[str], dict[str, list[str]]]:
    members: dict[str, list[str]] = {}
    for c in cf.criteria:
        if c.weighted and c.group is not None:
            members.setdefault(c.group, []).append(c.id)
    order = [g.id for g in cf.groups if g.id in members] + [
        g for g in members if g not in {x.id for x in cf.groups}
    ]
    return order, members


def check_weight_set(cf: CriteriaFile, name: str, ws: WeightSet) -> list[Problem]:
    """Structural rules of one set (before any weights are computed)."""
    out: list[Problem] = []
    path: tuple[str | int, ...] = ("weight_sets", name)
    weighted = [c.id for c in cf.criteria if c.weighted]
    grouped = ws.method == "groups" or ws.over == "groups"
    if grouped:
        ungrouped = [c.id for c in cf.criteria if c.weighted and c.group is None]
        if ungrouped:
            out.append(
                Problem(
                    WEIGHTS,
                    (*path, "over" if ws.over == "groups" else "method"),
                    f"grouped weights need every criterion in a group; "
                    f"{allowed_list(ungrouped)} has none.",
                    ungrouped[0],
                )
            )
            return out
        order, members = _groups_of(cf)
        if ws.method == "groups":
            if ws.groups is None:
                out.append(
                    Problem(
                        WEIGHTS,
                        path,
                        "method 'groups' needs the key 'groups' "
                        "(how the groups were weighed); add it.",
                        None,
                        "error",
                        True,
                    )
                )
            else:
                out += _check_elicitation(ws.groups, order, (*path, "groups"), "group")
            for key in _PARAM.values():
                if getattr(ws, key) is not None:
                    out.append(
                        Problem(
                            WEIGHTS,
                            (*path, key),
                            f"{key!r} does not belong to "
                            "method 'groups'; put it under 'groups' or 'within'.",
                            key,
                            "error",
                            True,
                        )
                    )
        else:
            out += _check_elicitation(ws, order, path, "group")
        for g, el in ws.within.items():
            if g not in members:
                out.append(
                    Problem(
                        WEIGHTS,
                        (*path, "within", g),
                        f"unknown group {g!r}{suggest(g, order)} (allowed: {allowed_list(order)}).",
                        g,
                        "error",
                        True,
                    )
                )
            else:
                out += _check_elicitation(el, members[g], (*path, "within", g), "criterion")
    else:
        if ws.groups is not None or ws.within:
            key = "groups" if ws.groups is not None else "within"
            out.append(
                Problem(
                    WEIGHTS,
                    (*path, key),
                    f"{key!r} applies only with 'method: groups' or 'over: groups'.",
                    key,
                    "error",
                    True,
                )
            )
        out += _check_elicitation(ws, weighted, path, "criterion")
    return out


def _given(value: T | None) -> T:
    if value is None:  # pragma: no cover - sets are checked before they are computed
        raise InternalError("a weight set was computed before it was checked")
    return value


def _elicit(
    el: Elicitation, items: Sequence[str]
) -> tuple[FloatArray, float | None, tuple[tuple[str, str, float], ...]]:
    from appraisal.core import weights as k

    n = len(items)
    if el.method == "equal" or n == 1:
        return np.full(n, 1.0 / n), None, ()
    if el.method == "direct":
        return k.direct_weights([_given(el.weights)[i] for i in items]), None, ()
    if el.method == "swing":
        return k.swing_weights([_given(el.swing)[i] for i in items]), None, ()
    if el.method == "rank":
        position: dict[str, int] = {}
        place = 1
        for entry in _given(el.rank):
            names = (entry,) if isinstance(entry, str) else entry
            for name in names:
                position[name] = place
            place += len(names)
        return k.rank_order_weights([position[i] for i in items], el.formula), None, ()
    index = {name: j for j, name in enumerate(items)}
    A = k.ahp_matrix(n, {(index[a], index[b]): float(x) for a, b, x in _given(el.judgements)})
    res = k.ahp_weights(A)
    worst = tuple((items[i], items[j], float(r)) for i, j, r in res.most_inconsistent(3))
    return np.asarray(res.weights, dtype=np.float64), res.cr, worst


def compute_weight_set(cf: CriteriaFile, name: str, ws: WeightSet) -> WeightVector:
    """The normalised weight vector of a checked weight set."""
    ids = [c.id for c in cf.criteria]
    weighted = [c.id for c in cf.criteria if c.weighted]
    w = np.zeros(len(ids))
    cr: float | None = None
    worst: tuple[tuple[str, str, float], ...] = ()
    group_w: dict[str, float] | None = None
    within_cr: dict[str, tuple[float, tuple[tuple[str, str, float], ...]]] = {}
    if ws.method == "groups" or ws.over == "groups":
        order, members = _groups_of(cf)
        outer = ws.groups if ws.method == "groups" else ws
        if outer is None:
            raise InputError(f"weight set {name!r}: method 'groups' needs 'groups'.")
        gw, cr, worst = _elicit(outer, order)
        group_w = {g: float(x) for g, x in zip(order, gw, strict=True)}
        for g, gweight in zip(order, gw, strict=True):
            inner = ws.within.get(g, Elicitation(method="equal"))
            iw, inner_cr, inner_worst = _elicit(inner, members[g])
            if inner_cr is not None:
                within_cr[g] = (inner_cr, inner_worst)
            for cid, x in zip(members[g], iw, strict=True):
                w[ids.index(cid)] = gweight * x
    else:
        vec, cr, worst = _elicit(ws, weighted)
        for cid, x in zip(weighted, vec, strict=True):
            w[ids.index(cid)] = x
    w = w / w.sum()
    return WeightVector(
        name=name,
        method=ws.method,
        criteria=tuple(ids),
        weights=w,
        view=ws.view,
        rationale=ws.rationale,
        illustrative=ws.illustrative,
        consistency_ratio=cr,
        formula=ws.formula if ws.method == "rank" else None,
        group_weights=group_w,
        inconsistent=worst,
        within_consistency=within_cr,
    )


def check_weight_sets(cf: CriteriaFile, sets: dict[str, WeightSet]) -> list[Problem]:
    """Every rule for every set; AHP sets with CR above 0.10 give a warning."""
    out: list[Problem] = []
    for name, ws in sets.items():
        problems = check_weight_set(cf, name, ws)
        out += problems
        if any(p.severity == "error" for p in problems):
            continue
        try:
            vec = compute_weight_set(cf, name, ws)
        except InputError as exc:
            out.append(Problem(WEIGHTS, ("weight_sets", name), f"{exc}", None, "error", True))
            continue
        for g, (cr, pairs) in vec.within_consistency.items():
            if cr > CR_THRESHOLD:
                worst = "; ".join(f"{a} vs {b}" for a, b, _ in pairs)
                out.append(
                    Problem(
                        WEIGHTS,
                        ("weight_sets", name, "within", g, "judgements"),
                        f"the AHP consistency ratio within group {g!r} is {cr:.3f}, above "
                        f"0.10; revisit the most inconsistent judgements: {worst}.",
                        round(cr, 4),
                        "warning",
                        True,
                    )
                )
        if vec.consistency_ratio is not None and vec.consistency_ratio > CR_THRESHOLD:
            worst = "; ".join(f"{a} vs {b}" for a, b, _ in vec.inconsistent)
            out.append(
                Problem(
                    WEIGHTS,
                    ("weight_sets", name, "judgements"),
                    f"the AHP consistency ratio is {vec.consistency_ratio:.3f}, above 0.10; "
                    f"revisit the most inconsistent judgements: {worst}.",
                    round(vec.consistency_ratio, 4),
                    "warning",
                    True,
                )
            )
    return out


def resolve(appraisal: Appraisal, weights: Any) -> tuple[str, FloatArray]:
    """The name and vector of the weights a caller asked for (a name, mapping or WeightSet)."""
    from appraisal.core.weights import resolve_weights
    from appraisal.model import WeightSet
    from appraisal.validation.checks import raise_problems
    from appraisal.weighting import check_weight_sets, compute_weight_set

    if weights is None or isinstance(weights, str):
        vec = appraisal.weights("equal" if weights is None else weights)
        name, w = vec.name, np.asarray(vec.weights, dtype=np.float64)
    elif isinstance(weights, WeightSet):
        cf = appraisal.criteria_file()
        raise_problems(check_weight_sets(cf, {"custom": weights}))
        vec = compute_weight_set(cf, "custom", weights)
        name, w = "custom", np.asarray(vec.weights, dtype=np.float64)
    else:
        name, w = resolve_weights(appraisal, weights)
    # the one place where "a weighted: false criterion gets no weight" is enforced, for the
    # ranking and every analysis alike
    ids = appraisal.criterion_ids
    unweighted = np.array([not c.weighted for c in appraisal.criteria], dtype=bool)
    loaded = [f"{ids[j]}: {float(w[j]):g}" for j in np.flatnonzero(unweighted & (w != 0))]
    if loaded:
        raise InputError(
            f"weights: criteria with 'weighted: false' count in no ranking or analysis, so they "
            f"cannot carry weight (got {', '.join(loaded)}); give them 0 or leave them out."
        )
    return name, w
