"""Gates (must-pass criteria): which options are screened out before ranking, and why.

Re-exported by :mod:`appraisal.rank`, which applies them before every ranking; analyses use
:func:`passing` too, so screening is one rule everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["passing", "screen"]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def screen(
    appraisal: Appraisal, *, raw: tuple[FloatArray, BoolArray] | None = None
) -> tuple[tuple[str, str], ...]:
    """Options failing a gate (must-pass criterion), with the reason, in option order.

    ``raw`` is :func:`~appraisal.values.raw_matrix` ``(appraisal)`` when the caller has it.
    """
    from appraisal.matrix.case_values import raw_matrix
    from appraisal.validation.checks import _fmt, resolve_score

    values, scored = raw_matrix(appraisal) if raw is None else raw
    out: list[tuple[str, str]] = []
    for i, option in enumerate(appraisal.options):
        reasons: list[str] = []
        for j, crit in enumerate(appraisal.criteria):
            gate = crit.gate
            if gate is None:
                continue
            scale = appraisal.scales[crit.scale]
            if not scored[i, j]:
                reasons.append(f"not scored on must-pass criterion {crit.id}")
                continue
            x = float(values[i, j])
            lo = None if gate.min is None else resolve_score(gate.min, scale)[0]
            hi = None if gate.max is None else resolve_score(gate.max, scale)[0]

            def show(v: float, scale: Any = scale) -> str:
                level = scale.level_of(v) if hasattr(scale, "level_of") else None
                unit = f" {scale.unit}" if getattr(scale, "unit", None) else ""
                return f"{_fmt(v)} ({level.label})" if level else f"{_fmt(v)}{unit}"

            if lo is not None and x < lo:
                reasons.append(f"{crit.id} is {show(x)}, below the minimum {show(lo)}")
            if hi is not None and x > hi:
                reasons.append(f"{crit.id} is {show(x)}, above the maximum {show(hi)}")
        if reasons:
            out.append((option.id, "fails the gate: " + "; ".join(reasons)))
    return tuple(out)


def passing(
    appraisal: Appraisal, purpose: str, *, raw: tuple[FloatArray, BoolArray] | None = None
) -> tuple[tuple[tuple[str, str], ...], BoolArray]:
    """The screened-out options with reasons, and a mask of the options that pass every gate.

    ``raw`` is :func:`~appraisal.values.raw_matrix` ``(appraisal)`` when the caller has it.

    Raises
    ------
    InputError
        When no option passes (``purpose`` names what could then not be done).
    """
    from appraisal.errors import InputError

    screened = screen(appraisal, raw=raw)
    out = {o for o, _ in screened}
    keep = np.array([o.id not in out for o in appraisal.options], dtype=bool)
    if not keep.any():
        raise InputError(f"every option fails a must-pass criterion; nothing is left to {purpose}.")
    return screened, keep
