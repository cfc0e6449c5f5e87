#!/usr/bin/python3
"""Executes every notebook in notebooks/ with nbclient on a short horizon and fails
when a cell fails; also fails when a notebook in git carries outputs, and runs
checks after some notebooks (CHECKS below) in the same kernel.

Widgets: there is no browser, so this script answers for the notebook's widget
extension where a notebook asks it to check its version with the kernel (the
re-validation request of 04-workshop): it reads the version of the extension the
Jupyter notebook server would load (enabled in the Jupyter config, installed in a
Jupyter data folder) and answers whether it satisfies the range the kernel's
ipywidgets asks for, as the extension does. Every notebook then must run without
"Widget Javascript not detected" or "wrong version" in any output.
Usage: run_notebooks.py GOVSIM [NOTEBOOK ...]"""
import glob
import json
import os
import re
import sys
import time
import uuid

import nbclient
import nbformat
from nbclient.util import run_sync

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDGET_WARNINGS = ("Widget Javascript not detected", "widget Javascript is the wrong version")

# Cells run after a notebook, in its kernel; each (code, check(outputs, messages) -> error or None).
CHECKS = {
    "04-workshop.ipynb": [
        ('''keys = {cache_key(500, 8.0, 0.3), cache_key(500, 8, 0.3), cache_key(500.0, 8, 0.30000000000000004)}
assert keys == {f"workshop-500-8-0.3-r2-{END}"}, keys
assert cache_key(500, 8.5, 0.3) != cache_key(500, 8, 0.3)
assert RUNS and not any(".0-" in k for k in RUNS), sorted(RUNS)   # the runs so far: no 8.0 beside 8
print("cache keys ok")''', None),
        ('''explorer.sliders["mediation"].value = 12
explorer.run()
explorer.sliders["platform"].value = 0.6
explorer.run()''', "replaces"),
        ('''before = len(RUNS)
explorer.sliders["mediation"].value = 12.0   # the same levers again: no new run
explorer.run()
assert len(RUNS) == before, (before, len(RUNS))
print("cached")''', None),
    ],
}


def semver_satisfies(version, spec):
    """npm semver for the ranges ipywidgets asks for: "~X.Y.Z", "^X.Y.Z", "X.Y.Z"."""
    v = tuple(int(x) for x in version.split("."))
    op, base = (spec[0], spec[1:]) if spec[0] in "~^" else ("", spec)
    b = tuple(int(x) for x in base.split("."))
    if op == "~":
        return v[:2] == b[:2] and v >= b
    if op == "^":
        return v[0] == b[0] and v >= b
    return v == b


def installed_widget_extension():
    """(version, path) of the jupyter-js-widgets notebook extension the notebook server
    would load: enabled in a Jupyter config folder and installed in a Jupyter data
    folder; (None, why) otherwise."""
    from jupyter_core.paths import jupyter_config_path, jupyter_path
    enabled = {}
    for d in reversed(jupyter_config_path()):  # later folders (system) are overridden by earlier (user)
        files = sorted(glob.glob(os.path.join(d, "nbconfig", "notebook.d", "*.json")))
        files += [os.path.join(d, "nbconfig", "notebook.json")]
        for f in files:
            if os.path.exists(f):
                with open(f) as fh:
                    enabled.update(json.load(fh).get("load_extensions", {}))
    if not enabled.get("jupyter-js-widgets/extension"):
        return None, "the notebook extension jupyter-js-widgets/extension is not enabled in any Jupyter config"
    for d in jupyter_path("nbextensions"):
        js = os.path.join(d, "jupyter-js-widgets", "extension.js")
        if os.path.exists(js):
            with open(js, encoding="utf-8") as fh:
                m = re.search(r'exports=\{version:"(\d+\.\d+\.\d+)"\}', fh.read())
            return (m.group(1), js) if m else (None, f"no version found in {js}")
    return None, "jupyter-js-widgets/extension.js is not installed in any Jupyter data folder"


def frontend_validates(kc, timeout=30):
    """What the widget extension does when asked to check: open the version comm, read the
    range the kernel wants, answer whether the installed extension satisfies it."""
    version, where = installed_widget_extension()
    comm_id = uuid.uuid4().hex
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.version",
                                                       "data": {}}))
    deadline = time.time() + timeout
    wanted = None
    while wanted is None and time.time() < deadline:
        msg = run_sync(kc.get_iopub_msg)(timeout=timeout)
        if msg["msg_type"] == "comm_msg" and msg["content"]["comm_id"] == comm_id:
            wanted = msg["content"]["data"]["version"]
        elif msg["msg_type"] == "comm_close" and msg["content"]["comm_id"] == comm_id:
            raise RuntimeError("the kernel has no jupyter.widget.version target (ipywidgets not imported)")
    if wanted is None:
        raise RuntimeError("the kernel did not answer the widget version check")
    ok = version is not None and semver_satisfies(version, wanted)
    kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {
        "validated": ok, "frontend_version": version or ""}}))
    return ok, f"kernel wants {wanted}; extension {version} ({where})"


class Client(nbclient.NotebookClient):
    """nbclient that keeps every output message of each cell (before clear_output drops them)."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.messages = {}

    def output(self, outs, msg, display_id, cell_index):
        self.messages.setdefault(cell_index, []).append(msg)
        return super().output(outs, msg, display_id, cell_index)

    def clear_output(self, outs, msg, cell_index):
        self.messages.setdefault(cell_index, []).append(msg)
        return super().clear_output(outs, msg, cell_index)


def asks_for_validation(cell):
    return any("kernel_connected.Kernel" in str(o.get("data", {}).get("application/javascript", ""))
               for o in cell.get("outputs", []))


def widget_views(msgs):
    return [m for m in msgs if m["msg_type"] == "display_data"
            and "application/vnd.jupyter.widget-view+json" in m["content"]["data"]]


def check_replaces(cell, msgs):
    def figure(data):  # a figure: a PNG (inline backend) or its text form (MPLBACKEND=Agg, as here)
        return "image/png" in data or str(data.get("text/plain", "")).startswith("<Figure")
    images = [o for o in cell.outputs if o.get("output_type") == "display_data" and figure(o.get("data", {}))]
    drawn = [m for m in msgs if m["msg_type"] == "display_data" and figure(m["content"]["data"])]
    clears = [m for m in msgs if m["msg_type"] == "clear_output"]
    if len(drawn) != 2 or len(clears) < 2:
        return f"two runs should draw twice and clear twice: {len(drawn)} drawn, {len(clears)} clears"
    if len(images) != 1:
        return f"after two runs the output holds {len(images)} figures (each run must replace the last)"
    return None


def run_book(path):
    nb = nbformat.read(path, as_version=4)
    name = os.path.basename(path)
    n_own = len(nb.cells)
    checks = CHECKS.get(name, [])
    for code, _ in checks:
        nb.cells.append(nbformat.v4.new_code_cell(code))
    client = Client(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                    resources={"metadata": {"path": os.path.dirname(path)}})
    # Debian's nbclient 0.7 cannot read the comm messages of Debian's ipywidgets 6: the
    # widgets are not rendered headless anyway, so do not track them.
    client.comm_open_handlers = {}
    errors = []
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            if asks_for_validation(cell):
                ok, why = frontend_validates(client.kc)
                if not ok:
                    errors.append(f"the widget extension does not match the kernel's ipywidgets: {why}")
    for index, cell in enumerate(nb.cells):
        for m in client.messages.get(index, []):
            text = m["content"].get("text", "") if m["msg_type"] == "stream" else ""
            if any(w in text for w in WIDGET_WARNINGS):
                errors.append(f"cell {index}: {text.strip()}")
        views = widget_views(client.messages.get(index, []))
        if index < n_own and len(views) > 1:
            errors.append(f"cell {index} shows {len(views)} widget views (the slider set must be shown once)")
    for k, (code, check) in enumerate(checks):
        index = n_own + k
        if check == "replaces":
            err = check_replaces(nb.cells[index], client.messages.get(index, []))
            if err:
                errors.append(f"check {k + 1}: {err}")
    if name == "04-workshop.ipynb":
        shown = [i for i in range(n_own) if widget_views(client.messages.get(i, []))]
        if len(shown) != 1:
            errors.append(f"the slider set should be shown by exactly one cell, not {len(shown)}")
    return errors


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
            errors = run_book(path)
        except nbclient.exceptions.CellExecutionError as e:
            errors = [str(e)[-3000:]]
        if errors:
            print(f"FAILED {os.path.basename(path)}:\n  " + "\n  ".join(errors))
            failed += 1
        else:
            print(f"ok     {os.path.basename(path)} ({time.time() - t0:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
