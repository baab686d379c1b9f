#!/usr/bin/env bash
# Builds frontier_<version>_amd64.deb in the repository folder with dpkg-deb: the layout of install.sh
# (LAYOUT=deb, PREFIX=/usr) plus Debian's copyright and changelog, and a control file whose Depends are the
# Debian packages of the C libraries the binary loads (dpkg-shlibdeps reads them off the binary) and proj-data,
# whose proj.db PROJ opens at run time. The Swift runtime is linked into the binary (`make static`), so the
# package needs no toolchain.
#
# usage: deb.sh BINARY MAN_DIR COMPLETIONS_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 3 ] || { echo "usage: deb.sh BINARY MAN_DIR COMPLETIONS_DIR" >&2; exit 2; }
binary=$1 man=$2 completions=$3
version=$(scripts/version.sh)
arch=$(dpkg --print-architecture)
package="frontier_${version}_${arch}.deb"
stage=$(mktemp -d "${TMPDIR:-/tmp}/frontier-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"

PREFIX=/usr DESTDIR="$stage" LAYOUT=deb scripts/install.sh install "$binary" "$man" "$completions" > /dev/null

maintainer=$(git log -1 --format='%an <%ae>' 2>/dev/null || echo "Frontier developers <frontier@localhost>")
# The commit's time, not the clock's: the same commit gives the same changelog.
when=$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")
doc="$stage/usr/share/doc/frontier"
install -d -m 755 "$doc"
{
    echo "frontier ($version) unstable; urgency=medium"
    echo
    echo "  * Built from the repository; the changes are in"
    echo "    /usr/share/doc/frontier/CHANGELOG.md.gz."
    echo
    echo " -- $maintainer  $when"
} | gzip -9n > "$doc/changelog.gz"
gzip -9n < CHANGELOG.md > "$doc/CHANGELOG.md.gz"
cat > "$doc/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: frontier
Comment: Frontier links PROJ (MIT), GEOS (LGPL-2.1+), SQLite (public domain) and libpq (PostgreSQL
 licence) dynamically, from their own Debian packages: GEOS can be replaced by any compatible
 libgeos-c1v5, as the LGPL requires. The Swift runtime, Foundation (with its ICU data) and
 swift-argument-parser are linked statically into /usr/bin/frontier; they are Apache-2.0 with the
 Runtime Library Exception, whose text is below and in /usr/share/common-licenses/Apache-2.0.

Files: *
Copyright: 2026 Frontier developers
License: none-granted
 Frontier's authors have not yet published a licence for its own code and the hand-curated
 tables (GeoData/admin1-aliases.csv, GeoData/incidents-reported.csv, GeoData/event-taxonomy.csv,
 GeoData/country-names.csv, GeoData/gw-codes.csv). This package may be installed
 and used; no further rights are granted until a licence is published.

Files: usr/share/frontier/GeoData/admin0.geojson
       usr/share/frontier/GeoData/admin1.geojson
       usr/share/frontier/GeoData/borders.geojson
       usr/share/frontier/GeoData/boundaries.bin
Copyright: OpenStreetMap contributors (country outlines)
 Natural Earth (provinces, coastline)
License: ODbL-1.0
 The country outlines are © OpenStreetMap contributors, available under the Open Database
 License 1.0: https://www.openstreetmap.org/copyright and
 https://opendatacommons.org/licenses/odbl/1-0/. The provinces' attributes and inner boundaries
 are Natural Earth's, in the public domain. How the files are derived:
 /usr/share/frontier/GeoData/README.md.

Files: usr/share/frontier/GeoData/natural-earth/*
Copyright: Natural Earth (naturalearthdata.com)
License: public-domain
 Natural Earth's vector data is in the public domain: https://www.naturalearthdata.com/about/terms-of-use/

Files: usr/bin/frontier
Copyright: Apple Inc. and the Swift project authors (Swift runtime, Foundation, swift-argument-parser)
 Unicode, Inc. (ICU data inside Foundation)
 2026 Frontier developers
License: Apache-2.0 with Runtime Library Exception
 Licensed under the Apache License, Version 2.0; the full text is in
 /usr/share/common-licenses/Apache-2.0.
 .
 Runtime Library Exception to the Apache 2.0 License: As an exception, if you use this Software to
 compile your source code and portions of this Software are embedded into the binary product as a
 result, you may redistribute such product without providing attribution as would otherwise be
 required by Sections 4(a), 4(b) and 4(d) of the License.
 .
 ICU is under the Unicode License v3: https://www.unicode.org/license.txt
EOF
chmod 644 "$doc"/*

# Depends: what dpkg-shlibdeps reads off the binary's NEEDED libraries (it wants a debian/control beside it).
shlib_dir=$(mktemp -d)
mkdir "$shlib_dir/debian"
printf 'Source: frontier\n\nPackage: frontier\nArchitecture: any\n' > "$shlib_dir/debian/control"
depends=$(cd "$shlib_dir" && dpkg-shlibdeps -O -e "$stage/usr/bin/frontier" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlib_dir"
[ -n "$depends" ] || { echo "deb.sh: dpkg-shlibdeps found no dependencies for $stage/usr/bin/frontier" >&2; exit 1; }
proj_data=$(dpkg-query -W -f='${Version}' proj-data 2>/dev/null | sed 's/-[^-]*$//')
depends="$depends, proj-data (>= ${proj_data:-9.1})"

install -d -m 755 "$stage/DEBIAN"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 644 "$stage/DEBIAN/md5sums"
cat > "$stage/DEBIAN/control" <<EOF
Package: frontier
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: science
Priority: optional
Description: border-region incident analysis over PROJ and GEOS
 Frontier answers the questions conflict and security analysts ask about
 incidents along Afghanistan's frontiers: which province or country each
 incident is in, which incidents lie within N km of a border (geodesic
 distances on the WGS84 ellipsoid, on which side), and how many incidents
 and fatalities each region has per day, week, month or year, with trends
 and hot spots. Answers are CSV, JSON, GeoJSON or printable HTML maps.
 .
 OpenStreetMap's country outlines with Natural Earth's provinces are
 bundled in /usr/share/frontier/GeoData.
EOF
chmod 644 "$stage/DEBIAN/control"
rm -f frontier_*_"$arch".deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$package" > /dev/null
echo "$package: $(du -k "$package" | cut -f1) KB; Depends: $depends"
