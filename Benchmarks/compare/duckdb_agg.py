"""DuckDB spatial peer: the same query in SQL, with the spatial extension loaded from its PyPI wheel.

Usage: duckdb_agg.py INCIDENTS.csv REGIONS.geojson OUT.csv
Writes region_id,window_start,events,fatalities sorted by region_id, window_start.
No network: autoinstall/autoload are off and the extension is LOADed from the file that the
duckdb-extension-spatial wheel ships (duckdb_extension_spatial/extensions/v<version>/spatial.duckdb_extension).
"""
import glob
import os
import sys

import duckdb
import duckdb_extension_spatial

incidents_path, regions_path, out_path = sys.argv[1:4]


def sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


pkg_dir = os.path.dirname(duckdb_extension_spatial.__file__)
ext = glob.glob(os.path.join(pkg_dir, "extensions", "v" + duckdb.__version__, "spatial.duckdb_extension"))
if not ext:
    sys.exit(f"no spatial.duckdb_extension for duckdb {duckdb.__version__} under {pkg_dir}/extensions")

con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
con.execute(f"LOAD {sql_str(ext[0])}")
con.execute(f"CREATE TABLE regions AS SELECT region_id, geom FROM ST_Read({sql_str(regions_path)})")

# ST_Intersects = boundary included (closest to Frontier's "covers"); DuckDB plans it as a SPATIAL_JOIN.
# date_trunc('week', ...) is the ISO week (Monday start).
query = f"""
SELECT r.region_id,
       date_trunc('week', i.event_date)::DATE AS window_start,
       count(*) AS events,
       sum(i.fatalities) AS fatalities
FROM read_csv({sql_str(incidents_path)}, header = true,
              types = {{'event_date': 'DATE', 'latitude': 'DOUBLE', 'longitude': 'DOUBLE', 'fatalities': 'BIGINT'}}) AS i
JOIN regions AS r ON ST_Intersects(r.geom, ST_Point(i.longitude, i.latitude))
GROUP BY ALL
ORDER BY region_id, window_start
"""
con.execute(f"COPY ({query}) TO {sql_str(out_path)} (HEADER, DELIMITER ',')")
