#!/usr/bin/env python3
"""Every Catch2 test case is registered with ctest exactly once, under its own name, and runs.

catch_discover_tests turns the lines of `govsim_tests --list-test-names-only` into ctest tests. A
name that does not survive that trip (a `;` splits it into two CMake list items, each a test spec
that matches nothing) used to become tests that "passed" without running anything. This check
compares the two lists (ctest --show-only=json-v1 against the binary's own), then asks the binary
which test cases each registered command line selects: exactly one, the one it is named after.
It also requires `-w NoTests` on every registered command, so a spec that matches nothing fails,
and of every ctest test (Catch2 or not) a TIMEOUT and exactly one tier label, fast or slow
(tests/tiers.cmake).

Usage: check_test_registration.py GOVSIM_TESTS CTEST TEST_BINARY_DIR
"""
import collections
import json
import os
import subprocess
import sys


def catch_names(binary, *spec):
    out = subprocess.run([binary, *spec, "--list-test-names-only"], capture_output=True, text=True, check=False)
    return [line for line in out.stdout.splitlines() if line.strip()]


def all_tests(ctest, build_dir):
    out = subprocess.run([ctest, "--show-only=json-v1"], cwd=build_dir, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["tests"]


def registered(tests, binary):
    real = os.path.realpath(binary)
    return [(t["name"], t["command"][1:]) for t in tests
            if t.get("command") and os.path.realpath(t["command"][0]) == real]


def tier_problems(tests):
    found = []
    for t in tests:
        props = {p["name"]: p["value"] for p in t.get("properties", [])}
        if not props.get("TIMEOUT", 0) > 0:
            found.append(f"no TIMEOUT: {t['name']!r}")
        tiers = [label for label in props.get("LABELS", []) if label in ("fast", "slow")]
        if len(tiers) != 1:
            found.append(f"not in exactly one tier (fast or slow): {t['name']!r} has labels {props.get('LABELS', [])}")
    return found


def problems(binary, ctest, build_dir):
    cases = catch_names(binary)
    tests = all_tests(ctest, build_dir)
    regs = registered(tests, binary)
    found = tier_problems(tests)
    if not cases:
        found.append("the test binary lists no test cases")
    if len(regs) != len(cases):
        found.append(f"{len(cases)} Catch2 test cases but ctest registers {len(regs)} Catch2 tests")
    names = collections.Counter(name for name, _ in regs)
    found += [f"not registered under its own name: {c!r}" for c in cases if names[c] == 0]
    found += [f"registered {n} times: {c!r}" for c, n in names.items() if n > 1]
    for name, args in regs:
        if "-w" not in args or args[args.index("-w") + 1:args.index("-w") + 2] != ["NoTests"]:
            found.append(f"registered without -w NoTests: {name!r}")
        spec = [a for a in args[:1] if a and not a.startswith("-")]
        selected = catch_names(binary, *spec) if spec else []
        if selected != [name]:
            found.append(f"ctest test {name!r} runs {selected!r}, not exactly itself")
    return cases, regs, found


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, ctest, build_dir = sys.argv[1:]
    cases, regs, found = problems(binary, ctest, build_dir)
    for p in found:
        print("registration:", p)
    print(f"registration: {len(cases)} Catch2 test cases, {len(regs)} registered with ctest, {len(found)} problems")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
