#!/usr/bin/env python3
"""A DataFrame already in memory (issue 30's benchmark): frontier.aggregate(df) against GeoPandas'
points_from_xy → sjoin(within) → groupby on the same frame and the same polygons, and against the command line
on the same rows as the CSV file (whole process), alternating, medians; every region × week cell checked
equal. Prints the rows of one Markdown table.

usage: python_frame.py CSV ADMIN1_GEOJSON BOUNDARIES RUNS [FRONTIER_BINARY]
(FRONTIER_LIBRARY names libFrontierC.so; the repository's python/ must be on PYTHONPATH)
"""
import statistics
import subprocess
import sys
import time

import geopandas as gpd
import pandas as pd

import frontier

path, admin1, boundaries, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
binary = sys.argv[5] if len(sys.argv) > 5 else None
frame = pd.read_csv(path)
regions = gpd.read_file(admin1)[["region_id", "geometry"]]


def peer():
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude), crs="EPSG:4326")
    joined = gpd.sjoin(points, regions, predicate="within", how="inner")
    day = pd.to_datetime(joined.event_date)
    joined["week"] = (day - pd.to_timedelta(day.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    return joined.groupby(["region_id", "week"]).agg(events=("event_id_cnty", "size"), fatalities=("fatalities", "sum"))


def ours():
    return frontier.aggregate(frame, window="week", regions="admin1", boundaries=boundaries)


def command_line():
    return subprocess.run([binary, "aggregate", path, "--window", "week", "--regions", "admin1", "--boundaries", boundaries,
                           "--format", "csv"], check=True, capture_output=True)


jobs = (("frontier", ours), ("geopandas", peer)) + ((("cli", command_line),) if binary else ())
times = {name: [] for name, _ in jobs}
for _ in range(runs):
    for name, job in jobs:
        started = time.perf_counter()
        answer = job()
        times[name].append(time.perf_counter() - started)
        if name == "frontier":
            got = answer
        elif name == "geopandas":
            want = answer
cells = {(r.region_id, r.window_start.isoformat()): (int(r.events), int(r.fatalities)) for r in got.itertuples()}
expected = {(k[0], k[1]): (int(v.events), int(v.fatalities)) for k, v in want.iterrows()}
if cells != expected:
    sys.exit(f"python_frame.py: the answers differ ({len(cells)} cells against {len(expected)})")
f, g = statistics.median(times["frontier"]), statistics.median(times["geopandas"])
print(f"| aggregate admin1 × week, {len(frame):,} rows already in memory | frontier.aggregate(df) {f:.2f} s "
      f"| GeoPandas sjoin + groupby {g:.2f} s | {g / f:.1f}× | ≥ 10× | {len(cells):,} cells equal |")
if binary:
    import io
    printed = pd.read_csv(io.BytesIO(command_line().stdout), dtype={"region_id": str, "window_start": str})
    cli_cells = {(r.region_id, r.window_start): (int(r.events), int(r.fatalities)) for r in printed.itertuples()}
    if cli_cells != cells:
        sys.exit(f"python_frame.py: the command line's answer differs ({len(cli_cells)} cells against {len(cells)})")
    c = statistics.median(times["cli"])
    print(f"| same, against the command line on the same rows as the CSV file (whole process) | frontier.aggregate(df) {f:.2f} s "
          f"| frontier aggregate {c:.2f} s | {c / f:.2f}× | ≥ 1× (no slower) | {len(cli_cells):,} cells equal |")
