#!/usr/bin/env bash
# Installs the Debian packages (if missing) and builds govsim into build/ (Release).
# Usage: scripts/build.sh [cmake --build target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGOVSIM_BUILD_TESTS=ON >/dev/null
if [ $# -gt 0 ]; then
  for t in "$@"; do cmake --build build -j "$jobs" --target "$t"; done
else
  cmake --build build -j "$jobs"
fi
scripts/install-analysis.sh
