#!/usr/bin/env python3
"""Agreement of three independent border sources along AFG-PAK, AFG-UZB, AFG-TJK.

Sources
  OSM   : GeoData/borders.geojson (our line, Douglas-Peucker 0.0004 deg)
  RAW   : MAPS.ME .poly outlines (unsimplified OSM): the part of Afghanistan.poly's ring lying
          within RAW_THR of the neighbour's .poly ring
  WDBII : GSHHG full national borders, `gmt coast -R60/76/29/39.5 -Df -N1 -M`; each WDBII vertex is
          labelled by the two DCW country outlines nearest to it (AF, PK, UZ, TJ, TM, IR, CN, IN)
  DCW   : `gmt coast -E<CC> -M` country polygons; the part of AF's outline within DCW_THR of the
          neighbour's outline

Method (pyproj.Geod WGS84): the measured line is sampled every 100 m of geodesic arc length; the
reference line is densified to <= 10 m; for each sample the nearest reference vertex is found (k-d
tree on ECEF), then the sample is projected onto the two reference segments adjacent to that vertex
(local tangent plane, 10 m segments) and the geodesic distance to the foot point is taken.
Ends: samples within END_KM (geodesic, straight) of either end of the measured line are excluded
("core"); "all" keeps them.

Run: .build/pyvenv/bin/python GeoData/tools/border-agreement.py   (after `make test-deps` and `make geodata`;
needs Debian's gmt, gmt-gshhg-full and gmt-dcw, and the omim-data-borders files `make geodata` fetches)
(gmt is run in a temporary directory, never in the cwd.)
"""
import atexit
import json
import shutil
import os
import subprocess
import sys
import tempfile

import numpy as np
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree

# The repository: this file is GeoData/tools/border-agreement.py.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
POLY_DIR = f"{ROOT}/.build/omim-data-borders/borders"
GEOD = Geod(ellps="WGS84")
ECEF = Transformer.from_crs("EPSG:4979", "EPSG:4978", always_xy=True)
STEP_M = 100.0
REF_STEP_M = 10.0
END_KM = 5.0
DCW_THR_M = 2000.0
RAW_THR_M = 300.0
BORDERS = {"AFG-PAK": ("PK", "Pakistan"), "AFG-UZB": ("UZ", "Uzbekistan"), "AFG-TJK": ("TJ", "Tajikistan")}
CLASS_COUNTRIES = ["AF", "PK", "UZ", "TJ", "TM", "IR", "CN", "IN"]
BBOX = (58.0, 78.0, 27.0, 41.5)  # outlines are cut to this box before classification

# ----------------------------------------------------------------------------- readers
_GMT_DIR = tempfile.mkdtemp(prefix="gmt-measure-")
atexit.register(shutil.rmtree, _GMT_DIR, True)


def gmt(*args):
    out = subprocess.run(["gmt", *args], cwd=_GMT_DIR, check=True, capture_output=True, text=True)
    return out.stdout


def parse_multiseg(text):
    segs, cur = [], []
    for line in text.splitlines():
        if line.startswith(">"):
            if len(cur) > 1:
                segs.append(np.array(cur))
            cur = []
        elif line.strip():
            a = line.split()
            cur.append((float(a[0]), float(a[1])))
    if len(cur) > 1:
        segs.append(np.array(cur))
    return segs


def read_poly(path):
    rings, cur, hole = [], None, False
    with open(path) as f:
        lines = [l.strip() for l in f]
    for l in lines[1:]:
        if not l:
            continue
        if cur is None:
            if l == "END":
                break
            hole = l.startswith("!")
            cur = []
        elif l == "END":
            rings.append((np.array(cur), hole))
            cur = None
        else:
            a = l.split()
            cur.append((float(a[0]), float(a[1])))
    return rings


def our_line(border_id):
    d = json.load(open(f"{ROOT}/GeoData/borders.geojson"))
    for f in d["features"]:
        if f["properties"]["border_id"] == border_id:
            g = f["geometry"]
            parts = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
            return [np.array(p, dtype=float) for p in parts], f["properties"]
    raise KeyError(border_id)


# ----------------------------------------------------------------------------- geometry helpers
def seg_lengths(p):
    _, _, d = GEOD.inv(p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1])
    return np.asarray(d)


def length_m(parts):
    return float(sum(seg_lengths(p).sum() for p in parts if len(p) > 1))


def densify(p, step):
    """Geodesically densify polyline p (N x 2) to spacing <= step."""
    az, _, d = GEOD.inv(p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1])
    az, d = np.asarray(az), np.asarray(d)
    n = np.maximum(1, np.ceil(d / step).astype(int))
    idx = np.repeat(np.arange(len(d)), n)
    k = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    frac = k / n[idx]
    lon, lat, _ = GEOD.fwd(p[idx, 0], p[idx, 1], az[idx], d[idx] * frac)
    out = np.column_stack([lon, lat])
    return np.vstack([out, p[-1:]])


def sample(p, step):
    """Points every `step` m of geodesic arc length along polyline p (from its start)."""
    az, _, d = GEOD.inv(p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1])
    az, d = np.asarray(az), np.asarray(d)
    cum = np.concatenate([[0], np.cumsum(d)])
    s = np.arange(0, cum[-1], step)
    i = np.clip(np.searchsorted(cum, s, side="right") - 1, 0, len(d) - 1)
    lon, lat, _ = GEOD.fwd(p[i, 0], p[i, 1], az[i], s - cum[i])
    return np.column_stack([lon, lat])


def ecef(ll):
    x, y, z = ECEF.transform(ll[:, 0], ll[:, 1], np.zeros(len(ll)))
    return np.column_stack([x, y, z])


class Reference:
    """A (multi)line densified to <= REF_STEP_M with exact-ish nearest-point queries."""

    def __init__(self, parts, step=REF_STEP_M):
        pts, pid = [], []
        for i, p in enumerate(parts):
            if len(p) < 2:
                continue
            q = densify(p, step)
            pts.append(q)
            pid.append(np.full(len(q), i))
        self.ll = np.vstack(pts)
        self.pid = np.concatenate(pid)
        self.tree = cKDTree(ecef(self.ll))

    def nearest(self, q):
        """Return (distance m, nearest lon/lat) for points q (M x 2)."""
        _, j = self.tree.query(ecef(q))
        best_d = np.full(len(q), np.inf)
        best_p = self.ll[j].copy()
        lat0 = np.radians(q[:, 1])
        kx = np.cos(lat0) * 111320.0
        ky = 110574.0
        for a_off, b_off in ((-1, 0), (0, 1)):
            a = j + a_off
            b = j + b_off
            ok = (a >= 0) & (b < len(self.ll))
            a = np.clip(a, 0, len(self.ll) - 1)
            b = np.clip(b, 0, len(self.ll) - 1)
            ok &= self.pid[a] == self.pid[b]
            ax = (self.ll[a, 0] - q[:, 0]) * kx
            ay = (self.ll[a, 1] - q[:, 1]) * ky
            bx = (self.ll[b, 0] - q[:, 0]) * kx
            by = (self.ll[b, 1] - q[:, 1]) * ky
            vx, vy = bx - ax, by - ay
            vv = vx * vx + vy * vy
            t = np.where(vv > 0, -(ax * vx + ay * vy) / np.where(vv > 0, vv, 1), 0.0)
            t = np.clip(t, 0, 1)
            foot = self.ll[a] + t[:, None] * (self.ll[b] - self.ll[a])
            _, _, d = GEOD.inv(q[:, 0], q[:, 1], foot[:, 0], foot[:, 1])
            d = np.where(ok, d, np.inf)
            better = d < best_d
            best_d = np.where(better, d, best_d)
            best_p[better] = foot[better]
        # fall back to the vertex itself (single-vertex neighbourhoods)
        _, _, dv = GEOD.inv(q[:, 0], q[:, 1], self.ll[j, 0], self.ll[j, 1])
        use_v = dv < best_d
        best_d = np.where(use_v, dv, best_d)
        best_p[use_v] = self.ll[j][use_v]
        return best_d, best_p


def approx_dist(points, outline_parts, step=200.0):
    """Distance (m, +-step/2) from points to the nearest vertex of outline densified to step."""
    ref = np.vstack([densify(p, step) for p in outline_parts if len(p) > 1])
    tree = cKDTree(ecef(ref))
    d, _ = tree.query(ecef(points))
    return d  # chord in metres ~ geodesic at these scales


def runs(mask, cyclic):
    """Index runs [start, end] (inclusive) where mask is True; cyclic joins across the wrap."""
    n = len(mask)
    out = []
    i = 0
    while i < n:
        if mask[i]:
            j = i
            while j + 1 < n and mask[j + 1]:
                j += 1
            out.append([i, j])
            i = j + 1
        else:
            i += 1
    if cyclic and len(out) > 1 and out[0][0] == 0 and out[-1][1] == n - 1:
        last = out.pop()
        out[0] = [last[0], out[0][1] + n]
    return out


def take(ring, a, b):
    n = len(ring)
    idx = np.arange(a, b + 1) % n
    return ring[idx]


def clip_bbox(parts):
    x0, x1, y0, y1 = BBOX
    out = []
    for p in parts:
        m = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
        for a, b in runs(m, False):
            if b > a:
                out.append(p[a:b + 1])
    return out


def merge_parts(parts, tol_deg=1e-7):
    """Join parts whose ends coincide (within tol) into longer polylines."""
    parts = [p for p in parts if len(p) > 1]
    changed = True
    while changed:
        changed = False
        for i in range(len(parts)):
            for j in range(len(parts)):
                if i == j:
                    continue
                a, b = parts[i], parts[j]
                if np.abs(a[-1] - b[0]).max() < tol_deg:
                    new = np.vstack([a, b[1:]])
                elif np.abs(a[-1] - b[-1]).max() < tol_deg:
                    new = np.vstack([a, b[::-1][1:]])
                elif np.abs(a[0] - b[0]).max() < tol_deg:
                    new = np.vstack([a[::-1], b[1:]])
                else:
                    continue
                parts = [p for k, p in enumerate(parts) if k not in (i, j)] + [new]
                changed = True
                break
            if changed:
                break
    return parts


def shared_part(ring_a, outline_b, thr, min_len_m=1000.0):
    """Parts of closed ring_a whose vertices lie within thr of outline_b."""
    ring = ring_a[:-1] if np.allclose(ring_a[0], ring_a[-1]) else ring_a
    d = approx_dist(ring, outline_b, step=50.0)
    out = [take(ring, a, b) for a, b in runs(d <= thr, True) if b > a]
    return [p for p in out if length_m([p]) >= min_len_m]


def stats(d):
    if len(d) == 0:
        return dict(n=0, p50=np.nan, p95=np.nan, max=np.nan)
    return dict(n=int(len(d)), p50=float(np.percentile(d, 50)), p95=float(np.percentile(d, 95)), max=float(d.max()))


# ----------------------------------------------------------------------------- load everything
def load():
    S = {}
    S["dcw"] = {c: parse_multiseg(gmt("coast", f"-E{c}", "-M")) for c in CLASS_COUNTRIES}
    S["wdb"] = parse_multiseg(gmt("coast", "-R60/76/29/39.5", "-Df", "-N1", "-M"))
    S["poly"] = {}
    for name in ["Afghanistan", "Pakistan", "Uzbekistan", "Tajikistan"]:
        rings = read_poly(f"{POLY_DIR}/{name}.poly")
        S["poly"][name] = [r for r, hole in rings]  # outline = all rings (holes are boundary too)
    # WDBII vertex labels: the two nearest DCW country outlines
    allv = np.vstack(S["wdb"])
    D = np.column_stack([approx_dist(allv, clip_bbox(S["dcw"][c])) if clip_bbox(S["dcw"][c]) else
                         np.full(len(allv), np.inf) for c in CLASS_COUNTRIES])
    order = np.argsort(D, axis=1)
    S["wdb_D"] = D
    S["wdb_first2"] = order[:, :2]
    return S


def wdb_line(S, cc, generous_m=0.0):
    """WDBII parts labelled {AF, cc}; with generous_m > 0 also vertices within generous_m of both."""
    ia, ib = CLASS_COUNTRIES.index("AF"), CLASS_COUNTRIES.index(cc)
    f2 = S["wdb_first2"]
    lab = ((f2[:, 0] == ia) & (f2[:, 1] == ib)) | ((f2[:, 0] == ib) & (f2[:, 1] == ia))
    if generous_m > 0:
        lab |= (S["wdb_D"][:, ia] <= generous_m) & (S["wdb_D"][:, ib] <= generous_m)
    parts, k = [], 0
    for seg in S["wdb"]:
        m = lab[k:k + len(seg)]
        k += len(seg)
        for a, b in runs(m, False):
            if b > a:
                parts.append(seg[a:b + 1])
    return merge_parts(parts)


def measure(measured_parts, ref, ends):
    """Distances from 100 m samples of measured parts to ref; also a mask of 'core' samples."""
    q = np.vstack([sample(p, STEP_M) for p in measured_parts if len(p) > 1])
    d, foot = ref.nearest(q)
    core = np.ones(len(q), bool)
    for e in ends:
        _, _, de = GEOD.inv(q[:, 0], q[:, 1], np.full(len(q), e[0]), np.full(len(q), e[1]))
        core &= np.asarray(de) > END_KM * 1000
    return q, d, foot, core


def line_ends(parts):
    """Ends of the line = the two part ends farthest apart (the tripoints for a 1-part line)."""
    ends = np.array([p[0] for p in parts] + [p[-1] for p in parts])
    if len(parts) == 1:
        return ends
    best = (0, 0, -1)
    for i in range(len(ends)):
        _, _, d = GEOD.inv(np.full(len(ends), ends[i, 0]), np.full(len(ends), ends[i, 1]), ends[:, 0], ends[:, 1])
        j = int(np.argmax(d))
        if d[j] > best[2]:
            best = (i, j, d[j])
    return ends[[best[0], best[1]]]


def hotspots(q, d, core, n=3, sep_km=20.0):
    """Up to n local maxima of d (core samples) at least sep_km apart."""
    idx = np.where(core)[0]
    idx = idx[np.argsort(-d[idx])]
    picked = []
    for i in idx:
        if all(GEOD.inv(q[i, 0], q[i, 1], q[j, 0], q[j, 1])[2] > sep_km * 1000 for j in picked):
            picked.append(i)
        if len(picked) == n:
            break
    return picked


def main():
    S = load()
    results = {}
    print(f"# sample step {STEP_M:.0f} m, reference densified to <= {REF_STEP_M:.0f} m, "
          f"core excludes samples within {END_KM:.0f} km of either end of the measured line\n")
    for bid, (cc, pname) in BORDERS.items():
        osm, props = our_line(bid)
        raw = shared_part(S["poly"]["Afghanistan"][0], S["poly"][pname], RAW_THR_M)
        for extra in S["poly"]["Afghanistan"][1:]:
            raw += shared_part(extra, S["poly"][pname], RAW_THR_M)
        raw = merge_parts(raw)
        dcw = merge_parts(shared_part(S["dcw"]["AF"][0], S["dcw"][cc], DCW_THR_M))
        wdb_strict = wdb_line(S, cc)
        wdb_ref = wdb_line(S, cc, generous_m=5000.0)
        ref_w = Reference(wdb_ref)
        ref_d = Reference(dcw)
        lines = {"OSM": osm, "RAW": raw, "DCW": dcw, "WDBII": wdb_strict}
        print(f"== {bid}")
        for k, v in lines.items():
            e = line_ends(v)
            print(f"  {k:6s} parts={len(v):2d} vertices={sum(len(p) for p in v):6d} "
                  f"length={length_m(v)/1000:8.1f} km  ends=({e[0][0]:.3f},{e[0][1]:.3f}) ({e[1][0]:.3f},{e[1][1]:.3f})")
        main = max(wdb_strict, key=lambda p: length_m([p]))
        print(f"  (WDBII main part alone: {length_m([main])/1000:.1f} km; the other parts are tripoint fragments)")
        if "length_km" in props:
            print(f"  (borders.geojson length_km property: {props['length_km']})")
        res = {}
        pairs = [("OSM->WDBII", osm, ref_w), ("DCW->WDBII", dcw, ref_w), ("OSM->DCW", osm, ref_d),
                 ("RAW->WDBII", raw, ref_w)]
        for name, meas, ref in pairs:
            q, d, foot, core = measure(meas, ref, line_ends(meas))
            res[name] = dict(core=stats(d[core]), all=stats(d), q=q, d=d, foot=foot, core_mask=core)
            c, a = res[name]["core"], res[name]["all"]
            print(f"  {name:11s} core n={c['n']:6d} p50={c['p50']/1000:6.3f} p95={c['p95']/1000:6.3f} "
                  f"max={c['max']/1000:6.3f} km | all n={a['n']:6d} p50={a['p50']/1000:6.3f} "
                  f"p95={a['p95']/1000:6.3f} max={a['max']/1000:6.3f} km")
        # where OSM and WDBII disagree most, and what DCW and RAW say there
        r = res["OSM->WDBII"]
        print("  OSM->WDBII hotspots (core), with DCW's verdict:")
        ref_raw = Reference(raw)
        for i in hotspots(r["q"], r["d"], r["core_mask"]):
            p, w = r["q"][i], r["foot"][i]
            d_p_dcw, _ = ref_d.nearest(p[None])
            d_w_dcw, _ = ref_d.nearest(w[None])
            d_p_raw, _ = ref_raw.nearest(p[None])
            a, b = d_p_dcw[0], d_w_dcw[0]
            # a clear side: DCW within 1 km of one and at least 1 km and 2x closer to it than to the other
            if a < 1000 and b - a >= 1000 and b >= 2 * a:
                side = "OSM"
            elif b < 1000 and a - b >= 1000 and a >= 2 * b:
                side = "WDBII"
            else:
                side = "neither clearly (in between)"
            print(f"    OSM pt ({p[0]:.4f}E {p[1]:.4f}N) -> WDBII {r['d'][i]/1000:.2f} km at ({w[0]:.4f}E {w[1]:.4f}N); "
                  f"OSM pt->DCW {d_p_dcw[0]/1000:.2f} km, WDBII pt->DCW {d_w_dcw[0]/1000:.2f} km "
                  f"=> DCW sides with {side}; OSM pt->RAW {d_p_raw[0]/1000:.3f} km")
        results[bid] = res
        print()
    return results


if __name__ == "__main__":
    main()
