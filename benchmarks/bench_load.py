"""Load and validate a large generated case: 1,000 option files x 60 criteria.

Run on demand (not part of the test suite)::

    python benchmarks/bench_load.py [--options 1000] [--criteria 60] [--repeat 3]

Prints a Markdown table: the time of ``appraisal.load`` and ``appraisal.validate`` on the
generated case, against a baseline measured in the same run: PyYAML's fastest safe loader
(``yaml.load`` with ``CSafeLoader`` where libyaml is present) reading the same files with no
validation and no positions. The loader ``appraisal`` used is printed too. Target (issue 6):
under 2 s for load and validation.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import appraisal
from appraisal.io.yaml.reader import LOADER_NAME

LEVELS = ["Low", "Low-Med", "Medium", "Med-High", "High"]


def make_case(root: Path, n_options: int, n_criteria: int) -> None:
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    crit = [f"criterion-{j:03d}" for j in range(n_criteria)]
    lines = [
        "schema_version: 1",
        "title: Generated benchmark case",
        "scales:",
        "  five-point:",
        "    levels:",
        *(f"      - {{value: {v + 1}, label: {label}}}" for v, label in enumerate(LEVELS)),
        "criteria:",
    ]
    for c in crit:
        lines += [f"  - id: {c}", f"    name: Criterion {c}", "    scale: five-point"]
    (root / "criteria" / "criteria.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(n_options):
        out = [
            "schema_version: 1",
            f"id: option-{i:04d}",
            f"name: Option {i}",
            "summary: A generated option for the load benchmark.",
            "scores:",
        ]
        for j, c in enumerate(crit):
            score = 1 + (i * 7 + j * 3) % 5
            out += [
                f"  {c}:",
                f"    score: {score}",
                f"    rating: {LEVELS[score - 1]}",
                "    rationale: >-",
                "      A rationale of ordinary length, written by a policy officer to explain",
                "      why this option received this score on this criterion.",
            ]
        path = root / "options" / f"option-{i:04d}.yaml"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=1000)
    parser.add_argument("--criteria", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_case(root, args.options, args.criteria)
        files = sorted(root.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def baseline() -> None:
            for f in files:
                yaml.load(f.read_text(encoding="utf-8"), Loader=loader)  # a safe loader

        t_base = best_of(baseline, args.repeat)
        t_load = best_of(lambda: appraisal.load(root), args.repeat)
        t_valid = best_of(lambda: appraisal.validate(root), args.repeat)
    print(f"machine: {platform.platform()}, Python {platform.python_version()}")
    print(f"appraisal reader: {LOADER_NAME}; baseline: yaml.load with {loader.__name__}")
    print(
        f"case: {args.options:,} option files x {args.criteria} criteria, "
        f"{len(files):,} files, {size / 1e6:.1f} MB; best of {args.repeat}"
    )
    print()
    print("| step | time (s) | x baseline |")
    print("| --- | ---: | ---: |")
    print(f"| baseline: PyYAML parse only | {t_base:.3f} | 1.00 |")
    ratio = t_load / t_base
    print(f"| appraisal.load (parse, positions, validation) | {t_load:.3f} | {ratio:.2f} |")
    print(f"| appraisal.validate | {t_valid:.3f} | {t_valid / t_base:.2f} |")
    verdict = "met" if max(t_load, t_valid) < 2.0 else "NOT met"
    print(f"\ntarget: load and validate under 2 s -> {verdict}")


if __name__ == "__main__":
    main()
