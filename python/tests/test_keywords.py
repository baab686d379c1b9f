"""Every flag of the command line is a keyword of the same question (snake_case), and the keywords added for
that parity give the CLI's answers."""
import re

import pytest

import frontier
from conftest import REPORTED, cli
from test_answers import assert_same, cli_frame

# Where the CLI writes (a file, a format of the text it prints): Python returns the answer instead, its
# rejected rows as `answer.rejects`.
WRITES = {"format", "out", "rejects", "csv_safe", "help", "version"}

# Reading several inputs into one answer (issue 33) is the command line's this round: a question from Python
# takes one input, so the flags that name or pair several have no keyword yet.
SEVERAL = {"source_name", "dedupe", "dedupe_fatalities"}

# The keywords each question needs to run, and those read only beside another (within with near).
PROBES = {
    "join": {}, "near": dict(border="AFG-TJK", within="25km"),
    "aggregate": dict(window="week", near="AFG-TJK", within="25km"),
    "hotspots": dict(distance="15km", near="AFG-TJK", within="25km"),
    "trends": dict(near="AFG-TJK", within="25km"), "map": dict(near="AFG-TJK", within="25km"),
    "regions": {}, "borders": {}, "buffer": dict(border="AFG-TJK", within="25km"),
}


def _cli_flags(command):
    out, _, _ = cli(command, "--help")
    return {flag.replace("-", "_") for flag in re.findall(r"^\s+(?:-\w, )?--([a-z][a-z0-9-]*)", out, re.M)}


def _keywords(command, tmp_path):
    """The keywords the question reads: a keyword it does not read is an error listing those it does."""
    function = getattr(frontier, command)
    args = () if command in ("regions", "borders", "buffer") else (str(REPORTED),)
    with pytest.raises(frontier.FrontierError) as error:
        function(*args, not_a_keyword=1, **PROBES[command])
    assert error.value.option == "not_a_keyword"
    return set(re.search(r"its options: (.*)\)", error.value.message).group(1).split(", "))


@pytest.mark.parametrize("command", sorted(PROBES))
def test_every_cli_flag_is_a_keyword(command, tmp_path):
    written = WRITES - {"format"} if command == "map" else WRITES
    missing = sorted(_cli_flags(command) - written - SEVERAL - _keywords(command, tmp_path))
    assert missing == [], f"frontier {command} flags with no keyword: {missing}"


def test_aggregate_sorted_cut_with_the_partial_column(synthetic):
    py = frontier.aggregate(synthetic, window="month", sort="events", top=5, partial=True)
    expected = cli_frame("aggregate", synthetic, "--window", "month", "--sort", "events", "--top", "5", "--partial")
    assert_same(py, expected, numeric={"events", "fatalities"})
    assert len(py) == 5 and "partial" in py.columns
    with pytest.raises(frontier.FrontierError) as error:
        frontier.aggregate(synthetic, window="month", sort="largest")
    assert (error.value.option, error.value.code) == ("sort", 64)


def test_aggregate_in_n_day_windows_from_an_anchor(synthetic):
    py = frontier.aggregate(synthetic, window="10d", anchor="2025-01-03")
    expected = cli_frame("aggregate", synthetic, "--window", "10d", "--anchor", "2025-01-03")
    assert_same(py, expected, numeric={"events", "fatalities"})
    # 2025-01-03 starts a window: the windows fall on its ten-day grid.
    assert all((d - py["window_start"].iloc[0]).days % 10 == 0 for d in py["window_start"])


def test_years_and_max_geo_precision_filter_as_on_the_command_line(synthetic):
    py = frontier.join(synthetic, max_geo_precision=1, years="2025-2026")
    expected = cli_frame("join", synthetic, "--max-geo-precision", "1", "--years", "2025-2026")
    assert len(py) == len(expected) < 2000
    assert set(py["geo_precision"]) == {1}
    with pytest.raises(frontier.FrontierError) as error:
        frontier.join(synthetic, years="2026-2025")
    assert error.value.option == "years"


def test_strict_raises_on_a_rejected_row_with_the_clis_exit_code(tmp_path):
    path = tmp_path / "one-bad.csv"
    path.write_text("event_id_cnty,event_date,latitude,longitude,fatalities\n"
                    "A1,2025-06-01,37.1,70.5,0\nA2,2025-06-02,137.1,70.5,0\n")
    assert len(frontier.join(path)) == 1
    _, _, code = cli("join", path, "--strict", check=False)
    with pytest.raises(frontier.FrontierError) as error:
        frontier.join(path, strict=True)
    assert (error.value.code, code) == (65, 65)
    assert "1 row" in error.value.message


def test_map_svg_and_the_hotspot_layer_are_the_clis(tmp_path, synthetic):
    svg = frontier.map(synthetic, format="svg", extent="66,35,76,40", style="bins", breaks="quantiles")
    out = tmp_path / "cli.svg"
    cli("map", synthetic, "--extent", "66,35,76,40", "--style", "bins", "--breaks", "quantiles", "--out", out)
    # The legend's alert line names where the alerts come from: `frontier trends` there, frontier.trends here.
    assert svg.document == out.read_text(encoding="utf-8").replace("(frontier trends)", "(frontier.trends)")
    assert "(frontier.trends)" in svg.document
    assert svg.format == "svg" and svg._repr_html_().startswith("<svg")
    hot = frontier.map(synthetic, layer="hotspots", regions="grid:25km", distance="40km", window="month")
    page = tmp_path / "hot.html"
    cli("map", synthetic, "--layer", "hotspots", "--regions", "grid:25km", "--distance", "40km", "--window", "month", "--out", page)
    assert hot.document == page.read_text(encoding="utf-8").replace("(frontier trends)", "(frontier.trends)")
    with pytest.raises(frontier.FrontierError) as error:
        frontier.map(synthetic, format="gif")
    assert error.value.option == "format" and "takes html, svg, png or pdf, not 'gif'" in str(error.value)


def test_a_request_problem_names_its_keyword_as_the_cli_names_its_flag(synthetic):
    """The engine's checks of a request (a significance level, a threshold, a row limit) name the keyword,
    where the command line names the flag."""
    cases = [("hotspots", dict(distance="15km", alpha=2), "alpha", "--alpha"),
             ("trends", dict(surge_ratio=-1), "surge_ratio", "--surge-ratio"),
             ("aggregate", dict(window="week", top=0), "top", "--top")]
    for question, keywords, keyword, flag in cases:
        with pytest.raises(frontier.FrontierError) as error:
            getattr(frontier, question)(synthetic, **keywords)
        assert error.value.option == keyword and error.value.message.startswith(f"{keyword}: ")
        _, stderr, code = cli(question, synthetic, *[x for k, v in keywords.items()
                                                     for x in (f"--{k.replace('_', '-')}", str(v))], check=False)
        assert flag in stderr and code != 0


# Dushanbe reported as Badakhshan, Badakhshan as Kabul, a Pakistani row outside every region: mismatched; the
# Khatlon and Badakhshan rows agree.
MISMATCHED = ("event_id_cnty,event_date,country,admin1,latitude,longitude,fatalities\n"
              "M1,2025-06-01,Afghanistan,Badakhshan,38.56,68.78,1\n"
              "M2,2025-06-02,Tajikistan,Khatlon,37.9,68.8,0\n"
              "M3,2025-06-03,Afghanistan,Kabul,36.7,70.8,2\n"
              "M4,2025-06-04,Pakistan,Punjab,10.0,10.0,0\n"
              "M5,2025-06-05,Afghanistan,Badakhshan,36.7,70.8,3\n")


def test_mismatches_are_the_rows_the_clis_file_lists(tmp_path):
    import pandas as pd
    path = tmp_path / "reported.csv"
    path.write_text(MISMATCHED)
    listed = tmp_path / "mismatches.csv"
    cli("join", path, "--mismatches", listed)
    expected = pd.read_csv(listed, dtype=str, keep_default_na=False)
    assert list(expected["id"]) == ["M1", "M3", "M4"]
    answers = {
        "join": frontier.join(path, mismatches=True).mismatches,
        "aggregate": frontier.aggregate(path, window="month", mismatches=True).mismatches,
        "map": frontier.map(path, mismatches=True).mismatches,
        "import": frontier.import_(path, store=tmp_path / "store.gpkg", mismatches=True).mismatches,
        # Near checks the rows within its reach: M4, 3,000 km off, is not among them.
        "near": frontier.near(path, border="AFG-TJK", within="500km", any_country=True, mismatches=True).mismatches,
    }
    for question, got in answers.items():
        want = expected if question != "near" else expected[expected["id"] != "M4"]
        assert list(got.columns) == list(expected.columns), question
        assert [str(v) for v in got["line"]] == list(want["line"]), question
        for column in ("id", "reported_country", "reported_admin1", "region_id", "region_country", "region_name"):
            assert ["" if pd.isna(v) else v for v in got[column]] == list(want[column]), (question, column)
        for column in ("latitude", "longitude"):
            assert list(got[column]) == [float(v) for v in want[column]], (question, column)
    assert frontier.join(path).mismatches is None
    with pytest.raises(ValueError, match="not with as_arrow=True"):
        frontier.join(path, mismatches=True, as_arrow=True)
    # Counted in parts (Spark), each part lists its own mismatched rows, lines within the part; the finish
    # reads no rows, so it lists none: refused there.
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    import pyarrow as pa
    cells, part, _ = frontier._answer("aggregate", dict(input="part two", window="month", mismatches=True, stage="count"),
                                      pa.Table.from_pandas(rows.iloc[2:], preserve_index=False).to_reader())
    assert [(m["line"], m["id"]) for m in part["mismatches"]] == [(1, "M3"), (2, "M4")]
    with pytest.raises(frontier.FrontierError) as error:
        frontier._answer("aggregate", dict(input="the parts", window="month", mismatches=True, stage="finish", parts=[part["part"]],
                                           columns=list(rows.columns)), cells.to_reader())
    assert error.value.option == "mismatches"
    with pytest.warns(frontier.FrontierWarning, match="mismatches compares with the bundled regions only"):
        assert frontier.hotspots(path, distance="15km", mismatches=True).mismatches is None
