-- PostGIS: one polygon set's admin1 regions into its own table, with a GiST index (not timed: 142 rows).
-- psql -v regions=REGIONS.csv (server-side path, from regions_csv.py) -v name=regions_natural_earth
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS regions_src;
CREATE TABLE regions_src (region_id text, region_country text, region_name text, geojson text);
COPY regions_src FROM :'regions' (FORMAT csv);
DROP TABLE IF EXISTS :name;
CREATE TABLE :name AS
  SELECT region_id, region_country, region_name,
         ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326))::geometry(MultiPolygon, 4326) AS geom
  FROM regions_src;
DROP TABLE regions_src;
CREATE INDEX ON :name USING gist (geom);
ANALYZE :name;
