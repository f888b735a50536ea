"""Ties are an equivalence relation: chained near-ties, permutation invariance, bad arguments."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from appraisal.core.aggregate import TIE_TOLERANCE
from appraisal.errors import InputError
from appraisal.ranking import competition_ranks, rank_values, tie_groups

SETTINGS = settings(max_examples=200, deadline=None)

# scores on a coarse grid plus offsets of a fraction of the tolerance, so that chains of
# near-ties (each step within 1e-9, the ends not) actually occur
near_ties = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 6)).map(lambda t: 10.0 * t[0] + 0.45e-9 * t[1]),
    min_size=1,
    max_size=25,
)


def components(s: np.ndarray, tol: float) -> list[set[int]]:
    """Brute force: connected components of the graph "within tol" (the transitive closure)."""
    parent = list(range(s.size))

    def find(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    for a in range(s.size):
        for b in range(s.size):
            if abs(s[a] - s[b]) <= tol:
                parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for a in range(s.size):
        groups.setdefault(find(a), set()).add(a)
    return list(groups.values())


def test_chained_near_ties_share_one_rank() -> None:
    # audit reproducer: 0 and 1.6e-9 are 1.6e-9 apart but each is within 1e-9 of 0.8e-9;
    # the old pairwise rule gave ranks [2, 1, 1] (0 ties 0.8e-9 and is beaten by it)
    s = np.array([0.0, 0.8e-9, 1.6e-9])
    assert competition_ranks(s).tolist() == [1, 1, 1]
    assert tie_groups(s).tolist() == [0, 0, 0]
    ids = ("c", "a", "b")
    r = rank_values(s[:, None], np.array([1.0]), options=ids, names=ids, criteria=("x",))
    assert r.ties == (("a", "b", "c"),)
    assert r.top == ("a", "b", "c")


def test_ties_break_where_a_gap_exceeds_the_tolerance() -> None:
    s = np.array([5.0, 5.0 + 0.9e-9, 5.0 + 2.0e-9, 7.0, 7.0])
    assert competition_ranks(s).tolist() == [4, 4, 3, 1, 1]
    assert tie_groups(s).tolist() == [2, 2, 1, 0, 0]
    assert competition_ranks(s, tol=0.0).tolist() == [5, 4, 3, 1, 1]


@SETTINGS
@given(near_ties, st.randoms(use_true_random=False))
@example([0.0, 0.9e-9, 1.8e-9, 10.0], None)
def test_ties_are_the_transitive_closure_and_ranks_are_competition_ranks(
    values: list[float], rnd: object
) -> None:
    s = np.array(values)
    ranks = competition_ranks(s)
    groups = tie_groups(s)
    comps = components(s, TIE_TOLERANCE)
    # same rank <=> same group <=> same connected component of "within tol"
    for comp in comps:
        members = sorted(comp)
        assert len({int(ranks[i]) for i in members}) == 1
        assert len({int(groups[i]) for i in members}) == 1
    assert len(set(groups.tolist())) == len(comps)
    # competition ranks: 1 + the number of options in strictly better groups
    for i in range(s.size):
        better = sum(len(c) for c in comps if max(s[list(c)]) > s[i] and i not in c)
        assert ranks[i] == 1 + better
    # a higher score never has a worse rank; group labels count from the top
    for i in range(s.size):
        for j in range(s.size):
            if s[i] > s[j]:
                assert ranks[i] <= ranks[j] and groups[i] <= groups[j]
    assert groups.min() == 0 and ranks.min() == 1
    # invariant under any permutation of the options
    if rnd is not None:
        perm = np.arange(s.size)
        rnd.shuffle(perm)  # type: ignore[attr-defined]
        assert (competition_ranks(s[perm]) == ranks[perm]).all()
        assert (tie_groups(s[perm]) == groups[perm]).all()


@SETTINGS
@given(
    st.lists(
        st.lists(near_ties.map(lambda v: v[0]), min_size=6, max_size=6), min_size=1, max_size=5
    )
)
def test_rows_of_a_matrix_are_ranked_like_separate_vectors(rows: list[list[float]]) -> None:
    S = np.array(rows)
    assert (competition_ranks(S) == np.array([competition_ranks(r) for r in S])).all()
    assert (tie_groups(S) == np.array([tie_groups(r) for r in S])).all()


def test_extreme_scores_rank_without_overflow() -> None:
    s = np.array([-1.7e308, 1.7e308, 0.0, 1.7e308])
    assert competition_ranks(s).tolist() == [4, 1, 3, 1]
    assert competition_ranks(np.array([], dtype=float)).tolist() == []


def test_the_callers_scores_are_not_changed() -> None:
    s = np.array([3.0, 1.0, 2.0])
    competition_ranks(s)
    tie_groups(s)
    assert s.tolist() == [3.0, 1.0, 2.0] and s.flags.writeable


@pytest.mark.parametrize("fn", [competition_ranks, tie_groups])
@pytest.mark.parametrize(
    ("scores", "match"),
    [
        ([1.0, math.nan], r"scores must be finite numbers; scores\[1\] is nan\."),
        ([math.inf, 1.0], r"scores\[0\] is inf"),
        (np.zeros((2, 2, 2)), r"scores must be an array of shape \(m,\) or \(n, m\).*\(2, 2, 2\)"),
        (["a", "b"], "real numbers"),
        ([True, False], "real numbers"),
        ([[1.0, 2.0], [3.0]], "array of numbers"),
    ],
)
def test_bad_scores_are_refused(fn: object, scores: object, match: str) -> None:
    with pytest.raises(InputError, match=match):
        fn(scores)  # type: ignore[operator]


@pytest.mark.parametrize("fn", [competition_ranks, tie_groups])
@pytest.mark.parametrize("tol", [-1e-9, math.nan, math.inf, True, "1e-9", None])
def test_bad_tolerance_is_refused(fn: object, tol: object) -> None:
    with pytest.raises(InputError, match=r"^tol must be a (finite )?number >= 0, got"):
        fn([1.0, 2.0], tol)  # type: ignore[operator]


def test_many_nan_scores_are_named_briefly() -> None:
    with pytest.raises(InputError) as info:
        competition_ranks(np.full(100_000, math.nan))
    msg = str(info.value)
    assert "(100000 in all)" in msg and len(msg) < 400
