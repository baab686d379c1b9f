#!/usr/bin/env python3
"""Fails when the engine's layers differ from the README's layout table.

SwiftPM refuses a dependency cycle and the compiler refuses an import of an undeclared target, but neither
knows which arrows the design allows. The README's "target | depends on | holds" table is that design; this
compares it with what `swift package describe` reports, both ways, and with each target's `import` lines
(SwiftPM lets a target import a dependency's dependency, an arrow the manifest does not show).
Only the engine's targets and the command line's are compared: `Geo` and the C shims sit below them all.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| `(\w+)` \| ([^|]*) \|")


def table():
    """{target: set of dependencies} from the README table whose header is `| target | depends on | holds |`."""
    rows, inside = {}, False
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| target | depends on |"):
            inside = True
            continue
        if inside:
            if not line.startswith("|"):
                break
            match = ROW.match(line)
            if match:
                rows[match.group(1)] = {d.strip() for d in match.group(2).split(",") if d.strip()}
    return rows


def manifest():
    """{target: set of target dependencies} for the package's non-test targets."""
    described = subprocess.run(["swift", "package", "describe", "--type", "json"], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout
    return {t["name"]: set(t.get("target_dependencies", [])) for t in json.loads(described)["targets"]
            if t["type"] != "test"}


def imports(target):
    """The package targets a target's sources import."""
    found = {}
    for path in sorted((ROOT / "Sources" / target).rglob("*.swift")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^(?:@\w+\s+)*import (\w+)\s*$", line)
            if match:
                found.setdefault(match.group(1), f"{path.relative_to(ROOT)}:{number}")
    return found


def main():
    documented, declared = table(), manifest()
    checked = {name for name in declared if name.startswith("Frontier") or name == "frontier"}
    problems = []
    if not documented:
        problems.append("README.md has no `| target | depends on | holds |` table")
    for name in sorted(checked | set(documented)):
        if name not in declared:
            problems.append(f"{name}: in the README's table but not a target of Package.swift")
            continue
        if name not in documented:
            problems.append(f"{name}: a target of Package.swift missing from the README's table")
            continue
        for extra in sorted(declared[name] - documented[name]):
            problems.append(f"{name} -> {extra}: declared in Package.swift, not shown in the README's table")
        for missing in sorted(documented[name] - declared[name]):
            problems.append(f"{name} -> {missing}: shown in the README's table, not declared in Package.swift")
        for module, where in sorted(imports(name).items()):
            if module in declared and module != name and module not in declared[name]:
                problems.append(f"{where}: {name} imports {module}, which it does not declare as a dependency")
    for p in problems:
        print(p)
    if problems:
        print(f"check-layers: {len(problems)} difference(s) between the layers and the README's layout table")
        return 1
    print(f"check-layers: {len(checked)} targets match the README's layout table")
    return 0


if __name__ == "__main__":
    sys.exit(main())
