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
for b in bad:
    print(b)
print(f"{len(bad)} column accesses by name outside the declared handles" if bad else "ok: state only through handles")
sys.exit(1 if bad else 0)
