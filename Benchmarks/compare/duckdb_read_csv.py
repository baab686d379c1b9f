"""The floor: DuckDB reading the CSV at all, as a whole Python process (issue 28's "reading the CSV at all").

Usage: duckdb_read_csv.py INCIDENTS.csv OUT.csv
Runs SELECT count(*), sum(fatalities), min(event_date), max(latitude) FROM read_csv(F): DuckDB sniffs the
dialect and the types and scans every column of every row (parallel, typed), then answers four aggregates.
No spatial work and no output to speak of: the time a query needs just to read the file, imports included.
Writes rows,fatalities,min_event_date,max_latitude (one row) for the driver's check.
"""
import sys

import duckdb

incidents_path, out_path = sys.argv[1:3]
quoted = "'" + incidents_path.replace("'", "''") + "'"
rows, fatalities, first, top = duckdb.sql(
    f"SELECT count(*), sum(fatalities), min(event_date), max(latitude) FROM read_csv({quoted})"
).fetchone()
with open(out_path, "w", encoding="utf-8") as f:
    f.write("rows,fatalities,min_event_date,max_latitude\n")
    f.write(f"{rows},{fatalities},{first},{top}\n")
