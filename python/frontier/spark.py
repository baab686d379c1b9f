"""Frontier's answers on a PySpark DataFrame, equal to the CLI's on the same rows.

    import frontier.spark as fs
    joined = fs.join(sdf, regions="admin1")
    near = fs.near(sdf, border="AFG-TJK", within=["10km", "25km"], any_country=True)
    weekly = fs.aggregate(sdf, regions="admin1", window="week", compare="previous")
    spots = fs.hotspots(sdf, regions="grid:10km", distance="15km", summary=True)
    alerts = fs.trends(sdf)

Keywords are `frontier.*`'s. Each answer is a Spark DataFrame with the CLI's columns and types.

- `join` and `near` run the engine on every partition through `mapInArrow` (Arrow batches in and out on each
  executor's Python worker; no per-row Python).
- `aggregate`, `hotspots` and `trends` count every partition into cells (place × window × band × split value,
  with first and last day) on the executors, add the cells up with Spark (`groupBy` + `sum`), and finish on
  the driver with the engine's own rules (fills, comparisons, partial windows, the cube, the baselines): one
  implementation of the window arithmetic, not a Spark one. The driver holds only the cells and the answer.
- Duplicate event ids across partitions are found as the CLI finds them: among the rows the engine accepts, by
  a Spark aggregation on the id column it reads; every copy after the first (in the DataFrame's order: file
  order for a DataFrame read straight from files) is left out and reported as the CLI reports it: rejected,
  "duplicate id in '<column>'". The rows are numbered once and kept (persisted) for this; the answer
  reads them from there (`spark.catalog.clearCache()` lets them go).

The answer's `frontier_report` (an attribute of the returned DataFrame) holds the merged counts (read, rejected,
`rejected_by_kind`) and the first 10,000 rejected rows (`rejections`: each partition's, with its partition and
its line within it, then the duplicates left out). With `mismatches=True` (join, near, aggregate) the answer's
`frontier_mismatches` is a Spark DataFrame of the kept rows whose reported country or admin-1 disagrees with
their region: `partition`, `line` (within it) and `--mismatches`' columns, every partition read once more
when it is read (none are held by the driver); where nothing can be compared (a grid, a caller's layer,
hotspots, trends, an input without country/admin1 columns) it is None and `frontier_report["notices"]` says
why. Without the keyword it is None. For `join` and `near` the counts take one more pass at call
time (the engine's validation alone, on every partition); the rows themselves are computed when the answer
is. Every executor needs the `frontier` package (the wheel: `make wheel`) and the C libraries PROJ, GEOS,
SQLite and libpq (docs/scale.md).
"""
import json

import frontier

__all__ = ["join", "near", "aggregate", "hotspots", "trends"]

_ROW = "__frontier_row"
_FIRST = "__frontier_first"
_PART = "__frontier_part"
_ID = "__frontier_id"
_DAY = "__frontier_day"
# The most rejected rows an answer's report lists (all are counted): the driver holds them.
_SHOWN = 10_000
# The keywords that decide whether the engine accepts a row (read before any filter), for the duplicate check.
_VALIDATES = ("id_field", "lat_field", "lon_field", "date_field", "fatalities_field", "profile", "crs", "years")


def _task_threads(options):
    """Threads for one partition's engine call: one, since Spark already runs a task on every core it has
    (the engine's default, a thread per core in every task, would put several on each); `threads=` overrides."""
    return options.get("threads", 1)


def _validated(table, options):
    """The engine's validation alone of one partition's rows, by its own rules (`_VALIDATES`' keywords;
    counting them in one window by country costs little and reads every row as the CLI does): (the part's
    summary, its rejected rows with their lines within it)."""
    import pyarrow as pa
    import frontier as engine
    validating = {k: v for k, v in options.items() if k in _VALIDATES}
    request = dict(validating, input="a Spark partition", window="all", regions="admin0", stage="count", threads=_task_threads(options))
    try:
        _, report, rejected = engine._answer("aggregate", request, table.to_reader())
    except engine.FrontierError as error:
        if error.field is None or error.field in table.column_names:
            raise
        # A column is missing: the date, which a count needs and a row-wise question does not. The rows are
        # counted on one constant day instead (no date, so no years apply), taken back out of each rejected
        # row; were another column missing, the count fails again and says which.
        dated = table.append_column(_DAY, pa.array(["2000-01-01"] * table.num_rows, pa.string()))
        request = {k: v for k, v in request.items() if k != "years"}
        _, report, rejected = engine._answer("aggregate", dict(request, date_field=_DAY), dated.to_reader())
        rejected = [dict(r, values=r["values"][:-1]) for r in rejected]
    return report["part"], rejected


def _arrow_schema(sdf):
    from pyspark.sql.pandas.types import to_arrow_schema
    return to_arrow_schema(sdf.schema)


def _empty_answer(sdf, question, options):
    """The engine's answer to an empty table of the same columns: its schema, and its report (which names the
    id column). The engine types its columns from their roles, so no row is needed."""
    empty = _arrow_schema(sdf).empty_table()
    return frontier._answer(question, dict(options, input="the Spark DataFrame"), empty.to_reader())


def _duplicates(sdf, id_column, options):
    """(how many later copies of an id there are, the first `_SHOWN` of them as rejected rows, the persisted
    numbered frame (None without an id column), the later copies' numbers in it as an int64 array).

    The CLI checks ids among the rows it accepts (a rejected row's id holds no place), in input order. So
    does this: the rows are numbered in order once and kept (persisted, so every pass sees the same numbers);
    the engine reads every partition (its own rules, `_VALIDATES`' keywords)
    and names the rows it rejects for what they hold; a Spark aggregation on the ids of the others finds the
    ids held more than once and the first row of each. The later copies' numbers, few, are broadcast, and
    every pass over the numbered rows leaves them out within each partition (`_later_copies_left_out`), so
    the partitions stay as they were and a row keeps its line among all of its partition's rows."""
    import numpy as np
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema
    if id_column is None or id_column not in sdf.columns:
        return 0, [], None, np.array([], dtype=np.int64)
    # Kept (persisted) so every pass reads the same numbers without reading the source again; a lost executor's
    # blocks are made again from the source, which numbers a file's rows the same each time.
    ordered = sdf.withColumn(_ROW, F.monotonically_increasing_id()).persist()
    schema = _arrow_schema(ordered)
    accepted_schema = pa.schema([schema.field(id_column), schema.field(_ROW)])

    def accepted(batches):
        table = pa.Table.from_batches(list(batches), schema=schema)
        if table.num_rows == 0:
            return
        _, rejected = _validated(table, options)
        keep = np.ones(table.num_rows, dtype=bool)
        keep[[r["line"] - 1 for r in rejected if r["kind"] != "duplicate id"]] = False
        yield from table.filter(pa.array(keep)).select([id_column, _ROW]).to_batches()

    valid = ordered.mapInArrow(accepted, from_arrow_schema(accepted_schema))
    ident = F.col(id_column).cast("string")
    firsts = (valid.where(ident.isNotNull() & (ident != "")).groupBy(ident.alias(_ID))
              .agg(F.min(_ROW).alias(_FIRST), F.count(F.lit(1)).alias("copies")).where(F.col("copies") > 1))
    # The later copies' numbers, few, held by the driver: a table of them is broadcast as it is.
    numbers = [r[_ROW] for r in valid.join(F.broadcast(firsts), ident == F.col(_ID)).where(F.col(_ROW) != F.col(_FIRST)).select(_ROW).collect()]
    extra = len(numbers)
    if not extra:
        return 0, [], ordered, np.array([], dtype=np.int64)
    later = sdf.sparkSession.createDataFrame([(n,) for n in numbers], f"{_ROW} long")
    left_out = ordered.join(F.broadcast(later), _ROW, "left_semi").orderBy(_ROW).select(*sdf.columns).limit(_SHOWN).collect()
    position = sdf.columns.index(id_column)
    rejections = [{"partition": None, "line": None, "field": id_column, "kind": "duplicate id",
                   "problem": f"duplicate id '{row[position]}'", "values": ["" if v is None else str(v) for v in row]} for row in left_out]
    return extra, rejections, ordered, np.array(numbers, dtype=np.int64)


def _later_copies_left_out(table, later):
    """One partition's rows (`table`) without the later copies of an id (`later`: their numbers, an int64
    array) and without the numbers, and the position of each row left in the partition (None when the rows
    are not numbered): an engine's line n among the rows left is the caller's line positions[n - 1] + 1."""
    import numpy as np
    import pyarrow as pa
    if _ROW not in table.column_names:
        return table, None
    keep = ~np.isin(table.column(_ROW).to_numpy(), later)
    return table.filter(pa.array(keep)).drop_columns([_ROW]), np.flatnonzero(keep)


def _callers_lines(rejected, positions, partition):
    """The engine's rejected rows of one partition with the caller's lines (`_later_copies_left_out`'s
    positions) and the partition's number."""
    if positions is None:
        return [dict(r, partition=partition) for r in rejected]
    return [dict(r, partition=partition, line=int(positions[r["line"] - 1]) + 1) for r in rejected]


def _share(rows):
    """How many rejected rows each partition of `rows` sends the driver: its share of `_SHOWN`, so the driver
    never holds more than about that many however many partitions reject rows."""
    return -(-_SHOWN // max(1, rows.rdd.getNumPartitions()))


def _rejected(rows, options, later):
    """What the engine rejects in every partition of `rows` (the caller's partitions, numbered or not: the
    lines are theirs), the later copies of an id (`later`, their numbers broadcast) left out, read
    once more at call time and added up on the driver: (read, rejected, rejected_by_kind, rejected rows in
    partition order, each with its partition and its line within it). A per-incident answer leaves its
    rejected rows out as the CLI does; this says which, as the CLI's summary and --rejects do. The copies left
    out are the caller's to count (`_duplicates`)."""
    import pyarrow as pa
    from pyspark.sql import functions as F

    schema = _arrow_schema(rows)
    share = _share(rows)

    def per_partition(batches):
        from pyspark import TaskContext
        table, positions = _later_copies_left_out(pa.Table.from_batches(list(batches), schema=schema), later.value)
        if table.num_rows == 0:
            return
        part, rejected = _validated(table, options)
        partition = TaskContext.get().partitionId()
        yield pa.RecordBatch.from_arrays([pa.array([json.dumps({"partition": partition, "read": part["read"],
                                                                "rejected": part["rejected"],
                                                                "rejected_by_kind": part["rejected_by_kind"],
                                                                "rejections": _callers_lines(rejected[:share], positions, partition)})])],
                                         names=[_PART])

    reports = sorted((json.loads(r[_PART]) for r in rows.mapInArrow(per_partition, f"{_PART} string").where(F.col(_PART).isNotNull()).collect()),
                     key=lambda r: r["partition"])
    by_kind = {}
    for r in reports:
        for kind, n in r["rejected_by_kind"].items():
            by_kind[kind] = by_kind.get(kind, 0) + n
    return (sum(r["read"] for r in reports), sum(r["rejected"] for r in reports), by_kind,
            [row for r in reports for row in r["rejections"]][:_SHOWN])


def _mismatches(sdf, rows, question, options, later, said, stage=None):
    """(a Spark DataFrame of the rows the engine lists as mismatched in every partition of `rows`, the later
    copies of an id (`later`, broadcast) left out: `partition`, `line` as the caller counts it, and
    `--mismatches`' columns; None where nothing can be compared, the notices that say why: those the engine
    adds, asked for them, to what it `said` without). A counting question lists them at `stage` count, as it
    counts a part; a row-wise one by answering the partition."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    asked = dict(options, mismatches=True, **({"stage": stage} if stage else {}))
    _, report, _ = _empty_answer(sdf, question, asked)
    if "mismatches" not in report:
        return None, [n for n in report["notices"] if n not in said]
    schema = _arrow_schema(rows)
    listed = frontier._mismatch_schema().insert(0, pa.field("partition", pa.int32()))

    def per_partition(batches):
        import frontier as engine
        from pyspark import TaskContext
        table, positions = _later_copies_left_out(pa.Table.from_batches(list(batches), schema=schema), later.value)
        if table.num_rows == 0:
            return
        try:
            _, part, _ = engine._answer(question, dict(asked, input="a Spark partition", threads=_task_threads(options)), table.to_reader())
        except engine.FrontierError as error:
            if error.kind == "rejected":   # this partition's every row was rejected: none of it kept
                return
            raise
        found = _callers_lines(part.get("mismatches", []), positions, TaskContext.get().partitionId())
        if found:
            yield pa.RecordBatch.from_pylist(found, schema=listed)

    return rows.mapInArrow(per_partition, from_arrow_schema(listed)), []


def _rows(sdf, question, options):
    """A per-incident question on every partition."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    mismatched = options.pop("mismatches", False)
    answer, report, _ = _empty_answer(sdf, question, options)
    arrow_schema = answer.schema
    duplicates, rejections, numbered, later = _duplicates(sdf, report.get("id_column"), options)
    # The caller's partitions, numbered when ids are checked: each leaves out its later copies itself.
    rows = numbered if numbered is not None else sdf
    input_schema = _arrow_schema(rows)
    left_out = sdf.sparkSession.sparkContext.broadcast(later)
    read, rejected, by_kind, engine_rejections = _rejected(rows, options, left_out)
    if duplicates:
        # The copies left out, counted as the CLI counts them: read, and rejected as duplicates.
        read += duplicates
        rejected += duplicates
        key = f"duplicate id in '{report['id_column']}'"
        by_kind[key] = by_kind.get(key, 0) + duplicates
    kept_schema = input_schema.remove(input_schema.get_field_index(_ROW)) if _ROW in input_schema.names else input_schema

    def per_partition(batches):
        import frontier as engine
        # Batch by batch (no partition is held whole): a row-wise answer needs no lines.
        kept = (_later_copies_left_out(pa.Table.from_batches([b], schema=input_schema), left_out.value)[0] for b in batches)
        reader = pa.RecordBatchReader.from_batches(kept_schema, (b for t in kept for b in t.to_batches()))
        try:
            table, _, _ = engine._answer(question, dict(options, input="a Spark partition", threads=_task_threads(options)), reader)
        except engine.FrontierError as error:
            if error.kind == "rejected":   # this partition's every row was rejected: nothing of it to answer
                return
            raise
        for batch in table.cast(arrow_schema).to_batches():
            yield batch

    result = rows.mapInArrow(per_partition, from_arrow_schema(arrow_schema))
    result.frontier_mismatches, notices = _mismatches(sdf, rows, question, options, left_out, report["notices"]) if mismatched else (None, [])
    result.frontier_report = {"read": read, "rejected": rejected, "rejected_by_kind": by_kind, "duplicates_left_out": duplicates,
                              "id_column": report.get("id_column"), "rejections": (engine_rejections + rejections)[:_SHOWN],
                              "notices": notices}
    return result


def _counted(sdf, question, options):
    """A counting question: every partition counted into cells on the executors, the cells added up with
    Spark, the answer finished on the driver by the engine."""
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    mismatched = options.pop("mismatches", False)
    # The empty table's count names the id column and gives the cells' schema.
    cells, report, _ = _empty_answer(sdf, question, dict(options, stage="count"))
    duplicates, rejections, numbered, later = _duplicates(sdf, report.get("id_column"), options)
    # The caller's partitions, numbered when ids are checked: each leaves out its later copies itself, so a
    # rejected row keeps its line among all of the partition's rows, as the caller counts them.
    rows = numbered if numbered is not None else sdf
    input_schema = _arrow_schema(rows)
    share = _share(rows)
    left_out = sdf.sparkSession.sparkContext.broadcast(later)
    cell_schema = cells.schema.append(pa.field(_PART, pa.string()))
    keys = ["region_id", "cell_x", "cell_y", "window", "band", "split"]

    def per_partition(batches):
        import frontier as engine
        from pyspark import TaskContext
        table, positions = _later_copies_left_out(pa.Table.from_batches(list(batches), schema=input_schema), left_out.value)
        table, part_report, rejected = engine._answer(question, dict(options, input="a Spark partition", stage="count",
                                                                   threads=_task_threads(options)), table.to_reader())
        for batch in table.to_batches():
            yield pa.RecordBatch.from_arrays(batch.columns + [pa.nulls(batch.num_rows, pa.string())], schema=cell_schema)
        # The part's summary and its first rejected rows (lines counted within the partition) travel as one
        # more row, its cells null.
        partition = TaskContext.get().partitionId()
        shown = _callers_lines(rejected[:share], positions, partition)
        last = [pa.nulls(1, f.type) for f in cells.schema] + [pa.array([json.dumps({"partition": partition, "part": part_report["part"], "rejections": shown})])]
        yield pa.RecordBatch.from_arrays(last, schema=cell_schema)

    counted = rows.mapInArrow(per_partition, from_arrow_schema(cell_schema)).cache()
    try:
        reports = [json.loads(r[_PART]) for r in counted.where(F.col(_PART).isNotNull()).select(_PART).collect()]
        parts = [r["part"] for r in reports]
        rejections += [row for r in sorted(reports, key=lambda r: r["partition"]) for row in r["rejections"]]
        summed = (counted.where(F.col(_PART).isNull()).groupBy(*keys)
                  .agg(F.sum("events").alias("events"), F.sum("fatalities").alias("fatalities"),
                       F.sum("event_share").alias("event_share"), F.sum("fatality_share").alias("fatality_share"),
                       F.min("first_day").alias("first_day"), F.max("last_day").alias("last_day")))
        table = summed.toArrow()
    finally:
        counted.unpersist()
        # The mismatches, asked for, are read later from the same numbered rows and copies' numbers.
        if not mismatched:
            left_out.unpersist()
            if numbered is not None:
                numbered.unpersist()
    if duplicates:
        # The copies left out, counted as the CLI counts them: read, and rejected as duplicates.
        parts.append({"read": duplicates, "rejected": duplicates, "kept": 0, "unmatched": 0, "mismatched": 0,
                      "region_level": 0, "country_level": 0, "unknown_fatalities": 0,
                      "rejected_by_kind": {f"duplicate id in '{report['id_column']}'": duplicates}, "swapped_into": {},
                      "first_day": None, "last_day": None, "values_not_found": []})
    answer, final_report, _ = frontier._answer(question, dict(options, input="the Spark DataFrame", stage="finish", parts=parts,
                                                              columns=list(sdf.columns)), table.to_reader())
    result = sdf.sparkSession.createDataFrame(answer)
    final_report["rejections"] = rejections[:_SHOWN]
    if mismatched:
        result.frontier_mismatches, notices = _mismatches(sdf, rows, question, options, left_out, report["notices"], stage="count")
        final_report["notices"] = final_report.get("notices", []) + notices
    else:
        result.frontier_mismatches = None
    result.frontier_report = final_report
    return result


def join(sdf, **options):
    """`frontier.join` on every partition: the input's columns and region_id, region_country, region_name (and
    region_code with region_code=True)."""
    return _rows(sdf, "join", options)


def near(sdf, *, border=None, within=None, **options):
    """`frontier.near` on every partition: the rows within `within` of the border, with their distances."""
    return _rows(sdf, "near", dict(options, border=border, within=within))


def aggregate(sdf, *, window, **options):
    """`frontier.aggregate`: incidents and fatalities per region and window, counted per partition, added up
    by Spark, finished by the engine (fill, compare, partial windows, order, top)."""
    return _counted(sdf, "aggregate", dict(options, window=window))


def hotspots(sdf, *, distance, **options):
    """`frontier.hotspots`: the space-time cube of every partition's counts, analysed once on the driver."""
    return _counted(sdf, "hotspots", dict(options, distance=distance))


def trends(sdf, **options):
    """`frontier.trends`: surge alerts from every partition's daily counts per place."""
    return _counted(sdf, "trends", options)
