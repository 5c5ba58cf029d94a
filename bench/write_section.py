#!/usr/bin/env python3
"""Replaces the <!-- NAME:begin --> ... <!-- NAME:end --> section of a Markdown file (appending it when absent).
Usage: write_section.py FILE NAME TEXT — TEXT includes its own begin and end markers."""
import re
import sys

path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmarks\n\nEach section is written by the command it names; rerun it to refresh the figures.\n"
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
if begin not in text:
    text += f"\n{begin}\n{end}\n"
text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda m: section, text, flags=re.S)
open(path, "w").write(text)
