-- PostGIS load: the incidents (COPY, the point computed as the rows arrive), a GiST index, ANALYZE.
-- psql -v incidents=INCIDENTS.csv (server-side path, read by the server)
--      -v coldefs='event_id_cnty text, event_date date, ...' -v cols='event_id_cnty, event_date, ...'
-- The driver makes coldefs and cols from the file's header, so both file layouts (synth's 16 columns,
-- acled_layout.py's 13) load as they are. Each run replaces the table of the run before.
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS postgis;
DROP TABLE IF EXISTS incidents;

CREATE TABLE incidents (
  :coldefs,
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED
);
COPY incidents (:cols) FROM :'incidents' (FORMAT csv, HEADER true);

CREATE INDEX incidents_geom ON incidents USING gist (geom);
ANALYZE incidents;

-- this server backend's peak resident memory (psql's own is negligible)
SELECT pg_backend_pid() AS backend_pid \gset
\setenv BACKEND_PID :backend_pid
\! grep VmHWM /proc/$BACKEND_PID/status
