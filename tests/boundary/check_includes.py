#!/usr/bin/python3
"""The engine boundary, by reading: every #include in models/ names a system or
library header (<...>), the engine's public interface ("govsim/..."), or a header
inside models/ ("<domain>/<file>.hpp"). Anything else -- a relative path out of
models/, an engine internal ("core/...", "config/...", "output/...", "batch/...",
"cli/...") or a path from the repository root ("sim/...") -- fails, naming the
file and line. Usage: check_includes.py REPO_ROOT"""
import os
import re
import sys

root = sys.argv[1]
models = os.path.join(root, "models")
public = os.path.join(root, "sim", "include")
bad = []
n = 0
for dirpath, _, files in os.walk(models):
    for f in sorted(files):
        if not f.endswith((".cpp", ".hpp")):
            continue
        path = os.path.join(dirpath, f)
        for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
            if not m:
                continue
            n += 1
            kind, inc = m.groups()
            if kind == "<":
                if inc.startswith(("govsim/", "core/", "config/", "output/", "batch/", "cli/", "sim/")):
                    if not (inc.startswith("govsim/") and os.path.exists(os.path.join(public, inc))):
                        bad.append(f"{os.path.relpath(path, root)}:{lineno}: <{inc}> is not a public engine header")
                continue
            ok = (".." not in inc.split("/")) and (
                (inc.startswith("govsim/") and os.path.exists(os.path.join(public, inc)))
                or os.path.exists(os.path.join(models, inc)))
            if not ok:
                bad.append(f"{os.path.relpath(path, root)}:{lineno}: \"{inc}\" is neither the engine's public "
                           "interface (sim/include/govsim/) nor a header in models/")
for b in bad:
    print(b)
print(f"{n} includes in models/: {len(bad)} outside the boundary")
sys.exit(1 if bad else 0)
