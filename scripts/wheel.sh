#!/usr/bin/env bash
# Builds the Python wheel, dist/frontier-<version>-py3-none-linux_x86_64.whl: the package (python/frontier),
# the engine's C ABI library (libFrontierC.so, release), the Swift runtime libraries it loads, and GeoData.
#
# A dynamic library cannot take the Swift runtime in statically here (BUILD-NOTES: --static-swift-stdlib makes
# only executables static), so the runtime's .so files travel beside libFrontierC.so and every one of them
# finds the others through RUNPATH $ORIGIN alone (patchelf removes the toolchain's folder from the library's
# RUNPATH), so a machine with only Debian's C libraries loads them. What they weigh is printed.
#
# usage: wheel.sh PYTHON   (a Python with pip, to build the wheel with)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:?usage: wheel.sh PYTHON}
library=.build/release/libFrontierC.so
[ -f "$library" ] || { echo "wheel.sh: no $library (make wheel builds it)" >&2; exit 1; }
command -v patchelf > /dev/null || { echo "wheel.sh: patchelf is needed (apt install patchelf)" >&2; exit 1; }
version=$(scripts/version.sh)
stage=$(mktemp -d "${TMPDIR:-/tmp}/frontier-wheel.XXXXXX")
trap 'rm -rf "$stage"' EXIT
package="$stage/frontier"
mkdir -p "$package"
cp python/frontier/*.py "$package/"

# The library and every Swift runtime library it needs (those ldd finds in the toolchain), RUNPATH $ORIGIN.
install -m 755 "$library" "$package/libFrontierC.so"
toolchain=$(dirname "$(dirname "$(dirname "$(realpath "$(command -v swift)")")")")
runtime=$(ldd "$library" | awk -v t="$toolchain" 'index($3, t) == 1 { print $3 }')
[ -n "$runtime" ] || { echo "wheel.sh: ldd found no Swift runtime library under $toolchain" >&2; exit 1; }
for lib in $runtime; do install -m 644 "$lib" "$package/"; done
for lib in "$package"/*.so; do
    patchelf --set-rpath '$ORIGIN' "$lib"
    strip --strip-unneeded "$lib" 2>/dev/null || true
done
if ldd "$package/libFrontierC.so" | grep -q -e "$toolchain" -e "not found"; then
    echo "wheel.sh: the staged library still reaches the toolchain or misses a library:" >&2
    ldd "$package/libFrontierC.so" >&2
    exit 1
fi

# GeoData, as `make install` ships it (the one list, scripts/geodata-files).
while read -r f; do install -D -m 644 "GeoData/$f" "$package/GeoData/$f"; done < scripts/geodata-files

# A wheel version is PEP 440: 0.2.0+5.g1a2b3c4 is one already (a local version label).
cat > "$stage/pyproject.toml" <<EOF
[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "frontier"
version = "$version"
description = "Border-region incident analysis over PROJ and GEOS, from Python: answers as Arrow-typed DataFrames"
requires-python = ">=3.9"
dependencies = ["pyarrow>=14", "pandas>=2.0"]

[tool.setuptools]
packages = ["frontier"]
include-package-data = true

[tool.setuptools.package-data]
frontier = ["*.so", "GeoData/*", "GeoData/natural-earth/*"]
EOF
# Binary content: a platform wheel, not py3-none-any (setuptools asks the distribution).
cat > "$stage/setup.py" <<'EOF'
from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    def has_ext_modules(self):
        return True


setup(distclass=BinaryDistribution)
EOF
mkdir -p dist
rm -f dist/frontier-*.whl
"$python" -m pip wheel -q --no-deps --no-build-isolation "$stage" -w dist
wheel=$(ls dist/frontier-*.whl)
echo "$wheel: $(du -k "$wheel" | cut -f1) KB; the Swift runtime beside the library: $(du -ck $runtime | tail -1 | cut -f1) KB ($(echo $runtime | wc -w) files)"
