#!/usr/bin/env bash
# Installs the analysis package (analysis/: import govsim_analysis, command
# govsim-report) for Debian's /usr/bin/python3, from this checkout, offline.
# As root into /usr/local (govsim-report in /usr/local/bin); otherwise for the user
# (~/.local/bin). Its dependencies are Debian packages (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
where=()
if [ "$(id -u)" -ne 0 ]; then where=(--user); fi
/usr/bin/python3 -m pip install --quiet --no-deps --no-build-isolation --no-index --break-system-packages \
  --root-user-action=ignore "${where[@]}" ./analysis
rm -rf analysis/build analysis/*.egg-info
echo "install-analysis: govsim_analysis and govsim-report ($(command -v govsim-report || echo "~/.local/bin/govsim-report"))"
