#!/usr/bin/env bash
# Batch throughput: the Latin-hypercube sweep scenarios/experiments/lhs-levers.toml
# (default county, 2020-2025 plus 24 spin-up months, 5 factors, 2 replicates per run).
#
#   bench/bench_batch.sh [THREADS ...]          (default: 1 and all cores)
#   SAMPLES=40 bench/bench_batch.sh 1 2         (a smaller sweep: same design, fewer runs)
#   RANKS=2 bench/bench_batch.sh 1              (mpirun -n 2, 1 thread each)
#
# Prints, per configuration: runs, wall time, runs per minute, and
# resident-months per second (residents x simulated months x replicates / wall).
set -euo pipefail
cd "$(dirname "$0")/.."
GOVSIM=${GOVSIM:-build/govsim}
SAMPLES=${SAMPLES:-200}
RANKS=${RANKS:-1}
[ $# -gt 0 ] || set -- 1 "$(nproc)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s/^samples = .*/samples = $SAMPLES/" -e "s|^scenario = .*|scenario = \"$PWD/scenarios/baseline.toml\"|" \
  scenarios/experiments/lhs-levers.toml >"$work/exp.toml"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for t in "$@"; do
  prefix=()
  if [ "$RANKS" -gt 1 ]; then prefix=(mpirun --allow-run-as-root --oversubscribe -n "$RANKS"); fi
  start=$(date +%s.%N)
  "${prefix[@]}" "$GOVSIM" batch "$work/exp.toml" --out "$work/out-$t.h5" --threads "$t" -q >/dev/null
  end=$(date +%s.%N)
  /usr/bin/python3 - "$work/out-$t.h5" "$start" "$end" "$t" "$RANKS" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
wall = float(sys.argv[3]) - float(sys.argv[2])
runs, reps = int(f.attrs["runs"]), int(f.attrs["replicates"])
months = f["month"].shape[0] + int(f.attrs["spinup_months"])
rm = float(f.attrs["residents_at_start"]) * months * reps * runs
print(f"ranks {sys.argv[5]} x threads {sys.argv[4]}: {runs} runs x {reps} replicates in {wall:.1f} s = "
      f"{60 * runs / wall:.1f} runs/min, {rm / wall:.2e} resident-months/s")
PY
done
