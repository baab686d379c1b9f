"""Each question from Python equals the command line's answer on the same input, with Arrow's types."""
import datetime
import io
import math

import pandas as pd
import pyarrow as pa
import pytest

import frontier
from conftest import REPORTED, cli


def cli_frame(*args):
    """The CLI's CSV answer, every value as text (empty text kept, not NaN)."""
    out, _, _ = cli(*args, "--format", "csv")
    return pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)


def as_cli_text(value):
    """A Python value as the CLI writes it, for comparison: null as empty, dates ISO, numbers by value."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return value.isoformat()[:10]
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _number(text):
    """A number by value; text that is not one (a change of `new`) as it is; empty as None."""
    if text == "":
        return None
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def assert_same(py, expected, numeric=()):
    assert list(py.columns) == list(expected.columns)
    assert len(py) == len(expected)
    for column in expected.columns:
        got = [as_cli_text(v) for v in py[column].astype(object)]
        want = list(expected[column])
        if column in numeric:
            got, want = [_number(g) for g in got], [_number(w) for w in want]
        assert got == want, column


def test_near_equals_the_cli_with_typed_columns():
    py = frontier.near(REPORTED, border="AFG-TJK", within="75km")
    expected = cli_frame("near", REPORTED, "--border", "AFG-TJK", "--within", "75km")
    assert_same(py, expected, numeric={"latitude", "longitude", "geo_precision", "fatalities", "distance_km"})
    assert py["event_date"].dtype == pd.ArrowDtype(pa.date32())
    assert py["distance_km"].dtype == pd.ArrowDtype(pa.float64())
    assert py["fatalities"].dtype == pd.ArrowDtype(pa.int64())
    assert py["event_date"].iloc[0] == datetime.date(2025, 11, 26)
    assert list(py["distance_km"]) == [43.5057, 70.5388, 43.5057, 43.5057]
    assert py.report["read"] == 4 and py.report["kept"] == 4 and py.report["rejected"] == 0


def test_near_attribution_equals_the_cli():
    py = frontier.near(REPORTED, border="AFG-TJK", within="75km", attribution=True, columns=["event_id_cnty"])
    expected = cli_frame("near", REPORTED, "--border", "AFG-TJK", "--within", "75km", "--attribution", "--columns", "event_id_cnty")
    assert list(py["actor_country"]) == ["AFG"] * 4
    assert list(py["cross_border"]) == [True] * 4
    assert list(py.columns) == list(expected.columns)
    assert list(py["actor_country"]) == list(expected["actor_country"])


def test_near_bands_any_country_on_synthetic_data(synthetic):
    py = frontier.near(synthetic, border="AFG-TJK", within=["10km", "25km"], any_country=True)
    expected = cli_frame("near", synthetic, "--border", "AFG-TJK", "--within", "10km,25km", "--any-country")
    assert len(expected) > 100
    assert_same(py, expected, numeric={"latitude", "longitude", "fatalities", "distance_km", "band_km", "geo_precision"})
    assert set(py["band_km"].dropna()) == {10.0, 25.0}


def test_join_every_row_with_null_outside_every_region(tmp_path):
    rows = ("event_id_cnty,event_date,latitude,longitude,fatalities\n"
            "A1,2025-03-01,37.0,70.5,2\n"
            "A2,2025-03-02,0.5,0.5,1\n"        # in the sea off Africa: outside every region
            "A3,2025-03-03,not-a-number,70.5,0\n")
    path = tmp_path / "rows.csv"
    path.write_text(rows)
    py = frontier.join(path)
    expected = cli_frame("join", path)
    assert_same(py, expected, numeric={"latitude", "longitude", "fatalities"})
    assert py["region_id"].iloc[0] == "AFG:Badakhshan"
    assert py["region_id"].isna().iloc[1], "no region is a null, not an empty name"
    assert py.report["read"] == 3 and py.report["rejected"] == 1 and py.report["unmatched"] == 1
    assert list(py.rejects["line"]) == [4]
    assert list(py.rejects["field"]) == ["latitude"]


def test_aggregate_weeks_compared_near_a_border(synthetic):
    py = frontier.aggregate(synthetic, window="week", near="AFG-TJK", within="25km", compare="previous")
    expected = cli_frame("aggregate", synthetic, "--window", "week", "--near", "AFG-TJK", "--within", "25km", "--compare", "previous")
    assert len(expected) > 20
    assert_same(py, expected, numeric={"events", "fatalities", "events_prev", "fatalities_prev", "change", "change_pct", "fatalities_change_pct"})
    assert py["window_start"].dtype == pd.ArrowDtype(pa.date32())
    assert py["events"].dtype == pd.ArrowDtype(pa.int64())
    assert py["partial"].dtype == pd.ArrowDtype(pa.bool_())


def test_aggregate_on_a_grid(synthetic):
    py = frontier.aggregate(synthetic, window="month", regions="grid:50km")
    expected = cli_frame("aggregate", synthetic, "--window", "month", "--regions", "grid:50km")
    assert_same(py, expected, numeric={"events", "fatalities"})


def test_regions_and_borders_equal_the_cli():
    py = frontier.regions(border="AFG-TJK")
    expected = cli_frame("regions", "--border", "AFG-TJK")
    assert_same(py.drop(columns=["geometry"], errors="ignore"), expected,
                numeric={"area_km2", "min_lon", "min_lat", "max_lon", "max_lat"})
    b = frontier.borders(as_arrow=True)
    assert b.schema.field("geometry").metadata[b"ARROW:extension:name"] == b"geoarrow.wkb"
    expected = cli_frame("borders")
    assert_same(b.to_pandas(types_mapper=pd.ArrowDtype).drop(columns=["geometry"]), expected, numeric={"parts", "length_km"})


def test_bad_input_raises_with_the_file_and_the_option():
    with pytest.raises(frontier.FrontierError) as missing:
        frontier.join("/nonexistent/incidents.csv")
    assert missing.value.file == "/nonexistent/incidents.csv"
    with pytest.raises(frontier.FrontierError) as option:
        frontier.near(REPORTED, border="AFG-TJK", within="25 parsecs")
    assert option.value.kind == "usage" and option.value.option == "within"
    with pytest.raises(frontier.FrontierError) as unknown:
        frontier.near(REPORTED, border="AFG-TJK", within="25km", anycountry=True)
    assert unknown.value.option == "anycountry"
    with pytest.raises(frontier.FrontierError) as border:
        frontier.near(REPORTED, border="AFG-XXX", within="25km")
    assert "no border 'AFG-XXX'" in str(border.value)


def test_every_row_rejected_is_an_error_as_on_the_command_line(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('event_id_cnty,event_date,latitude,longitude,fatalities\nA1,2025-03-01,37.0,70.5,"2\n')
    with pytest.raises(frontier.FrontierError) as error:
        frontier.join(path)
    _, stderr, code = cli("join", path, check=False)
    assert code == 1
    assert f"Error: {error.value}" in stderr
    assert str(error.value) == f"every row of {path} was rejected (1 malformed quoting in 'fatalities'): nothing to answer"
    assert error.value.file == str(path) and error.value.kind == "rejected"


def test_a_stray_quote_rejects_its_row_and_names_line_and_field(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('event_id_cnty,event_date,latitude,longitude,fatalities\n'
                    'A1,2025-03-01,37.0,70.5,2\n'
                    'A2,2025-03-02,37.0,70.5,"3\n')
    py = frontier.join(path)
    assert len(py) == 1 and py.report["rejected"] == 1
    assert py.rejects.iloc[0]["line"] == 3 and py.rejects.iloc[0]["field"] == "fatalities"
    assert "never closed" in py.rejects.iloc[0]["problem"]


def test_a_dataframe_in_memory_gives_the_files_answer(synthetic):
    frame = pd.read_csv(synthetic)                                  # floats, ints, text, as pandas reads them
    from_frame = frontier.aggregate(frame, window="week", near="AFG-TJK", within="25km")
    from_file = frontier.aggregate(synthetic, window="week", near="AFG-TJK", within="25km")
    pd.testing.assert_frame_equal(from_frame, from_file)
    assert from_frame.report["read"] == len(frame) == from_file.report["read"]
    near_frame = frontier.near(frame, border="AFG-TJK", within="25km")
    near_file = frontier.near(synthetic, border="AFG-TJK", within="25km")
    assert list(near_frame["event_id_cnty"]) == list(near_file["event_id_cnty"])
    assert list(near_frame["distance_km"]) == list(near_file["distance_km"])


def test_arrow_dates_timestamps_and_categories_are_read(tmp_path):
    table = pa.table({
        "event_id_cnty": pa.array(["X1", "X2", "X3"]).dictionary_encode(),
        "event_date": pa.array([datetime.datetime(2025, 3, 1), datetime.datetime(2025, 3, 2), None], pa.timestamp("ns")),
        "latitude": pa.array([37.0, 37.0, 37.0], pa.float32()),
        "longitude": pa.array([70.5, 70.5, 70.5]),
        "fatalities": pa.array([2, None, 1], pa.int32()),
    })
    joined = frontier.join(table)
    assert list(joined["event_id_cnty"]) == ["X1", "X2"]
    assert [d.isoformat() for d in joined["event_date"]] == ["2025-03-01", "2025-03-02"]
    assert list(joined["region_id"]) == ["AFG:Badakhshan", "AFG:Badakhshan"]
    assert joined.report["rejected"] == 1
    assert joined.rejects.iloc[0]["line"] == 3 and joined.rejects.iloc[0]["field"] == "event_date"


def test_a_column_type_frontier_does_not_read_is_named():
    table = pa.table({"event_id_cnty": ["X1"], "latitude": [37.0], "longitude": [70.5],
                      "shape": pa.array([[1, 2]], pa.list_(pa.int64()))})
    with pytest.raises(frontier.FrontierError) as error:
        frontier.join(table)
    assert "column 'shape' has the Arrow type '+l'" in str(error.value)


def test_hotspots_on_a_grid_and_their_summary(synthetic):
    py = frontier.hotspots(synthetic, regions="grid:25km", window="month", distance="50km")
    expected = cli_frame("hotspots", synthetic, "--regions", "grid:25km", "--window", "month", "--distance", "50km")
    assert len(expected) > 10
    numeric = {c for c in expected.columns if c not in ("region_id", "region_country", "region_name", "window_start", "window_end", "category", "pattern")}
    assert_same(py, expected, numeric=numeric)
    summary = frontier.hotspots(synthetic, regions="grid:25km", window="month", distance="50km", summary=True)
    expected = cli_frame("hotspots", synthetic, "--regions", "grid:25km", "--window", "month", "--distance", "50km", "--summary")
    assert_same(summary, expected, numeric={c for c in expected.columns if c not in ("region_id", "region_country", "region_name", "pattern", "category")})


def test_trends_equal_the_cli(synthetic):
    py = frontier.trends(synthetic, surge_ratio=1.5)
    expected = cli_frame("trends", synthetic, "--surge-ratio", "1.5")
    numeric = {c for c in expected.columns if py[c].dtype != pd.ArrowDtype(pa.string())}
    assert_same(py, expected, numeric=numeric)


def test_an_answer_with_geometry_is_a_geodataframe_with_geodesic_areas():
    gpd = pytest.importorskip("geopandas", reason="GeoPandas is not installed: the GeoDataFrame form is not checked")
    from pyproj import Geod
    regions = frontier.regions(border="AFG-TJK")
    assert isinstance(regions, gpd.GeoDataFrame)
    assert regions.crs.to_string() == "OGC:CRS84"
    assert regions.report == {}
    badakhshan = regions[regions["region_id"] == "AFG:Badakhshan"].iloc[0]
    # pyproj's geodesic area of the same polygon: Frontier's area_km2 is PROJ's geod_polygonarea on WGS84.
    area = abs(Geod(ellps="WGS84").geometry_area_perimeter(badakhshan.geometry)[0]) / 1e6
    assert abs(area - float(badakhshan["area_km2"])) < 0.1
    assert round(area, 1) == 43552.6


def test_buffer_equals_the_clis_geojson():
    import json
    shapely = pytest.importorskip("shapely", reason="shapely is not installed: the buffer's polygon is not compared")
    from shapely.geometry import shape
    py = frontier.buffer(border="AFG-TJK", within="25km", side="TJK", as_arrow=True)
    out, _, _ = cli("buffer", "--border", "AFG-TJK", "--within", "25km", "--side", "TJK", "--format", "geojson")
    document = json.loads(out)
    features = document["features"] if document.get("type") == "FeatureCollection" else [document]
    assert py.num_rows == len(features) == 1
    row = py.to_pylist()[0]
    for key, value in features[0]["properties"].items():
        assert row[key] == value, key
    # The same polygon: GeoJSON keeps 7 decimals and RFC 7946's ring order, WKB every bit as GEOS made it.
    ours, theirs = shapely.normalize(shapely.from_wkb(row["geometry"])), shapely.normalize(shape(features[0]["geometry"]))
    assert ours.equals_exact(theirs, tolerance=1e-7)
    with pytest.raises(frontier.FrontierError) as error:
        frontier.buffer(border="AFG-TJK", within=["10km", "25km"])
    assert error.value.option == "within"


def test_answers_go_to_geoparquet_and_duckdb_reads_them(tmp_path):
    """The README's two examples: an answer written as GeoParquet and read back by DuckDB, and an answer
    queried from DuckDB SQL directly (DuckDB reads Arrow)."""
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is not installed: the README's DuckDB examples are not run")
    pytest.importorskip("geopandas", reason="GeoPandas is not installed: GeoParquet is not written")
    regions = frontier.regions(border="AFG-TJK")
    path = tmp_path / "regions.parquet"
    regions.to_parquet(path)                                       # GeoParquet: WKB geometry, CRS in the metadata
    back = duckdb.sql(f"SELECT region_id, area_km2 FROM read_parquet('{path}') ORDER BY area_km2 DESC").fetchall()
    assert back[0] == ("TJK:Gorno-Badakhshan", 62846.3)
    assert len(back) == 6
    monthly = frontier.aggregate(REPORTED, window="month", as_arrow=True)  # noqa: F841 (DuckDB finds it by name)
    top = duckdb.sql("SELECT region_id, sum(events) AS events, sum(fatalities) AS fatalities "
                     "FROM monthly GROUP BY region_id ORDER BY events DESC").fetchall()
    assert top == [("TJK:Khatlon", 3, 10), ("TJK:Gorno-Badakhshan", 1, 2)]


def test_map_is_the_clis_report_page(tmp_path, synthetic):
    report = frontier.map(synthetic, window="month", near="AFG-TJK", within="25km", title="SYNTHETIC test map")
    out = tmp_path / "cli.html"
    cli("map", synthetic, "--window", "month", "--near", "AFG-TJK", "--within", "25km", "--title", "SYNTHETIC test map", "--out", out)
    assert report.html == out.read_text(encoding="utf-8")
    assert report.report["read"] == 2000 and report.report["mapped"] > 0
    assert report._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    with pytest.raises(frontier.FrontierError) as error:
        frontier.map(synthetic, window="all")
    assert error.value.kind == "request"


def _png_size(png):
    """Width and height from a PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_map_as_a_picture_or_a_printed_page_as_the_cli_renders_them(tmp_path):
    import shutil
    if not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")):
        pytest.skip("headless Chromium is not on PATH (Debian: apt install chromium): PNG and PDF maps cannot be rendered here")
    png = frontier.map(REPORTED, format="png")
    assert png.format == "png" and png.document[:8] == b"\x89PNG\r\n\x1a\n"
    cli("map", REPORTED, "--out", tmp_path / "cli.png")
    # The SVG map at twice its size, as the command line renders it.
    assert _png_size(png.document) == _png_size((tmp_path / "cli.png").read_bytes())
    assert _png_size(png.document)[0] == 1920 and len(png.document) > 50_000
    assert png._repr_png_() is png.document and png._repr_html_() is None
    png.save(tmp_path / "py.png")
    assert (tmp_path / "py.png").read_bytes() == png.document
    pdf = frontier.map(REPORTED, format="pdf")
    assert pdf.document[:5] == b"%PDF-" and len(pdf.document) > 20_000 and pdf._repr_png_() is None


def test_import_into_a_store_as_the_cli_does_then_read_it_back(tmp_path, synthetic):
    ours, theirs, framed = tmp_path / "py.gpkg", tmp_path / "cli.gpkg", tmp_path / "frame.gpkg"
    first = frontier.import_(synthetic, store=ours)
    assert first.iloc[0]["read"] == 2000 and first.iloc[0]["inserted"] == 2000 - first.iloc[0]["rejected"]
    again = frontier.import_(synthetic, store=ours)
    assert again.iloc[0]["inserted"] == 0 and again.iloc[0]["unchanged"] == first.iloc[0]["inserted"]
    # A DataFrame's values are pandas' (37.10 read back as 37.1): stored as new rows, counted the same.
    from_frame = frontier.import_(pd.read_csv(synthetic), store=framed)
    assert from_frame.iloc[0]["inserted"] == first.iloc[0]["inserted"]
    pd.testing.assert_frame_equal(frontier.aggregate(framed, window="week"), frontier.aggregate(ours, window="week"))
    cli("import", synthetic, "--store", theirs)
    # The stores answer alike: the same weekly counts from either.
    pd.testing.assert_frame_equal(frontier.aggregate(ours, window="week"), frontier.aggregate(theirs, window="week"))
    with pytest.raises(frontier.FrontierError) as error:
        frontier.import_(synthetic)
    assert error.value.option == "store"


def test_notices_and_partial_windows_are_python_warnings(synthetic):
    with pytest.warns(frontier.FrontierWarning, match=r"where event_type=Drone strike matched no row of .*nearest of the"):
        frontier.aggregate(synthetic, window="month", where=["event_type=Drone strike"])
    with pytest.warns(frontier.FrontierWarning, match=r"windows? the data covers only in part"):
        a = frontier.aggregate(REPORTED, window="year")
    assert a.report["partial_windows"] == [["2025-01-01", "2025-12-31"], ["2026-01-01", "2026-12-31"]]


def test_a_frame_of_many_parts_answers_as_its_file_whatever_the_threads(tmp_path):
    """150,000 rows read in parts of 8,192 (and in batches of 1,000): duplicate ids across parts, a first copy
    rejected and its later copy kept, bad rows in later parts; the same rows, numbers and rejections as the
    file's, with one thread or two."""
    path = tmp_path / "many.csv"
    cli("synth", "--count", 150_000, "--seed", 7, "--out", path)
    frame = pd.read_csv(path, dtype={"event_id_cnty": str, "event_date": str})
    frame.loc[70_000, "event_id_cnty"] = frame.loc[10, "event_id_cnty"]          # a copy in the second part
    frame.loc[140_000, "event_id_cnty"] = frame.loc[100_000, "event_id_cnty"]    # the third part repeats the second's
    frame.loc[66_000, "latitude"] = 95.0                                          # out of range, second part
    frame.loc[131_072, "event_date"] = "2025-02-30"                                # the first row of the third part
    frame.loc[131_073, "event_id_cnty"] = frame.loc[131_072, "event_id_cnty"]     # its id again: kept, the first was rejected
    frame.to_csv(path, index=False)
    from_file = frontier.join(path, regions="admin1")
    # The file's lines count its header; the frame's rows are numbered from 1.
    assert [(r.line, r.field) for r in from_file.rejects.itertuples()] == [
        (66_002, "latitude"), (70_002, "event_id_cnty"), (131_074, "event_date"), (140_002, "event_id_cnty")]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    small = pa.Table.from_batches(table.to_batches(max_chunksize=1_000))
    for source, threads in ((frame, 1), (frame, 2), (small, 2)):
        got = frontier.join(source, regions="admin1", threads=threads)
        assert got.report["read"] == 150_000 and got.report["rejected"] == 4
        assert [(r.line, r.field) for r in got.rejects.itertuples()] == [
            (66_001, "latitude"), (70_001, "event_id_cnty"), (131_073, "event_date"), (140_001, "event_id_cnty")]
        assert list(got.rejects["values"].iloc[1])[0] == frame.loc[10, "event_id_cnty"]
        assert list(got["event_id_cnty"]) == list(from_file["event_id_cnty"])
        assert list(got["region_id"].fillna("")) == list(from_file["region_id"].fillna(""))


def test_a_ucdp_frame_is_told_by_its_columns_as_its_file_is(tmp_path):
    """UCDP's columns (id, date_start, best, where_prec) are told from the names, in a frame as in a file: the
    id repeated and the bad date rejected in both, with the same notice."""
    frame = pd.DataFrame({"id": [1, 1, 2], "date_start": ["2025-03-01", "2025-03-02", "bad"], "best": [1, 2, 3],
                          "where_prec": [1, 1, 1], "latitude": [37.0, 37.1, 37.2], "longitude": [70.0, 70.1, 70.2]})
    path = tmp_path / "ucdp.csv"
    frame.to_csv(path, index=False)
    for source in (frame, path):
        with pytest.warns(frontier.FrontierWarning, match="UCDP"):
            answer = frontier.join(source)
        assert (answer.report["read"], answer.report["rejected"], answer.report["id_column"]) == (3, 2, "id")
        assert sorted(answer.rejects["kind"]) == ["duplicate id", "unparseable date"]
