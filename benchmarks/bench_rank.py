"""Ranking, dominance and output at 1,000 and 10,000 options, against a bare-numpy baseline.

Run on demand (not part of the test suite)::

    python benchmarks/bench_rank.py [--options 1000 10000] [--criteria 3 19] [--repeat 3]

Prints a Markdown table. For each size, in the same run: the **baseline** is what any ranking
must do at least, the weighted sum and an argsort (``V @ w`` then ``numpy.argsort``), with no
ties, no dominance and no output. **ours** is ``appraisal.rank.rank_values`` (scores,
competition ranks with transitive ties, Pareto dominance over every pair, the ``Ranking``
result), then its text (what ``appraisal rank`` prints) and its JSON (every dominator listed).
Values are on a five-level grid, so that ties and dominance are common: with 3 criteria about a
third of all pairs are dominance pairs, the worst case for output. Time is the best of
``--repeat`` runs, in seconds; "x baseline" divides by the baseline's time.

Target (audit, item 9): a few seconds at 10,000 options including output (it was 15.7 s and
221 MB of text).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable

import numpy as np

from appraisal.ranking import rank_values


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--criteria", type=int, nargs="+", default=[3, 19])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    print(f"numpy {np.__version__}, Python {platform.python_version()}, {platform.machine()}\n")
    print("| options | criteria | what | time (s) | x baseline | pairs | output (MB) |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    rng = np.random.default_rng(args.seed)
    for m in args.options:
        for k in args.criteria:
            V = rng.integers(0, 5, size=(m, k)) * 25.0
            w = np.full(k, 1.0 / k)
            ids = tuple(f"option-{x:05d}" for x in rng.permutation(m))  # not in sorted order
            crit = tuple(f"c{j}" for j in range(k))

            base, _ = best_of(lambda V=V, w=w: np.argsort(-(V @ w), kind="stable"), args.repeat)
            t_rank, r = best_of(
                lambda V=V, w=w, ids=ids, crit=crit: rank_values(
                    V, w, options=ids, names=ids, criteria=crit
                ),
                args.repeat,
            )
            ranking = r  # type: ignore[assignment]
            pairs = sum(len(b) for b in ranking.dominated_by)  # type: ignore[attr-defined]
            t_text, text = best_of(ranking.to_text, args.repeat)  # type: ignore[attr-defined]
            t_json, js = best_of(
                lambda ranking=ranking: json.dumps(ranking.to_dict(), indent=2),  # type: ignore[attr-defined]
                1,
            )
            rows = [
                ("baseline: V @ w + argsort", base, None),
                ("ours: rank_values", t_rank, None),
                ("ours: rank_values + text", t_rank + t_text, len(str(text))),
                ("ours: rank_values + JSON", t_rank + t_json, len(str(js))),
            ]
            for what, t, size in rows:
                ratio = "" if what.startswith("baseline") else f"{t / base:.0f}"
                mb = "" if size is None else f"{size / 1e6:.1f}"
                print(f"| {m} | {k} | {what} | {t:.3f} | {ratio} | {pairs} | {mb} |")


if __name__ == "__main__":
    main()
