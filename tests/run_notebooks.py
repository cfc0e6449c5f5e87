#!/usr/bin/python3
"""Executes every notebook in notebooks/ with nbclient on a short horizon and fails
when a cell fails; also fails when a notebook in git carries outputs.
Usage: run_notebooks.py GOVSIM [NOTEBOOK ...]"""
import glob
import os
import sys
import time

import nbclient
import nbformat

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    govsim = os.path.abspath(sys.argv[1])
    books = sys.argv[2:] or sorted(glob.glob(os.path.join(REPO, "notebooks", "*.ipynb")))
    os.environ.update({"GOVSIM": govsim, "GOVSIM_NOTEBOOK_END": "2021-12", "GOVSIM_NOTEBOOK_SAMPLES": "4",
                       "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    failed = 0
    for path in books:
        nb = nbformat.read(path, as_version=4)
        dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
        if dirty:
            print(f"FAILED {os.path.basename(path)}: outputs not cleared in cells {dirty} "
                  "(run scripts/make_notebooks.py or clear them before committing)")
            failed += 1
            continue
        t0 = time.time()
        try:
            client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                                             resources={"metadata": {"path": os.path.dirname(path)}})
            # Debian's nbclient 0.7 cannot read the comm messages of Debian's ipywidgets 6: the
            # widgets are not rendered headless anyway, so do not track them.
            client.comm_open_handlers = {}
            client.execute()
            print(f"ok     {os.path.basename(path)} ({time.time() - t0:.0f} s)")
        except nbclient.exceptions.CellExecutionError as e:
            print(f"FAILED {os.path.basename(path)}:\n{str(e)[-3000:]}")
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
