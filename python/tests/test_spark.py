"""frontier.spark on a real Spark standalone cluster (a master and two workers on 127.0.0.1, started from the
pyspark installation for this class and stopped after it): every answer equal to the CLI's on the same file."""
import io
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import REPO, cli

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (make python-test installs it): the Spark tests do not run")
if shutil.which("java") is None:
    pytest.skip("no Java (Debian's openjdk-17-jre-headless; make test-deps installs it): the Spark tests do not run", allow_module_level=True)

import frontier.spark as fs  # noqa: E402


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


class TestSparkCluster:
    """One cluster for the class: starting one costs ~10 s."""

    @classmethod
    def setup_class(cls):
        home = pathlib.Path(pyspark.__file__).parent
        cls.work = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"frontier-spark-{os.getpid()}"
        cls.work.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1", SPARK_WORKER_DIR=str(cls.work / "workers"),
                   PYSPARK_PYTHON=sys.executable)
        port = _free_port()
        cls.url = f"spark://127.0.0.1:{port}"
        spark_class = str(home / "bin" / "spark-class")
        cls.processes = [subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                                           "--webui-port", str(_free_port())], env=env, stdout=subprocess.DEVNULL, stderr=open(cls.work / "master.log", "w"))]
        _wait_for(port)
        for i in range(2):
            cls.processes.append(subprocess.Popen([spark_class, "org.apache.spark.deploy.worker.Worker", cls.url, "--cores", "1", "--memory", "1g",
                                                   "--webui-port", str(_free_port()), "--work-dir", str(cls.work / f"worker{i}")],
                                                  env=env, stdout=subprocess.DEVNULL, stderr=open(cls.work / f"worker{i}.log", "w")))
        from pyspark.sql import SparkSession
        library = os.environ.get("FRONTIER_LIBRARY", "")
        # The executors' Python is this venv's (pyarrow, pandas): the driver says so through the environment.
        os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        cls.spark = (SparkSession.builder.master(cls.url).appName("frontier-tests")
                     .config("spark.pyspark.python", sys.executable)
                     .config("spark.executorEnv.PYSPARK_PYTHON", sys.executable)
                     .config("spark.executorEnv.PYTHONPATH", str(REPO / "python"))
                     .config("spark.executorEnv.FRONTIER_LIBRARY", library)
                     .config("spark.executor.memory", "1g").config("spark.sql.shuffle.partitions", "4")
                     .getOrCreate())
        cls.synthetic = cls.work / "synthetic.csv"
        cli("synth", "--count", 20000, "--seed", 7, "--out", cls.synthetic)
        cls.sdf = cls.spark.read.csv(str(cls.synthetic), header=True, inferSchema=True).repartition(16)

    @classmethod
    def teardown_class(cls):
        try:
            cls.spark.stop()
        finally:
            for p in reversed(cls.processes):
                p.terminate()
            for p in cls.processes:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
            shutil.rmtree(cls.work, ignore_errors=True)

    def _cli(self, *args):
        out, _, _ = cli(*args, "--format", "csv")
        return pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)

    def test_the_cluster_has_two_workers_and_sixteen_partitions(self):
        assert self.sdf.rdd.getNumPartitions() == 16
        assert int(self.spark.sparkContext.defaultParallelism) == 2

    def test_join_on_every_partition_equals_the_cli(self):
        got = fs.join(self.sdf).toPandas().sort_values("event_id_cnty").reset_index(drop=True)
        want = self._cli("join", self.synthetic).sort_values("event_id_cnty").reset_index(drop=True)
        assert len(got) == len(want) == 20000
        assert list(got["region_id"].fillna("")) == list(want["region_id"])
        assert [d.isoformat() for d in got["event_date"]] == list(want["event_date"])

    def test_near_on_every_partition_equals_the_cli(self):
        got = fs.near(self.sdf, border="AFG-TJK", within=["10km", "25km"]).toPandas()
        want = self._cli("near", self.synthetic, "--border", "AFG-TJK", "--within", "10km,25km")
        got = got.sort_values("event_id_cnty").reset_index(drop=True)
        want = want.sort_values("event_id_cnty").reset_index(drop=True)
        assert len(got) == len(want) > 1000
        assert list(got["event_id_cnty"]) == list(want["event_id_cnty"])
        assert [float(x) for x in got["distance_km"]] == [float(x) for x in want["distance_km"]]
        assert [float(x) for x in got["band_km"]] == [float(x) for x in want["band_km"]]
