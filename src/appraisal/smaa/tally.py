"""Running SMAA tallies: ranks, first-place weight sums, pairwise wins, per batch of chains.

Competition ranks come from pairwise comparisons for a few options (which also count the
pairwise wins) and from one row-wise argsort with a near-tie pass for many. A :class:`Tally`
sums one stream of samples; :class:`Tallies` keeps one per *batch* when the samples are
correlated (hit-and-run): row ``r`` of the weight stream comes from chain ``r % chains``, and
batch ``g`` holds the chains ``c`` with ``c % G == g``. Whole chains are independent of each
other, so the spread of the batch estimates measures the Monte Carlo error whatever the
autocorrelation within a chain (see :mod:`appraisal.smaa.result`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from appraisal.core.aggregate import TIE_TOLERANCE
from appraisal.smaa.samplers import BLAS_WORK, matmul

__all__ = ["SMALL_M", "Tallies", "Tally", "beaten", "first_at_central"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

SMALL_M = 12  # up to this many options, ranks come from pairwise comparisons, not sorting
_MAX_BATCHES = 32  # batches of chains for correlated streams
_BATCH_ELEMENTS = 1 << 23  # at most about this many tally entries over all batches


def _matmul_sum(F: FloatArray, W: FloatArray) -> FloatArray:
    """``F @ W`` for a wide ``F`` (m, c) and tall ``W`` (c, k), summed over column blocks."""
    cols = BLAS_WORK // max(1, F.shape[0] * W.shape[1])
    if cols < 256 or cols >= F.shape[1]:
        return np.asarray(F @ W, dtype=np.float64)
    out = np.zeros((F.shape[0], W.shape[1]))
    for s in range(0, F.shape[1], cols):
        out += F[:, s : s + cols] @ W[s : s + cols]
    return out


def beaten(S: FloatArray, tol: float) -> NDArray[np.int32]:
    """How many options beat each one, ``(c, m)``: pairwise comparisons, or a sort when many."""
    c, m = S.shape
    if m > SMALL_M:
        return beaten_sorted(S, tol)[0]
    thr = S + tol
    out = np.zeros((c, m), dtype=np.int32)
    for j in range(m):
        out += S[:, j : j + 1] > thr
    return out


def places_sorted(S: FloatArray, tol: float) -> tuple[NDArray[np.int32], NDArray[np.intp]]:
    """Each row sorted best first: the competition place (0-based) of each slot, and the flat
    index into ``S`` of the option in it.

    After an argsort, the option in slot ``p`` is beaten by ``p`` options less those in the
    slots above it whose score is within ``tol`` of its own.
    """
    c, m = S.shape
    flat = np.argsort(S, axis=1)  # ties may come in any order
    flat += (m * np.arange(c))[:, None]
    flat = flat[:, ::-1]  # best first
    d = np.take(S, flat)  # descending
    place = np.broadcast_to(np.arange(m, dtype=np.int32), (c, m))
    for t in range(1, m):  # d[p - t] within tol of d[p]: one more option not strictly above
        close = d[:, :-t] - d[:, t:] <= tol
        if not close.any():
            break
        place = place.copy() if t == 1 else place
        place[:, t:] -= close
    return place, flat


def beaten_sorted(S: FloatArray, tol: float) -> tuple[NDArray[np.int32], NDArray[np.intp]]:
    """``beaten`` by sorting each row, and the flat index into ``S`` of the option in each place."""
    c, m = S.shape
    place, flat = places_sorted(S, tol)
    out = np.empty((c, m), dtype=np.int32)
    out.ravel()[flat] = place
    return out, flat


class Tally:
    """Running sums over samples: rank counts, first-place weight sums, pairwise wins."""

    def __init__(self, m: int, k: int, pairwise: bool) -> None:
        self.m, self.n, self.pairwise, self.tied_first = m, 0, pairwise, 0
        self.ranks = np.zeros((m, m), dtype=np.int64)  # [option, rank - 1]
        self.wins = np.zeros((m, m) if pairwise else (0, 0), dtype=np.int64)  # i beats j
        self.w1 = np.zeros((m, k))  # sum of W over samples where the option is first
        self.w2 = np.zeros((m, k))  # and of W**2

    def add(self, S: FloatArray, W: FloatArray) -> None:
        """Count one chunk: scores ``S`` (c, m) under weights ``W`` (c, k)."""
        c, m = S.shape
        if c == 0:
            return
        if m <= SMALL_M:
            b_t = self._few(S)
            first = b_t == 0
            self.tied_first += int(np.count_nonzero(first.sum(axis=0) > 1))
            F = first.astype(np.float64)  # a dense 0/1 product is fastest for a few options
            self.w1 += _matmul_sum(F, W)
            self.w2 += _matmul_sum(F, np.square(W))
        elif not self.pairwise:  # histogram straight from the sorted slots: no scatter
            place, flat = places_sorted(S, TIE_TOLERANCE)
            opt = flat - (m * np.arange(c))[:, None]  # the option in each slot
            when = np.arange(c)
            who = opt[:, 0]
            shared = place[:, 1] == 0 if m > 1 else np.zeros(c, dtype=bool)
            if shared.any():  # rows where the second slot ties with the first
                self.tied_first += int(np.count_nonzero(shared))
                rows, slots = np.nonzero(place[shared] == 0)
                tied_rows = np.flatnonzero(shared)[rows]
                who = np.concatenate([who[~shared], opt[tied_rows, slots]])
                when = np.concatenate([when[~shared], tied_rows])
            np.add.at(self.w1, who, W[when])
            np.add.at(self.w2, who, np.square(W[when]))
            self.n += c
            opt *= m
            opt += place
            self.ranks += np.bincount(opt.ravel(), minlength=m * m).reshape(m, m)
            return
        else:
            b, flat = beaten_sorted(S, TIE_TOLERANCE)
            b_t = np.ascontiguousarray(b.T)
            if self.pairwise:
                self._wins_sorted(S, b, flat)
            # the option in first place, and the rows where the second place ties with it
            when = np.arange(c)
            who = flat[:, 0] - m * when
            shared = np.take(b, flat[:, 1]) == 0
            if shared.any():
                self.tied_first += int(np.count_nonzero(shared))
                rows, opts = np.nonzero(b[shared] == 0)
                who = np.concatenate([who[~shared], opts])
                when = np.concatenate([when[~shared], np.flatnonzero(shared)[rows]])
            np.add.at(self.w1, who, W[when])
            np.add.at(self.w2, who, np.square(W[when]))
        self.n += c
        offsets = (m * np.arange(m, dtype=np.int32))[:, None]
        self.ranks += np.bincount((b_t + offsets).ravel(), minlength=m * m).reshape(m, m)

    def _few(self, S: FloatArray) -> NDArray[np.int32]:
        """``beaten`` as (m, c) for a few options, with pairwise wins from the same comparisons."""
        c, m = S.shape
        if not self.pairwise:
            return np.ascontiguousarray(beaten(S, TIE_TOLERANCE).T)
        ST, out = np.ascontiguousarray(S.T), np.zeros((m, c), dtype=np.int32)
        thr, g = ST + TIE_TOLERANCE, np.empty(c, dtype=bool)
        for i in range(m):
            for j in range(m):
                if i != j:
                    np.greater(ST[i], thr[j], out=g)
                    self.wins[i, j] += np.count_nonzero(g)
                    out[j] += g
        return out

    def _wins_sorted(self, S: FloatArray, b: NDArray[np.int32], flat: NDArray[np.intp]) -> None:
        """Pairwise wins for many options: positions compared as int16, exact rows where tied."""
        c, m = S.shape
        pos = np.empty((c, m), dtype=np.int16 if m < 2**15 else np.int32)
        pos.ravel()[flat] = np.arange(m, dtype=pos.dtype)
        tied = np.any(b != pos, axis=1)  # rows where a near-tie bent the ranks
        acc, hit = np.zeros((m, m), dtype=np.uint8), np.empty((m, m), dtype=bool)
        for s, p in enumerate(pos[~tied], start=1):  # one sample at a time stays in cache
            np.less(p[:, None], p[None, :], out=hit)
            np.add(acc, hit.view(np.uint8), out=acc)
            if s % 255 == 0:  # before the uint8 counts can overflow
                self.wins += acc
                acc[:] = 0
        self.wins += acc
        for row in S[tied]:  # exact comparisons where scores tie within tolerance
            self.wins += row[:, None] > row[None, :] + TIE_TOLERANCE


class Tallies:
    """The tally of a whole stream, kept as one per batch of chains when rows are correlated.

    Parameters
    ----------
    m, k : int
    pairwise : bool
    chains : int
        0 for independent rows (one tally); else the number of interleaved chains.
    """

    def __init__(self, m: int, k: int, pairwise: bool, chains: int = 0) -> None:
        self.chains, self.position = chains, 0
        per_batch = m * m * (2 if pairwise else 1) + 2 * m * k
        batches = min(_MAX_BATCHES, chains, max(2, _BATCH_ELEMENTS // per_batch)) if chains else 1
        self.batches = [Tally(m, k, pairwise) for _ in range(batches)]

    def add(self, S: FloatArray, W: FloatArray) -> None:
        """Count the next rows of the stream."""
        c = S.shape[0]
        if len(self.batches) == 1:
            self.batches[0].add(S, W)
        else:
            g = (np.arange(self.position, self.position + c) % self.chains) % len(self.batches)
            for b, tally in enumerate(self.batches):
                rows = g == b
                tally.add(S[rows], W[rows])
        self.position += c

    def total(self) -> Tally:
        """All the batches summed (the batch tally itself when there is one)."""
        if len(self.batches) == 1:
            return self.batches[0]
        first = self.batches[0]
        out = Tally(first.m, first.w1.shape[1], first.pairwise)
        for t in self.batches:
            out.n += t.n
            out.tied_first += t.tied_first
            out.ranks += t.ranks
            out.wins += t.wins
            out.w1 += t.w1
            out.w2 += t.w2
        return out


def first_at_central(Vs: FloatArray, tally: Tally) -> IntArray:
    """For each option i ever first, in how many of ``Vs`` (c, m, k) i is first at w_i^c."""
    c, m, k = Vs.shape
    counts = np.zeros(m, dtype=np.int64)
    idx = np.flatnonzero(tally.ranks[:, 0])  # options with a central weight vector
    if idx.size:
        Wc = tally.w1[idx] / tally.ranks[idx, :1]
        Sc = matmul(Vs.reshape(c * m, k), np.ascontiguousarray(Wc.T)).reshape(c, m, idx.size)
        own = Sc[:, idx, np.arange(idx.size)]  # [s, option, vector of idx]
        counts[idx] = np.count_nonzero(~np.any(Sc > own[:, None, :] + TIE_TOLERANCE, axis=1), 0)
    return counts
