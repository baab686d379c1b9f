#!/usr/bin/env python3
"""One-row start-up of each command, whole process, against `frontier --version` (issue 11's target: 2x).

Usage: Benchmarks/compare/startup.py [FRONTIER]   (default .build/release/frontier; standard library only)
Best of 7 runs each, with both boundary sets. Writes a one-row CSV in a temporary folder.
"""
import os
import subprocess
import sys
import tempfile
import time

frontier = sys.argv[1] if len(sys.argv) > 1 else ".build/release/frontier"


def best(args, runs=7):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([frontier] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


with tempfile.TemporaryDirectory() as tmp:
    one = os.path.join(tmp, "one.csv")
    with open(one, "w") as f:
        f.write("event_id_cnty,event_date,latitude,longitude,fatalities\nA1,2025-11-26,37.12,70.58,1\n")
    version = best(["--version"])
    print(f"--version: {version * 1000:.0f} ms")
    commands = [
        ["near", one, "--border", "AFG-TJK", "--within", "25km"],
        ["join", one],
        ["aggregate", one, "--window", "month"],
        ["buffer", "--border", "AFG-TJK", "--within", "25km"],
        ["map", one, "--out", os.path.join(tmp, "m.html")],
    ]
    for command in commands:
        cells = []
        for boundaries in ["openstreetmap", "natural-earth"]:
            t = best(command + ["--boundaries", boundaries])
            cells.append(f"{boundaries} {t * 1000:.0f} ms ({t / version:.1f}x)")
        print(f"{command[0]}: " + " | ".join(cells))
