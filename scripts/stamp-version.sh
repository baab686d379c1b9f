#!/usr/bin/env bash
# Stamps the version (scripts/version.sh) into the build: writes Sources/CBuildStamp/BuildStamp.generated.h
# (git-ignored) only when the version changed, and then touches the one C file that includes it, so SwiftPM
# recompiles that file and relinks (a header that appears where there was none is not a dependency it knows).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(scripts/version.sh)
header=Sources/CBuildStamp/BuildStamp.generated.h
want="#define FRONTIER_BUILD_STAMP \"$version\""
if [ ! -f "$header" ] || [ "$(cat "$header")" != "$want" ]; then
    printf '%s\n' "$want" > "$header"
    touch Sources/CBuildStamp/CBuildStamp.c
    echo "version stamp: $version"
fi
