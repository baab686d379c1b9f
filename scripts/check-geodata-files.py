#!/usr/bin/env python3
"""Every file of GeoData/ a command reads is in scripts/geodata-files, the one list `make install`, the .deb
and the wheel ship: a table left off it works from the source tree and fails once installed. GeoData/tools/
(build helpers) is not shipped."""
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[1]
listed = set((root / "scripts" / "geodata-files").read_text().split())
present = {str(p.relative_to(root / "GeoData")) for p in (root / "GeoData").rglob("*")
           if p.is_file() and not str(p.relative_to(root / "GeoData")).startswith("tools/")}
missing, stale = sorted(present - listed), sorted(listed - present)
for name in missing:
    print(f"check-geodata-files: GeoData/{name} is not in scripts/geodata-files: an installed frontier would lack it")
for name in stale:
    print(f"check-geodata-files: scripts/geodata-files lists {name}, which GeoData/ does not hold")
if missing or stale:
    sys.exit(1)
print(f"check-geodata-files: the {len(listed)} GeoData files are all shipped")
