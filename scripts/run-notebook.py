#!/usr/bin/env python3
"""Executes a notebook with nbclient from its own folder and fails on the first cell that raises.

usage: run-notebook.py NOTEBOOK
"""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = pathlib.Path(sys.argv[1]).resolve()
notebook = nbformat.read(path, as_version=4)
try:
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
except CellExecutionError as error:
    sys.exit(f"{path.name}: a cell failed:\n{error}")
cells = sum(1 for c in notebook.cells if c.cell_type == "code")
print(f"{path.name}: {cells} code cells ran without error")
