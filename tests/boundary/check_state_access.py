#!/usr/bin/env python3
"""models/ reaches state only through declared handles (govsim/state.hpp): no
Table::add<T>/get<T>/has by column name anywhere in models/; the region builders
create the population's declared base columns with the handles' create()."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
bad = []
pattern = re.compile(r"\.(add|get)<|\.has\(")
for p in sorted((root / "models").rglob("*.[ch]pp")):
    for n, line in enumerate(p.read_text().splitlines(), 1):
        code = line.split("//")[0]
        if pattern.search(code) and "std::get<" not in code:
            bad.append(f"{p.relative_to(root)}:{n}: {line.strip()}")
# Handles speak for the file that declares them: the mechanism named in every
# reads<>/writes<> of a file is the one that file registers (its name()), and
# "population" only in models/people/population_columns.cpp and models/regions/.
handle = re.compile(r'\b(reads|writes)<[^>]*>\(\s*(?:Level|L)::\w+,\s*"[^"]*",\s*"([^"]+)"', re.S)
own_name = re.compile(r'name\(\)\s*const\s*override\s*\{\s*return\s*"([^"]+)"')
for p in sorted((root / "models").rglob("*.[ch]pp")):
    text = p.read_text()
    rel = p.relative_to(root / "models")
    names = set(own_name.findall(text))
    if rel.parts[0] == "regions" or rel == pathlib.Path("people/population_columns.cpp"):
        names.add("population")
    for m in handle.finditer(text):
        if m.group(2) not in names:
            line = text.count("\n", 0, m.start()) + 1
            bad.append(f"{p.relative_to(root)}:{line}: a {m.group(1)}() handle for mechanism '{m.group(2)}', "
                       f"but this file is mechanism {sorted(names) or 'none'}")
for b in bad:
    print(b)
print(f"{len(bad)} problem(s): state reached outside its declared handles" if bad else "ok: state only through handles, each for its own file's mechanism")
sys.exit(1 if bad else 0)
