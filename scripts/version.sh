#!/usr/bin/env bash
# Prints Frontier's version in Debian's spelling, from the repository's tag: `v0.2.0` → 0.2.0; five commits
# later → 0.2.0+5.g1a2b3c4 (`+` sorts after the release in dpkg and in SemVer's build metadata); uncommitted
# changes add `.dirty`. Without a tag (a shallow clone, an exported tree) it falls back to CHANGELOG.md's top
# entry, marked `+untagged` (and the commit, where there is one), so a build never claims a tag it lacks.
set -euo pipefail
cd "$(dirname "$0")/.."
changelog=$(sed -n 's/^## \[\{0,1\}\([0-9][0-9.]*\)\]\{0,1\}.*/\1/p' CHANGELOG.md | head -1)
[ -n "$changelog" ] || { echo "version.sh: no version heading (## 0.2.0 …) in CHANGELOG.md" >&2; exit 1; }
if described=$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null); then
    # v0.2.0 | v0.2.0-dirty | v0.2.0-5-g1a2b3c4 | v0.2.0-5-g1a2b3c4-dirty
    version=${described#v}
    dirty=
    case $version in *-dirty) dirty=.dirty; version=${version%-dirty} ;; esac
    if [[ $version =~ ^(.+)-([0-9]+)-(g[0-9a-f]+)$ ]]; then
        version="${BASH_REMATCH[1]}+${BASH_REMATCH[2]}.${BASH_REMATCH[3]}$dirty"
    elif [ -n "$dirty" ]; then
        version="$version+dirty"
    fi
elif commit=$(git rev-parse --short=7 HEAD 2>/dev/null); then
    version="$changelog+untagged.g$commit"
    # Refreshed first: a build that rewrites a file with the same bytes changes its stat, not its content.
    git update-index -q --refresh >/dev/null 2>&1 || true
    git diff-index --quiet HEAD -- 2>/dev/null || version="$version.dirty"
else
    version="$changelog+untagged"
fi
echo "$version"
