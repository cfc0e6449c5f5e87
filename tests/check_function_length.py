#!/usr/bin/python3
"""Lists every C++ function body longer than a limit (100 lines) in sim/ and models/.

Usage: check_function_length.py [--root DIR] [--max N] [--only sim/cli,sim/config,...]

Exit status 1 if any function is longer than the limit, 0 otherwise. With --only,
just the listed folders (relative to the root) are checked; without it, sim/ and
models/ are.

The heuristic (a scan, not a C++ parser):
  * comments, string and character literals (raw strings included) and
    preprocessor lines are blanked out first, keeping the line structure;
  * a `{` opens a function body when the text before it (back to the previous
    `;`, `{` or `}`) ends in `)` -- optionally followed by const, noexcept,
    override, final, mutable, a trailing return type `-> T` or a constructor's
    initialiser list -- and does not start with a control keyword (if, for,
    while, switch, catch, do, else) and is not an initialiser (`= {`);
  * a body is matched to its closing `}` by counting braces; braces inside it
    (blocks, lambdas, local classes) belong to that function, so a lambda
    counts towards the function that holds it, while functions inside class or
    namespace bodies are found on their own;
  * a body's length is the number of lines from its opening brace to its
    closing brace, both included. A lambda or initialiser at namespace scope
    whose header ends in `)` counts as a function too.
"""
import argparse
import os
import re
import sys

EXTENSIONS = (".cpp", ".cc", ".hpp", ".h")
CONTROL = {"if", "for", "while", "switch", "catch", "do", "else", "return"}
TAIL = re.compile(r"\)\s*(?:(?:const|noexcept|override|final|mutable|&|&&)\s*)*"
                  r"(?:->\s*[\w:<>,\s*&]+)?\s*$")
NAME = re.compile(r"([~\w:<>]+|operator\s*[^\s(]+)\s*\($")


def blank(text):
    """Comments, literals and preprocessor lines replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            # a preprocessor directive, with its continuation lines
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        if c == "\n":
            out.append(c)
            line_start = True
            i += 1
            continue
        if c in " \t":
            out.append(c)
            i += 1
            continue
        line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                out.append(" ")
                i += 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator: 1'000'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + c if j - i >= 2 else " ")
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strip_init_braces(header):
    """A constructor's initialiser list may hold a{b} members: drop balanced {...} groups."""
    prev = None
    while prev != header:
        prev = header
        header = re.sub(r"\{[^{}]*\}", "", header)
    return header


def is_function_header(header):
    h = " ".join(header.split())
    if not h or h.endswith("="):
        return False
    first = re.match(r"[A-Za-z_]\w*", h)
    if first and first.group(0) in CONTROL:
        return False
    if re.match(r"(?:template\s*<.*>\s*)?(?:namespace|class|struct|union|enum)\b", h) and not h.endswith(")"):
        return False
    # a constructor's initialiser list: the header is `Name(args) : member(x), ...`
    m = re.match(r"(.*?\))\s*:(?!:)(.*)$", h)
    if m and TAIL.search(m.group(1)) and not m.group(1).endswith("?"):
        return bool(re.search(r"\)\s*$", m.group(2)) or m.group(2).strip() == "")
    if not TAIL.search(h):
        return False
    # `x = f(...) {` or `return g(...) {` are not definitions
    before_paren = h[: h.find("(")] if "(" in h else h
    if re.search(r"(?<![=!<>])=(?!=)", before_paren):
        return False
    return True


def function_name(header):
    h = " ".join(header.split())
    m = re.match(r"(.*?\))\s*:(?!:)", h)  # a constructor: the name is before its initialiser list
    if m:
        h = m.group(1)
    depth = 0
    # find the '(' that opens the parameter list: the first at depth 0 scanning from the right
    close = h.rfind(")")
    for k in range(close, -1, -1):
        if h[k] == ")":
            depth += 1
        elif h[k] == "(":
            depth -= 1
            if depth == 0:
                m = NAME.search(h[: k + 1])
                return m.group(1) if m else h[:k].split()[-1] if h[:k].split() else "(lambda)"
    return h[:60]


def long_functions(path, limit):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank(f.read())
    found = []
    stack = []  # for each open brace: None (not a function), or (start_line, name)
    in_function = 0
    header_start = 0
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        elif c == "{":
            header = text[header_start:i]
            if in_function == 0 and is_function_header(strip_init_braces(header)):
                stack.append((line, function_name(strip_init_braces(header))))
                in_function += 1
            elif in_function:
                stack.append(None)
            else:
                # inside a namespace/class body, or an initialiser: look at what is inside separately
                if header.rstrip().endswith("=") or re.search(r"\w\s*$", header) and not re.search(
                        r"\b(namespace|class|struct|union|enum)\b", header):
                    stack.append("init")
                    in_function += 1  # an aggregate initialiser: no functions inside
                else:
                    stack.append(None)
            header_start = i + 1
        elif c == "}":
            top = stack.pop() if stack else None
            if isinstance(top, tuple):
                in_function -= 1
                length = line - top[0] + 1
                if length > limit:
                    found.append((top[0], line, length, top[1]))
            elif top == "init":
                in_function -= 1
            header_start = i + 1
        elif c == ";":
            header_start = i + 1
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--root", default=os.path.dirname(here), help="the repository (default: above tests/)")
    ap.add_argument("--max", type=int, default=100, help="the longest body allowed, in lines (default 100)")
    ap.add_argument("--only", default="", help="comma-separated folders to check (default: sim,models)")
    args = ap.parse_args()
    folders = [f.strip().rstrip("/") for f in args.only.split(",") if f.strip()] or ["sim", "models"]
    bad = 0
    checked = 0
    for folder in folders:
        top = os.path.join(args.root, folder)
        if not os.path.isdir(top):
            print(f"check_function_length: no folder {folder}", file=sys.stderr)
            return 2
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(dirpath, name)
                checked += 1
                for start, end, length, fname in long_functions(path, args.max):
                    rel = os.path.relpath(path, args.root)
                    print(f"{rel}:{start}: {fname}: {length} lines (lines {start}-{end}; at most {args.max})")
                    bad += 1
    print(f"{checked} file(s) in {', '.join(folders)}: {bad} function(s) longer than {args.max} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
