#!/usr/bin/env bash
# Installs the analysis package (analysis/: import govsim_analysis, command
# govsim-report) for Debian's /usr/bin/python3, from this checkout, offline.
# As root into /usr/local (govsim-report in /usr/local/bin); otherwise for the user
# (pip --user: ~/.local/bin, which is often not on PATH). It prints the real path of
# the installed govsim-report and, when its folder is not on PATH (or another
# govsim-report comes first), the exact `export PATH=...` line to add.
# Its dependencies are Debian packages (scripts/install-deps.sh).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
where=()
if [ "$(id -u)" -ne 0 ]; then where=(--user); fi

# Build from a scratch copy: the checkout is left untouched (it may be read-only to this user).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$repo/analysis" "$tmp/analysis"
rm -rf "$tmp/analysis/build" "$tmp"/analysis/*.egg-info
(cd "$tmp" && /usr/bin/python3 -m pip install --quiet --no-deps --no-build-isolation --no-index \
  --break-system-packages --root-user-action=ignore --no-warn-script-location "${where[@]}" ./analysis)

# Where the command went, from the installed package's own record of its files.
exe="$(/usr/bin/python3 - <<'PY'
import importlib.metadata as md
import os
d = md.distribution("govsim-analysis")
print(next((os.path.realpath(d.locate_file(f)) for f in d.files or [] if os.path.basename(str(f)) == "govsim-report"), ""))
PY
)"
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
  echo "install-analysis: installed, but govsim-report was not found among the installed files" >&2
  exit 1
fi
dir="$(dirname "$exe")"
echo "install-analysis: govsim_analysis and govsim-report ($exe)"
case ":$PATH:" in
  *":$dir:"*)
    found="$(command -v govsim-report || true)"
    if [ -n "$found" ] && [ "$(realpath "$found")" != "$exe" ]; then
      echo "install-analysis: but 'govsim-report' on your PATH is $found, which comes first; put $dir before it:"
      echo "  export PATH=\"$dir:\$PATH\""
    fi
    ;;
  *)
    echo "install-analysis: $dir is not on your PATH; to run govsim-report by name, add this line to ~/.profile (or run it now):"
    echo "  export PATH=\"$dir:\$PATH\""
    ;;
esac
