"""GeoJSON polygon layer -> CSV rows region_id,region_country,region_name,geometry-as-GeoJSON for PostGIS COPY.

Usage: regions_csv.py REGIONS.geojson OUT.csv   (standard library only)
"""
import csv
import json
import sys

src, dst = sys.argv[1:3]
with open(src, encoding="utf-8") as f:
    features = json.load(f)["features"]
with open(dst, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for feat in features:
        p = feat["properties"]
        w.writerow([p["region_id"], p["region_country"], p["region_name"], json.dumps(feat["geometry"])])
print(len(features))
