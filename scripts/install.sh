#!/usr/bin/env bash
# Installs or uninstalls Frontier under DESTDIR/PREFIX, as `make install` / `make uninstall` and the Debian
# package (`LAYOUT=deb`) lay it out:
#   bin/frontier                                     the binary (Swift runtime linked in: see `make static`)
#   share/frontier/GeoData/                          both boundary sets, aliases, reported incidents, provenance
#   share/man/man1/frontier.1, frontier-<cmd>.1      one page per command (gzipped for deb)
#   share/bash-completion/completions/frontier       bash
#   share/zsh/site-functions/_frontier               zsh (vendor-completions for deb, as Debian's zsh reads)
#   share/fish/vendor_completions.d/frontier.fish    fish
# `install` records every file it wrote and every folder it had to create in
# share/frontier/install-manifest; `uninstall` removes exactly those, so a DESTDIR is left empty and a
# shared folder such as /usr/local/share/man/man1 is never removed.
#
# usage: install.sh install BINARY MAN_DIR COMPLETIONS_DIR   (PREFIX, DESTDIR, LAYOUT from the environment)
#        install.sh uninstall
set -euo pipefail
cd "$(dirname "$0")/.."
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
LAYOUT=${LAYOUT:-make}
case $PREFIX in /*) ;; *) echo "install.sh: PREFIX must be an absolute path, not '$PREFIX'" >&2; exit 2 ;; esac
root="$DESTDIR$PREFIX"
manifest="$root/share/frontier/install-manifest"
# The GeoData files an installed frontier reads (scripts/geodata-files, which the wheel ships too);
# GeoData/tools/ is the maintainers' and stays out.
mapfile -t GEODATA_FILES < scripts/geodata-files

written=()
created=()
# Creates a folder and its missing parents, remembering each one it created (outermost first).
make_dir() {
    local dir=$1 missing=()
    while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
    for dir in "${missing[@]}"; do mkdir -m 755 "$dir"; created+=("$dir"); done
}
# put MODE SOURCE TARGET: one file, remembered.
put() {
    make_dir "$(dirname "$3")"
    install -m "$1" "$2" "$3"
    written+=("$3")
}

do_install() {
    local binary=$1 man=$2 completions=$3
    [ -x "$binary" ] || { echo "install.sh: no binary at $binary (run make static)" >&2; exit 1; }
    if [ -f "$manifest" ] && [ "$LAYOUT" != deb ]; then
        echo "install.sh: Frontier is already installed under $root (its manifest: $manifest); make uninstall first" >&2
        exit 1
    fi
    stripped=$(mktemp)
    trap 'rm -f "$stripped"' EXIT
    # No symbols: the package and the install carry the program, not its debugging information (87 MB → 63 MB;
    # most of what is left is the Unicode data Foundation links in).
    strip --strip-unneeded --remove-section=.comment -o "$stripped" "$binary"
    put 755 "$stripped" "$root/bin/frontier"
    local f
    for f in "${GEODATA_FILES[@]}"; do put 644 "GeoData/$f" "$root/share/frontier/GeoData/$f"; done
    local pages=("$man"/frontier*.1)
    [ -f "${pages[0]}" ] || { echo "install.sh: no manual pages in $man (run make man)" >&2; exit 1; }
    for f in "${pages[@]}"; do
        if [ "$LAYOUT" = deb ]; then
            gzip -9n < "$f" > "$f.gz.tmp"
            put 644 "$f.gz.tmp" "$root/share/man/man1/$(basename "$f").gz"
            rm -f "$f.gz.tmp"
        else
            put 644 "$f" "$root/share/man/man1/$(basename "$f")"
        fi
    done
    local zsh_dir=site-functions
    [ "$LAYOUT" = deb ] && zsh_dir=vendor-completions
    put 644 "$completions/frontier.bash" "$root/share/bash-completion/completions/frontier"
    put 644 "$completions/_frontier" "$root/share/zsh/$zsh_dir/_frontier"
    put 644 "$completions/frontier.fish" "$root/share/fish/vendor_completions.d/frontier.fish"
    if [ "$LAYOUT" != deb ]; then
        # Paths without DESTDIR, so the manifest is right after a staged install is copied into place.
        {
            for f in "${written[@]}"; do echo "file ${f#"$DESTDIR"}"; done
            echo "file ${manifest#"$DESTDIR"}"
            for f in "${created[@]}"; do echo "dir ${f#"$DESTDIR"}"; done
        } > "$manifest"
        chmod 644 "$manifest"
    fi
    echo "Installed Frontier under $root (${#written[@]} files)"
}

do_uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "install.sh: nothing to uninstall under $root: no manifest at $manifest" >&2
        exit 1
    fi
    local kind path files=0 dirs=()
    while read -r kind path; do
        case $kind in
            file) rm -f "$DESTDIR$path"; files=$((files + 1)) ;;
            dir) dirs=("$DESTDIR$path" "${dirs[@]}") ;;  # innermost first
            *) echo "install.sh: $manifest: unexpected line '$kind $path'" >&2; exit 1 ;;
        esac
    done < "$manifest"
    # A folder install created goes only if empty: something else put there since is left alone.
    for path in "${dirs[@]}"; do rmdir "$path" 2>/dev/null || true; done
    echo "Uninstalled Frontier from $root ($files files)"
}

case ${1:-} in
    install) shift; [ $# -eq 3 ] || { echo "usage: install.sh install BINARY MAN_DIR COMPLETIONS_DIR" >&2; exit 2; }; do_install "$@" ;;
    uninstall) do_uninstall ;;
    *) echo "usage: install.sh install BINARY MAN_DIR COMPLETIONS_DIR | install.sh uninstall" >&2; exit 2 ;;
esac
