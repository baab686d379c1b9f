#!/usr/bin/env python3
"""Fails when a function in the command line's commands is longer than the limit.

A command turns flags into a request and prints the answer; a long function there is an engine rule that has
not moved into the library (issue 26). Counts the lines of each brace-balanced `func` body in
Sources/frontier/Commands (string literals and comments are not braces).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LIMIT = 40
FUNC = re.compile(r"^\s*(?:@\w+\s+)*(?:(?:private|fileprivate|static|mutating|public|internal)\s+)*func\s+(\w+)")


def code(line):
    """The line without string literals and a trailing comment."""
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    return line.split("//", 1)[0]


def main():
    problems = []
    for path in sorted((ROOT / "Sources" / "frontier" / "Commands").glob("*.swift")):
        lines = path.read_text(encoding="utf-8").splitlines()
        in_block = False
        i = 0
        while i < len(lines):
            if lines[i].count('"""') % 2 == 1:
                in_block = not in_block
            match = None if in_block else FUNC.match(lines[i])
            if match and "{" in code(lines[i]):
                depth, j = 0, i
                while j < len(lines):
                    depth += code(lines[j]).count("{") - code(lines[j]).count("}")
                    if depth == 0:
                        break
                    j += 1
                length = j - i + 1
                if length > LIMIT:
                    problems.append(f"{path.relative_to(ROOT)}:{i + 1}: {match.group(1)} is {length} lines (at most {LIMIT})")
                i = j
            i += 1
    for p in problems:
        print(p)
    if problems:
        print(f"check-command-length: {len(problems)} command function(s) over {LIMIT} lines; move the rules into the library")
        return 1
    print(f"check-command-length: every command function is at most {LIMIT} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
