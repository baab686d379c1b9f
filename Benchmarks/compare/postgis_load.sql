-- PostGIS load: admin1 regions and the synth incidents (COPY), GiST indexes, ANALYZE.
-- psql -v regions=REGIONS.csv -v incidents=INCIDENTS.csv (server-side paths, read by the server).
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE regions_src (region_id text, region_country text, region_name text, geojson text);
COPY regions_src FROM :'regions' (FORMAT csv);
CREATE TABLE regions AS
  SELECT region_id, region_country, region_name,
         ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)::geometry(MultiPolygon, 4326) AS geom
  FROM regions_src;
DROP TABLE regions_src;

-- frontier synth's columns, in its order; the point is computed as the rows arrive.
CREATE TABLE incidents (
  event_id_cnty text, event_date date, year int, event_type text, sub_event_type text,
  actor1 text, actor2 text, country text, admin1 text, location text,
  latitude double precision, longitude double precision, geo_precision int, fatalities int,
  source text, notes text,
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED
);
COPY incidents (event_id_cnty, event_date, year, event_type, sub_event_type, actor1, actor2, country,
                admin1, location, latitude, longitude, geo_precision, fatalities, source, notes)
  FROM :'incidents' (FORMAT csv, HEADER true);

CREATE INDEX regions_geom ON regions USING gist (geom);
CREATE INDEX incidents_geom ON incidents USING gist (geom);
ANALYZE regions;
ANALYZE incidents;

-- this server backend's peak resident memory (psql's own is negligible)
SELECT pg_backend_pid() AS backend_pid \gset
\setenv BACKEND_PID :backend_pid
\! grep VmHWM /proc/$BACKEND_PID/status
