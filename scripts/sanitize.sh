#!/usr/bin/env bash
# The sanitizer tier (issue 19; docs/reliability.md, "Fuzzing and sanitizers").
#   scripts/sanitize.sh address [CTEST_REGEX]   build-asan/: clang, -DGOVSIM_SANITIZE=address,undefined;
#                                               runs the Catch2 suite and the CLI tests under ASan + UBSan + LSan
#   scripts/sanitize.sh cli                     the same build, only govsim and the command-line tests
#                                               (no Catch2 binary: about half the build; the CI subset)
#   scripts/sanitize.sh thread [CTEST_REGEX]    build-tsan/: -DGOVSIM_SANITIZE=thread; runs the multi-threaded
#                                               determinism tests under TSan (tests/sanitize/tsan.supp)
# Any report halts the test that made it (halt_on_error, no recovery), so ctest fails.
# CTEST_REGEX narrows the tests (default: the tier's selection below). GOVSIM_SANITIZE_JOBS: build jobs (2).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-address}
jobs=${GOVSIM_SANITIZE_JOBS:-2}
cxx=$(command -v clang++ || command -v g++)
cc=$(command -v clang || command -v gcc)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
targets=(govsim govsim_tests toml_guard_probe)
case "$kind" in
  address)
    dir=build-asan
    flags=address,undefined
    # every Catch2 test and the command line end to end; not the checks that run no govsim code
    # (format, function length, sources, boundary probes) nor the Python and notebook tiers
    # (minutes of interpreter time, and Python's own allocations are not ours to check)
    select=${2:-'^(cli_|toml_guard|tallies)|^[a-z].* .*'}
    exclude='^(python_output|notebooks_execute|install_analysis_non_root|library_behaviour|format|function_length|sources_resolve|boundary_)'
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0"
    ;;
  cli)
    dir=build-asan
    flags=address,undefined
    targets=(govsim toml_guard_probe)
    select=${2:-'^(cli_|toml_guard)'}
    exclude='^$'
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0"
    ;;
  thread)
    dir=build-tsan
    flags=thread
    select=${2:-'determinism|bit-identical|thread'}
    exclude='^$'
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/sanitize/tsan.supp"
    ;;
  *)
    echo "usage: scripts/sanitize.sh address|cli|thread [CTEST_REGEX]" >&2
    exit 2
    ;;
esac
start=$(date +%s)
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" \
  "${launcher[@]}" -DGOVSIM_SANITIZE="$flags" -DGOVSIM_MPI=OFF >/dev/null
nice cmake --build "$dir" -j "$jobs" --target "${targets[@]}"
built=$(date +%s)
# a test that fails under a sanitizer prints the report (ctest --output-on-failure)
ctest --test-dir "$dir" --output-on-failure -j "$jobs" -R "$select" -E "$exclude"
echo "sanitize $kind: build $((built - start)) s, tests $(($(date +%s) - built)) s"
