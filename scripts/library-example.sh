#!/bin/sh
# Builds the README's "Use as a library" program as an outside package would (a path dependency on this
# checkout, in a temporary folder), runs it on the bundled incidents, and compares what it prints with the
# command line's answers to the same two questions. Needs the debug `frontier` (`swift build` or `swift test`).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
name=$(basename "$repo")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/example/Sources/Example"
# The fenced block after `<!-- example: PATH -->`, up to `<!-- end -->`, without its fences.
extract() {
    awk -v want="<!-- example: $1 -->" '
        $0 == want { on = 1; next }
        on && $0 == "<!-- end -->" { exit }
        on && !/^```/ { print }' "$repo/README.md"
}
# The README names the dependency as a clone called `frontier` beside the example; point it at this one.
extract Package.swift | sed -e "s|path: \"../frontier\"|path: \"$repo\"|" -e "s|package: \"frontier\"|package: \"$name\"|" \
    > "$work/example/Package.swift"
extract Sources/Example/main.swift > "$work/example/Sources/Example/main.swift"
[ -s "$work/example/Package.swift" ] && [ -s "$work/example/Sources/Example/main.swift" ] || {
    echo "library-example: README.md has no example blocks" >&2; exit 1; }
echo "library-example: building the README's program in $work/example (a second debug build of the engine)"
swift build --package-path "$work/example" -q
cli="$repo/.build/debug/frontier"
[ -x "$cli" ] || { echo "library-example: $cli is missing: run swift build first" >&2; exit 1; }
# The reported incidents (a handful) and 20,000 synthetic ones with rejects, ties and rows near the line.
"$cli" synth --count 20000 --seed 7 --out "$work/synthetic.csv" 2>/dev/null
for incidents in "$repo/GeoData/incidents-reported.csv" "$work/synthetic.csv"; do
    "$work/example/.build/debug/Example" "$incidents" > "$work/library.csv"
    { "$cli" aggregate "$incidents" --window week --format csv 2>/dev/null
      "$cli" near "$incidents" --border AFG-TJK --within 25km --format csv 2>/dev/null; } > "$work/cli.csv"
    if cmp -s "$work/library.csv" "$work/cli.csv"; then
        echo "library-example: on $(basename "$incidents") the library program printed the command line's $(wc -l < "$work/cli.csv") lines, byte for byte"
    else
        diff "$work/cli.csv" "$work/library.csv" | head -20
        echo "library-example: on $(basename "$incidents") the library program's output differs from the command line's" >&2
        exit 1
    fi
done
