#!/usr/bin/env python3
"""Fails when the engine's text names a command-line flag or a `frontier <command>`.

The engine (every target but the command line's) is called from the CLI, from other Swift programs and, later,
from Python: its messages describe what is wrong in the caller's terms (a file, a value, a table), and the
command line adds the flag or command that mends it (EngineCommand.message). This reads the string literals
of the engine's sources (comments are not messages) and lists any that name a flag (`--within`) or a command
(`frontier db init`). Where output data names a command (a synthetic row's note, a map legend), the
caller passes those words in.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ENGINE = sorted(p for p in (ROOT / "Sources").iterdir() if p.name == "Geo" or p.name.startswith("Frontier"))
COMMANDS = "regions|borders|join|near|buffer|aggregate|hotspots|trends|map|import|store|db|synth|geodata"
FORBIDDEN = re.compile(r"(?<![\w-])--[a-z][a-z-]+|\bfrontier (?:%s)\b" % COMMANDS)
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def literals(line):
    return STRING.findall(line.split("//", 1)[0])


def main():
    problems = []
    for folder in ENGINE:
        for path in sorted(folder.rglob("*.swift")):
            in_block = False  # inside a multi-line """ literal, where every line is text
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                stripped = line.strip()
                opens_or_closes = line.count('"""') % 2 == 1
                texts = [line] if in_block else ([] if stripped.startswith("//") else literals(line))
                if opens_or_closes:
                    in_block = not in_block
                for text in texts:
                    if FORBIDDEN.search(text):
                        problems.append(f"{path.relative_to(ROOT)}:{number}: {text.strip()}")
    for p in problems:
        print(p)
    if problems:
        print(f"check-engine-text: {len(problems)} engine string(s) name a flag or a command; "
              "say it in the engine's terms and let the command line add the flag (EngineCommand.message)")
        return 1
    print("check-engine-text: no engine string names a flag or a command")
    return 0


if __name__ == "__main__":
    sys.exit(main())
