#!/usr/bin/env bash
# Formats every tracked C++ file with .clang-format (clang-format 14 from Debian).
# Usage: scripts/format.sh            rewrite the files in place
#        scripts/format.sh --check    list the files that differ and exit 1 (CI: ctest `format`)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format: clang-format is not installed (scripts/install-deps.sh)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find sim models tests bench -name '*.[ch]pp')
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then echo "not formatted: $f"; bad=$((bad + 1)); fi
  done
  echo "format: ${#files[@]} files checked, $bad not formatted (scripts/format.sh fixes them)"
  [ "$bad" -eq 0 ]
else
  clang-format -i "${files[@]}"
  echo "format: ${#files[@]} files formatted"
fi
