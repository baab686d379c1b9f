#!/usr/bin/env python3
"""One-row start-up of each command, whole process, against `frontier --version` (issue 28's target: 2.5x).

Usage: Benchmarks/compare/startup.py [FRONTIER] [--runs N] [--boundaries SET ...] [--tsv RESULTS.tsv]
  FRONTIER      the binary (default .build/release/frontier)
  --runs N      rounds (default 11); in each round every command runs once, the order reversed every other
                round, so load on the machine falls on every command alike
  --boundaries  the boundary sets to start each command with (default: openstreetmap natural-earth)
  --tsv PATH    also append one line per run to the driver's results file (Benchmarks/compare/run):
                startup, 0, -, SET, COMMAND, RUN, ok, SECONDS, PEAK_KB, "", NOTE
Standard library only. Wall time is perf_counter around the whole process (fork to exit); peak RSS is the
child's own ru_maxrss from wait4 (so one command's peak never leaks into another's). The commands read a
one-row CSV written in a temporary folder; `map` writes its HTML there.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("frontier", nargs="?", default=".build/release/frontier")
ap.add_argument("--runs", type=int, default=11)
ap.add_argument("--boundaries", nargs="+", default=["openstreetmap", "natural-earth"])
ap.add_argument("--tsv")
args = ap.parse_args()
if args.runs < 1:
    sys.exit("startup.py: --runs must be at least 1")
if not os.access(args.frontier, os.X_OK):
    sys.exit(f"startup.py: no executable frontier at {args.frontier}")


def once(argv):
    """(wall seconds, peak KB, exit status) of one whole process, its output discarded."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, p.returncode


with tempfile.TemporaryDirectory() as tmp:
    one = os.path.join(tmp, "one.csv")
    with open(one, "w") as f:
        f.write("event_id_cnty,event_date,latitude,longitude,fatalities\nA1,2025-11-26,37.12,70.58,1\n")
    # (name, polygon set or "-", argv after the binary, note)
    jobs = [("--version", "-", ["--version"], "frontier --version: the floor")]
    commands = [
        ("near", ["near", one, "--border", "AFG-TJK", "--within", "25km"]),
        ("join", ["join", one]),
        ("aggregate", ["aggregate", one, "--window", "month"]),
        ("buffer", ["buffer", "--border", "AFG-TJK", "--within", "25km"]),
        ("map", ["map", one, "--out", os.path.join(tmp, "m.html")]),
    ]
    for name, argv in commands:
        for boundaries in args.boundaries:
            shown = " ".join(argv).replace(one, "ONE.csv").replace(tmp + "/", "")
            jobs.append((name, boundaries, argv + ["--boundaries", boundaries], ("" if one in argv else "no input: ") + shown))

    times = {j[:2]: [] for j in jobs}
    peaks = {j[:2]: [] for j in jobs}
    failed = {}
    for r in range(args.runs):
        order = jobs if r % 2 == 0 else list(reversed(jobs))
        for name, boundaries, argv, note in order:
            wall, peak, rc = once([args.frontier] + argv)
            if rc != 0:
                failed[(name, boundaries)] = f"exit status {rc}"
            times[(name, boundaries)].append(wall)
            peaks[(name, boundaries)].append(peak)
            if args.tsv:
                with open(args.tsv, "a") as f:
                    status = "ok" if rc == 0 else f"failed: exit status {rc}"
                    f.write("\t".join(["startup", "0", "-", boundaries, name, str(r + 1), status,
                                       f"{wall:.4f}", str(peak), "", note]) + "\n")

    version = statistics.median(times[("--version", "-")])
    print(f"median of {args.runs} alternating runs (best in brackets), whole process; × is the median over --version's")
    print(f"--version: {version * 1000:.0f} ms ({min(times[('--version', '-')]) * 1000:.0f})")
    for name, _ in commands:
        cells = []
        for boundaries in args.boundaries:
            t = times[(name, boundaries)]
            m = statistics.median(t)
            bad = f" FAILED: {failed[(name, boundaries)]}" if (name, boundaries) in failed else ""
            cells.append(f"{boundaries} {m * 1000:.0f} ms ({min(t) * 1000:.0f}) {m / version:.1f}×, "
                         f"{statistics.median(peaks[(name, boundaries)]) / 1024:.0f} MB{bad}")
        print(f"{name}: " + " | ".join(cells))
    if failed:
        sys.exit(1)
