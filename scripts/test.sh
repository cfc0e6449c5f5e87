#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test (Catch2
# unit and behaviour tests, the command line end to end, the docs check, and
# the Python readers of the output) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"
