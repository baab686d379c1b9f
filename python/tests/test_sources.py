"""Several sources from Python: `frontier.match` against the command line, on the reported incidents and a
UCDP-layout file that reports three of them again (its hand-computed pairs: MatchCLITests)."""
import frontier
from conftest import REPORTED, cli
from test_answers import assert_same, cli_frame

TWIN = """id,date_start,date_end,latitude,longitude,best,type_of_violence,where_prec,country,adm_1
701,2025-11-26,2025-11-26,37.844177,69.180368,3,1,4,Tajikistan,Khatlon
702,2025-11-29,2025-11-30,38.087329,73.055355,2,3,4,Tajikistan,Gorno-Badakhshan
703,2026-01-19,2026-01-19,37.844177,69.150368,4,1,4,Tajikistan,Khatlon
704,2026-01-22,2026-01-22,37.844177,69.150368,1,1,4,Tajikistan,Khatlon
"""


def test_match_pairs_equal_the_cli(tmp_path):
    twin = tmp_path / "ucdp.csv"
    twin.write_text(TWIN)
    py = frontier.match(REPORTED, twin)
    assert list(py["a_id"]) == ["REPORTED-001", "REPORTED-002", "REPORTED-003"]
    assert list(py["b_id"]) == ["701", "702", "703"]
    assert list(py["score"]) == [0.881, 0.9, 0.912]
    assert_same(py, cli_frame("match", REPORTED, twin), numeric={"distance_km", "days_apart", "score"})
    assert (py.report["pairs"], py.report["candidates"], py.report["unmatched_a"], py.report["unmatched_b"]) == (3, 3, 1, 1)
    assert py.report["read"] == [4, 4]
    alone = frontier.match(REPORTED, twin, unmatched="both")
    assert list(alone["id"]) == ["REPORTED-004", "704"]
    assert_same(alone, cli_frame("match", REPORTED, twin, "--unmatched", "both"), numeric={"latitude", "longitude", "fatalities"})


def test_match_options_are_checked(tmp_path):
    twin = tmp_path / "ucdp.csv"
    twin.write_text(TWIN)
    import pytest
    with pytest.raises(frontier.FrontierError) as bad:
        frontier.match(REPORTED, twin, unmatched="neither")
    assert "must be a, b or both" in str(bad.value)
    with pytest.raises(frontier.FrontierError):
        frontier.match(REPORTED, twin, days=-1)


def test_one_store_holds_both_layouts(tmp_path):
    """`import_` puts a UCDP file into a store of ACLED rows as a second source; the command line reads the
    store as its two sources, and a question asked of it as one input says why it cannot be."""
    import pytest
    twin = tmp_path / "ucdp.csv"
    twin.write_text(TWIN)
    store = tmp_path / "both.gpkg"
    frontier.import_(REPORTED, store=store)
    added = frontier.import_(twin, store=store, source_name="ucdp")
    assert (added["inserted"][0], added["read"][0]) == (4, 4)
    counted = cli("aggregate", store, "--window", "all", "--split", "source", "--format", "csv")[0]
    header = counted.splitlines()[0].split(",")
    assert header[-4:] == ["events", "fatalities", "source", "partial"]
    assert sorted({line.split(",")[-2] for line in counted.splitlines()[1:]}) == ["incidents-reported.csv", "ucdp"]
    with pytest.raises(frontier.FrontierError) as one:
        frontier.aggregate(store, window="all")
    assert "holds 2 sources (incidents-reported.csv, ucdp), each with its own layout" in str(one.value)
    alone = frontier.aggregate(store, window="month", store_source="ucdp")
    assert_same(alone, cli_frame("aggregate", twin, "--window", "month"), numeric={"events", "fatalities"})
    assert int(alone["events"].sum()) == 4
