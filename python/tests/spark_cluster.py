"""A Spark standalone cluster on 127.0.0.1 from the pyspark installation: a master and N workers of one core
each, started as child processes and stopped (with their work folders removed) by `stop`. Used by the
cluster tests and by Benchmarks/compare/spark_scale.py."""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


class LocalCluster:
    """`workers` workers of one core and `memory` each; `session(**config)` is a SparkSession on it whose
    executors run this Python (its pyarrow) with `python` on their path and the C library `library`."""

    def __init__(self, work, workers=2, memory="1g"):
        import pyspark
        self.home = pathlib.Path(pyspark.__file__).parent
        self.work = pathlib.Path(work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.memory = memory
        env = dict(os.environ, SPARK_HOME=str(self.home), SPARK_LOCAL_IP="127.0.0.1", SPARK_WORKER_DIR=str(self.work / "workers"),
                   PYSPARK_PYTHON=sys.executable)
        port = free_port()
        self.url = f"spark://127.0.0.1:{port}"
        spark_class = str(self.home / "bin" / "spark-class")
        self.processes = [subprocess.Popen([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                                            "--webui-port", str(free_port())], env=env, stdout=subprocess.DEVNULL,
                                           stderr=open(self.work / "master.log", "w"))]
        wait_for(port)
        for i in range(workers):
            self.processes.append(subprocess.Popen([spark_class, "org.apache.spark.deploy.worker.Worker", self.url, "--cores", "1",
                                                    "--memory", memory, "--webui-port", str(free_port()), "--work-dir", str(self.work / f"worker{i}")],
                                                   env=env, stdout=subprocess.DEVNULL, stderr=open(self.work / f"worker{i}.log", "w")))
        self.spark = None

    def session(self, python, library, **config):
        from pyspark.sql import SparkSession
        # The executors' Python is this one (pyarrow, pandas): the driver says so through the environment.
        os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        builder = (SparkSession.builder.master(self.url).appName("frontier")
                   .config("spark.pyspark.python", sys.executable)
                   .config("spark.executorEnv.PYSPARK_PYTHON", sys.executable)
                   .config("spark.executorEnv.PYTHONPATH", str(python))
                   .config("spark.executorEnv.FRONTIER_LIBRARY", str(library))
                   .config("spark.executor.memory", self.memory))
        for key, value in config.items():
            builder = builder.config(key, str(value))
        self.spark = builder.getOrCreate()
        return self.spark

    def stop(self):
        try:
            if self.spark is not None:
                self.spark.stop()
        finally:
            for p in reversed(self.processes):
                p.terminate()
            for p in self.processes:
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
            shutil.rmtree(self.work, ignore_errors=True)
