#!/usr/bin/env python3
"""Writes Frontier's manual pages, one per command, from the commands' own help.

swift-argument-parser's `generate-manual` tool reads the help a binary dumps (`--experimental-dump-help`) and
writes mdoc. Three things are adjusted around it:
- it drops every non-ASCII character (`region × window` becomes `region  window`), so the binary's help reaches it
  through a wrapper that spells those characters in ASCII first (`×` as `x`, `≤` as `<=`, `…` as `...`);
- it names a subcommand's page after its path with dots (`frontier.aggregate.1`, titled FRONTIER.AGGREGATE);
  `man` users expect git's convention, `man frontier-aggregate`: pages, titles and cross-references are renamed;
- whatis wants the page's name in its NAME section (`frontier-aggregate`), the synopsis the words typed;
- a help text's "Examples:" block is set as literal lines and a blank line as `.Pp` (mdoc would otherwise fill
  the commands into one paragraph and warn about each blank line).

usage: manpages.py GENERATE_MANUAL FRONTIER_BINARY OUT_DIR
       manpages.py --ascii   (a filter: stdin to stdout, the wrapper's half)
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

# The non-ASCII characters the help uses, in ASCII; any other one is an error, so nothing is dropped unseen.
ASCII = {"×": "x", "–": "-", "—": "-", "…": "...", "→": "->", "≤": "<=", "≥": ">=", "°": " deg", "±": "+/-",
         "²": "^2", "³": "^3", "’": "'", "‘": "'", "“": '"', "”": '"', "é": "e", "µ": "u"}


def to_ascii(text):
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        elif ch in ASCII:
            out.append(ASCII[ch])
        else:
            sys.exit(f"manpages.py: no ASCII spelling for {ch!r} (U+{ord(ch):04X}) in the help: add one to ASCII")
    return "".join(out)


def page_name(stem):
    """frontier.geodata.build → frontier-geodata-build."""
    return stem.replace(".", "-")


def rewrite(text):
    text = re.sub(r"^\.Dt (\S+)", lambda m: ".Dt " + m.group(1).replace(".", "-"), text, flags=re.M)
    # whatis (man -k, lintian) reads the NAME section's name as the page's: `frontier-aggregate`. The synopsis
    # keeps the words a user types, `frontier aggregate`, which a bare .Nm would replace with the page's name.
    name = re.search(r'^\.Sh NAME\n\.Nm "([^"]+)"$', text, flags=re.M)
    if name:
        words = name.group(1)
        text = text.replace(f'.Sh NAME\n.Nm "{words}"', f".Sh NAME\n.Nm {words.replace(' ', '-')}", 1)
        text = re.sub(r"^\.Nm$", f'.Nm "{words}"', text, flags=re.M)
    # .Nd takes the rest of its line; quoted, whatis keeps the quotes.
    text = re.sub(r'^\.Nd "(.*)"$', r".Nd \1", text, flags=re.M)
    text = re.sub(r"^\.Xr (frontier\S*)", lambda m: ".Xr " + page_name(m.group(1)), text, flags=re.M)
    out, lines, i = [], text.rstrip("\n").split("\n"), 0
    while i < len(lines):
        line = lines[i]
        out.append(".Pp" if line.strip() == "" else line)
        i += 1
        if line.strip() == "Examples:":
            out.append(".Bd -literal -offset indent")
            while i < len(lines) and lines[i].startswith("  "):
                out.append(lines[i].strip())
                i += 1
            out.append(".Ed")
    return "\n".join(out) + "\n"


def main():
    if sys.argv[1:] == ["--ascii"]:
        sys.stdout.write(to_ascii(sys.stdin.read()))
        return
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-2].strip())
    tool, binary, target = (pathlib.Path(a).resolve() for a in sys.argv[1:])
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        wrapper = work / "frontier"
        wrapper.write_text("#!/bin/sh\nset -e\n"
                           f"{shlex.quote(str(binary))} \"$@\" | {shlex.quote(sys.executable)} {shlex.quote(__file__)} --ascii\n")
        wrapper.chmod(0o755)
        generated = work / "pages"
        generated.mkdir()
        subprocess.run([str(tool), str(wrapper), "--multi-page", "--output-directory", str(generated)],
                       check=True, stdout=subprocess.DEVNULL)
        pages = sorted(generated.glob("frontier*.1"))
        if not pages:
            sys.exit(f"manpages.py: {tool} wrote no frontier*.1 page")
        for old in target.glob("frontier*.1"):
            old.unlink()
        for page in pages:
            (target / (page_name(page.stem) + ".1")).write_text(rewrite(page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{len(pages)} manual pages in {target}")


if __name__ == "__main__":
    main()
