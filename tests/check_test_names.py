#!/usr/bin/env python3
"""No Catch2 test case name contains a character that breaks its registration with ctest.

catch_discover_tests passes each name through a CMake list and back to Catch2 as a test spec on the
command line. Refused, because one of those steps changes what the name selects:
  ;            splits the name into two CMake list items (two ctest tests that match nothing)
  [ ]          start a tag in a Catch2 spec, and suspend `;` splitting inside a CMake list
  ,            separates alternatives in a Catch2 spec (typed by hand it selects nothing)
  \\ "          escapes in a Catch2 spec and in CMake
  * $          a Catch2 wildcard; a CMake variable reference
  leading ~ - #, leading or trailing white space, control characters: exclusion, an option, a
               quoted listing, trimmed away
The names are read from the sources (TEST_CASE, TEST_CASE_METHOD, SCENARIO and their template
forms): a test case whose name is not a plain string literal is refused too.

Usage: check_test_names.py SOURCE_DIR [SOURCE_DIR ...]
"""
import pathlib
import re
import sys

FORBIDDEN = set(';[],\\"*$')
MACRO = re.compile(r"\b(TEST_CASE|TEST_CASE_METHOD|SCENARIO|TEMPLATE_TEST_CASE|TEMPLATE_PRODUCT_TEST_CASE)\s*\(")
LITERAL = re.compile(r'\s*"((?:[^"\\\n]|\\.)*)"')


def first_literal(text, pos, macro):
    """The name argument (adjacent literals joined), or None when it is not a string literal."""
    if macro == "TEST_CASE_METHOD":  # the fixture comes first
        comma = text.find(",", pos)
        pos = comma + 1 if comma >= 0 else pos
    parts = []
    while (m := LITERAL.match(text, pos)) is not None:
        parts.append(m.group(1))
        pos = m.end()
    return "".join(parts) if parts else None


def name_problem(name):
    bad = sorted(set(name) & FORBIDDEN)
    if bad:
        return "contains " + " ".join(repr(c) for c in bad)
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "contains a control character"
    if not name.strip():
        return "is empty"
    if name != name.strip():
        return "has leading or trailing white space"
    if name[0] in "~-#":
        return f"starts with {name[0]!r}"
    return None


def scan(paths):
    found, count = [], 0
    for path in sorted(p for d in paths for p in pathlib.Path(d).rglob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        for m in MACRO.finditer(text):
            if text[: m.start()].rsplit("\n", 1)[-1].lstrip().startswith(("//", "#define")):
                continue
            line = text.count("\n", 0, m.start()) + 1
            name = first_literal(text, m.end(), m.group(1))
            count += 1
            problem = "has a name that is not a string literal" if name is None else name_problem(name)
            if problem:
                found.append(f"{path}:{line}: test case {name!r} {problem}")
    return count, found


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    count, found = scan(sys.argv[1:])
    for f in found:
        print(f)
    print(f"test names: {count} test cases read, {len(found)} with a name that breaks registration")
    sys.exit(1 if found or count == 0 else 0)


if __name__ == "__main__":
    main()
