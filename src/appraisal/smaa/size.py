"""How big an SMAA run is: chunk sizes, a cost estimate, and the ceiling on samples.

:func:`check_samples` is what a caller (the command line's ``--samples``) uses to refuse a
request before anything is allocated; :func:`estimate_cost` gives the time and memory the
refusal quotes. Both are re-exported by :mod:`appraisal.smaa`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from appraisal.errors import InputError
from appraisal.smaa.args import MAX_SAMPLES, as_count

__all__ = [
    "MAX_SAMPLES",
    "PAIRWISE_AUTO_MAX",
    "SmaaCost",
    "check_samples",
    "chunk_size",
    "estimate_cost",
]

#: With ``pairwise=None`` (the default), pairwise winning indices are computed up to this many
#: options; they cost n m^2 comparisons, which dominates everything else for many options.
PAIRWISE_AUTO_MAX = 200

_CHUNK_ELEMENTS = 1 << 22  # about 32 MB of float64 per chunk
_MAX_CHUNK = 1 << 16


@dataclass(frozen=True)
class SmaaCost:
    """A rough cost estimate of one :func:`smaa` run (see :func:`estimate_cost`).

    Attributes
    ----------
    samples, chunk : int
        Samples asked for, and samples per chunk.
    chunk_bytes : int
        Memory of one chunk's working arrays (the run's peak, give or take the result).
    seconds : float
        Estimated time on the 2-core machine of docs/performance.md (idle), with the default
        weight sampler; hit-and-run weights cost more (about ``thin`` times).
    """

    samples: int
    chunk: int
    chunk_bytes: int
    seconds: float

    def __str__(self) -> str:
        t = self.seconds
        when = f"{t:.0f} s" if t < 120 else f"{t / 60:.0f} min" if t < 7200 else f"{t / 3600:.0f} h"
        return f"about {when} and {self.chunk_bytes / 2**20:.0f} MB per chunk"


def chunk_size(m: int, k: int, uncertain: bool, pairwise: bool, chunk: int | None) -> int:
    if chunk is not None:
        return as_count("chunk", chunk)
    per_sample = 2 * k + 4 * m + (2 * m * k + m * m if uncertain else 0) + (m if pairwise else 0)
    return max(1, min(_MAX_CHUNK, _CHUNK_ELEMENTS // per_sample))


def estimate_cost(
    m: int, k: int, n: int, *, uncertain: bool = False, pairwise: bool | None = None
) -> SmaaCost:
    """Estimate the time and memory of ``smaa`` on ``m`` options, ``k`` criteria, ``n`` samples.

    Time is ``n`` times a per-sample cost fitted to ``benchmarks/bench_smaa.py`` on a 2-core
    virtual machine: ``2e-8 + 3e-9 m k + 5e-9 m log2(m)`` seconds, plus ``2e-10 m^2`` for
    pairwise winning indices, times 3 with uncertain values (two passes, more numbers). A guide
    for refusing absurd requests, not a promise.

    Examples
    --------
    >>> c = estimate_cost(5, 19, 10**12)
    >>> c.seconds > 10**5, c.chunk
    (True, 65536)
    """
    m, k = as_count("m", m), as_count("k", k)
    n = as_count("n", n)
    pw = m <= PAIRWISE_AUTO_MAX if pairwise is None else pairwise
    c = chunk_size(m, k, uncertain, pw, None)
    per_sample = 2 * k + 4 * m + (2 * m * k + m * m if uncertain else 0) + (m if pw else 0)
    per = 2e-8 + 3e-9 * m * k + (5e-9 * m * math.log2(m + 1) if m > 12 else 1e-9 * m * m)
    per += 2e-10 * m * m if pw else 0.0
    per *= 3.0 if uncertain else 1.0
    return SmaaCost(samples=n, chunk=min(c, n), chunk_bytes=8 * per_sample * min(c, n),
                    seconds=n * per)  # fmt: skip


def check_samples(
    n: object,
    *,
    m: int = 1,
    k: int = 1,
    uncertain: bool = False,
    limit: int = MAX_SAMPLES,
    name: str = "n",
) -> int:
    """``n`` as an int if it is a sane number of SMAA samples; InputError (with an estimate) if not.

    Refuses non-integers (``1e6`` as a float, ``True``), counts below 1 and counts above
    ``limit`` (default :data:`MAX_SAMPLES`, 10^9) before anything is allocated. The command
    line calls it for ``--samples``; :func:`smaa` calls it for ``n``.

    Examples
    --------
    >>> check_samples(10_000)
    10000
    >>> check_samples(10**12, m=5, k=19)
    Traceback (most recent call last):
    ...
    appraisal.errors.InputError: n = 1,000,000,000,000 samples is more than the limit of ...
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise InputError(
            f"{name} must be a whole number of samples, got {n!r} ({type(n).__name__})."
        )
    count = int(n)
    if count < 1:
        raise InputError(f"{name} must be a positive number of samples (got {count}).")
    if count > limit:
        cost = estimate_cost(max(1, m), max(1, k), count, uncertain=uncertain)
        raise InputError(
            f"{name} = {count:,} samples is more than the limit of {limit:,} (it would take {cost} "
            f"for {m} options x {k} criteria); ask for fewer samples."
        )
    return count


def pairwise_choice(pairwise: bool | None, m: int) -> tuple[bool, str | None]:
    """Whether to compute pairwise winning indices, and why not when they are skipped."""
    if pairwise is None:
        if m <= PAIRWISE_AUTO_MAX:
            return True, None
        return False, (
            f"not computed: {m} options is more than {PAIRWISE_AUTO_MAX} (the n m^2 pairwise "
            "comparisons would dominate the run); ask for them with pairwise=True"
        )
    if not isinstance(pairwise, (bool, np.bool_)):
        raise InputError(f"pairwise must be True, False or None, got {pairwise!r}.")
    return bool(pairwise), None if pairwise else "not computed: pairwise=False"
