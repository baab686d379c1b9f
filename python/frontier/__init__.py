"""Frontier from Python: the engine's questions on incident files and stores, answers as pandas DataFrames.

    import frontier
    j = frontier.join("incidents.csv", regions="admin1")         # or a DataFrame, a pyarrow Table, polars, DuckDB
    n = frontier.near("incidents.csv", border="AFG-TJK", within=["10km", "25km"], any_country=True)
    a = frontier.aggregate("incidents.csv", regions="admin1", window="week", near="AFG-TJK", within="25km")
    r = frontier.regions(border="AFG-TJK"); b = frontier.borders()

Each keyword is the command line's flag in snake_case (`any_country` for `--any-country`), with the same
defaults; a keyword no question knows is an error. Answers keep Arrow's types (dates are dates, counts
int64, distances float64, no region is a null) as a pandas DataFrame with Arrow-backed columns, or a
pyarrow Table with `as_arrow=True`. `answer.report` holds what was read (counts, first and last day),
`answer.rejects` the rejected rows with their line, field and reason, and with `mismatches=True` (join, near,
aggregate, map, import) `answer.mismatches` the kept rows whose reported country or admin-1 disagrees with
the region they lie in (`--mismatches`' columns; None when not asked). An answer with geometry (regions,
borders, buffer) is a GeoPandas GeoDataFrame where GeoPandas is installed. What a scan notices arrives as a
FrontierWarning; bad input raises FrontierError with the file, line, field and value it names.
"""
import os
import warnings

from . import _abi

__all__ = ["FrontierError", "FrontierWarning", "join", "near", "aggregate", "hotspots", "trends", "regions", "borders", "buffer",
           "map", "match", "MapReport", "import_", "version", "__version__"]
__version__ = _abi.version()


def version():
    """The engine's version (`frontier --version`'s first line)."""
    return _abi.version()


class FrontierWarning(UserWarning):
    """What an answer's reader should know: a `where` that matched nothing, a missing id column, coordinates
    that look swapped, windows the data covers only in part."""


class FrontierError(Exception):
    """What a question found wrong: `message`, and where known the `file`, `line`, `field` and `value`,
    or the `option` (a keyword) given wrongly (`kind == "usage"`)."""

    def __init__(self, fields, code):
        self.kind = fields.get("kind")
        self.message = fields.get("message", "")
        self.file = fields.get("file")
        self.line = fields.get("line")
        self.field = fields.get("field")
        self.value = fields.get("value")
        self.option = fields.get("option")
        self.code = code
        super().__init__(self.message)


def _frame_class():
    import pandas as pd

    class FrontierFrame(pd.DataFrame):
        """A pandas DataFrame with the answer's `report`, `rejects` and `mismatches`."""
        _metadata = ["report", "rejects", "mismatches"]

        @property
        def _constructor(self):
            return FrontierFrame

    return FrontierFrame


_FrontierFrame = None
_FrontierGeoFrame = None


def _geo_frame_class():
    import geopandas as gpd

    class FrontierGeoFrame(gpd.GeoDataFrame):
        """A GeoDataFrame with the answer's `report`, `rejects` and `mismatches`."""
        _metadata = list(gpd.GeoDataFrame._metadata) + ["report", "rejects", "mismatches"]

    return FrontierGeoFrame


def _with_geometry(frame, table):
    """A GeoDataFrame (lon/lat, OGC:CRS84) when the answer has a GeoArrow WKB column and GeoPandas is
    installed; the frame as it is otherwise."""
    global _FrontierGeoFrame
    field = table.schema.field("geometry") if "geometry" in table.schema.names else None
    if field is None or not field.metadata or field.metadata.get(b"ARROW:extension:name") != b"geoarrow.wkb":
        return frame
    try:
        import geopandas as gpd
    except ImportError:
        return frame
    if _FrontierGeoFrame is None:
        _FrontierGeoFrame = _geo_frame_class()
    geometry = gpd.GeoSeries.from_wkb([None if v is None else bytes(v) for v in table.column("geometry").to_pylist()], crs="OGC:CRS84")
    return _FrontierGeoFrame(frame.drop(columns=["geometry"]), geometry=geometry, crs="OGC:CRS84")


# A wheel carries GeoData beside the library; a checkout's library finds the source tree's by itself.
_BUNDLED_GEODATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "GeoData")


def _answer(question, options, table=None):
    """(pyarrow.Table, report dict, rejected rows) of one question, or FrontierError."""
    options = {k: v for k, v in options.items() if v is not None and v is not False}
    if "geodata" not in options and not os.environ.get("FRONTIER_GEODATA") and os.path.isdir(_BUNDLED_GEODATA):
        options["geodata"] = _BUNDLED_GEODATA
    reader, report, code = _abi.answer(question, options, table)
    if code != 0:
        raise FrontierError(report.get("error", {"message": f"{question} failed ({code})"}), code)
    for notice in report.get("notices", []):
        warnings.warn(notice, FrontierWarning, stacklevel=3)
    partial = report.get("partial_windows", [])
    if partial:
        shown = ", ".join(f"{a}..{b}" for a, b in partial[:3]) + (", …" if len(partial) > 3 else "")
        warnings.warn(f"{len(partial)} window{'s' if len(partial) != 1 else ''} the data covers only in part ({shown}): "
                      "their counts are over fewer days than the window holds", FrontierWarning, stacklevel=3)
    return reader.read_all(), report, report.pop("rejections", [])


def _run(question, options, as_arrow, table=None):
    """The answer as a pyarrow Table (`as_arrow`), else a DataFrame (a GeoDataFrame with geometry) with
    `report` and `rejects`."""
    global _FrontierFrame
    if as_arrow and options.get("mismatches"):
        raise ValueError("mismatches=True lists the rows beside a DataFrame answer (answer.mismatches): not with as_arrow=True")
    table, report, rejects = _answer(question, options, table)
    if as_arrow:
        return table.replace_schema_metadata({"frontier.question": question})
    import pandas as pd
    if _FrontierFrame is None:
        _FrontierFrame = _frame_class()
    frame = _with_geometry(_FrontierFrame(table.to_pandas(types_mapper=pd.ArrowDtype)), table)
    frame.report = report
    frame.rejects = pd.DataFrame(rejects, columns=["line", "field", "kind", "problem", "values"])
    frame.mismatches = _mismatches(report)
    return frame


def _mismatches(report):
    """The mismatched rows the report lists (`mismatches=True`) as a DataFrame with `--mismatches`' columns,
    typed as answers are (the region null outside every region); None when not asked."""
    if "mismatches" not in report:
        return None
    import pandas as pd
    import pyarrow as pa
    return pa.Table.from_pylist(report.pop("mismatches"), schema=_mismatch_schema()).to_pandas(types_mapper=pd.ArrowDtype)


def _mismatch_schema():
    """The columns of `--mismatches`' file, typed as answers are."""
    import pyarrow as pa
    text = pa.string()
    return pa.schema([("line", pa.int64()), ("id", text), ("reported_country", text), ("reported_admin1", text),
                      ("region_id", text), ("region_country", text), ("region_name", text),
                      ("latitude", pa.float64()), ("longitude", pa.float64())])


def _input(incidents, options):
    """(options with `input`, an Arrow reader or None): a path, store or URL is read by the engine; a table
    (pandas, pyarrow, polars, a DuckDB relation: anything with __arrow_c_stream__) is handed over as Arrow."""
    if isinstance(incidents, (str, os.PathLike)):
        return dict(options, input=os.fspath(incidents)), None
    import pyarrow as pa
    name = options.pop("input_name", None) or f"the {type(incidents).__name__}"
    if isinstance(incidents, pa.RecordBatchReader):
        reader = incidents
    elif isinstance(incidents, pa.Table):
        reader = incidents.to_reader()
    elif type(incidents).__module__.startswith("pandas"):
        reader = pa.Table.from_pandas(incidents, preserve_index=False).to_reader()
    elif hasattr(incidents, "__arrow_c_stream__"):
        reader = pa.RecordBatchReader.from_stream(incidents)
    else:
        raise TypeError("incidents must be a path, a store, a postgresql:// URL, or a table (pandas, pyarrow, polars, "
                        f"DuckDB: anything with __arrow_c_stream__), not {type(incidents).__name__}")
    return dict(options, input=name), reader


def join(incidents, *, as_arrow=False, **options):
    """Every incident with the region it lies in (`frontier join`): the input's columns, then region_id,
    region_country, region_name (null outside every region), and region_code (the ISO 3166-2 code) with
    region_code=True. Options: regions, boundaries, geodata, columns,
    the field names (id_field, lat_field, …), profile, delimiter, crs, from, to, where, max_geo_precision,
    years ("1800-2100"), strict (a rejected row raises FrontierError, code 65), mismatches (`answer.mismatches`:
    the rows whose reported country or admin-1 disagrees with their region), threads."""
    options, table = _input(incidents, options)
    return _run("join", options, as_arrow, table)


def near(incidents, *, border=None, within=None, as_arrow=False, **options):
    """Incidents within a geodesic distance of a border line or a region (`frontier near`): the input's
    columns, the region, distance_km, band_km with several distances, and side (and actor_country,
    cross_border with attribution=True). Options: region, side, any_country, attribution, and join's."""
    options, table = _input(incidents, dict(options, border=border, within=within))
    return _run("near", options, as_arrow, table)


def aggregate(incidents, *, window, as_arrow=False, **options):
    """Incidents and fatalities per region and time window (`frontier aggregate`). Options: regions, region
    (a list), near with within and side/any_country, compare ("previous" or "previous-year"), fill, partial,
    sort ("region", "events", "change"), top, split, include_unmatched, week_start, anchor (of Nd windows),
    date_precision, and join's."""
    options, table = _input(incidents, dict(options, window=window))
    return _run("aggregate", options, as_arrow, table)


def hotspots(incidents, *, distance, as_arrow=False, **options):
    """Emerging hot spots (`frontier hotspots`): Getis-Ord Gi* per region or cell and window, and the
    trend of each place with summary=True. Options: regions (e.g. "grid:10km"), window (month), time_lag (1),
    alpha (0.05), value ("events" or "fatalities"), summary, date_precision, region, near with within, and join's
    (but region_code: the summary labels a place by region_id and region_country)."""
    options, table = _input(incidents, dict(options, distance=distance))
    return _run("hotspots", options, as_arrow, table)


def trends(incidents, *, as_arrow=False, **options):
    """Surge alerts per region (`frontier trends`): as_of, surge_ratio, rising_ratio, min_average,
    volatility_sd, volatile_min_events, region, near with within, and join's."""
    options, table = _input(incidents, options)
    return _run("trends", options, as_arrow, table)


def match(a, b, *, as_arrow=False, **options):
    """Pairs of events two sources both report (`frontier match`): a_id, b_id, distance_km, days_apart, type_a,
    type_b, score; with unmatched="a", "b" or "both", the events in no pair instead. `a` and `b` are paths,
    stores or postgresql:// URLs. Options: within ("10km"), days (1), min_score (0.5), taxonomy, geodata.
    The report holds the pairs, candidates and unmatched counts, and each input's rows read and rejected."""
    return _run("match", dict(options, a=os.fspath(a), b=os.fspath(b)), as_arrow)


def regions(*, as_arrow=False, **options):
    """The regions with their geodesic area and bounding box (`frontier regions`): country, border, regions,
    boundaries, geodata, region_code (True: each region's ISO 3166-2 code after region_name)."""
    return _run("regions", options, as_arrow)


def buffer(*, within, as_arrow=False, **options):
    """The zone within a geodesic distance of a border line or a region (`frontier buffer`), as a polygon
    with its area: border or region, side, regions, boundaries, geodata."""
    return _run("buffer", dict(options, within=within), as_arrow)


class MapReport:
    """`frontier map`'s self-contained HTML report, or its map alone (format="svg" text, format="png" a
    picture's bytes), or the report printed (format="pdf" bytes; png and pdf rendered by headless Chromium, as
    on the command line): shown inline in Jupyter (a PDF only saved); `save(path)` writes it."""

    def __init__(self, document, report, format="html"):
        self.document = document
        self.format = format
        self.report = report
        self.mismatches = None

    @property
    def html(self):
        """The report page (HTML), or the SVG map (which a page shows as it is)."""
        return self.document

    def save(self, path):
        if isinstance(self.document, bytes):
            with open(path, "wb") as f:
                f.write(self.document)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.document)

    def _repr_png_(self):
        return self.document if self.format == "png" else None

    def _repr_html_(self):
        if self.format in ("png", "pdf"):
            return None
        if self.format == "svg":
            return self.document
        # A page of its own (styles, scripts): inline through an iframe, so it cannot restyle the notebook.
        import html as escape
        return f'<iframe srcdoc="{escape.escape(self.document, quote=True)}" style="width:100%;height:720px;border:0"></iframe>'


def map(incidents, **options):  # noqa: A001 (the command's name)
    """The printable report (`frontier map`): regions shaded by incidents, the points, the time series per
    window (default week). Options: near with within, title, classes, breaks ("natural" or "quantiles"), style
    ("auto", "choropleth", "bins", "points"), extent ("lon1,lat1,lon2,lat2"), layer ("incidents" or "hotspots"
    with distance and time_lag), format ("html"; "svg" or "png" for the map alone, "pdf" for the report
    printed: png and pdf need Chromium), region, regions, and join's."""
    options, table = _input(incidents, options)
    answer, report, _ = _answer("map", options, table)
    mapped = MapReport(answer.column("document")[0].as_py(), report, answer.column("format")[0].as_py())
    mapped.mismatches = _mismatches(report)
    return mapped


def import_(incidents, *, store=None, db=None, as_arrow=False, **options):
    """Stores the incidents (`frontier import`) in a GeoPackage `store` (created when missing) or a PostGIS
    table (`db="postgresql://…?table=incidents"`): new ids inserted, changed rows updated; sync,
    allow_mass_delete, strict. A store holds several sources: rows of another layout become a new source,
    named `source_name` (default: the file's name). The answer is one row: read, rejected, inserted,
    updated, unchanged, deleted."""
    options, table = _input(incidents, dict(options, store=store and os.fspath(store), db=db))
    return _run("import", options, as_arrow, table)


def borders(*, as_arrow=False, **options):
    """The border lines with their geodesic length (`frontier borders`): boundaries, geodata."""
    return _run("borders", options, as_arrow)
