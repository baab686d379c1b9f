"""Shared fixtures: the CLI binary the answers are compared with, and a synthetic input it writes."""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
REPORTED = REPO / "GeoData" / "incidents-reported.csv"


def _binary():
    named = os.environ.get("FRONTIER_BINARY")
    for path in ([pathlib.Path(named)] if named else [REPO / ".build" / "debug" / "frontier", REPO / ".build" / "release" / "frontier"]):
        if path.is_file():
            return path
    pytest.exit("no frontier binary to compare with: build it (swift build) or set FRONTIER_BINARY", returncode=2)


BINARY = _binary()


def cli(*args, check=True):
    """Runs the command line; returns (stdout, stderr, exit code)."""
    r = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"frontier {' '.join(map(str, args))} exited {r.returncode}: {r.stderr}")
    return r.stdout, r.stderr, r.returncode


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    """2,000 synthetic incidents (seed 42) from `frontier synth`, clustered on the frontier's lines."""
    path = tmp_path_factory.mktemp("synth") / "synthetic.csv"
    cli("synth", "--count", 2000, "--seed", 42, "--out", path)
    return path
