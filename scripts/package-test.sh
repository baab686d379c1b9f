#!/usr/bin/env bash
# Checks the Debian package as a user would meet it (run by `make test` through `make package-test`):
#  1. its control fields, and lintian finds no error in it;
#  2. unpacked into a temporary root (dpkg-deb -x), its binary loads no library from the Swift toolchain;
#  3. run from a folder outside the repository with PATH=/usr/bin:/bin and an empty environment, it finds its
#     own GeoData and answers --version, regions, borders, near and aggregate on the bundled reported incidents
#     exactly as the build tree's binary does (stdout and stderr, byte for byte);
#  4. every manual page renders without a warning, and `man frontier-aggregate` shows the options and examples;
#  5. each completion script loads in its shell (bash, zsh, fish: a shell not installed is said and skipped);
#  6. `make install DESTDIR=…` gives a working tool and `make uninstall DESTDIR=…` leaves the folder empty.
#
# usage: package-test.sh BUILD_TREE_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
reference=$(realpath "${1:?usage: package-test.sh BUILD_TREE_BINARY}")
version=$(scripts/version.sh)
deb="$repo/frontier_${version}_$(dpkg --print-architecture).deb"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
[ -f "$deb" ] || { echo "package-test: no $deb (run make deb)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/frontier-package-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# 1. The control file, and what lintian says.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = frontier ] && [ "$(field Version)" = "$version" ] && pass "control: frontier $version" \
    || fail "control: Package/Version are '$(field Package)' '$(field Version)', expected frontier $version"
for dep in libproj25 libgeos-c1v5 libsqlite3-0 libpq5 proj-data libc6; do
    field Depends | grep -q "\b$dep\b" || fail "Depends lacks $dep: $(field Depends)"
done
if command -v lintian > /dev/null; then
    lintian --no-tag-display-limit "$deb" > "$tmp/lintian" 2>&1 || true
    if grep -q '^E:' "$tmp/lintian"; then fail "lintian errors:"; grep '^E:' "$tmp/lintian" >&2
    else pass "lintian: no errors ($(grep -c '^W:' "$tmp/lintian" || true) warnings)"; fi
    grep '^W:' "$tmp/lintian" || true
else
    echo "skip: lintian is not installed (make test-deps installs it)"
fi

# 2. Unpacked, with no library from the toolchain.
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
installed="$root/usr/bin/frontier"
toolchain=$(dirname "$(dirname "$(dirname "$(realpath "$(command -v swift || echo /opt/swift/usr/bin/swift)")")")")
libs=$(env -u LD_LIBRARY_PATH ldd "$installed")
if grep -q "not found" <<< "$libs"; then fail "ldd: a library is missing:"; echo "$libs" >&2
elif grep -q -e "$toolchain" -e libswift -e libFoundation <<< "$libs"; then fail "ldd: the binary loads from the toolchain ($toolchain):"; echo "$libs" >&2
else pass "ldd: no library from the toolchain ($toolchain)"; fi

# 3. Run from outside the repository, environment emptied, against the build tree's binary.
work="$tmp/work"
mkdir "$work"
cp GeoData/incidents-reported.csv "$work/incidents.csv"
cmp -s GeoData/incidents-reported.csv "$root/usr/share/frontier/GeoData/incidents-reported.csv" \
    || fail "the package's incidents-reported.csv differs from GeoData's"
bare() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 "$@"); }
bare "$installed" --version > "$tmp/version" 2>&1 || fail "--version exited $?"
if [ "$(sed -n 1p "$tmp/version")" = "frontier $version" ] \
    && [ "$(sed -n 2p "$tmp/version")" = "GeoData: $root/usr/share/frontier/GeoData (beside the program)" ] \
    && grep -q '^libraries: PROJ .*, GEOS .*, SQLite .*, libpq ' "$tmp/version"; then
    pass "--version: $(tr '\n' '|' < "$tmp/version")"
else fail "--version printed:"; cat "$tmp/version" >&2; fi
questions=(
    "regions --border AFG-TJK --format csv"
    "borders --format csv"
    "near incidents.csv --border AFG-TJK --within 75km"
    "near incidents.csv --border AFG-TJK --within 10km,25km,75km --any-country --format geojson"
    "aggregate incidents.csv --window month"
    "aggregate incidents.csv --window week --near AFG-TJK --within 25km --fill"
)
for q in "${questions[@]}"; do
    read -r -a args <<< "$q"
    bare "$installed" "${args[@]}" > "$tmp/got.out" 2> "$tmp/got.err" || fail "installed frontier $q exited $?"
    (cd "$work" && "$reference" "${args[@]}" > "$tmp/want.out" 2> "$tmp/want.err") || fail "build tree's frontier $q exited $?"
    if [ ! -s "$tmp/want.out" ]; then fail "frontier $q: the build tree's answer is empty"
    elif cmp -s "$tmp/got.out" "$tmp/want.out" && cmp -s "$tmp/got.err" "$tmp/want.err"; then
        pass "frontier $q: the build tree's answer ($(wc -l < "$tmp/want.out") lines)"
    else fail "frontier $q differs from the build tree's:"; diff "$tmp/want.out" "$tmp/got.out" >&2 || true; diff "$tmp/want.err" "$tmp/got.err" >&2 || true; fi
done
# A GeoData folder that is named but absent is an error naming it and the variable, not a crash.
if (cd "$work" && env -i PATH=/usr/bin:/bin FRONTIER_GEODATA="$tmp/nowhere" "$installed" regions > /dev/null 2> "$tmp/err"); then
    fail "regions with FRONTIER_GEODATA=$tmp/nowhere succeeded"
elif grep -q "$tmp/nowhere.*FRONTIER_GEODATA" "$tmp/err"; then pass "a missing GeoData folder is named with its variable"
else fail "a missing GeoData folder said:"; cat "$tmp/err" >&2; fi

# 4. Manual pages.
man_dir="$root/usr/share/man"
pages=("$man_dir"/man1/frontier*.1.gz)
[ ${#pages[@]} -ge 15 ] || fail "only ${#pages[@]} manual pages"
bad=0
for page in "${pages[@]}"; do
    if ! MANWIDTH=100 man -l "$page" > "$tmp/page" 2> "$tmp/page.err" || [ -s "$tmp/page.err" ] || [ ! -s "$tmp/page" ]; then
        fail "man -l $(basename "$page"):"; cat "$tmp/page.err" >&2; bad=1
    fi
done
[ $bad = 0 ] && pass "man -l renders all ${#pages[@]} pages without a warning"
MANWIDTH=200 man -M "$man_dir" frontier-aggregate > "$tmp/aggregate.man" 2>&1 || fail "man frontier-aggregate exited $?"
for want in "FRONTIER-AGGREGATE(1)" "--window" "--compare" "frontier aggregate GeoData/incidents-reported.csv --window month" "region x window"; do
    grep -qF -- "$want" "$tmp/aggregate.man" || fail "man frontier-aggregate lacks '$want'"
done
pass "man frontier-aggregate: options and examples"

# 5. Completions, in each shell that is installed.
share="$root/usr/share"
if command -v bash > /dev/null; then
    out=$(bash -c "source '$share/bash-completion/completions/frontier' && complete -p frontier" 2>&1) \
        && grep -q "frontier$" <<< "$out" && pass "bash: $out" || fail "bash completion: $out"
fi
if command -v zsh > /dev/null; then
    out=$(zsh -fc "fpath=('$share/zsh/vendor-completions' \$fpath); autoload -U compinit; compinit -u -D; print -r -- \$_comps[frontier]" 2>&1) \
        && [ "$out" = _frontier ] && pass "zsh: frontier completes with $out" || fail "zsh completion: '$out'"
else echo "skip: zsh is not installed"; fi
if command -v fish > /dev/null; then
    out=$(fish --no-config -c "source '$share/fish/vendor_completions.d/frontier.fish'; complete -C 'frontier agg'" 2>&1) \
        && grep -q "^aggregate" <<< "$out" && pass "fish: 'frontier agg' completes to aggregate" || fail "fish completion: '$out'"
else echo "skip: fish is not installed"; fi

# 6. make install and make uninstall into a staging folder.
dest="$tmp/dest"
make --no-print-directory install DESTDIR="$dest" PREFIX=/usr/local > "$tmp/install.log" 2>&1 || { fail "make install:"; cat "$tmp/install.log" >&2; }
geodata=$(cd "$work" && env -i PATH=/usr/bin:/bin "$dest/usr/local/bin/frontier" --version 2>&1 | sed -n 2p)
[ "$geodata" = "GeoData: $dest/usr/local/share/frontier/GeoData (beside the program)" ] && pass "make install: $geodata" || fail "make install's binary: '$geodata'"
make --no-print-directory uninstall DESTDIR="$dest" PREFIX=/usr/local > "$tmp/uninstall.log" 2>&1 || { fail "make uninstall:"; cat "$tmp/uninstall.log" >&2; }
# install made $dest, so uninstall removes it too once empty.
left=$(find "$dest" 2>/dev/null | head || true)
[ -z "$left" ] && pass "make uninstall removed every file and folder it had made" || fail "make uninstall left: $left"

if [ $failures -gt 0 ]; then echo "package-test: $failures failures" >&2; exit 1; fi
echo "package-test: $deb passes ($(du -k "$deb" | cut -f1) KB)"
