"""Prints the comparison table and the count check from the driver's results file.

Usage: report.py RESULTS.tsv
RESULTS.tsv lines: size, tool, status ("ok" or a reason), wall seconds, peak KB, output CSV, note
(tab-separated). Frontier's row at each size is the reference for the ratio and the counts.
Standard library only.
"""
import csv
import sys
from collections import defaultdict

LABELS = {
    "frontier": "Frontier",
    "geopandas": "GeoPandas",
    "duckdb": "DuckDB spatial",
    "postgis-load": "PostGIS load",
    "postgis-query": "PostGIS query",
}


def read_counts(path):
    cells = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["region_id"], row["window_start"][:10])
            ev, fat = int(row["events"]), int(float(row["fatalities"] or 0))
            if key in cells:  # should not happen; add up rather than hide it
                ev, fat = ev + cells[key][0], fat + cells[key][1]
            cells[key] = (ev, fat)
    return cells


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (7 - len(parts))
            size, tool, status, wall, peak, out, note = parts[:7]
            rows.append(dict(size=int(size), tool=tool, status=status, wall=wall, peak=peak, out=out, note=note))

    by_size = defaultdict(list)
    for r in rows:
        by_size[r["size"]].append(r)

    for size in sorted(by_size):
        group = by_size[size]
        ref = next((r for r in group if r["tool"] == "frontier" and r["status"] == "ok"), None)
        ref_wall = float(ref["wall"]) if ref else None
        ref_cells = read_counts(ref["out"]) if ref else None
        counts = {}
        print(f"\n### {size:,} incidents\n")
        print("| tool | rows | wall s | peak MB | ratio to Frontier | note |")
        print("|---|---:|---:|---:|---:|---|")
        for r in group:
            label = LABELS.get(r["tool"], r["tool"])
            if r["status"] != "ok":
                print(f"| {label} | – | – | – | – | unavailable: {r['status']} |")
                continue
            wall = float(r["wall"])
            peak = f"{int(r['peak']) / 1024:,.0f}" if r["peak"] else "–"
            n_rows = "–"
            if r["out"]:
                counts[r["tool"]] = read_counts(r["out"])
                n_rows = f"{len(counts[r['tool']]):,}"
            ratio = f"{wall / ref_wall:.2f}×" if ref_wall else "–"
            print(f"| {label} | {n_rows} | {wall:.2f} | {peak} | {ratio} | {r['note']} |")

        if ref_cells is None:
            print("\nNo Frontier result: nothing to check against.")
            continue
        ref_events = sum(v[0] for v in ref_cells.values())
        ref_fat = sum(v[1] for v in ref_cells.values())
        print(f"\nCount check against Frontier ({ref_events:,} events, {ref_fat:,} fatalities in {len(ref_cells):,} region×week cells):")
        for tool, cells in counts.items():
            if tool == "frontier":
                continue
            events = sum(v[0] for v in cells.values())
            fat = sum(v[1] for v in cells.values())
            keys = sorted(set(ref_cells) | set(cells))
            diff = [k for k in keys if ref_cells.get(k, (0, 0)) != cells.get(k, (0, 0))]
            label = LABELS.get(tool, tool)
            if not diff and events == ref_events:
                print(f"- {label}: identical ({events:,} events, {fat:,} fatalities, every cell equal)")
                continue
            print(f"- {label}: DIFFERS: {events:,} events ({events - ref_events:+,}), {fat:,} fatalities ({fat - ref_fat:+,}), "
                  f"{len(diff):,} of {len(keys):,} cells differ")
            for k in diff[:5]:
                a, b = ref_cells.get(k, (0, 0)), cells.get(k, (0, 0))
                print(f"    {k[0]} {k[1]}: Frontier {a[0]} events/{a[1]} fatalities, {label} {b[0]}/{b[1]}")


if __name__ == "__main__":
    main()
