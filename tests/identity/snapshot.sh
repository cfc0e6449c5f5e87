#!/usr/bin/env bash
# Writes the result files that a change which must not move any result is checked
# against (tests/compare_h5.py): every shipped scenario to 2035 with 2 replicates,
# the shipped factorial experiment on a short horizon, and a city run (city:leshan,
# 2020) that exercises the province/city region builder.
# Usage: tests/identity/snapshot.sh GOVSIM_BINARY OUT_DIR
#        tests/identity/snapshot.sh --compare DIR_A DIR_B
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ "${1:-}" = "--compare" ]; then
  a="$2"; b="$3"; bad=0; n=0
  for f in "$a"/*.h5; do
    n=$((n + 1))
    if ! /usr/bin/python3 "$root/tests/compare_h5.py" "$f" "$b/$(basename "$f")" \
        --ignore-attrs started,finished,threads,ranks,resumed_runs,git_commit,command_line,govsim_version,build_type,milestones,headline,journal_key,kind; then
      echo "DIFFERS: $(basename "$f")"; bad=$((bad + 1))
    fi
  done
  echo "compared $n files: $((n - bad)) identical, $bad differ"
  exit $((bad > 0))
fi
bin="$(realpath "$1")"; out="$2"
mkdir -p "$out"; out="$(realpath "$out")"
tmp="/tmp/govsim-snapshot-inputs"; rm -rf "$tmp"; mkdir -p "$tmp"
for f in "$root"/scenarios/*.toml; do
  "$bin" run "$f" --replicates 2 --quiet --out "$out/$(basename "$f" .toml).h5" >/dev/null
done
cat > "$tmp/leshan.toml" <<T
[scenario]
extends = "$root/scenarios/default.toml"
region = "city:leshan"
end = "2020-12"
T
"$bin" run "$tmp/leshan.toml" --quiet --out "$out/city-leshan-2020.h5" >/dev/null
sed -e "s#^scenario = .*#scenario = \"$root/scenarios/baseline.toml\"#" -e 's#^end = .*#end = "2021-06"#' \
  -e 's#^replicates = .*#replicates = 2#' -e 's#^from = .*#from = "2021-01"#' "$root/scenarios/experiments/factorial-grid.toml" > "$tmp/factorial.toml"
"$bin" batch "$tmp/factorial.toml" --out "$out/experiment-factorial-2021.h5" >/dev/null
ls "$out"
