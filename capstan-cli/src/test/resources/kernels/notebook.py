"""Runs a three-cell notebook with nbclient on a kernelspec; prints each cell's output as CELL<n>=text.

Usage: python3 notebook.py KERNEL_NAME
"""
import os
import sys

import nbformat
from nbclient import NotebookClient


def say(line):
    """One write for the whole line: the processes that share this output (a server, the launcher) never split it."""
    os.write(1, (line + "\n").encode())

nb = nbformat.v4.new_notebook()
nb.cells = [
    nbformat.v4.new_code_cell("a = 20"),
    nbformat.v4.new_code_cell("b = a + 1\nprint(b)"),
    nbformat.v4.new_code_cell("print(a + b + 1)"),
]
NotebookClient(nb, kernel_name=sys.argv[1], timeout=120, startup_timeout=120).execute()
for index, cell in enumerate(nb.cells):
    text = "".join(o.get("text", "") for o in cell.outputs).strip()
    say(f"CELL{index}={text}")
