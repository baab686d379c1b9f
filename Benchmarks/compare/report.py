"""Prints the comparison tables and the checks from the driver's results file, a section per question.

Usage: report.py RESULTS.tsv [--near-border A-B] [--near-km KM]
RESULTS.tsv lines: question, size, tool, status ("ok" or a reason), wall seconds, peak KB, output,
note (tab-separated). The output is a CSV for aggregate, near and join, and for import a file holding
the store's row count and size in bytes (tab-separated). Frontier's row for each question and size is
the reference for the ratio and the check:
  aggregate  total events and fatalities, and every region x week cell
  near       the same set of event_id_cnty; rows whose distance (Frontier's, or the peer's for a row
             Frontier left out) is within 2 m of the limit may differ, and are counted apart; the
             distance_km of the rows both return is compared too
  join       the same region_id for every event_id_cnty; a point on an edge shared by several regions
             is one row per region for `intersects` peers (Frontier gives it to the smallest region_id):
             counted apart
  import     the same number of rows in the stores
Standard library only.
"""
import argparse
import contextlib
import csv
import io
import itertools
import sys
from collections import defaultdict

LABELS = {
    "frontier": "Frontier",
    "geopandas": "GeoPandas",
    "duckdb": "DuckDB spatial",
    "esda": "PySAL esda",
    "postgis-load": "PostGIS load",
    "postgis-query": "PostGIS query",
    "ogr2ogr": "ogr2ogr",
    "frontier-postgis": "Frontier over PostGIS",
}
QUESTIONS = ["aggregate", "near", "join", "import", "hotspots"]
EDGE_M = 2.0  # near: rows this close to the limit may differ between exact implementations
SHOW = 5  # differences listed per check

csv.field_size_limit(sys.maxsize)


def label(tool):
    return LABELS.get(tool, tool)


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
    """import: (rows, bytes) from the driver's count file; rows None when sqlite3 could not count"""
    with open(path, encoding="utf-8") as f:
        parts = f.read().strip().split("\t")
    rows = int(parts[0]) if parts and parts[0].isdigit() else None
    size = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return rows, size


def mb(n):
    return f"{n / 1e6:,.1f} MB" if n is not None else "? MB"


# ---------------------------------------------------------------- per question: read an output, check it


class Aggregate:
    intro = ("Events and fatalities per admin1 region (142 polygons of GeoData/admin1.geojson) × ISO week "
             "(Monday start). Rows: region×week cells.")

    def read(self, path):
        return read_counts(path)

    def rows(self, cells):
        return len(cells)

    def check(self, ref, peers, size):
        ref_events = sum(v[0] for v in ref.values())
        ref_fat = sum(v[1] for v in ref.values())
        print(f"\nCount check against Frontier ({ref_events:,} events, {ref_fat:,} fatalities in {len(ref):,} region×week cells):")
        for tool, cells in peers:
            events = sum(v[0] for v in cells.values())
            fat = sum(v[1] for v in cells.values())
            keys = sorted(set(ref) | set(cells))
            diff = [k for k in keys if ref.get(k, (0, 0)) != cells.get(k, (0, 0))]
            if not diff and events == ref_events:
                print(f"- {label(tool)}: identical ({events:,} events, {fat:,} fatalities, every cell equal)")
                continue
            print(f"- {label(tool)}: DIFFERS: {events:,} events ({events - ref_events:+,}), {fat:,} fatalities ({fat - ref_fat:+,}), "
                  f"{len(diff):,} of {len(keys):,} cells differ")
            for k in diff[:SHOW]:
                a, b = ref.get(k, (0, 0)), cells.get(k, (0, 0))
                print(f"    {k[0]} {k[1]}: Frontier {a[0]} events/{a[1]} fatalities, {label(tool)} {b[0]}/{b[1]}")


class Near:
    def __init__(self, border, km):
        self.border, self.km = border, km
        self.intro = (f"The incidents within {km:g} km of the {border} border line (GeoData/borders.geojson), geodesic "
                      f"distance on the WGS84 ellipsoid; every input column plus distance_km. Rows: incidents returned.")

    def read(self, path):
        return read_near(path)[0]

    def rows(self, dist):
        return len(dist)

    def check(self, ref, peers, size):
        print(f"\nRow check against Frontier ({len(ref):,} incidents within {self.km:g} km; rows within "
              f"{EDGE_M:g} m of the limit may differ):")
        limit = self.km
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


class Join:
    intro = ("Every incident tagged with its admin1 region (GeoData/admin1.geojson), all rows written with "
             "the input's columns and region_id (empty outside every region). Rows: rows written.")

    def read(self, path):
        return {"path": path, "rows": None}  # read by the check, in one pass over both outputs

    def rows(self, out):
        if out["rows"] is None:
            out["rows"] = count_rows(out["path"])
        return out["rows"]

    def check(self, ref, peers, size):
        lines = []
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
                lines.append(f"- {name}: identical ({t.peer_rows:,} rows, every event_id_cnty in the same region)")
                continue
            verdict = "DIFFERS" if (t.missing or t.extra or t.other) else "same regions"
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
        outside = t.outside if peers else 0
        print(f"\nRegion check against Frontier ({ref['rows']:,} incidents, {outside:,} outside every region; a point on "
              f"a shared edge is one row per region for `intersects`, Frontier's smallest region_id):")
        print("\n".join(lines))


class Import:
    intro = ("The CSV loaded into a new GeoPackage (a point layer `incidents`). Rows: rows in the store's "
             "incidents table (sqlite3).")

    def read(self, path):
        return read_store(path)

    def rows(self, store):
        return store[0]

    def check(self, ref, peers, size):
        ref_rows = f"{ref[0]:,}" if ref[0] is not None else "uncounted"
        print(f"\nRow count check ({size:,} synthesised; Frontier's store: {ref_rows} rows, {mb(ref[1])}):")
        for tool, (rows, nbytes) in peers:
            if rows is not None and rows == ref[0]:
                print(f"- {label(tool)}: same row count ({rows:,} rows, {mb(nbytes)})")
            else:
                shown = f"{rows:,}" if rows is not None else "uncounted"
                print(f"- {label(tool)}: DIFFERS: {shown} rows ({mb(nbytes)})")


class Hotspots:
    intro = ("Getis-Ord Gi* per bin of the space-time cube: 10 km EASE-Grid 2.0 cells (EPSG:6933) that hold "
             "incidents × every month, neighbours whose centres lie within 15 km (geodesic), no time lag. "
             "Rows: bins.")

    def read(self, path):
        out = {}
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out[(r["region_id"], r["window_start"])] = (int(r["events"]), float(r["gi_z"]))
        return out

    def rows(self, bins):
        return len(bins)

    def check(self, ref, peers, size):
        print(f"\nCube check against Frontier ({len(ref):,} bins):")
        for tool, bins in peers:
            missing, extra = set(ref) - set(bins), set(bins) - set(ref)
            counts = sum(1 for k in ref if k in bins and ref[k][0] != bins[k][0])
            dz = max((abs(ref[k][1] - bins[k][1]) for k in ref if k in bins), default=0.0)
            if not missing and not extra and counts == 0:
                print(f"- {label(tool)}: the same bins and counts; largest |Δz| {dz:.2e}")
            else:
                print(f"- {label(tool)}: DIFFERS: {len(missing):,} bins only in Frontier, {len(extra):,} only in {label(tool)}, "
                      f"{counts:,} counts differ; largest |Δz| {dz:.2e}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--near-border", default="AFG-TJK")
    ap.add_argument("--near-km", type=float, default=25.0)
    args = ap.parse_args()
    questions = {"aggregate": Aggregate(), "near": Near(args.near_border, args.near_km), "join": Join(), "import": Import(),
                 "hotspots": Hotspots()}

    rows = []
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (8 - len(parts))
            question, size, tool, status, wall, peak, out, note = parts[:8]
            rows.append(dict(question=question, size=int(size), tool=tool, status=status, wall=wall, peak=peak, out=out, note=note))

    by_question = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_question[r["question"]][r["size"]].append(r)

    for qname in QUESTIONS + sorted(set(by_question) - set(QUESTIONS)):
        if qname not in by_question:
            continue
        q = questions.get(qname)
        print(f"\n### {qname}\n")
        if q is not None:
            print(q.intro)
        for size in sorted(by_question[qname]):
            group = by_question[qname][size]
            ref_row = next((r for r in group if r["tool"] == "frontier" and r["status"] == "ok"), None)
            ref_wall = float(ref_row["wall"]) if ref_row else None
            data = {}
            for r in group:
                if r["status"] == "ok" and r["out"] and q is not None:
                    try:
                        data[id(r)] = q.read(r["out"])
                    except (OSError, ValueError, KeyError, csv.Error) as e:
                        print(f"(could not read {r['out']}: {e})", file=sys.stderr)
            ref = data.get(id(ref_row)) if ref_row else None
            peers = [(r["tool"], data[id(r)]) for r in group if r is not ref_row and id(r) in data]
            check = io.StringIO()
            if ref is None:
                check.write("\nNo Frontier result: nothing to check against.\n")
            elif peers:
                try:
                    with contextlib.redirect_stdout(check):
                        q.check(ref, peers, size)
                except (OSError, ValueError, KeyError, csv.Error) as e:
                    check.write(f"\nCheck failed: {type(e).__name__}: {e}\n")

            print(f"\n#### {qname}, {size:,} incidents\n")
            print("| tool | rows | wall s | peak MB | ratio to Frontier | note |")
            print("|---|---:|---:|---:|---:|---|")
            for r in group:
                if r["status"] != "ok":
                    print(f"| {label(r['tool'])} | – | – | – | – | unavailable: {r['status']} |")
                    continue
                wall = float(r["wall"])
                peak = f"{int(r['peak']) / 1024:,.0f}" if r["peak"] else "–"
                n = q.rows(data[id(r)]) if id(r) in data else None
                n_rows = f"{n:,}" if n is not None else "–"
                ratio = f"{wall / ref_wall:.2f}×" if ref_wall else "–"
                print(f"| {label(r['tool'])} | {n_rows} | {wall:.2f} | {peak} | {ratio} | {r['note']} |")
            print(check.getvalue(), end="")


if __name__ == "__main__":
    main()
