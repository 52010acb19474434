#!/usr/bin/env python3
"""Ratios of benches/compare.rs: each switchboard path beside its baselines.

    cargo bench --bench compare -- --measurement-time 3 --warm-up-time 1
    python3 scripts/bench-ratios.py            # from target/criterion/**/new/estimates.json
    python3 scripts/bench-ratios.py --callgrind # instruction counts under valgrind (slow)

Times are criterion's median estimates per iteration. For each group, `time ratio` is
switchboard's time over the baseline's (below 1: switchboard is faster) and `throughput
ratio` its inverse. The goals of issue 16 are checked on the line they apply to:
encode: time ratio to hand_json <= 0.5; webhook: throughput ratio to value >= 1.0;
send: throughput ratio to raw_reqwest >= 0.95. Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

GOALS = {
    # group prefix, baseline: (which ratio, comparison, bound)
    ("encode/", "hand_json"): ("time", "<=", 0.5),
    ("webhook/", "value"): ("throughput", ">=", 1.0),
    ("send/", "raw_reqwest"): ("throughput", ">=", 0.95),
}


def goal(group, baseline, time_ratio):
    for (prefix, base), (which, op, bound) in GOALS.items():
        if group.startswith(prefix) and baseline == base:
            value = time_ratio if which == "time" else 1.0 / time_ratio
            met = value <= bound if op == "<=" else value >= bound
            return f"{which} {op} {bound}: {'met' if met else 'NOT met'}"
    return ""


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target"
    )


def criterion_times():
    """{group: {function: median ns}} of every benchmark with a switchboard member."""
    out = {}
    pattern = os.path.join(target_dir(), "criterion", "**", "new", "estimates.json")
    for path in glob.glob(pattern, recursive=True):
        new = os.path.dirname(path)
        try:
            with open(os.path.join(new, "benchmark.json")) as f:
                bench = json.load(f)
            with open(path) as f:
                estimates = json.load(f)
        except (OSError, ValueError):
            continue
        group, function = bench.get("group_id"), bench.get("function_id")
        if group is None or function is None:
            continue
        out.setdefault(group, {})[function] = estimates["median"]["point_estimate"]
    return {g: f for g, f in out.items() if "switchboard" in f}


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def table(values, unit):
    rows = []
    for group in sorted(values):
        members = values[group]
        ours = members["switchboard"]
        for baseline in sorted(m for m in members if m != "switchboard"):
            r = ours / members[baseline]
            rows.append((group, baseline, unit(ours), unit(members[baseline]), r, 1 / r,
                         goal(group, baseline, r)))
    if not rows:
        return False
    print("| group | baseline | switchboard | baseline | time ratio | throughput ratio | goal |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for g, b, o, t, r, inv, note in rows:
        print(f"| {g} | {b} | {o} | {t} | {r:.2f} | {inv:.2f} | {note} |")
    return True


def compare_binary():
    candidates = [
        p for p in glob.glob(os.path.join(target_dir(), "release", "deps", "compare-*"))
        if os.access(p, os.X_OK) and not p.endswith(".d")
    ]
    if not candidates:
        sys.exit("no compare bench binary: run `cargo bench --bench compare --no-run` first")
    return max(candidates, key=os.path.getmtime)


def cases(binary):
    env = dict(os.environ, SWITCHBOARD_COMPARE_CASE="?")
    run = subprocess.run([binary], env=env, capture_output=True, text=True)
    return [line.strip() for line in run.stderr.splitlines() if line.startswith("  ")]


def instructions(binary, case, iters):
    env = dict(os.environ, SWITCHBOARD_COMPARE_CASE=case, SWITCHBOARD_COMPARE_ITERS=str(iters))
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary],
        env=env, capture_output=True, text=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", run.stderr)
    if run.returncode != 0 or not found:
        sys.exit(f"valgrind failed on {case}:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def callgrind(args):
    binary = compare_binary()
    per_iter = {}
    for case in cases(binary):
        if args.only and not any(case.startswith(o) for o in args.only):
            continue
        small, large = (64, 64 + args.iters) if case.startswith("send/") else (10, 10 + args.iters)
        a, b = instructions(binary, case, small), instructions(binary, case, large)
        group, function = case.rsplit("/", 1)
        per_iter.setdefault(group, {})[function] = (b - a) / (large - small)
        print(f"{case}: {per_iter[group][function]:.0f} instructions per iteration",
              file=sys.stderr)
    print(f"Instructions per iteration (valgrind --tool=callgrind, {binary}):\n")
    table({g: f for g, f in per_iter.items() if "switchboard" in f}, lambda n: f"{n:.0f} Ir")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--callgrind", action="store_true",
                        help="count instructions under valgrind instead of reading criterion")
    parser.add_argument("--iters", type=int, default=2000,
                        help="iterations per case under valgrind (the difference of two runs)")
    parser.add_argument("--only", action="append",
                        help="with --callgrind: only cases starting with this (repeatable)")
    args = parser.parse_args()
    if args.callgrind:
        return callgrind(args)
    print(f"Criterion medians per iteration ({os.path.join(target_dir(), 'criterion')}):\n")
    if not table(criterion_times(), fmt_ns):
        sys.exit("no compare results: run `cargo bench --bench compare` first")


if __name__ == "__main__":
    main()
