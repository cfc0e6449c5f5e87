#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the
# embedded default county (2020-2035). Prints the headline indicators at 2025 and
# 2035 and the path of the HDF5 file. Extra arguments go to `govsim run`, e.g.
#   scripts/run.sh scenarios/grid-300.toml --replicates 4
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh govsim >/dev/null
exec build/govsim run "$@"
