"""Prints the comparison from the driver's results file: a summary against issue 28's targets, then a
section per question with a table per file layout, size and polygon set, and each peer's check.

Usage: report.py RESULTS.tsv [--near-border A-B] [--near-km KM] [--geodata DIR]
       report.py --slim QUESTION OUT.csv   (the driver, after a question: keep only the columns the check
                                            reads, so 5M-row join outputs do not fill the disk)
RESULTS.tsv lines (tab-separated): question, size, layout, polygons, tool, run, status ("ok" or a reason),
wall seconds, peak KB, output, note. `polygons` is the polygon set both sides used (openstreetmap,
natural-earth) or "-" when the command reads none (import, hotspots' grid, the read_csv floor, --version).
Every command ran RUNS times, alternating with the others of its question: the tables give the median wall
time and peak RSS, and the fastest and slowest run. A tool with a failed run is shown unavailable, with the
reason (its output may be partial, so it is not checked).

The output is a CSV for aggregate, near and join; for import a file holding the store's row count and size
in bytes (tab-separated); for duckdb-read-csv one row (rows, fatalities, first date, largest latitude).
Frontier's row for each question, layout, size and polygon set is the reference for the ratio and the check:
  aggregate  total events and fatalities, and every region x week cell; the read_csv floor: its row count is
             the file's
  near       the same set of event_id_cnty; rows whose distance (Frontier's, or the peer's for a row
             Frontier left out) is within 2 m of the limit may differ, and are counted apart; the
             distance_km of the rows both return is compared too
  join       the same region_id for every event_id_cnty; a point on an edge shared by several regions
             is one row per region for `intersects` peers (Frontier gives it to the smallest region_id):
             counted apart
  import     the same number of rows in the stores
  hotspots   the same bins and counts, and the largest difference of Gi* z
  map        no peer: the incidents the page says it mapped
Standard library only.
"""
import argparse
import contextlib
import csv
import io
import itertools
import json
import os
import re
import statistics
import sys
from collections import defaultdict

LABELS = {
    "frontier": "Frontier",
    "geopandas": "GeoPandas",
    "geopandas-usecols": "GeoPandas, 4 columns",
    "duckdb": "DuckDB spatial",
    "duckdb-read-csv": "DuckDB read_csv (reading the CSV at all)",
    "esda": "PySAL esda",
    "postgis-load": "PostGIS load",
    "postgis-query": "PostGIS query",
    "ogr2ogr": "ogr2ogr",
    "frontier-postgis": "Frontier over PostGIS",
}
QUESTIONS = ["aggregate", "near", "join", "import", "hotspots", "map", "startup"]
LAYOUTS = {
    "acled": "ACLED layout (acled_layout.py: 13 columns, clustered on the AFG-TJK, AFG-PAK and AFG-IRN lines)",
    "synth": "`frontier synth` layout (16 columns, Frontier's own generator)",
}
POLYGON_ORDER = ["natural-earth", "openstreetmap", "-"]
TARGET_POLYGONS = "natural-earth"  # issue 28's targets: both sides on Natural Earth's generalized polygons
EDGE_M = 2.0  # near: rows this close to the limit may differ between exact implementations
SHOW = 5  # differences listed per check
MEMORY_MB, MEMORY_AT = 100, 5_000_000  # issue 28: every Frontier command within 100 MB at 5M rows

csv.field_size_limit(sys.maxsize)


SHORT = {"duckdb-read-csv": "DuckDB read_csv"}


def label(tool, short=False):
    return (short and SHORT.get(tool)) or LABELS.get(tool, tool)


def polygons_text(p):
    return "none" if p == "-" else p


def read_counts(path):
    """aggregate: {(region_id, week start): (events, fatalities)}"""
    cells = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["region_id"], row["window_start"][:10])
            ev, fat = int(row["events"]), int(float(row["fatalities"] or 0))
            if key in cells:  # should not happen; add up rather than hide it
                ev, fat = ev + cells[key][0], fat + cells[key][1]
            cells[key] = (ev, fat)
    return cells


def read_scan(path):
    """duckdb-read-csv: {"rows": n, "fatalities": n, ...}"""
    with open(path, newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    return {"scan": True, "rows": int(row["rows"]), "fatalities": int(float(row["fatalities"] or 0)),
            "first": row["min_event_date"], "top": row["max_latitude"]}


def read_columns(path, *names):
    """Yields the named columns of every row of a CSV (read as text)."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        idx = [header.index(n) for n in names]
        for row in reader:
            yield tuple(row[i] for i in idx)


def read_near(path):
    """near: ({event_id_cnty: distance_km}, rows)"""
    dist, rows = {}, 0
    for eid, d in read_columns(path, "event_id_cnty", "distance_km"):
        dist[eid] = float(d)
        rows += 1
    return dist, rows


SLIM = {"near": ("event_id_cnty", "distance_km"), "join": ("event_id_cnty", "region_id")}


def slim(question, path):
    """Rewrites an output with only the columns its check reads (in place, same rows, same order)."""
    tmp = path + ".slim"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SLIM[question])
        w.writerows(read_columns(path, *SLIM[question]))
    os.replace(tmp, path)


class OutOfOrder(Exception):
    pass


class JoinTally:
    """join: one peer's output against Frontier's, event_id_cnty by event_id_cnty"""

    def __init__(self):
        self.ref_rows = self.peer_rows = self.outside = 0
        self.boundary = self.boundary_regions = self.other = self.missing = self.extra = 0
        self.examples = []  # (event_id_cnty, Frontier's region or None, the peer's regions or None)

    def add(self, eid, rid, regions):
        """rid: Frontier's region_id ("" outside, None absent); regions: the peer's list (None absent)"""
        if rid is None:
            self.extra += 1
        elif regions is None:
            self.missing += 1
        elif regions == [rid]:
            return
        elif len(regions) > 1 and rid in regions:
            self.boundary += 1
            self.boundary_regions += len(regions)
        else:
            self.other += 1
        if len(self.examples) < 50:
            self.examples.append((eid, rid, regions))


def join_lockstep(ref_path, peer_path):
    """Both outputs in input order (a peer's rows for one incident adjacent): constant memory."""
    tally = JoinTally()
    ref_rows = read_columns(ref_path, "event_id_cnty", "region_id")
    peer = read_columns(peer_path, "event_id_cnty", "region_id")
    for eid, group in itertools.groupby(peer, key=lambda r: r[0]):
        regions = [r[1] for r in group]
        ref = next(ref_rows, None)
        if ref is None or ref[0] != eid:
            raise OutOfOrder(eid)
        tally.ref_rows += 1
        tally.peer_rows += len(regions)
        tally.outside += ref[1] == ""
        tally.add(eid, ref[1], regions)
    if next(ref_rows, None) is not None:
        raise OutOfOrder("Frontier has more rows")
    return tally


def join_by_id(ref_path, peer_path):
    """Any order: both outputs in memory, keyed by event_id_cnty."""
    tally, interned = JoinTally(), {}
    ref = {}
    for eid, rid in read_columns(ref_path, "event_id_cnty", "region_id"):
        ref[eid] = interned.setdefault(rid, rid)
        tally.ref_rows += 1
        tally.outside += rid == ""
    got = defaultdict(list)
    for eid, rid in read_columns(peer_path, "event_id_cnty", "region_id"):
        got[eid].append(interned.setdefault(rid, rid))
        tally.peer_rows += 1
    for eid, rid in ref.items():
        tally.add(eid, rid, got.get(eid))
    for eid, regions in got.items():
        if eid not in ref:
            tally.add(eid, None, regions)
    return tally


def count_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def read_store(path):
    """import: (rows, bytes) from the driver's count file; rows None when it could not count"""
    with open(path, encoding="utf-8") as f:
        parts = f.read().strip().split("\t")
    rows = int(parts[0]) if parts and parts[0].isdigit() else None
    size = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return rows, size


def mb(n):
    return f"{n / 1e6:,.1f} MB" if n is not None else "? MB"


# ---------------------------------------------------------------- per question: read an output, check it
# check(ref, peers, size) prints the details and returns {tool: short verdict} for the summary.


class Aggregate:
    intro = ("Events and fatalities per admin1 region (142 polygons) × ISO week (Monday start). Rows: region×week "
             "cells (for the read_csv floor: rows scanned). The floor and PostGIS's load read no polygons: the same "
             "runs are shown under each polygon set, against that set's Frontier.")

    def read(self, path, tool):
        return read_scan(path) if tool == "duckdb-read-csv" else read_counts(path)

    def rows(self, data):
        return data["rows"] if isinstance(data, dict) and data.get("scan") else len(data)

    def check(self, ref, peers, size):
        ref_events = sum(v[0] for v in ref.values())
        ref_fat = sum(v[1] for v in ref.values())
        verdicts = {}
        print(f"\nCount check against Frontier ({ref_events:,} events, {ref_fat:,} fatalities in {len(ref):,} region×week cells):")
        for tool, cells in peers:
            if isinstance(cells, dict) and cells.get("scan"):
                ok = cells["rows"] == size
                verdicts[tool] = "all rows read" if ok else "DIFFERS"
                print(f"- {label(tool)}: {'read every row' if ok else 'DIFFERS'}: {cells['rows']:,} rows of the file's {size:,}, "
                      f"{cells['fatalities']:,} fatalities (Frontier counted {ref_fat:,} in regions), dates from {cells['first']}, "
                      f"largest latitude {cells['top']}")
                continue
            events = sum(v[0] for v in cells.values())
            fat = sum(v[1] for v in cells.values())
            keys = sorted(set(ref) | set(cells))
            diff = [k for k in keys if ref.get(k, (0, 0)) != cells.get(k, (0, 0))]
            if not diff and events == ref_events:
                verdicts[tool] = "identical"
                print(f"- {label(tool)}: identical ({events:,} events, {fat:,} fatalities, every cell equal)")
                continue
            verdicts[tool] = f"DIFFERS ({len(diff):,} cells)"
            print(f"- {label(tool)}: DIFFERS: {events:,} events ({events - ref_events:+,}), {fat:,} fatalities ({fat - ref_fat:+,}), "
                  f"{len(diff):,} of {len(keys):,} cells differ")
            for k in diff[:SHOW]:
                a, b = ref.get(k, (0, 0)), cells.get(k, (0, 0))
                print(f"    {k[0]} {k[1]}: Frontier {a[0]} events/{a[1]} fatalities, {label(tool)} {b[0]}/{b[1]}")
        return verdicts


class Near:
    def __init__(self, border, km):
        self.border, self.km = border, km
        self.intro = (f"The incidents within {km:g} km of the {border} border line (the polygon set's borders.geojson), "
                      f"geodesic distance on the WGS84 ellipsoid, incidents of every country; every input column plus "
                      f"distance_km. Rows: incidents returned.")

    def read(self, path, tool):
        return read_near(path)[0]

    def rows(self, dist):
        return len(dist)

    def check(self, ref, peers, size):
        print(f"\nRow check against Frontier ({len(ref):,} incidents within {self.km:g} km; rows within "
              f"{EDGE_M:g} m of the limit may differ):")
        limit, verdicts = self.km, {}
        for tool, got in peers:
            only_ref = sorted(set(ref) - set(got))
            only_got = sorted(set(got) - set(ref))
            edge = lambda d: abs(d - limit) * 1000.0 <= EDGE_M  # noqa: E731
            edge_ref = [i for i in only_ref if edge(ref[i])]
            edge_got = [i for i in only_got if edge(got[i])]
            other = [(i, ref[i], None) for i in only_ref if not edge(ref[i])] + \
                    [(i, None, got[i]) for i in only_got if not edge(got[i])]
            common = set(ref) & set(got)
            deltas = sorted(((abs(ref[i] - got[i]) * 1000.0, i) for i in common), reverse=True)
            worst = deltas[0][0] if deltas else 0.0
            far = [(d, i) for d, i in deltas if d > 1.0]
            verdict = "same rows" if not other else "DIFFERS"
            parts = [f"{len(got):,} rows"]
            if not only_ref and not only_got:
                parts.append("the same event_id_cnty set")
            if edge_ref or edge_got:
                parts.append(f"{len(edge_ref) + len(edge_got):,} within {EDGE_M:g} m of {limit:g} km differ "
                             f"({len(edge_ref):,} only in Frontier, {len(edge_got):,} only in {label(tool)})")
            if other:
                parts.append(f"{len(other):,} other rows differ")
            parts.append(f"distance_km of the {len(common):,} common rows within {worst:.1f} m of Frontier's")
            if far:
                verdict = "DIFFERS"
                parts.append(f"{len(far):,} by more than 1 m")
            verdicts[tool] = verdict if verdict == "DIFFERS" else f"same rows (≤ {worst:.1f} m)"
            print(f"- {label(tool)}: {verdict}: " + "; ".join(parts))
            for i, a, b in other[:SHOW]:
                fa = f"{a:.4f} km" if a is not None else "left out"
                fb = f"{b:.4f} km" if b is not None else "left out"
                print(f"    {i}: Frontier {fa}, {label(tool)} {fb}")
            for i in (edge_ref + edge_got)[:SHOW]:
                d = ref.get(i, got.get(i))
                who = "Frontier" if i in ref else label(tool)
                print(f"    {i}: only in {who}, at {d:.4f} km (within {EDGE_M:g} m of the limit)")
            for d, i in far[:SHOW]:
                print(f"    {i}: Frontier {ref[i]:.4f} km, {label(tool)} {got[i]:.4f} km ({d:.1f} m)")
        return verdicts


class Join:
    intro = ("Every incident tagged with its admin1 region (the polygon set's admin1.geojson), all rows written with "
             "the input's columns and region_id (empty outside every region). Rows: rows written.")

    def read(self, path, tool):
        return {"path": path, "rows": None}  # read by the check, in one pass over both outputs

    def rows(self, out):
        if out["rows"] is None:
            out["rows"] = count_rows(out["path"])
        return out["rows"]

    def check(self, ref, peers, size):
        lines, verdicts, t = [], {}, None
        for tool, got in peers:
            try:
                t = join_lockstep(ref["path"], got["path"])
                how = "compared in input order"
            except OutOfOrder:
                t = join_by_id(ref["path"], got["path"])
                how = "not in Frontier's order: compared by event_id_cnty"
            ref["rows"], got["rows"] = t.ref_rows, t.peer_rows
            name = label(tool)
            if not (t.missing or t.extra or t.boundary or t.other):
                verdicts[tool] = "identical"
                lines.append(f"- {name}: identical ({t.peer_rows:,} rows, every event_id_cnty in the same region)")
                continue
            verdict = "DIFFERS" if (t.missing or t.extra or t.other) else "same regions"
            verdicts[tool] = verdict if verdict == "DIFFERS" else f"same regions ({t.boundary:,} on shared edges)"
            parts = [f"{t.peer_rows:,} rows ({t.peer_rows - t.ref_rows:+,})"]
            if t.boundary:
                parts.append(f"{t.boundary:,} point{'s' if t.boundary != 1 else ''} on shared boundaries matched "
                             f"{t.boundary_regions:,} regions, Frontier's among them")
            if t.other:
                parts.append(f"{t.other:,} in another region")
            if t.missing:
                parts.append(f"{t.missing:,} event_id_cnty missing")
            if t.extra:
                parts.append(f"{t.extra:,} event_id_cnty not in Frontier's output")
            lines.append(f"- {name}: {verdict} ({how}): " + "; ".join(parts))
            # the real differences first, then the boundary points
            shown = sorted(t.examples, key=lambda e: e[1] is not None and e[2] is not None and len(e[2]) > 1 and e[1] in e[2])
            for eid, rid, regions in shown[:SHOW]:
                lines.append(f"    {eid}: Frontier {rid if rid is not None else 'absent'!r}, "
                             f"{name} {regions if regions is not None else 'absent'!r}")
        outside = t.outside if t is not None else 0
        print(f"\nRegion check against Frontier ({ref['rows']:,} incidents, {outside:,} outside every region; a point on "
              f"a shared edge is one row per region for `intersects`, Frontier's smallest region_id):")
        print("\n".join(lines))
        return verdicts


class Import:
    intro = ("The CSV loaded into a new GeoPackage (a point layer `incidents`; Frontier over PostGIS: a new table). "
             "No polygons. Rows: rows in the store's incidents table.")

    def read(self, path, tool):
        return read_store(path)

    def rows(self, store):
        return store[0]

    def check(self, ref, peers, size):
        ref_rows = f"{ref[0]:,}" if ref[0] is not None else "uncounted"
        verdicts = {}
        print(f"\nRow count check ({size:,} in the file; Frontier's store: {ref_rows} rows, {mb(ref[1])}):")
        for tool, (rows, nbytes) in peers:
            if rows is not None and rows == ref[0]:
                verdicts[tool] = "same row count"
                print(f"- {label(tool)}: same row count ({rows:,} rows, {mb(nbytes)})")
            else:
                verdicts[tool] = "DIFFERS"
                shown = f"{rows:,}" if rows is not None else "uncounted"
                print(f"- {label(tool)}: DIFFERS: {shown} rows ({mb(nbytes)})")
        return verdicts


class Hotspots:
    intro = ("Getis-Ord Gi* per bin of the space-time cube: 10 km EASE-Grid 2.0 cells (EPSG:6933) that hold "
             "incidents × every month, neighbours whose centres lie within 15 km (geodesic), no time lag. "
             "Grid cells, no polygons. Rows: bins.")

    def read(self, path, tool):
        out = {}
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out[(r["region_id"], r["window_start"])] = (int(r["events"]), float(r["gi_z"]))
        return out

    def rows(self, bins):
        return len(bins)

    def check(self, ref, peers, size):
        print(f"\nCube check against Frontier ({len(ref):,} bins):")
        verdicts = {}
        for tool, bins in peers:
            missing, extra = set(ref) - set(bins), set(bins) - set(ref)
            counts = sum(1 for k in ref if k in bins and ref[k][0] != bins[k][0])
            dz = max((abs(ref[k][1] - bins[k][1]) for k in ref if k in bins), default=0.0)
            if not missing and not extra and counts == 0:
                verdicts[tool] = f"same bins (|Δz| ≤ {dz:.1e})"
                print(f"- {label(tool)}: the same bins and counts; largest |Δz| {dz:.2e}")
            else:
                verdicts[tool] = "DIFFERS"
                print(f"- {label(tool)}: DIFFERS: {len(missing):,} bins only in Frontier, {len(extra):,} only in {label(tool)}, "
                      f"{counts:,} counts differ; largest |Δz| {dz:.2e}")
        return verdicts


class Map:
    intro = ("The default map (regions shaded by count, the incidents binned), as an HTML page. Frontier alone: "
             "no peer draws the same page; its time and peak memory are here for issue 28's memory target. "
             "Rows: incidents mapped, as the page's source line says.")

    def read(self, path, tool):
        with open(path, encoding="utf-8") as f:
            found = re.search(r"([\d,]+) mapped", f.read())
        if found is None:
            raise ValueError("no 'N mapped' in the page's source line")
        return int(found.group(1).replace(",", ""))

    def rows(self, mapped):
        return mapped

    def check(self, ref, peers, size):
        return {}


# ---------------------------------------------------------------- results: runs → medians


class Result:
    """One tool's runs for one question, layout, size and polygon set."""

    def __init__(self, question, size, layout, polygons, tool):
        self.question, self.size, self.layout, self.polygons, self.tool = question, size, layout, polygons, tool
        self.walls, self.peaks, self.failure, self.out, self.note = [], [], None, "", ""

    def add(self, status, wall, peak, out, note):
        if status != "ok":
            self.failure = self.failure or status
            return
        self.walls.append(float(wall))
        if peak:
            self.peaks.append(int(peak))
        self.out, self.note = out or self.out, note or self.note

    @property
    def ok(self):
        return self.failure is None and bool(self.walls)

    @property
    def wall(self):
        return statistics.median(self.walls)

    @property
    def peak_mb(self):
        return statistics.median(self.peaks) / 1024 if self.peaks else None

    def time_text(self):
        if self.wall < 1:
            return f"{self.wall * 1000:.0f} ms"
        return f"{self.wall:.2f} s"

    def cell(self, with_name=False):
        """'3.05 s, 51 MB' (median time, median peak)"""
        peak = f", {self.peak_mb:,.0f} MB" if self.peak_mb is not None else ""
        return (f"{label(self.tool, short=True)} " if with_name else "") + self.time_text() + peak


def load(path):
    results = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7:
                continue
            parts += [""] * (11 - len(parts))
            question, size, layout, polygons, tool, run, status, wall, peak, out, note = parts[:11]
            key = (question, int(size), layout, polygons, tool)
            if key not in results:
                results[key] = Result(question, int(size), layout, polygons, tool)
            results[key].add(status, wall, peak, out, note)
    return results


def polygon_sets(geodata):
    """{set: description} from the GeoJSON the peers read."""
    files = {"openstreetmap": "", "natural-earth": "natural-earth/"}
    out = {}
    for name, sub in files.items():
        try:
            with open(os.path.join(geodata, sub, "admin1.geojson"), encoding="utf-8") as f:
                regions = json.load(f)["features"]
            vertices = 0
            for feat in regions:
                g = feat["geometry"]
                polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
                vertices += sum(len(ring) for p in polys for ring in p)
            with open(os.path.join(geodata, sub, "borders.geojson"), encoding="utf-8") as f:
                borders = json.load(f)["features"]
            line = ""
            for feat in borders:
                p = feat["properties"]
                if {p.get("country_a"), p.get("country_b")} == {"AFG", "TJK"}:
                    g = feat["geometry"]
                    parts = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
                    line = f"; the AFG-TJK line {sum(len(q) for q in parts):,} vertices"
            out[name] = (f"GeoData/{sub}admin1.geojson ({len(regions)} regions, {vertices:,} vertices) and "
                         f"GeoData/{sub}borders.geojson{line}")
        except (OSError, ValueError, KeyError):
            out[name] = f"GeoData/{sub}admin1.geojson, GeoData/{sub}borders.geojson"
    return out


# ---------------------------------------------------------------- the summary against issue 28's targets

# (question, Frontier's command (tool), peer, kind, limit, target text)
#   peer:  the peer's median time ÷ Frontier's ≥ limit
#   floor: Frontier's median ÷ the floor's ≤ limit
TARGETS = [
    ("aggregate", "frontier", "geopandas", "peer", 10, "≥ 10× (peer ÷ Frontier)"),
    ("aggregate", "frontier", "geopandas-usecols", "peer", None, "–"),
    ("aggregate", "frontier", "duckdb", "peer", 6, "≥ 6× (peer ÷ Frontier)"),
    ("aggregate", "frontier", "postgis-query", "peer", None, "–"),
    ("aggregate", "frontier", "frontier-postgis", "peer", None, "–"),
    ("aggregate", "frontier", "duckdb-read-csv", "floor", 1.3, "≤ 1.3× (Frontier ÷ read_csv)"),
    ("near", "frontier", "geopandas", "peer", 10, "≥ 10× (peer ÷ Frontier)"),
    ("near", "frontier", "frontier-postgis", "peer", None, "–"),
    ("join", "frontier", "geopandas", "peer", 10, "≥ 10× (peer ÷ Frontier)"),
    ("import", "frontier", "ogr2ogr", "peer", 8, "≥ 8× (peer ÷ Frontier)"),
    ("import", "frontier", "frontier-postgis", "peer", None, "–"),
    ("hotspots", "frontier", "esda", "peer", None, "–"),
]
NO_POLYGONS = ("import", "hotspots")  # questions that read no polygons: one row per size, polygons "-"
NO_POLYGON_TOOLS = ("duckdb-read-csv", "postgis-load")  # aggregate's rows that read no polygons
STARTUP_TARGETS = [("buffer", 2.5), ("map", 2.5), ("near", None), ("join", None), ("aggregate", None)]


def holds(kind, ratio, limit):
    if limit is None:
        return "–"
    ok = ratio >= limit if kind == "peer" else ratio <= limit
    return "yes" if ok else "**no**"


def summary(results, verdicts, layouts, sizes, sets):
    print("\n## Summary: issue 28's targets\n")
    print(f"Medians of alternating runs, whole processes. The targets apply on the same polygons on both sides, "
          f"Natural Earth's (`--boundaries {TARGET_POLYGONS}`; the peers read GeoData/natural-earth/), and to the "
          f"commands that read no polygons; the openstreetmap rows (the detailed outlines, Frontier's default) are "
          f"shown without a target, since there the peers' time grows with the outlines' vertices more than Frontier's. "
          f"`check` is the peer's answer against Frontier's (details in the question's section).")
    for layout in layouts:
        print(f"\n### {LAYOUTS.get(layout, layout)}\n")
        print("| question | size | polygons | Frontier | peer | ratio | target | holds | check |")
        print("|---|---:|---|---|---|---:|---|---|---|")
        for size in sizes:
            for question, ftool, peer, kind, limit, target in TARGETS:
                for polygons in (["-"] if question in NO_POLYGONS else sets):
                    ref = results.get((question, size, layout, polygons, ftool))
                    got = results.get((question, size, layout, "-" if peer in NO_POLYGON_TOOLS else polygons, peer))
                    if ref is None or got is None:
                        continue
                    name = "reading the CSV at all" if peer == "duckdb-read-csv" else question
                    shown_poly = polygons_text(polygons)
                    if peer in NO_POLYGON_TOOLS:
                        shown_poly = f"{polygons} (Frontier), none ({label(peer).split(' (')[0]})"
                    applies = limit if polygons in ("-", TARGET_POLYGONS) else None
                    shown_target = target if applies else "–"
                    if not ref.ok or not got.ok:
                        why = got.failure if not got.ok else ref.failure
                        print(f"| {name} | {size:,} | {shown_poly} | {ref.cell() if ref.ok else 'failed'} | "
                              f"{label(peer)}: unavailable ({why}) | – | {shown_target} | – | – |")
                        continue
                    ratio = got.wall / ref.wall if kind == "peer" else ref.wall / got.wall
                    check = verdicts.get((question, size, layout, polygons, peer), "–")
                    print(f"| {name} | {size:,} | {shown_poly} | {ref.cell()} | {got.cell(with_name=True)} | {ratio:.2f}× | "
                          f"{shown_target} | {holds(kind, ratio, applies)} | {check} |")

    version = results.get(("startup", 0, "-", "-", "--version"))
    if version is not None and version.ok:
        print(f"\n### Start-up (one-row input, whole process, median of {len(version.walls)} alternating runs)\n")
        print("| command | polygons | Frontier | `frontier --version` | ratio | target | holds |")
        print("|---|---|---|---|---:|---|---|")
        for command, limit in STARTUP_TARGETS:
            for polygons in [p for p in POLYGON_ORDER if p != "-"]:
                r = results.get(("startup", 0, "-", polygons, command))
                if r is None:
                    continue
                if not r.ok:
                    print(f"| {command} | {polygons} | failed: {r.failure} | {version.cell()} | – | – | – |")
                    continue
                ratio = r.wall / version.wall
                target = f"≤ {limit:g}× (command ÷ --version)" if limit else "–"
                print(f"| {command} | {polygons} | {r.cell()} | {version.cell()} | {ratio:.2f}× | {target} | "
                      f"{holds('floor', ratio, limit)} |")

    print(f"\n### Memory: every Frontier command within {MEMORY_MB} MB at {MEMORY_AT:,} rows\n")
    for size in sizes:
        peaks = [r for r in results.values() if r.tool == "frontier" and r.size == size and r.ok and r.peak_mb is not None]
        if not peaks:
            continue
        top = max(peaks, key=lambda r: r.peak_mb)
        verdict = ("holds" if top.peak_mb <= MEMORY_MB else "**does not hold**") if size >= MEMORY_AT else \
            ("within the limit" if top.peak_mb <= MEMORY_MB else "**over the limit**") + f" (the target is at {MEMORY_AT:,})"
        print(f"- {size:,} rows: the largest Frontier peak is {top.peak_mb:,.0f} MB ({top.question}, {LAYOUTS.get(top.layout, top.layout).split(' (')[0]}, "
              f"polygons {polygons_text(top.polygons)}) of {len(peaks)} command{'s' if len(peaks) != 1 else ''}: {verdict}")


# ---------------------------------------------------------------- main


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--slim":
        slim(sys.argv[2], sys.argv[3])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--near-border", default="AFG-TJK")
    ap.add_argument("--near-km", type=float, default=25.0)
    ap.add_argument("--geodata", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "GeoData"))
    args = ap.parse_args()
    questions = {"aggregate": Aggregate(), "near": Near(args.near_border, args.near_km), "join": Join(), "import": Import(),
                 "hotspots": Hotspots(), "map": Map()}

    results = load(args.results)
    layouts = [l for l in LAYOUTS if any(k[2] == l for k in results)] + \
        sorted({k[2] for k in results} - set(LAYOUTS) - {"-"})
    sizes = sorted({k[1] for k in results if k[1] > 0})
    sets = [p for p in POLYGON_ORDER if p != "-" and any(k[3] == p for k in results if k[0] != "startup")]
    if not sets:
        sets = ["-"]

    descriptions = polygon_sets(args.geodata)
    print("\nPolygon sets (each row says which one both sides used):")
    for p in [p for p in POLYGON_ORDER if p != "-"]:
        how = "Frontier's default" if p == "openstreetmap" else "issue 28's targets"
        print(f"- {p} (`--boundaries {p}`, {how}): the peers read {descriptions.get(p, '?')}")
    print("- none: the command reads no polygons (import, hotspots' grid cells, the read_csv floor)")

    verdicts = {}  # (question, size, layout, polygons, tool) -> short check verdict
    body = io.StringIO()
    with contextlib.redirect_stdout(body):
        for qname in [q for q in QUESTIONS if q != "startup"]:
            keys = [k for k in results if k[0] == qname]
            if not keys:
                continue
            q = questions[qname]
            print(f"\n### {qname}\n")
            print(q.intro)
            for layout in layouts:
                for size in sizes:
                    group = [results[k] for k in keys if k[1] == size and k[2] == layout]
                    if not group:
                        continue
                    own = [p for p in POLYGON_ORDER if any(r.polygons == p for r in group)]
                    tables = [p for p in own if p != "-"] or ["-"]
                    for polygons in tables:
                        rows = [r for r in group if r.polygons == polygons] + \
                               ([r for r in group if r.polygons == "-"] if polygons != "-" else [])
                        rows.sort(key=lambda r: (r.tool != "frontier", r.polygons == "-"))
                        table(q, qname, layout, size, polygons, rows, verdicts)
    summary(results, verdicts, layouts, sizes, sets)
    print(body.getvalue(), end="")
    startup = [r for k, r in results.items() if k[0] == "startup"]
    if startup:
        print("\n### startup\n")
        print("One-row input, whole process: each command with each polygon set, and `frontier --version`, in alternating "
              "rounds (startup.py: wall from perf_counter around the process, peak from its own wait4 ru_maxrss).")
        version = results.get(("startup", 0, "-", "-", "--version"))
        print("\n| command | polygons | median | fastest – slowest | peak MB | × --version | note |")
        print("|---|---|---:|---:|---:|---:|---|")
        order = ["--version"] + [c for c, _ in STARTUP_TARGETS]
        for r in sorted(startup, key=lambda r: (order.index(r.tool) if r.tool in order else len(order), r.tool, r.polygons)):
            if not r.ok:
                print(f"| {r.tool} | {polygons_text(r.polygons)} | – | – | – | – | unavailable: {r.failure} |")
                continue
            ratio = f"{r.wall / version.wall:.2f}×" if version is not None and version.ok else "–"
            print(f"| {r.tool} | {polygons_text(r.polygons)} | {r.wall * 1000:.0f} ms | {min(r.walls) * 1000:.0f} – "
                  f"{max(r.walls) * 1000:.0f} ms | {r.peak_mb:,.0f} | {ratio} | {r.note} |")


def table(q, qname, layout, size, polygons, rows, verdicts):
    ref_row = next((r for r in rows if r.tool == "frontier" and r.polygons == polygons), None)
    data = {}
    for r in rows:
        if r.ok and r.out:
            try:
                data[id(r)] = q.read(r.out, r.tool)
            except (OSError, ValueError, KeyError, StopIteration, csv.Error) as e:
                print(f"(could not read {r.out}: {e})", file=sys.stderr)
    ref = data.get(id(ref_row)) if ref_row is not None else None
    peers = [(r.tool, data[id(r)]) for r in rows if r is not ref_row and id(r) in data]
    check = io.StringIO()
    if ref is None:
        check.write("\nNo Frontier result: nothing to check against.\n")
    elif peers:
        try:
            with contextlib.redirect_stdout(check):
                got = q.check(ref, peers, size) or {}
            for tool, v in got.items():
                verdicts[(qname, size, layout, polygons, tool)] = v
        except (OSError, ValueError, KeyError, csv.Error) as e:
            check.write(f"\nCheck failed: {type(e).__name__}: {e}\n")

    ref_wall = ref_row.wall if ref_row is not None and ref_row.ok else None
    runs = max((len(r.walls) for r in rows), default=0)
    print(f"\n#### {qname}: {LAYOUTS.get(layout, layout).split(' (')[0]}, {size:,} incidents, polygons: {polygons_text(polygons)}\n")
    print(f"Median of {runs} alternating run{'s' if runs != 1 else ''}.\n")
    print("| tool | polygons | rows | wall s | fastest – slowest | peak MB | ratio to Frontier | note |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        if not r.ok:
            print(f"| {label(r.tool)} | {polygons_text(r.polygons)} | – | – | – | – | – | unavailable: {r.failure or 'no run'} |")
            continue
        peak = f"{r.peak_mb:,.0f}" if r.peak_mb is not None else "–"
        n = q.rows(data[id(r)]) if id(r) in data else None
        n_rows = f"{n:,}" if n is not None else "–"
        ratio = f"{r.wall / ref_wall:.2f}×" if ref_wall else "–"
        print(f"| {label(r.tool)} | {polygons_text(r.polygons)} | {n_rows} | {r.wall:.2f} | {min(r.walls):.2f} – {max(r.walls):.2f} | "
              f"{peak} | {ratio} | {r.note} |")
    print(check.getvalue(), end="")


if __name__ == "__main__":
    main()
