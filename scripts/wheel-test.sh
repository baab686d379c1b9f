#!/usr/bin/env bash
# Installs the wheel into its own venv and uses it as a user would on a machine without the Swift toolchain:
# run from a folder outside the repository with PATH=/usr/bin:/bin and an empty environment, the bundled
# library must load no library from the toolchain (ldd) and answer near and aggregate as the build tree's
# command line does, on a file and on a DataFrame, using the GeoData inside the wheel.
#
# usage: wheel-test.sh VENV BUILD_TREE_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:?usage: wheel-test.sh VENV BUILD_TREE_BINARY}
reference=$(realpath "${2:?usage: wheel-test.sh VENV BUILD_TREE_BINARY}")
wheel=$(ls dist/frontier-*.whl 2>/dev/null | head -1)
[ -n "$wheel" ] || { echo "wheel-test: no wheel in dist/ (make wheel)" >&2; exit 1; }
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q pyarrow pandas
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheel"
work=$(mktemp -d "${TMPDIR:-/tmp}/frontier-wheel-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp GeoData/incidents-reported.csv "$work/incidents.csv"
python="$(cd "$venv/bin" && pwd)/python"  # not resolved: the link is what makes it the venv
toolchain=$(dirname "$(dirname "$(dirname "$(realpath "$(command -v swift || echo /opt/swift/usr/bin/swift)")")")")
(cd "$work" && "$reference" near incidents.csv --border AFG-TJK --within 75km --format csv > near.cli 2>/dev/null)
(cd "$work" && "$reference" aggregate incidents.csv --window month --format csv > aggregate.cli 2>/dev/null)
cat > "$work/check.py" <<'PY'
import os, subprocess, sys
import pandas as pd
import frontier
lib = frontier._abi.library_path
assert os.path.dirname(str(lib)) == os.path.dirname(frontier.__file__), f"not the wheel's library: {lib}"
ldd = subprocess.run(["ldd", str(lib)], capture_output=True, text=True).stdout
toolchain = sys.argv[1]
assert toolchain not in ldd and "not found" not in ldd, ldd
for question, cli, kwargs in [("near", "near.cli", dict(border="AFG-TJK", within="75km")), ("aggregate", "aggregate.cli", dict(window="month"))]:
    expected = pd.read_csv(cli, dtype=str, keep_default_na=False)
    for source in ("incidents.csv", pd.read_csv("incidents.csv")):
        got = getattr(frontier, question)(source, **kwargs)
        assert list(got.columns) == list(expected.columns), (question, list(got.columns))
        assert len(got) == len(expected), (question, len(got))
        ids = "event_id_cnty" if question == "near" else "region_id"
        assert list(got[ids]) == list(expected[ids]), question
print(f"wheel: frontier {frontier.__version__} from {os.path.dirname(frontier.__file__)}; ldd names no toolchain path; near and aggregate equal the CLI's")
PY
(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 "$python" check.py "$toolchain")
echo "wheel-test: $wheel passes ($(du -k "$wheel" | cut -f1) KB)"
