# Frontier: `make run` (the tour on the bundled GeoData) and `make test` (the suite) take a fresh Debian
# machine with the Swift toolchain to a working tool; both install the C libraries they need first.
SHELL := /bin/bash
APT_PACKAGES := libproj-dev libgeos-dev proj-data libsqlite3-dev libpq-dev pkg-config
# Independent readers the tests check against: GDAL for the GeoPackage store, the sqlite3 shell to write odd
# files, headless Chromium to render report.html, Python's venv for PySAL's esda and pymannkendall (PyPI),
# PostgreSQL with PostGIS for the private server the PostGIS tests start (initdb in a temporary folder); GMT
# with GSHHG's full-resolution WDBII borders, the independent line the OpenStreetMap borders are checked against.
# For the package tests: man to render the pages, the shells whose completions are loaded, lintian on the .deb.
TEST_APT_PACKAGES := gdal-bin sqlite3 chromium python3-venv postgresql postgresql-15-postgis-3 gmt gmt-gshhg-full \
    man-db zsh fish lintian dpkg-dev openjdk-17-jre-headless
# Where `make test` installs the independent statistics the hot spot tests compare with.
PYVENV := .build/pyvenv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/release/frontier
# OpenStreetMap's country outlines for `make geodata`: MAPS.ME's region polygons, ODbL, from PyPI.
OMIM_BORDERS := omim-data-borders==10.3.0rc2
OSM_DIR := .build/omim-data-borders
OSM_BORDERS := $(OSM_DIR)/borders
# The incidents `make run` asks about: a CSV/GeoJSON file or a store (make run INCIDENTS=incidents.gpkg).
INCIDENTS ?= GeoData/incidents-reported.csv

WORLD_MAP := /usr/share/qgis/resources/data/world_map.gpkg
# Where `make install` puts Frontier (DESTDIR stages it elsewhere, as packagers do).
PREFIX ?= /usr/local
DESTDIR ?=
# The installed binary: its own scratch folder, since the Swift runtime is linked in (and no $$ORIGIN rpath is
# left in it: it finds its libraries where Debian puts them), while .build/ keeps the ordinary builds.
STATIC := .build-static
STATIC_BIN := $(STATIC)/release/frontier
# `-z now`: every symbol bound at start, so the GOT can be read-only (Debian's hardening, lintian's bindnow).
STATIC_FLAGS := -c release --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now --scratch-path $(STATIC)
# Generated from the static binary: manual pages (swift-argument-parser's generate-manual) and completions.
DIST := $(STATIC)/dist

.PHONY: deps test-deps pyvenv build run test check library-example test-asan bench bench-check conformance geodata bench-compare fuzz faults \
    version-stamp static man completions install uninstall deb package-test python-test wheel wheel-test

# Installs the Debian packages named in $(1) that are missing (apt-get update only when something is).
define apt_install
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "Installing:" $$missing; \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	else echo "Debian packages present: $(1)"; fi
endef

## deps: install the Debian packages PROJ, GEOS and SQLite come from, only those that are missing.
deps:
	$(call apt_install,$(APT_PACKAGES))

## test-deps: what the tests use besides the build (GDAL's ogrinfo/ogr2ogr, the sqlite3 shell).
test-deps: deps
	$(call apt_install,$(TEST_APT_PACKAGES))

## version-stamp: the version `frontier --version` reports, from the repository's tag (scripts/version.sh).
version-stamp:
	@scripts/stamp-version.sh

## build: the release binary at .build/release/frontier.
build: deps version-stamp
	swift build -c release --product frontier

## run: the tour on the bundled GeoData: regions and borders, the reported incidents near AFG-TJK, a synthetic
## set aggregated per week, and report.html (INCIDENTS=FILE or a .gpkg store asks about other incidents).
run: build
	@$(BIN) --version
	@echo; echo "== Regions along the Afghanistan-Tajikistan border (areas on the WGS84 ellipsoid) =="
	@$(BIN) regions --border AFG-TJK --format table
	@echo; echo "== Afghanistan's international borders (geodesic lengths) =="
	@$(BIN) borders --format table | awk 'NR <= 2 || /AFG/'
	@echo; echo "== Incidents within 75 km of the AFG-TJK line ($(INCIDENTS)) =="
	@$(BIN) near $(INCIDENTS) --border AFG-TJK --within 75km --format csv \
	    | awk -F, '{ print "  " $$1 "  " $$2 "  " $$(NF-1) "  " $$NF }'
	@echo; echo "== Incidents and fatalities per province and month ($(INCIDENTS)) =="
	@$(BIN) aggregate $(INCIDENTS) --window month --format table
	@echo; echo "== SYNTHETIC data: 100,000 incidents from frontier synth (seed 42), not real events =="
	@$(BIN) synth --count 100000 --seed 42 --out synthetic-100k.csv
	@echo; echo "== Synthetic incidents within 25 km of AFG-TJK, per province and week (first rows) =="
	@$(BIN) aggregate synthetic-100k.csv --window week --near AFG-TJK --within 25km --format table | head -8
	@$(BIN) map synthetic-100k.csv --near AFG-TJK --within 25km --window month \
	    --title "SYNTHETIC incidents near the Afghanistan-Tajikistan border (frontier synth, not real events)" --out report.html
	@echo; echo "Open $(CURDIR)/report.html in a browser (it works offline)."

## test: the whole suite (the benchmark package is separate and is not built here, only resolved: a
## manifest that no longer resolves against this checkout fails here, not at the next `make bench`).
test: test-deps check bench-check pyvenv version-stamp
	swift test
	$(MAKE) python-test
	$(MAKE) wheel-test
	$(MAKE) library-example
	$(MAKE) package-test

## library-example: builds the README's "Use as a library" program from a temporary package outside the
## repository (a second debug build of the engine: about two minutes) and checks it prints what the CLI does.
library-example: deps
	scripts/library-example.sh

## check: the rules the compiler cannot see: the engine's layers are those the README's layout table shows,
## no engine string names a command-line flag or command, no command function is over 40 lines, and every
## GeoData file is in the list installs ship.
check:
	python3 scripts/check-layers.py
	python3 scripts/check-geodata-files.py
	python3 scripts/check-engine-text.py
	python3 scripts/check-command-length.py

## pyvenv: PySAL's esda and pymannkendall from PyPI in .build/pyvenv, for the hot spot comparisons (those
## tests skip, saying why, when the venv cannot be made offline).
pyvenv:
	@if [ -x $(PYVENV)/bin/python ] && $(PYVENV)/bin/python -c "import esda, libpysal, pymannkendall" 2>/dev/null; then \
	    echo "Python statistics present in $(PYVENV)"; \
	elif python3 -m venv $(PYVENV) && $(PYVENV)/bin/pip install -q esda libpysal pymannkendall; then \
	    echo "Installed esda, libpysal and pymannkendall in $(PYVENV)"; \
	else echo "note: could not install esda/pymannkendall (offline?): the comparison tests will skip"; fi

## python-test: the Python package (python/) against the command line: the C ABI library as the wheel ships it
## (the release build, which `make wheel` then reuses), the debug CLI the suite just made to compare with,
## pyarrow, pandas and pytest in the one venv $(PYVENV); every answer compared with the CLI's; frontier.spark on a
## Spark standalone cluster (a master and two workers on 127.0.0.1, started by the test class, Java from Debian,
## pyspark from PyPI); then docs/notebooks/frontier-tour.ipynb executed with nbclient. The Spark tests push a
## million rows through every executor's library: with the debug build they were most of CI's time.
PYTHON_TEST_LIBRARY = $(CURDIR)/.build/release/libFrontierC.so
python-test: pyvenv
	swift build -c release --product FrontierC
	$(PYVENV)/bin/pip install -q pyarrow pandas geopandas duckdb pyspark pytest nbclient nbformat ipykernel pycountry==26.2.16
	FRONTIER_LIBRARY=$(PYTHON_TEST_LIBRARY) FRONTIER_BINARY=$(CURDIR)/.build/debug/frontier \
	    PYTHONPATH=$(CURDIR)/python:$(CURDIR)/python/tests $(PYVENV)/bin/python -m pytest -q python/tests
	FRONTIER_LIBRARY=$(PYTHON_TEST_LIBRARY) PYTHONPATH=$(CURDIR)/python \
	    $(PYVENV)/bin/python scripts/run-notebook.py docs/notebooks/frontier-tour.ipynb

## wheel: dist/frontier-<version>-…-linux_x86_64.whl (scripts/wheel.sh): the Python package with the release
## C ABI library, the Swift runtime libraries it loads (RUNPATH $$ORIGIN, set by patchelf) and GeoData.
wheel: deps pyvenv version-stamp
	$(call apt_install,patchelf)
	swift build -c release --product FrontierC
	$(PYVENV)/bin/pip install -q setuptools wheel
	scripts/wheel.sh $(PYVENV)/bin/python

## wheel-test: installs the wheel in its own venv (.build/wheelvenv) and runs it with no toolchain in sight.
wheel-test: wheel
	scripts/wheel-test.sh .build/wheelvenv $(CURDIR)/.build/debug/frontier

## bench-check: the benchmark package resolves against this checkout, whatever its folder is called.
bench-check:
	cd Benchmarks && swift package describe > /dev/null

## test-asan: the suite under the address sanitizer (LeakSanitizer off: it flags XCTest itself).
test-asan: test-deps
	ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan

## bench: the ordo-one benchmarks in Benchmarks/ (the first run builds the benchmark package: minutes).
bench: deps
	cd Benchmarks && swift package --disable-sandbox benchmark

## fuzz: every libFuzzer target (Fuzz/) for FUZZ_SECONDS each (default 60), from its committed seed corpus
## Fuzz/corpus/TARGET (new inputs go to .build-fuzz/corpus/TARGET); a crash stops with its input in Fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = csv geojson geojsonl regions gpkg-binary date-number locate-index
fuzz: test-deps
	# lld: gold fails on the sanitizer runtime's debug info.
	swift build --package-path Fuzz --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address \
	    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	mkdir -p Fuzz/crashes
	for t in $(FUZZ_TARGETS); do \
	    mkdir -p .build-fuzz/corpus/$$t; \
	    ASAN_OPTIONS=detect_leaks=0 FRONTIER_FUZZ_TARGET=$$t .build-fuzz/debug/FrontierFuzz .build-fuzz/corpus/$$t Fuzz/corpus/$$t \
	        -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=Fuzz/crashes/$$t- -print_final_stats=1 -detect_leaks=0 || exit 1; \
	done

## faults: kill -9 during imports (KILLS=100 each), a full disk, closed and full stdout/stderr (Tests/faults/run).
faults: test-deps build
	FRONTIER=$(BIN) Tests/faults/run

## geodata: regenerate GeoData/ (the default set) from OpenStreetMap's country outlines (MAPS.ME regions in
## PyPI's omim-data-borders, pinned) with Natural Earth's provinces fitted to them, and GeoData/natural-earth/
## from Natural Earth as Debian's qgis-common ships it. Both sources are fetched here only, never committed.
geodata: deps
	$(call apt_install,qgis-common python3-venv)
	swift build -c release --product frontier
	@if [ ! -f $(OSM_BORDERS)/Afghanistan.poly ]; then \
	    rm -rf $(OSM_DIR) && mkdir -p $(OSM_BORDERS) && python3 -m venv $(OSM_DIR)/venv && \
	    $(OSM_DIR)/venv/bin/pip download -q --no-deps $(OMIM_BORDERS) -d $(OSM_DIR) && \
	    python3 -m zipfile -e $(OSM_DIR)/omim_data_borders-*.whl $(OSM_DIR)/wheel && \
	    tar -xJf $(OSM_DIR)/wheel/omim_data_borders-*.data/data/omim-data/borders.tar.xz -C $(OSM_BORDERS); fi
	$(BIN) geodata build --from $(WORLD_MAP) --osm $(OSM_BORDERS) --out GeoData/
	$(BIN) geodata build --from $(WORLD_MAP) --out GeoData/natural-earth/

## static: the binary that is installed, with the Swift runtime linked in (runs without the toolchain), and
## swift-argument-parser's generate-manual tool, built the same way.
static: deps version-stamp
	swift build $(STATIC_FLAGS) --product frontier
	swift build $(STATIC_FLAGS) --product generate-manual

## man: one manual page per command in $(DIST)/man, from the commands' own help (scripts/manpages.py).
man: static
	python3 scripts/manpages.py $(STATIC)/release/generate-manual $(STATIC_BIN) $(DIST)/man

## completions: bash, zsh and fish completion scripts in $(DIST)/completions, from swift-argument-parser
## (bash's without its #! line: bash-completion sources the file, never runs it).
completions: static
	mkdir -p $(DIST)/completions
	$(STATIC_BIN) --generate-completion-script bash | sed '1{/^#!/d}' > $(DIST)/completions/frontier.bash
	$(STATIC_BIN) --generate-completion-script zsh > $(DIST)/completions/_frontier
	$(STATIC_BIN) --generate-completion-script fish > $(DIST)/completions/frontier.fish

## install: the binary, GeoData, manual pages and completions under $(DESTDIR)$(PREFIX) (default /usr/local;
## scripts/install.sh lists the layout); `make uninstall` with the same PREFIX and DESTDIR removes them.
install: man completions
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) scripts/install.sh install $(STATIC_BIN) $(DIST)/man $(DIST)/completions

uninstall:
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) scripts/install.sh uninstall

## deb: frontier_<version>_amd64.deb here (scripts/deb.sh), installable with `sudo apt install ./frontier_*.deb`.
deb: man completions
	$(call apt_install,dpkg-dev)
	scripts/deb.sh $(STATIC_BIN) $(DIST)/man $(DIST)/completions

## package-test: builds the .deb and checks it as an installed tool (scripts/package-test.sh): unpacked into a
## temporary root, run from outside the repository with no toolchain on the library path, answers equal to
## the build tree's; its manual pages render; completions load; lintian; install and uninstall leave nothing.
package-test: deb
	scripts/package-test.sh $(STATIC_BIN)

## conformance: the CLI contract check from ../shared, against the release build.
conformance: build
	../shared/conformance/run $(BIN)

## bench-compare: Frontier against GeoPandas, DuckDB, PostGIS, ogr2ogr and PySAL on synth and ACLED-layout files, each polygon set on both sides, medians of alternating runs, checked against Frontier's answers, with issue 28's targets (SIZES="1000000 5000000", RUNS=3, LAYOUTS, POLYGONS, TOOLS, QUESTIONS: see Benchmarks/compare/README.md).
bench-compare: deps
	Benchmarks/compare/run
