#!/usr/bin/env python3
"""Write COUNT incidents in ACLED's export layout, drawn independently of Frontier's own `synth`.

    acled_layout.py COUNT OUT.csv [--seed N] [--borders GeoData/natural-earth/borders.geojson]

Why a second generator: a benchmark on data the engine's author shaped can flatter the engine (synth writes
5-decimal coordinates, 16 columns in Frontier's order, and places points with Frontier's own polygons). This
file follows the layout an analyst exports from ACLED and is placed with plain numpy:

- 13 columns: event_id_cnty, event_date, event_type, sub_event_type, actor1, country, admin1, location,
  latitude, longitude, geo_precision, fatalities, notes; notes is free text of 30-110 bytes, about half the rows
  quoted (a comma, and now and then a doubled quote, inside), as ACLED's notes are.
- 70% of the points cluster along the AFG-TJK, AFG-PAK and AFG-IRN border lines (half around 240 hot spots
  on the lines, half spread along them, in proportion to each line's length; the offset from the line is
  exponential with a 12 km mean, capped at 80 km); the other 30% are uniform over 60-76°E, 28-40°N.
- Dates uniform over 2024-01-01 .. 2026-06-30; coordinates with 4 to 6 decimals; ids are an ISO3 prefix and a
  per-prefix running number (ACLED style), unique in the file.

The same seed gives the same bytes. Rows are written in blocks, so 5M rows need little memory.
"""
import argparse
import json
import math
import sys

import numpy as np

LINES = ("AFG-TJK", "AFG-PAK", "AFG-IRN")
EVENT_TYPES = [
    ("Battles", ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")),
    ("Explosions/Remote violence", ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED")),
    ("Violence against civilians", ("Attack", "Abduction/forced disappearance")),
    ("Riots", ("Violent demonstration", "Mob violence")),
    ("Protests", ("Peaceful protest",)),
    ("Strategic developments", ("Arrests", "Looting/property destruction", "Other")),
]
TYPE_SHARES = np.array([0.34, 0.26, 0.16, 0.06, 0.10, 0.08])
ACTORS = [
    "Military Forces of Afghanistan (2021-)", "Military Forces of Pakistan (2018-)",
    "Military Forces of Tajikistan (1994-)", "Military Forces of Iran (1989-)",
    "Unidentified Armed Group (Afghanistan)", "Unidentified Armed Group (Pakistan)",
    "TTP: Tehreek-i-Taliban Pakistan", "Police Forces of Iran (1989-)", "Smugglers (Tajikistan)",
    "Protesters (Pakistan)", "Civilians (Afghanistan)",
]
COUNTRIES = [("AFG", "Afghanistan", ("Badakhshan", "Takhar", "Kunduz", "Nangarhar", "Kunar", "Paktika", "Herat", "Nimruz", "Kandahar")),
             ("PAK", "Pakistan", ("Khyber Pakhtunkhwa", "Balochistan", "Gilgit-Baltistan", "Punjab")),
             ("TJK", "Tajikistan", ("Khatlon", "Gorno-Badakhshan", "Sughd")),
             ("IRN", "Iran", ("Sistan and Baluchestan", "Razavi Khorasan", "South Khorasan"))]
PLACES = ["Shahri Buzurg", "Darvaz", "Ishkashim", "Torkham", "Chaman", "Islam Qala", "Zaranj", "Khorog",
          "Panj", "Shamsiddin Shohin", "Angoor Adda", "Bajaur", "Kurram", "Taftan", "Mirjaveh", "Kalaikhumb"]
NOTE_HEADS = ["Border guards exchanged fire with a group crossing near {p}",
              "A drone struck a post near {p}; casualties unclear",
              "Smugglers clashed with police near {p}",
              "Residents of {p} protested over the \"closure\" of the crossing",
              "Gunmen attacked a vehicle near {p}, the report said",
              "Shelling was reported in {p}"]
NOTE_TAILS = ["", "", " No fatalities reported.", " Sources differ on the dead.", " Officials confirmed it, a local outlet said."]


def border_lines(path):
    """The three lines' vertices as (lon, lat) arrays, from a borders GeoJSON (country_a/country_b)."""
    with open(path) as f:
        features = json.load(f)["features"]
    lines = {}
    for feat in features:
        p = feat["properties"]
        key = "-".join(sorted((p["country_a"], p["country_b"])))
        if key in LINES:
            g = feat["geometry"]
            parts = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
            lines[key] = [np.asarray(part, dtype=float) for part in parts]
    missing = [k for k in LINES if k not in lines]
    if missing:
        sys.exit(f"acled_layout.py: {path} has no line for {', '.join(missing)}")
    return lines


def segments(lines):
    """Every segment of the three lines with its length in km (local equirectangular: fine for weights)."""
    a, b = [], []
    for parts in lines.values():
        for part in parts:
            a.append(part[:-1]); b.append(part[1:])
    a, b = np.concatenate(a), np.concatenate(b)
    mid = np.radians((a[:, 1] + b[:, 1]) / 2)
    km = np.hypot((b[:, 0] - a[:, 0]) * np.cos(mid), b[:, 1] - a[:, 1]) * 111.32
    return a, b, km


def on_lines(rng, n, a, b, km):
    """n points on the lines, uniform by length."""
    seg = rng.choice(len(km), size=n, p=km / km.sum())
    t = rng.random(n)[:, None]
    return a[seg] + t * (b[seg] - a[seg])


def offset(rng, pts, km):
    """Moves each point km kilometres in a uniform direction."""
    theta = rng.random(len(pts)) * 2 * math.pi
    dlat = km * np.sin(theta) / 111.32
    dlon = km * np.cos(theta) / (111.32 * np.cos(np.radians(pts[:, 1])))
    return np.column_stack((pts[:, 0] + dlon, pts[:, 1] + dlat))


def quoted(text):
    return '"' + text.replace('"', '""') + '"' if ("," in text or '"' in text) else text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--borders", default="GeoData/natural-earth/borders.geojson")
    args = ap.parse_args()
    if args.count <= 0:
        sys.exit("acled_layout.py: COUNT must be > 0")
    rng = np.random.default_rng(args.seed)
    a, b, seg_km = segments(border_lines(args.borders))
    hotspots = on_lines(rng, 240, a, b, seg_km)
    day0 = np.datetime64("2024-01-01")
    days = int((np.datetime64("2026-06-30") - day0).astype(int)) + 1
    counters = {c[0]: 0 for c in COUNTRIES}
    block = 200_000
    with open(args.out, "w", newline="") as out:
        out.write("event_id_cnty,event_date,event_type,sub_event_type,actor1,country,admin1,location,"
                  "latitude,longitude,geo_precision,fatalities,notes\n")
        left = args.count
        while left > 0:
            n = min(block, left)
            left -= n
            kind = rng.random(n)
            pts = np.empty((n, 2))
            spread = kind >= 0.70
            hot = kind < 0.35
            along = ~spread & ~hot
            pts[spread, 0] = rng.uniform(60, 76, spread.sum())
            pts[spread, 1] = rng.uniform(28, 40, spread.sum())
            h = hotspots[rng.integers(0, len(hotspots), hot.sum())]
            pts[hot] = offset(rng, h, np.abs(rng.normal(0, 4, hot.sum())))
            l = on_lines(rng, along.sum(), a, b, seg_km)
            pts[along] = offset(rng, l, np.minimum(rng.exponential(12, along.sum()), 80))
            dates = (day0 + rng.integers(0, days, n)).astype(str)
            types = rng.choice(len(EVENT_TYPES), size=n, p=TYPE_SHARES)
            subs = rng.integers(0, 3, n)
            actors = rng.integers(0, len(ACTORS), n)
            cidx = rng.integers(0, len(COUNTRIES), n)
            aidx = rng.integers(0, 9, n)
            places = rng.integers(0, len(PLACES), n)
            heads = rng.integers(0, len(NOTE_HEADS), n)
            tails = rng.integers(0, len(NOTE_TAILS), n)
            decimals = rng.integers(4, 7, n)
            precision = rng.choice((1, 2, 3), size=n, p=(0.6, 0.3, 0.1))
            fatalities = np.where(rng.random(n) < 0.62, 0, rng.geometric(0.25, n))
            rows = []
            for i in range(n):
                iso, country, admins = COUNTRIES[cidx[i]]
                counters[iso] += 1
                etype, esubs = EVENT_TYPES[types[i]]
                place = PLACES[places[i]]
                note = NOTE_HEADS[heads[i]].format(p=place) + "." + NOTE_TAILS[tails[i]]
                k = decimals[i]
                rows.append(f"{iso}{counters[iso]},{dates[i]},{etype},{esubs[subs[i] % len(esubs)]},"
                            f"{quoted(ACTORS[actors[i]])},{country},{admins[aidx[i] % len(admins)]},{place},"
                            f"{pts[i, 1]:.{k}f},{pts[i, 0]:.{k}f},{precision[i]},{fatalities[i]},{quoted(note)}\n")
            out.write("".join(rows))


if __name__ == "__main__":
    main()
