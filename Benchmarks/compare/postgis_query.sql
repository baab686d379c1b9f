-- PostGIS query: events and fatalities per admin1 region x ISO week (date_trunc('week') is Monday start).
-- ST_Intersects = boundary included (closest to Frontier's "covers"). Timed alone with \timing.
-- psql -v out=OUT.csv (server-side path, written by the server) -v regions=regions_natural_earth (the polygon set's table).
\set ON_ERROR_STOP on
\timing on
COPY (
  SELECT r.region_id,
         date_trunc('week', i.event_date)::date AS window_start,
         count(*) AS events,
         sum(i.fatalities) AS fatalities
  FROM incidents AS i
  JOIN :regions AS r ON ST_Intersects(r.geom, i.geom)
  GROUP BY 1, 2
  ORDER BY 1, 2
) TO :'out' (FORMAT csv, HEADER true);
\timing off
-- this server backend's peak resident memory (psql's own is negligible)
SELECT pg_backend_pid() AS backend_pid \gset
\setenv BACKEND_PID :backend_pid
\! grep VmHWM /proc/$BACKEND_PID/status
