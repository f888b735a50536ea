"""Benchmark SMAA against a bare-numpy baseline (and pysensmcda where installed); prints Markdown.

Run from the repository root::

    python3 benchmarks/bench_smaa.py [--repeat 3] [--max-n 10000000]
        [--pysens .pysens/bin/python] [--blas-threads 1]

Each measurement runs in a fresh subprocess. **Time**: one subprocess per case warms every
implementation up on 1000 samples, then runs them in turn ``--repeat`` times (interleaved, so
machine load hits all of them alike) and reports the best time. **Memory**: one subprocess per
case and implementation, after the same warm-up, records the peak of numpy's allocations with
``tracemalloc`` (numpy reports its buffers to it) around a single run, and the process's maximum
resident set size (``getrusage``, including the interpreter and imports).

The baseline is the smallest bare-numpy program that yields rank acceptabilities, unchunked:
``W = rng.dirichlet(ones(k), n)``; ``S = W @ V.T``; ``ranks = argsort(argsort(-S))``;
acceptabilities by ``bincount``. "ours" is ``appraisal.smaa.smaa`` with its default outputs
(rank acceptabilities, central weights, confidence factors, holistic acceptability, all
standard errors, and pairwise winning indices up to 200 options); "ours, no pairwise" skips the
O(n m^2) pairwise indices, "ours, with pairwise" asks for them whatever the number of options.

A second table ("size") times the cases an audit found slow: 60 criteria with ±20% weight
intervals at 1000 samples (exact box rejection now, and hit-and-run forced for comparison),
2000 options at the default 10,000 samples, and ±20% intervals on Birmingham's 19 criteria
against unconstrained sampling at 10^6 samples.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
SEED = 20140901

PYSENS_SNIPPET = """
import json, resource, sys, time, tracemalloc, warnings
import numpy as np
from pysensmcda.smaa import smaa2
warnings.simplefilter("ignore")
V = np.load(sys.argv[1]); n = int(sys.argv[2]); mode = sys.argv[3]
f = lambda matrix, weights, types: matrix @ weights
types = np.ones(V.shape[1])
smaa2(f, V, types, num_samples=1000, seed=0)
if mode == "memory":
    tracemalloc.start()
t = time.perf_counter()
smaa2(f, V, types, num_samples=n, seed=0)
t = time.perf_counter() - t
peak = tracemalloc.get_traced_memory()[1] if mode == "memory" else 0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"time": t, "peak": peak, "rss": rss}))
"""


# --- the cases and the implementations ----------------------------------------------------------


def load_case(name: str) -> np.ndarray:
    if name == "birmingham":
        import appraisal
        from appraisal.matrix.case_values import value_matrix

        return value_matrix(appraisal.load(REPO))
    if name == "options2000":
        return np.random.default_rng(2000).random((2000, 20)) * 100
    if name == "criteria60":
        return np.random.default_rng(60).random((10, 60)) * 100
    return np.random.default_rng(12345).random((1000, 50)) * 100


def _weights(k: int) -> np.ndarray:
    """Unequal weights for the interval cases (equal weights on Birmingham, as before)."""
    if k == 60:
        return np.random.default_rng(61).dirichlet(np.ones(k))
    return np.full(k, 1 / k)


def baseline(values: np.ndarray, n: int, seed: int) -> np.ndarray:
    """Bare numpy: Dirichlet weights, one matmul, argsort ranks, bincount; unchunked."""
    V = values
    m, k = V.shape
    rng = np.random.default_rng(seed)
    W = rng.dirichlet(np.ones(k), size=n)
    S = W @ V.T
    ranks = np.argsort(np.argsort(-S, axis=1), axis=1)
    counts = np.bincount((ranks + m * np.arange(m)).ravel(), minlength=m * m)
    return counts.reshape(m, m) / n


def implementations(values: np.ndarray) -> dict[str, Callable[[int, int], Any]]:
    from appraisal.smaa.analyse import interval_around, smaa

    V = values
    k = V.shape[1]
    box = interval_around(_weights(k), 0.2)
    return {
        "baseline": lambda n, s: baseline(V, n, s),
        "ours": lambda n, s: smaa(V, n=n, seed=s),
        "ours, no pairwise": lambda n, s: smaa(V, n=n, seed=s, pairwise=False),
        "ours, with pairwise": lambda n, s: smaa(V, n=n, seed=s, pairwise=True),
        "ours, ±1 level scores": lambda n, s: smaa(V, n=n, seed=s, level_step=25.0, levels=1),
        "ours, ±20% weight intervals": lambda n, s: smaa(V, n=n, seed=s, bounds=box),
        "ours, ±20% intervals, hit-and-run forced": lambda n, s: smaa(
            V, n=n, seed=s, bounds=box, method="hit-and-run"
        ),
    }


# --- workers (run in subprocesses) -------------------------------------------------------------


def worker(task: dict[str, Any]) -> dict[str, Any]:
    V = load_case(task["case"])
    impls = implementations(V)
    chosen = {name: impls[name] for name in task["impls"]}
    for f in chosen.values():  # warm-up: imports, BLAS threads, first-touch of code paths
        f(1000, 0)
    if task["mode"] == "time":
        times: dict[str, list[float]] = {name: [] for name in chosen}
        for _ in range(task["repeat"]):
            for name, f in chosen.items():
                t = time.perf_counter()
                f(task["n"], SEED)
                times[name].append(time.perf_counter() - t)
        return {"times": times}
    ((name, f),) = chosen.items()
    if task["mode"] == "method":
        r = f(task["n"], SEED)
        how = getattr(r, "weights_method", "bare numpy")
        note = getattr(r, "pairwise_note", None)
        return {"method": how + ("; pairwise skipped" if note and "more than" in note else "")}
    tracemalloc.start()
    f(task["n"], SEED)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"peak": peak, "rss": rss}


def run_worker(task: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", json.dumps(task)],
        check=True, capture_output=True, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_pysens(python: str, values: np.ndarray, n: int, env: dict[str, str], timeout: float) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "V.npy"
        np.save(path, values)
        res = {}
        for mode in ("time", "memory"):
            try:
                out = subprocess.run(
                    [python, "-c", PYSENS_SNIPPET, str(path), str(n), mode],
                    check=True, capture_output=True, text=True, env=env, timeout=timeout,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                return f"not finished within {timeout:.0f} s"
            except subprocess.CalledProcessError as err:
                last = (err.stderr.strip().splitlines() or ["?"])[-1]
                return f"failed: {last[:80]}"
            res[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        return json.dumps(
            {"time": res["time"]["time"], **{k: res["memory"][k] for k in ("peak", "rss")}}
        )


# --- the report ----------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "?"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        info = dict(line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
        cpu = f"{info.get('Model name', '?').strip()}, {info.get('CPU(s)', '?').strip()} CPUs"
    except (OSError, subprocess.CalledProcessError):
        pass
    blas = "?"
    try:
        cfg = np.show_config(mode="dicts")  # type: ignore[call-arg]
        b = cfg["Build Dependencies"]["blas"]
        blas = f"{b.get('name', '?')} {b.get('version', '')}".strip()
    except (TypeError, KeyError):
        pass
    return [
        f"- CPU: {cpu}; {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, numpy {np.__version__}, BLAS {blas}",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--max-n", type=int, default=10**7)
    ap.add_argument("--pysens", default=".pysens/bin/python")
    ap.add_argument("--pysens-timeout", type=float, default=900.0)
    ap.add_argument("--blas-threads", default=os.environ.get("OPENBLAS_NUM_THREADS", ""))
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0

    env = dict(os.environ)
    if args.blas_threads:
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(args.blas_threads)
    main_impls = ["baseline", "ours", "ours, no pairwise", "ours, with pairwise"]
    cases = [("birmingham", "Birmingham 5 x 19", n) for n in (10**5, 10**6, 10**7)]
    cases.append(("synthetic", "synthetic 1000 x 50", 10**3))
    size_cases = [
        ("criteria60", "synthetic 10 x 60", 10**3, ["ours", "ours, ±20% weight intervals",
                                                    "ours, ±20% intervals, hit-and-run forced"]),
        ("options2000", "synthetic 2000 x 20", 10**4, ["baseline", "ours"]),
        ("birmingham", "Birmingham 5 x 19", 10**6, ["ours", "ours, ±20% weight intervals"]),
    ]  # fmt: skip
    cases = [c for c in cases if c[2] <= args.max_n]
    extras = [
        ("birmingham", "Birmingham 5 x 19", 10**5),
        ("birmingham", "Birmingham 5 x 19", 10**6),
    ]
    extras = [c for c in extras if c[2] <= args.max_n]
    have_pysens = Path(args.pysens).exists()
    load0 = os.getloadavg()

    header = [
        "| case | samples | implementation | time (s) | × baseline | peak numpy (MB) "
        "| max RSS (MB) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    lines = list(header)

    def row(
        label: str, n: int, impl: str, t: float, base: float | None, peak: float, rss: float
    ) -> str:
        ratio = "" if base is None else f"{t / base:.2f}"
        mb = f"{peak / 2**20:.1f} | {rss / 2**20:.0f}"
        return f"| {label} | {n:.0e} | {impl} | {t:.3f} | {ratio} | {mb} |"

    for case, label, n in cases:
        repeat = args.repeat if n < 10**7 else max(1, args.repeat - 1)
        impls = main_impls if case == "synthetic" else main_impls[:3]
        times = run_worker(
            {"mode": "time", "case": case, "n": n, "impls": impls, "repeat": repeat}, env
        )["times"]
        base = min(times["baseline"])
        for impl in impls:
            mem = run_worker({"mode": "memory", "case": case, "n": n, "impls": [impl]}, env)
            t = min(times[impl])
            lines.append(
                row(
                    label, n, impl, t, None if impl == "baseline" else base, mem["peak"], mem["rss"]
                )
            )
            print(lines[-1], file=sys.stderr, flush=True)
        if have_pysens:
            res = run_pysens(args.pysens, load_case(case), n, env, args.pysens_timeout)
            if res.startswith("{"):
                r = json.loads(res)
                lines.append(
                    row(label, n, "pysensmcda 2.0.0 `smaa2`", r["time"], base, r["peak"], r["rss"])
                )
            else:
                lines.append(f"| {label} | {n:.0e} | pysensmcda 2.0.0 `smaa2` | {res} | | | |")
        else:
            lines.append(
                f"| {label} | {n:.0e} | pysensmcda | not installed at {args.pysens} | | | |"
            )
        print(lines[-1], file=sys.stderr, flush=True)

    extra_lines = list(header)
    for case, label, n in extras:
        impls = ["baseline", "ours, ±1 level scores", "ours, ±20% weight intervals"]
        times = run_worker(
            {"mode": "time", "case": case, "n": n, "impls": impls, "repeat": args.repeat}, env
        )["times"]
        base = min(times["baseline"])
        for impl in impls[1:]:
            mem = run_worker({"mode": "memory", "case": case, "n": n, "impls": [impl]}, env)
            extra_lines.append(row(label, n, impl, min(times[impl]), base, mem["peak"], mem["rss"]))
            print(extra_lines[-1], file=sys.stderr, flush=True)

    size_lines = [
        "| case | samples | implementation | time (s) | × first row | weights |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    for case, label, n, impls in size_cases:
        times = run_worker(
            {"mode": "time", "case": case, "n": n, "impls": impls, "repeat": args.repeat}, env
        )["times"]
        first = min(times[impls[0]])
        for impl in impls:
            t = min(times[impl])
            how = run_worker({"mode": "method", "case": case, "n": 1000, "impls": [impl]}, env)
            size_lines.append(
                f"| {label} | {n:.0e} | {impl} | {t:.3f} | {t / first:.2f} | {how['method']} |"
            )
            print(size_lines[-1], file=sys.stderr, flush=True)

    oneway_line = oneway_timing(args.repeat)
    load1 = os.getloadavg()
    out = [
        "## SMAA, weights uniform on the simplex, values fixed",
        "",
        *lines,
        "",
        "## SMAA with uncertainty (no target; for scale)",
        "",
        *extra_lines,
        "",
        "## Size: the cases an audit found slow",
        "",
        *size_lines,
        "",
        "## Exact one-way weight sensitivity",
        "",
        oneway_line,
        "",
        "## Machine",
        "",
        *machine(),
        f"- BLAS threads: {args.blas_threads or 'library default'}; "
        f"load average {load0[0]:.2f} at start, {load1[0]:.2f} at end",
    ]
    print("\n".join(out))
    return 0


def oneway_timing(repeat: int) -> str:
    try:
        from appraisal.sensitivity import oneway
    except ImportError as err:
        return f"Not measured: `appraisal.sensitivity.oneway` is not available ({err})."
    V = load_case("synthetic")
    m, k = V.shape
    w = np.full(k, 1 / k)
    opts, crits = [f"o{i}" for i in range(m)], [f"c{j}" for j in range(k)]
    oneway(V, w, options=opts, criteria=crits)
    best = min(
        _timed(lambda: oneway(V, w, options=opts, criteria=crits)) for _ in range(max(3, repeat))
    )
    return (
        f"`appraisal.sensitivity.oneway` on the synthetic 1000 x 50 case, equal weights: "
        f"best of {max(3, repeat)} runs {best:.4f} s (target: under 0.1 s)."
    )


def _timed(f: Callable[[], Any]) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
