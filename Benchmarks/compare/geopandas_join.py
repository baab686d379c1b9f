"""GeoPandas peer for `frontier join`: tag every incident with the admin1 region it lies in.

Usage: geopandas_join.py INCIDENTS.csv REGIONS.geojson OUT.csv
read_csv (all columns) -> points_from_xy -> sjoin(how="left", predicate="intersects") with the regions'
region_id, region_country and region_name (the columns Frontier appends) -> to_csv of every row, in
input order. A point outside every region keeps its row with empty region columns; a point on an edge
shared by several regions gets one row per region (intersects includes the boundary), where Frontier
gives it to the covering region with the smallest region_id: the driver's check counts such rows.
"""
import sys

import geopandas as gpd
import pandas as pd

incidents_path, regions_path, out_path = sys.argv[1:4]

df = pd.read_csv(incidents_path)
points = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["longitude"], df["latitude"]), crs="EPSG:4326")
regions = gpd.read_file(regions_path, engine="pyogrio", columns=["region_id", "region_country", "region_name"])
regions = regions[["region_id", "region_country", "region_name", "geometry"]].to_crs("EPSG:4326")

joined = gpd.sjoin(points, regions, how="left", predicate="intersects")
joined.drop(columns=["geometry", "index_right"]).to_csv(out_path, index=False)
