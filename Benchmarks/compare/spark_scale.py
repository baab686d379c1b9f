"""When does Spark start to pay? frontier.spark on a local standalone cluster of 1 and 2 one-core workers
against the CLI alone, on the same `frontier synth` files, whole jobs timed from the driver (reading the CSV
included): aggregate (weekly per province, the answer collected) and near (25 km of AFG-TJK, the rows
counted). Prints a Markdown table for docs/scale.md.

    python Benchmarks/compare/spark_scale.py --frontier .build/release/frontier \
        --library .build/release/libFrontierC.so 1000000 5000000

Needs pyspark and pyarrow in this Python and Java on the PATH; run with PYTHONPATH=python:python/tests.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

from spark_cluster import LocalCluster


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--frontier", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--runs", type=int, default=2, help="runs of each job; the fastest is shown")
    args = parser.parse_args()
    os.environ["FRONTIER_LIBRARY"] = os.path.abspath(args.library)
    import frontier.spark as fs
    repo = pathlib.Path(__file__).resolve().parents[2]
    work = pathlib.Path(tempfile.mkdtemp(prefix="frontier-spark-scale-"))
    files = {}
    for n in args.sizes:
        files[n] = work / f"synth-{n}.csv"
        subprocess.run([args.frontier, "synth", "--count", str(n), "--seed", "42", "--out", str(files[n])], check=True, capture_output=True)
    rows = []
    for n, path in files.items():
        cli_agg = min(timed(lambda: subprocess.run([args.frontier, "aggregate", str(path), "--window", "week", "--format", "csv"],
                                                   check=True, capture_output=True)) for _ in range(args.runs))
        cli_near = min(timed(lambda: subprocess.run([args.frontier, "near", str(path), "--border", "AFG-TJK", "--within", "25km",
                                                     "--format", "csv"], check=True, capture_output=True)) for _ in range(args.runs))
        rows.append((n, "CLI alone", cli_agg, cli_near))
        for workers in map(int, args.workers.split(",")):
            cluster = LocalCluster(work / f"cluster-{workers}", workers=workers, memory="2g")
            try:
                spark = cluster.session(repo / "python", os.environ["FRONTIER_LIBRARY"])
                sdf = spark.read.csv(str(path), header=True, inferSchema=False)
                agg = min(timed(lambda: fs.aggregate(sdf, window="week").collect()) for _ in range(args.runs))
                near = min(timed(lambda: fs.near(sdf, border="AFG-TJK", within="25km").count()) for _ in range(args.runs))
                rows.append((n, f"Spark, {workers} worker{'s' if workers > 1 else ''} ({sdf.rdd.getNumPartitions()} partitions)", agg, near))
            finally:
                cluster.stop()
    print("| rows | run by | aggregate --window week | near --within 25km |")
    print("|---:|---|---:|---:|")
    for n, who, agg, near in rows:
        print(f"| {n:,} | {who} | {agg:.1f} s | {near:.1f} s |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
