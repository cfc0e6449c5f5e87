#!/usr/bin/env bash
# libFuzzer harnesses of tests/fuzz (issue 19; docs/reliability.md, "Fuzzing and sanitizers").
#   scripts/fuzz.sh [SECONDS] [HARNESS...]   build build-asan/ (clang, ASan + UBSan, -DGOVSIM_FUZZ=ON) and
#                                            run each harness SECONDS (default 60) from its seed corpus
# Seeds: the shipped files each harness reads (scenarios, experiments, region tables) plus
# tests/fuzz/corpus/HARNESS/; what the fuzzer adds goes to build-asan/fuzz/corpus/HARNESS/
# (kept between runs), a crash, leak, timeout or oversized allocation to build-asan/fuzz/findings/.
# Prints each harness's executions and rate; exits 1 if any harness found something.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all=(fuzz_scenario fuzz_experiment fuzz_set fuzz_region_csv fuzz_result_file fuzz_journal fuzz_toml_parser)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
command -v clang++ >/dev/null || { echo "fuzz: clang++ is not installed (scripts/install-deps.sh)" >&2; exit 1; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
dir=build-asan
if [ -z "${GOVSIM_FUZZ_NO_BUILD:-}" ]; then  # set it to run what build-asan/ already holds
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
    "${launcher[@]}" -DGOVSIM_SANITIZE=address,undefined -DGOVSIM_MPI=OFF -DGOVSIM_FUZZ=ON >/dev/null
  nice cmake --build "$dir" -j "${GOVSIM_SANITIZE_JOBS:-2}" --target "${harnesses[@]}"
fi
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
found=0
printf '%-18s %10s %9s %8s  %s\n' harness executions "per s" seconds result
for h in "${harnesses[@]}"; do
  corpus=$dir/fuzz/corpus/$h
  findings=$dir/fuzz/findings/$h
  mkdir -p "$corpus" "$findings"
  seeds=()
  [ -d "tests/fuzz/corpus/$h" ] && seeds+=("tests/fuzz/corpus/$h")
  case $h in
    fuzz_scenario) seeds+=(scenarios tests/data/robustness) ;;
    fuzz_experiment) seeds+=(scenarios/experiments) ;;
    fuzz_toml_parser) seeds+=(scenarios scenarios/experiments tests/data/robustness) ;;
  esac
  if [ "$h" = fuzz_region_csv ]; then  # first byte: the table (0 default county, 1 Sichuan counties)
    { printf '\0'; cat scenarios/data/default-county.csv; } >"$corpus/seed-default-county"
    { printf '\1'; cat scenarios/data/sichuan-counties.csv; } >"$corpus/seed-sichuan-counties"
  fi
  extra=()
  # libhdf5 1.10.8 leaks on its own error paths with damaged files (LeakSanitizer: direct leaks
  # allocated inside libhdf5); govsim's handles are closed by RAII on every path
  [ "$h" = fuzz_result_file ] && extra+=(-detect_leaks=0)
  log=$dir/fuzz/$h.log
  set +e
  # -malloc_limit_mb: one allocation over 512 MB is a finding (an allocation sized by the input)
  nice "$dir/tests/fuzz/$h" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=512 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" "${extra[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  if [ "$rc" = 0 ]; then result=clean; else result="FOUND (exit $rc): $(ls "$findings" | head -3 | tr '\n' ' ')see $log"; found=1; fi
  printf '%-18s %10s %9s %8s  %s\n' "$h" "${execs:-0}" "${rate:-0}" "$seconds" "$result"
done
exit $found
