"""Frontier's answers on a PySpark DataFrame: the engine runs on every partition, on the executors, through
`mapInArrow` (Arrow batches in and out; no per-row Python).

    import frontier.spark as fs
    joined = fs.join(sdf, regions="admin1")
    near = fs.near(sdf, border="AFG-TJK", within=["10km", "25km"], any_country=True)

Keywords are `frontier.join`'s and `frontier.near`'s. Each partition is read as its own table, so a
partition whose every row is rejected gives no rows rather than failing the job; rejected rows are not
returned (they are in each task's report only). Every executor needs the `frontier` package (the wheel:
`make wheel`) and the C libraries PROJ, GEOS, SQLite and libpq (docs/scale.md).
"""
import frontier

__all__ = ["join", "near"]


def _answer_schema(sdf, question, options):
    """The answer's Spark schema: the engine's answer to an empty table of the same columns (the engine
    types its columns from their roles, so no row is needed)."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    empty = to_arrow_schema(sdf.schema).empty_table()
    answer = getattr(frontier, question)(empty, as_arrow=True, **options)
    return from_arrow_schema(answer.schema), answer.schema


def _run(sdf, question, options):
    import pyarrow as pa

    spark_schema, arrow_schema = _answer_schema(sdf, question, options)
    from pyspark.sql.pandas.types import to_arrow_schema
    input_schema = to_arrow_schema(sdf.schema)

    def per_partition(batches):
        import frontier as engine
        reader = pa.RecordBatchReader.from_batches(input_schema, batches)
        try:
            table = getattr(engine, question)(reader, as_arrow=True, **options)
        except engine.FrontierError as error:
            if error.kind == "rejected":   # this partition's every row was rejected: nothing of it to answer
                return
            raise
        for batch in table.cast(arrow_schema).to_batches():
            yield batch

    return sdf.mapInArrow(per_partition, spark_schema)


def join(sdf, **options):
    """`frontier.join` on every partition: the input's columns and region_id, region_country, region_name."""
    return _run(sdf, "join", options)


def near(sdf, *, border=None, within=None, **options):
    """`frontier.near` on every partition: the rows within `within` of the border, with their distances."""
    return _run(sdf, "near", dict(options, border=border, within=within))
