#!/usr/bin/python3
"""Every citation resolves inside the repository (ctest: sources_resolve).

usage: check_sources.py GOVSIM SOURCE_DIR

Checks, against the index in docs/sources.md:
  1. every parameter's source (from `GOVSIM params --markdown`): each clause it
     cites ("001 §37", "001 §36-37", "004 §7, §29", "004 §17(3)", "003 ch.6(3)") is
     in the clause index; each model-brief section ("model brief §3 step 5") is in
     the brief's table; each "calibration-2020: TEXT" begins with a "cited as"
     string (or the id) of a row of the published-figures index; a source that
     cites none of these nor another published source listed there must say
     "assumption";
  2. every document target's clause (docs/model.md's generated targets table and
     models/policy/targets.cpp) is in the clause index;
  3. every clause cited anywhere in the tracked files of docs/, models/, sim/,
     scenarios/ and README.md (prose, comments, scenario files) is in the index;
  4. no tracked file in docs/, scripts/, models/, sim/, scenarios/ or README.md
     refers to the project's inputs outside the repository ("../shared",
     "shared/seeds", "/work/shared", ...), except on a line that says it explains
     the "in-repo copy".
Prints every problem (the parameter or file, and the citation) and exits 1 if
there is any. Standard library only (Debian's /usr/bin/python3).
"""
import os
import re
import subprocess
import sys

DOCS = ("000", "001", "002", "003", "004")
# A clause: "001 §37", "001 §36-37", "004 §17(3)", "003 ch.6(3)", then ", §29" / " and §29" continuations.
CLAUSE = re.compile(r"(?<![\d,.])(00[0-4])\s*(§\s*\d+(?:-\d+)?(?:\(\d+\))?|ch\.\s*\d+(?:\(\d+\))?)")
CONT = re.compile(r"(?:,\s*|\s+and\s+|;\s*)(§\s*\d+(?:-\d+)?(?:\(\d+\))?)")
BRIEF = re.compile(r"model brief\s*§\s*(\d+)(?:\s+steps?\s+(\d+)(?:\s*(?:and|,|-)\s*(\d+))?)?", re.I)
FIGURE = re.compile(r"calibration-2020(?:\s*\(\s*derived\s*\))?\s*(:?)\s*")
OUTSIDE = re.compile(r"(?:\.\./)+shared\b|/work/shared\b|(?<![\w./-])shared/")
EXEMPT = "in-repo copy"


def norm(s):
    return re.sub(r"\s+", " ", s.replace("`", "")).strip()


def cells(line):
    """The cells of a Markdown table row (escaped pipes kept inside cells)."""
    body = line.strip()
    if not body.startswith("|"):
        return None
    parts = re.split(r"(?<!\\)\|", body.strip("|"))
    return [p.replace("\\|", "|").strip() for p in parts]


def read_index(path):
    """Clause keys, brief keys, figure ids and aliases, other-source ids and aliases."""
    clauses, brief, figures, others = set(), set(), {}, {}
    section = ""
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            section = line[3:].strip().lower()
            continue
        row = cells(line)
        if not row or set(row[0]) <= set("-: "):
            continue
        key = norm(row[0])
        if section.startswith("clause index"):
            m = CLAUSE.fullmatch(key)
            if m:
                clauses.add(clause_key(m.group(1), m.group(2)))
        elif section.startswith("model brief"):
            if key.lower().startswith("model brief"):
                brief.add(re.sub(r"\s+", " ", key.lower()))
        elif section.startswith("published figures") or section.startswith("other published"):
            if not row[0].startswith("`") or not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", key):
                continue
            aliases = [norm(a) for a in re.findall(r"`([^`]+)`", row[-1])]
            (figures if section.startswith("published") else others)[key] = aliases
    return clauses, brief, figures, others


def clause_key(doc, ref):
    return doc + " " + re.sub(r"\s+", "", ref)


def expand(doc, ref):
    """'§36-37' -> ['001 §36', '001 §37']; '§17(3)' and 'ch.6(3)' stay as they are."""
    ref = re.sub(r"\s+", "", ref)
    m = re.fullmatch(r"§(\d+)-(\d+)", ref)
    if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 20:
        return [f"{doc} §{i}" for i in range(int(m.group(1)), int(m.group(2)) + 1)]
    return [f"{doc} {ref}"]


def cited_clauses(text):
    """Every clause a text cites, as index keys."""
    out = []
    for m in CLAUSE.finditer(text):
        doc = m.group(1)
        out += expand(doc, m.group(2))
        pos = m.end()
        while True:
            c = CONT.match(text, pos)
            # ", §29" continues the same document; ", 001 §12" starts a new citation (matched by CLAUSE).
            if not c:
                break
            out += expand(doc, c.group(1))
            pos = c.end()
    return out


def cited_brief(text):
    """'model brief §3 step 5' -> ['model brief §3', 'model brief §3 step 5']; 'steps 2 and 9', 'steps 2-4'."""
    out = []
    for m in BRIEF.finditer(text):
        sec = f"model brief §{m.group(1)}"
        out.append(sec)
        if m.group(2):
            lo, hi = int(m.group(2)), int(m.group(3) or m.group(2))
            ranged = m.group(3) and "-" in m.group(0)
            steps = range(lo, hi + 1) if ranged else sorted({lo, hi})
            out += [f"{sec} step {k}" for k in steps]
    return out


def check_source(name, src, index):
    """Problems with one source string (empty if it resolves)."""
    clauses, brief, figures, others = index
    problems, found = [], False
    for c in cited_clauses(src):
        found = True
        if c not in clauses:
            problems.append(f"{name}: clause '{c}' is not in the clause index of docs/sources.md")
    for b in cited_brief(src):
        found = True
        if b.lower() not in brief:
            problems.append(f"{name}: '{b}' is not in the model-brief table of docs/sources.md")
    for m in FIGURE.finditer(src):
        found = True
        rest = norm(src[m.end():])
        hit = any(rest.startswith(a) for aliases in figures.values() for a in aliases if a) or any(
            re.match(re.escape(fid) + r"(?![\w-])", rest) for fid in figures)
        if not hit:
            what = rest.split(";")[0].strip() if m.group(1) else ""
            problems.append(f"{name}: published figure 'calibration-2020{': ' + what if what else ''}' "
                            + ("is not in the figures index of docs/sources.md (add its text to a row's 'cited as')"
                               if what else "names no figure (write 'calibration-2020: <figure>' as indexed)"))
    low = norm(src).lower()
    for fid, aliases in others.items():
        if any(a and a.lower() in low for a in aliases) or re.search(r"(?<![\w-])" + re.escape(fid) + r"(?![\w-])", low):
            found = True
    if not found and "assumption" not in low:
        problems.append(f"{name}: source '{src}' cites no indexed clause or published figure and does not say "
                        "'assumption'")
    return problems


def params(govsim):
    out = subprocess.run([govsim, "params", "--markdown"], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        row = cells(line)
        if row and len(row) >= 3 and re.fullmatch(r"`[\w.]+`", row[0]):
            rows.append((row[0].strip("`"), row[-1]))
    if not rows:
        sys.exit(f"check_sources: no parameters in `{govsim} params --markdown`")
    return rows


def targets(root):
    """(where, clause text) for every document target."""
    out = []
    model = os.path.join(root, "docs", "model.md")
    inside = False
    for line in open(model, encoding="utf-8"):
        if line.startswith("<!-- BEGIN GENERATED targets"):
            inside = True
        elif line.startswith("<!-- END GENERATED"):
            inside = False
        elif inside:
            row = cells(line)
            if row and len(row) > 2 and CLAUSE.search(row[0]):
                out.append((f"target {row[0]} {row[1]} (docs/model.md)", row[0]))
    cpp = os.path.join(root, "models", "policy", "targets.cpp")
    if os.path.exists(cpp):
        text = open(cpp, encoding="utf-8").read()
        for m in re.finditer(r'declare_target\(\{\s*"([^"]*)"\s*,\s*"([^"]*)"', text):
            out.append((f"target {m.group(1)} {m.group(2)} (models/policy/targets.cpp)", m.group(1)))
    return out


def tracked(root, paths):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--", *paths], check=True,
                             capture_output=True, text=True).stdout
        return [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: walk the folders
        files = []
        for p in paths:
            full = os.path.join(root, p)
            if os.path.isfile(full):
                files.append(p)
            for d, _, names in os.walk(full):
                files += [os.path.relpath(os.path.join(d, n), root) for n in names]
        return files


def text_of(root, rel):
    try:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    govsim, root = sys.argv[1], sys.argv[2]
    index = read_index(os.path.join(root, "docs", "sources.md"))
    if not index[0] or not index[2]:
        sys.exit("check_sources: docs/sources.md has no clause index or no figures index")
    problems = []

    plist = params(govsim)
    for name, src in plist:
        problems += check_source(f"parameter {name}", src, index)

    tlist = targets(root)
    for where, clause in tlist:
        cs = cited_clauses(clause)
        if not cs:
            problems.append(f"{where}: '{clause}' is not a clause citation")
        problems += [f"{where}: clause '{c}' is not in the clause index of docs/sources.md"
                     for c in cs if c not in index[0]]

    # Clauses cited in prose, comments and scenario files.
    scanned = 0
    for rel in tracked(root, ["docs", "models", "sim", "scenarios", "README.md"]):
        if rel == os.path.join("docs", "sources.md"):
            continue
        text = text_of(root, rel)
        if text is None:
            continue
        scanned += 1
        for n, line in enumerate(text.splitlines(), 1):
            for c in cited_clauses(line):
                if c not in index[0]:
                    problems.append(f"{rel}:{n}: clause '{c}' is not in the clause index of docs/sources.md")

    # No path to the inputs outside the repository.
    outside = []
    for rel in tracked(root, ["docs", "scripts", "models", "sim", "scenarios", "README.md"]):
        text = text_of(root, rel)
        if text is None:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line) and EXEMPT not in line.lower():
                outside.append(f"{rel}:{n}: refers outside the repository: {line.strip()}")
    problems += outside

    for p in problems:
        print(p)
    print(f"check_sources: {len(plist)} parameters, {len(tlist)} document targets, {scanned} files scanned for clauses; "
          f"index: {len(index[0])} clauses, {len(index[1])} brief sections, {len(index[2])} figures, "
          f"{len(index[3])} other sources; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
