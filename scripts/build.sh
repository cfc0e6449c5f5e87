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
# bash completion (subcommands and options): system-wide as root, else say what to source
if [ "$(id -u)" -eq 0 ] && [ -d /usr/share/bash-completion/completions ]; then
  install -m 644 scripts/govsim-completion.bash /usr/share/bash-completion/completions/govsim
  echo "build: bash completion installed (/usr/share/bash-completion/completions/govsim; new shells)"
else
  echo "build: for bash completion of govsim, add to ~/.bashrc: source $(pwd)/scripts/govsim-completion.bash"
fi
