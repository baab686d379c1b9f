"""PySAL peer for `frontier hotspots`: Getis-Ord Gi* on the same space-time cube.

Usage: esda_hotspots.py INCIDENTS.csv CELL_KM DISTANCE_KM OUT.csv
Builds what `frontier hotspots --regions grid:CELL_KMkm --window month --distance DISTANCE_KMkm --time-lag 0`
analyses, the way an analyst would with pandas, pyproj and PySAL:
1. read_csv (every column), project to EPSG:6933 (WGS 84 / NSIDC EASE-Grid 2.0 Global) with pyproj,
   cell = floor(x / size), floor(y / size); month = the date's calendar month;
2. the cube: every cell that holds an incident × every month from the first to the last, zeros included;
3. neighbours: cells whose centres (back to lon/lat with pyproj) lie within DISTANCE_KM, geodesic on WGS84
   (pyproj.Geod), found among pairs whose earth-centred chord is that close (scipy cKDTree);
4. esda.G_Local(star=True) on the flattened cube with binary weights linking (cell, month) to each
   neighbouring cell in the same month: mean and standard deviation over every bin, as ArcGIS's cube does.
Writes region_id, window_start, events, gi_z (the G10km:IX:IY id Frontier prints).
"""
import sys

import numpy as np
import pandas as pd
from esda.getisord import G_Local
from libpysal.weights import W
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree

incidents_path, cell_km, distance_km, out_path = sys.argv[1:5]
size = float(cell_km) * 1000.0
distance = float(distance_km) * 1000.0

df = pd.read_csv(incidents_path, low_memory=False)
forward = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
x, y = forward.transform(df["longitude"].to_numpy(), df["latitude"].to_numpy())
df["ix"] = np.floor(x / size).astype(np.int64)
df["iy"] = np.floor(y / size).astype(np.int64)
dates = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
df["month"] = dates.dt.year * 12 + dates.dt.month - 1

cells = df[["ix", "iy"]].drop_duplicates().sort_values(["ix", "iy"]).reset_index(drop=True)
cell_index = {(a, b): i for i, (a, b) in enumerate(zip(cells["ix"], cells["iy"]))}
first, last = int(df["month"].min()), int(df["month"].max())
steps = last - first + 1
counts = df.groupby(["ix", "iy", "month"]).size()
cube = np.zeros((len(cells), steps))
for (a, b, m), n in counts.items():
    cube[cell_index[(a, b)], int(m) - first] = n

inverse = Transformer.from_crs("EPSG:6933", "EPSG:4326", always_xy=True)
lon, lat = inverse.transform((cells["ix"].to_numpy() + 0.5) * size, (cells["iy"].to_numpy() + 0.5) * size)
ecef = Transformer.from_crs("EPSG:4326", "EPSG:4978", always_xy=True)
ex, ey, ez = ecef.transform(lon, lat, np.zeros(len(lon)))
pairs = cKDTree(np.column_stack([ex, ey, ez])).query_pairs(distance, output_type="ndarray")
geod = Geod(ellps="WGS84")
_, _, d = geod.inv(lon[pairs[:, 0]], lat[pairs[:, 0]], lon[pairs[:, 1]], lat[pairs[:, 1]])
pairs = pairs[d <= distance]
spatial = [[] for _ in range(len(cells))]
for i, j in pairs:
    spatial[i].append(j)
    spatial[j].append(i)

# Bin (i, t) is node i * steps + t; its neighbours are the neighbouring cells in the same month.
neighbours = {}
for i in range(len(cells)):
    for t in range(steps):
        neighbours[i * steps + t] = [j * steps + t for j in spatial[i]]
w = W(neighbours, silence_warnings=True)
g = G_Local(cube.ravel(), w, transform="B", star=True, permutations=0)

ids = [f"G{cell_km}km:{a}:{b}" for a, b in zip(cells["ix"], cells["iy"])]
rows = []
for i in range(len(cells)):
    for t in range(steps):
        m = first + t
        rows.append((ids[i], f"{m // 12:04d}-{m % 12 + 1:02d}-01", int(cube[i, t]), float(g.Zs[i * steps + t])))
pd.DataFrame(rows, columns=["region_id", "window_start", "events", "gi_z"]).to_csv(out_path, index=False)
