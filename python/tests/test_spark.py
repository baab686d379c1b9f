"""frontier.spark on a real Spark standalone cluster (a master and two workers on 127.0.0.1, started from the
pyspark installation for this class and stopped after it): every answer equal to the CLI's on the same file,
1,000,000 `frontier synth` rows in 16 or more partitions with bad rows, duplicate ids across partitions and
points on shared province edges appended, also while a worker's executor is killed mid-job."""
import csv
import io
import os
import pathlib
import shutil
import subprocess
import signal
import threading
import time

import pandas as pd
import pytest

from conftest import REPO, cli


pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (make python-test installs it): the Spark tests do not run")
if shutil.which("java") is None:
    pytest.skip("no Java (Debian's openjdk-17-jre-headless; make test-deps installs it): the Spark tests do not run", allow_module_level=True)

import frontier.spark as fs  # noqa: E402
from spark_cluster import LocalCluster  # noqa: E402


ROWS = 1_000_000


def _hostile_rows(header, rows):
    """Rows that test what a partition cannot see alone: bad rows (a date that is none, a latitude past 90),
    later copies of earlier ids (each far from its first copy, so in another partition), ids whose first copy
    is rejected, and points on the vertices of shared province edges (whichever region the engine gives a
    tie, the CLI gives it too)."""
    import json
    i = {name: k for k, name in enumerate(header)}
    extra = []
    for n, row in enumerate(rows[:40]):
        copy = list(row)
        if n < 10:
            copy[i["event_id_cnty"]] = f"BAD{n}"
            copy[i["event_date"]] = "2025-13-45"
        elif n < 20:
            copy[i["event_id_cnty"]] = f"BAD{n}"
            copy[i["latitude"]] = "95.5"
        else:
            copy[i["event_date"]] = "2025-06-0" + str(1 + n % 9)   # the same id again: a duplicate
        extra.append(copy)
    # An id whose first copy is rejected (a latitude past 90) and whose later copy is good: the CLI keeps the
    # later one, a rejected row's id holding no place.
    for n in range(5):
        bad, good = list(rows[300 + n]), list(rows[300 + n])
        bad[i["event_id_cnty"]] = good[i["event_id_cnty"]] = f"LATE{n}"
        bad[i["latitude"]] = "95.5"
        extra += [bad, good]
    with open(REPO / "GeoData" / "admin1.geojson") as f:
        features = json.load(f)["features"]
    vertices = []
    for feature in features:
        if feature["properties"].get("region_country") not in ("AFG", "TJK", "PAK"):
            continue
        ring = feature["geometry"]["coordinates"][0]
        ring = ring[0] if feature["geometry"]["type"] == "MultiPolygon" else ring
        vertices += ring[:: max(1, len(ring) // 5)][:5]
    for n, (lon, lat) in enumerate(vertices[:60]):
        copy = list(rows[100 + n])
        copy[i["event_id_cnty"]] = f"EDGE{n}"
        copy[i["latitude"]], copy[i["longitude"]] = repr(lat), repr(lon)
        extra.append(copy)
    return extra


def _as_text(value):
    """A Spark value as the CLI writes it in CSV."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _number(text):
    """A number by value (a count with nulls beside it arrives as 357.0); other text (a change of `new`) as it is."""
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _same(got, want, numeric=()):
    """Spark's answer (typed) equals the CLI's (CSV text), row by row in the CLI's order."""
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for column in got.columns:
        g = [_as_text(v) for v in got[column]]
        w = list(want[column])
        if column in numeric:
            g, w = [_number(x) for x in g], [_number(x) for x in w]
        assert g == w, f"column {column} differs"


class TestSparkCluster:
    """One cluster for the class: starting one costs ~10 s."""

    @classmethod
    def setup_class(cls):
        cls.cluster = LocalCluster(pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"frontier-spark-{os.getpid()}", workers=2)
        cls.work = cls.cluster.work
        cls.synthetic = cls.work / "synthetic.csv"
        generated = cls.work / "generated.csv"
        cli("synth", "--count", ROWS, "--seed", 7, "--out", generated)
        with open(generated, newline="") as f:
            rows = list(csv.reader(f))
        with open(cls.synthetic, "w", newline="") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerows(rows)
            out.writerows(_hostile_rows(rows[0], rows[1:]))
        generated.unlink()
        # Splits of a 17th of the file: 16 or more partitions read straight from it, in file order (no shuffle),
        # so the first copy of an id is the file's first, as the CLI keeps it.
        split = cls.synthetic.stat().st_size // 17
        cls.spark = cls.cluster.session(REPO / "python", os.environ.get("FRONTIER_LIBRARY", ""),
                                        **{"spark.sql.shuffle.partitions": 4, "spark.sql.files.maxPartitionBytes": split,
                                           "spark.sql.files.openCostInBytes": 0})
        # Every column as the file's text, as the CLI reads it.
        cls.sdf = cls.spark.read.csv(str(cls.synthetic), header=True, inferSchema=False)

    @classmethod
    def teardown_class(cls):
        cls.cluster.stop()

    def _cli(self, *args):
        out, _, _ = cli(*args, "--format", "csv")
        return pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)

    def test_the_cluster_has_two_workers_and_sixteen_partitions(self):
        assert self.sdf.rdd.getNumPartitions() >= 16
        assert int(self.spark.sparkContext.defaultParallelism) == 2

    def test_join_on_every_partition_equals_the_cli(self):
        got = fs.join(self.sdf).toPandas().sort_values("event_id_cnty").reset_index(drop=True)
        want = self._cli("join", self.synthetic).sort_values("event_id_cnty").reset_index(drop=True)
        # Twenty-five rows rejected, twenty later copies of an id left out, five ids kept in their later copy: the CLI's rows.
        assert len(want) == ROWS + 65
        # Coordinates are typed float64 from a table (36.2381), written as the file's text by the CLI (36.23810).
        _same(got, want, numeric=("latitude", "longitude"))

    def test_join_reports_every_row_it_leaves_out_as_the_cli_does(self):
        report = fs.join(self.sdf).frontier_report
        assert (report["read"], report["rejected"], report["duplicates_left_out"]) == (ROWS + 110, 45, 20)
        assert report["rejected_by_kind"]["duplicate id in 'event_id_cnty'"] == 20
        rejects = self.work / "join-rejects.csv"
        cli("join", self.synthetic, "--rejects", rejects)
        with open(rejects, newline="") as f:
            want = sorted(tuple(row[:-1]) for row in list(csv.reader(f))[1:])
        assert sorted(tuple(r["values"]) for r in report["rejections"]) == want
        assert all(r["partition"] is not None and r["line"] >= 1 for r in report["rejections"] if r["kind"] != "duplicate id")

    def test_join_without_dates_numbers_rejections_in_the_callers_partition(self):
        """No date column (a join needs none), and a duplicate before a bad row in one partition: the bad row is
        the partition's third, as the caller counts, and the copy is reported once, as a duplicate."""
        rows = pd.DataFrame({"event_id_cnty": ["A1", "A1", "A3", "A4"], "latitude": ["37.1", "37.2", "95", "37.4"],
                             "longitude": ["70.5", "70.6", "70.7", "70.8"]})
        sdf = self.spark.createDataFrame(rows).coalesce(1)
        joined = fs.join(sdf)
        assert sorted(joined.toPandas()["event_id_cnty"]) == ["A1", "A4"]
        report = joined.frontier_report
        assert (report["read"], report["rejected"], report["duplicates_left_out"]) == (4, 2, 1)
        assert report["rejected_by_kind"] == {"latitude outside ±90 in 'latitude'": 1, "duplicate id in 'event_id_cnty'": 1}
        bad = [r for r in report["rejections"] if r["kind"] != "duplicate id"]
        assert [(r["partition"], r["line"], r["field"], r["values"]) for r in bad] == [(0, 3, "latitude", ["A3", "95", "70.7"])]

    def test_aggregate_numbers_rejections_in_the_callers_partition(self):
        """A duplicate before a bad row in one partition: counted, the bad row is still the partition's third."""
        rows = pd.DataFrame({"event_id_cnty": ["A1", "A1", "A3", "A4"], "event_date": ["2025-06-01"] * 4,
                             "latitude": ["37.1", "37.2", "95", "37.4"], "longitude": ["70.5", "70.6", "70.7", "70.8"]})
        report = fs.aggregate(self.spark.createDataFrame(rows).coalesce(1), window="month").frontier_report
        assert (report["read"], report["rejected"], report["kept"]) == (4, 2, 2)
        bad = [r for r in report["rejections"] if r["kind"] != "duplicate id"]
        assert [(r["partition"], r["line"], r["field"]) for r in bad] == [(0, 3, "latitude")]

    def test_mismatches_are_the_clis_rows_at_their_partition_and_line(self):
        """Reported places that disagree (Dushanbe reported as Badakhshan, Badakhshan as Kabul, a Pakistani row
        at 10°N 10°E) and a later copy of a mismatched row (left out, so not listed): join, near and aggregate
        list the rows the CLI's --mismatches file lists, each at its partition and its line within it, in one
        partition and in two; hotspots list none and say so."""
        rows = pd.DataFrame({"event_id_cnty": ["M1", "M2", "M3", "M1", "M4", "M5"],
                             "event_date": ["2025-06-01", "2025-06-02", "2025-06-03", "2025-06-01", "2025-06-04", "2025-06-05"],
                             "country": ["Afghanistan", "Tajikistan", "Afghanistan", "Afghanistan", "Pakistan", "Afghanistan"],
                             "admin1": ["Badakhshan", "Khatlon", "Kabul", "Badakhshan", "Punjab", "Badakhshan"],
                             "latitude": ["38.56", "37.9", "36.7", "38.56", "10.0", "36.7"],
                             "longitude": ["68.78", "68.8", "70.8", "68.78", "10.0", "70.8"], "fatalities": ["1", "0", "2", "1", "0", "3"]})
        path = self.work / "mismatched.csv"
        rows.to_csv(path, index=False)
        listed = self.work / "mismatches.csv"
        cli("join", path, "--mismatches", listed)
        expected = pd.read_csv(listed, dtype=str, keep_default_na=False)
        assert list(expected["id"]) == ["M1", "M3", "M4"] and list(expected["line"]) == ["2", "4", "6"]
        for partitions in (1, 2):
            # Local rows are cut into the session's two slices in order ([M1 M2 M3] [M1 M4 M5]): the copy of M1
            # opens the second partition, where M4 stays its third line.
            sdf = self.spark.createDataFrame(rows).coalesce(1) if partitions == 1 else self.spark.createDataFrame(rows)
            held = [[r["event_id_cnty"] for r in part] for part in sdf.rdd.glom().collect()]
            assert len(held) == partitions
            for question, answer in (("join", fs.join(sdf, mismatches=True)), ("aggregate", fs.aggregate(sdf, window="month", mismatches=True)),
                                     ("near", fs.near(sdf, border="AFG-TJK", within="500km", any_country=True, mismatches=True))):
                got = answer.frontier_mismatches.toPandas().sort_values("id").reset_index(drop=True)
                want = expected if question != "near" else expected[expected["id"] != "M4"]
                assert list(got.columns) == ["partition", "line"] + list(expected.columns)[1:], question
                assert list(got["id"]) == list(want["id"]), (question, partitions)
                for column in ("reported_country", "reported_admin1", "region_id"):
                    assert ["" if pd.isna(v) else v for v in got[column]] == list(want[column]), (question, column)
                # Each at its place in the caller's partition: the first copy of M1, never its later copy.
                assert all(held[p][n - 1] == i for p, n, i in zip(got["partition"], got["line"], got["id"])), (question, partitions)
                if partitions == 1:
                    assert [int(n) + 1 for n in got["line"]] == [int(n) for n in want["line"]], question
                else:
                    assert [(int(p), int(n)) for p, n in zip(got["partition"], got["line"])] == [(0, 1), (0, 3), (1, 2)][:len(got)], question
        spots = fs.hotspots(self.spark.createDataFrame(rows), distance="15km", mismatches=True)
        assert spots.frontier_mismatches is None
        assert "mismatches compares with the bundled regions only: nothing to list for these regions" in spots.frontier_report["notices"]
        assert fs.join(self.spark.createDataFrame(rows)).frontier_mismatches is None

    def test_near_on_every_partition_equals_the_cli(self):
        got = fs.near(self.sdf, border="AFG-TJK", within=["10km", "25km"]).toPandas()
        want = self._cli("near", self.synthetic, "--border", "AFG-TJK", "--within", "10km,25km")
        got = got.sort_values("event_id_cnty").reset_index(drop=True)
        want = want.sort_values("event_id_cnty").reset_index(drop=True)
        assert len(want) > 10000
        _same(got, want, numeric=("latitude", "longitude", "distance_km", "band_km"))

    def test_aggregate_with_compare_and_fill_equals_the_cli(self):
        answer = fs.aggregate(self.sdf, window="week", compare="previous", fill=True)
        want = self._cli("aggregate", self.synthetic, "--window", "week", "--compare", "previous", "--fill")
        _same(answer.toPandas(), want, numeric=("events_prev", "fatalities_prev", "change", "change_pct", "fatalities_change_pct"))
        report = answer.frontier_report
        assert (report["read"], report["rejected"], report["kept"]) == (ROWS + 110, 45, ROWS + 65)
        assert report["rejected_by_kind"]["duplicate id in 'event_id_cnty'"] == 20
        # Every rejected row listed, as the CLI's --rejects file lists them: the same ids and values.
        rejects = self.work / "rejects.csv"
        cli("aggregate", self.synthetic, "--window", "week", "--rejects", rejects)
        with open(rejects, newline="") as f:
            want = sorted(tuple(row[:-1]) for row in list(csv.reader(f))[1:])
        assert sorted(tuple(r["values"]) for r in report["rejections"]) == want
        assert sorted(r["kind"] for r in report["rejections"]).count("duplicate id") == 20

    def test_aggregate_by_band_and_split_equals_the_cli(self):
        answer = fs.aggregate(self.sdf, window="month", near="AFG-TJK", within=["10km", "25km"], split="event_type", region_code=True)
        want = self._cli("aggregate", self.synthetic, "--window", "month", "--near", "AFG-TJK", "--within", "10km,25km",
                         "--split", "event_type", "--region-code")
        got = answer.toPandas()
        assert list(got.columns[:4]) == ["region_id", "region_country", "region_name", "region_code"]
        _same(got, want, numeric=("band_km",))

    def test_aggregate_on_a_grid_equals_the_cli(self):
        answer = fs.aggregate(self.sdf, window="quarter", regions="grid:50km")
        want = self._cli("aggregate", self.synthetic, "--window", "quarter", "--regions", "grid:50km")
        _same(answer.toPandas(), want)

    def test_hotspots_equal_the_cli(self):
        answer = fs.hotspots(self.sdf, regions="grid:25km", distance="40km", summary=True)
        want = self._cli("hotspots", self.synthetic, "--regions", "grid:25km", "--distance", "40km", "--summary")
        got = answer.toPandas().drop(columns=["geometry"], errors="ignore")
        _same(got, want[[c for c in want.columns if c != "geometry"]],
              numeric=[c for c in want.columns if c not in ("region_id", "region_country", "region_name", "pattern")])

    def test_trends_equal_the_cli(self):
        answer = fs.trends(self.sdf, region_code=True)
        want = self._cli("trends", self.synthetic, "--region-code")
        assert "TJ-GB" in set(answer.toPandas()["region_code"])
        got = answer.toPandas()
        _same(got, want, numeric=[c for c in want.columns if got[c].dtype.kind == "f"])

    def test_an_executor_killed_mid_job_is_retried_and_the_answer_is_still_the_cli_s(self):
        """Kills one worker's executor (its JVM, with the Python workers under it) while the job runs: the
        standalone worker starts a new one, Spark runs the lost tasks again, and the answer is unchanged."""
        killed = []

        def kill_an_executor():
            deadline = time.time() + 120
            while time.time() < deadline and not killed:
                if self.spark.sparkContext.statusTracker().getActiveStageIds():
                    time.sleep(1.5)
                    ps = subprocess.run(["pgrep", "-f", "CoarseGrainedExecutorBackend"], capture_output=True, text=True).stdout.split()
                    if ps:
                        os.kill(int(ps[0]), signal.SIGKILL)
                        killed.append(int(ps[0]))
                        return
                time.sleep(0.2)

        killer = threading.Thread(target=kill_an_executor)
        killer.start()
        answer = fs.aggregate(self.sdf, window="month", regions="admin1").toPandas()
        killer.join()
        assert killed, "no executor was running to kill"
        want = self._cli("aggregate", self.synthetic, "--window", "month")
        _same(answer, want)
