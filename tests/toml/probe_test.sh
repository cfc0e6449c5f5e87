#!/usr/bin/env bash
# The TOML syntax check in front of an assertion-enabled toml++ 3.3 (toml_guard_probe):
#  1. each reproducer of tests/data/robustness really trips the unguarded parser (a signal:
#     an assertion in parser.inl, or TOML_UNREACHABLE trapped), so the check below is meaningful;
#  2. guarded, each is refused with FILE:LINE:COLUMN and the probe exits 0;
#  3. every shipped scenario and experiment passes the check and parses.
# Usage: probe_test.sh path/to/toml_guard_probe SOURCE_DIR
set -u
P=$1
SRC=$2
fail=0
bad() { echo "FAILED: $*"; fail=$((fail + 1)); }
for f in "$SRC"/tests/data/robustness/*.toml; do
  "$P" --unguarded "$f" >/dev/null 2>&1
  rc=$?
  [ "$rc" -ge 128 ] || bad "$f: the unguarded parser did not crash (exit $rc): the reproducer no longer shows the defect"
  out=$("$P" "$f")
  rc=$?
  [ "$rc" = 0 ] || bad "$f: guarded probe exit $rc"
  echo "$out" | grep -qE "^$f:[0-9]+:[0-9]+: " || bad "$f: no FILE:LINE:COLUMN message: $out"
done
for f in "$SRC"/scenarios/*.toml "$SRC"/scenarios/experiments/*.toml; do
  out=$("$P" "$f")
  case "$out" in "$f: parsed"*) ;; *) bad "$f: a shipped file is refused: $out" ;; esac
done
[ "$fail" = 0 ] && echo "probe_test: all passed"
[ "$fail" = 0 ]
