#!/usr/bin/env bash
# End-to-end checks of the govsim command line: exit codes, messages, and that
# nothing half-written is ever left behind.
# Usage: cli_test.sh path/to/govsim WORKDIR
set -u
GOVSIM=$1
W=$2
rm -rf "$W" && mkdir -p "$W"
cd "$W"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAILED: $*"; fail=$((fail + 1)); }
expect_code() {  # expect_code CODE DESCRIPTION -- command...
  local want=$1 what=$2
  shift 3
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, expected $want"; cat err.txt; fi
}
expect_in() {  # expect_in FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; cat "$1"; fi
}

cat >short.toml <<'T'
[scenario]
title = "short"
start = "2020-01"
end = "2020-06"
spinup_months = 2
seed = 3
[grid]
households_per_worker = { 2020 = 500, "2020-04" = 300 }
T

# help for every subcommand
for c in run validate params info schedule docs library batch; do
  expect_code 0 "$c --help" -- "$GOVSIM" "$c" --help
  expect_in out.txt "usage: govsim $c" "$c --help"
done
expect_code 2 "no command" -- "$GOVSIM"
expect_code 2 "unknown command" -- "$GOVSIM" frobnicate
expect_code 2 "unknown option" -- "$GOVSIM" run --frobnicate
expect_in err.txt "unrecognised option" "unknown option message"

# params lists every parameter with source
expect_code 0 "params" -- "$GOVSIM" params
expect_in out.txt "grid.households_per_worker  (lever)" "params lists levers"
expect_in out.txt "source: 001 §36-37" "params shows sources"

# validate: good and bad files
expect_code 0 "validate short" -- "$GOVSIM" validate short.toml
expect_in out.txt "short.toml: valid" "validate message"
printf '[scenario]\ntitle = "x"\n[grid]\nhouseholds_per_worker = 20\n' >bad.toml
expect_code 2 "validate out of range" -- "$GOVSIM" validate bad.toml
expect_in err.txt "bad.toml:4:25: grid.households_per_worker: value 20 is outside the allowed range [50, 5000]" "range error names file, line, column, parameter, range"
printf '[scenario]\nregion = "atlantis"\n' >region.toml
expect_code 2 "unknown region" -- "$GOVSIM" validate region.toml
expect_in err.txt 'unknown region "atlantis" (known: default, county:NAME, city:NAME, province:NAME)' "unknown region message"

printf '[scenario]\nregion = "city:atlantis"\n' >city.toml
expect_code 2 "unknown city" -- "$GOVSIM" validate city.toml
expect_in err.txt 'unknown region "city:atlantis"' "unknown city message"
printf '[scenario]\nregion = "city:leshan"\n' >leshan.toml
expect_code 0 "a known city validates" -- "$GOVSIM" validate leshan.toml

# run: writes the file, prints the table and the path
expect_code 0 "run short" -- "$GOVSIM" run short.toml --out res/short.h5 --threads 2 --replicates 2
[ -f res/short.h5 ] && ok || bad "run did not write res/short.h5"
expect_in out.txt "wrote $W/res/short.h5" "run prints the absolute path"
expect_in out.txt "mean adult satisfaction" "run prints the headline table"
[ -z "$(ls res | grep -v '^short.h5$')" ] && ok || bad "temporary files left in res/: $(ls res)"
# quiet when stderr is not a terminal: no progress bar
[ ! -s err.txt ] && ok || bad "stderr not quiet when not a terminal: $(cat err.txt)"

# info
expect_code 0 "info" -- "$GOVSIM" info res/short.h5
expect_in out.txt "seed         3, replicates 2" "info shows seed and replicates"
expect_in out.txt "satisfaction_mean_by_unit" "info lists datasets"
expect_code 1 "info on a non-result" -- "$GOVSIM" info short.toml
expect_in err.txt "not an HDF5 file" "info refuses other files"

# a malformed scenario: exit 2 and no output file
expect_code 2 "run a malformed scenario" -- "$GOVSIM" run bad.toml --out res/bad.h5
expect_in err.txt "bad.toml:4:25" "run names the file, line and column"
[ ! -e res/bad.h5 ] && ok || bad "a malformed scenario left res/bad.h5"
printf '[scenario]\nextends = "loop2.toml"\n' >loop1.toml
printf '[scenario]\nextends = "loop1.toml"\n' >loop2.toml
expect_code 2 "circular extends" -- "$GOVSIM" run loop1.toml --out res/bad.h5
expect_in err.txt "circular extends" "circular extends is named"
[ ! -e res/bad.h5 ] && ok || bad "a circular scenario left res/bad.h5"
expect_code 2 "bad --end" -- "$GOVSIM" run short.toml --out res/bad.h5 --end 2019-12
expect_in err.txt "--end 2019-12: before the scenario starts" "bad --end is named"

# bad --set: error, exit 2, no output file
expect_code 2 "bad --set" -- "$GOVSIM" run short.toml --out res/bad.h5 --set grid.households_per_worker=1
expect_in err.txt "--set grid.households_per_worker=1" "bad --set is named"
[ ! -e res/bad.h5 ] && ok || bad "a failed run left res/bad.h5"
expect_code 2 "bad --seed" -- "$GOVSIM" run short.toml --out res/bad.h5 --seed 99999999999
[ ! -e res/bad.h5 ] && ok || bad "a failed run left res/bad.h5"

# an interrupted run leaves nothing that looks like a finished file
"$GOVSIM" run --out res/killed.h5 --replicates 50 --threads 1 >/dev/null 2>&1 &
pid=$!
sleep 1
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
[ ! -e res/killed.h5 ] && ok || bad "a killed run left res/killed.h5"

# document targets at the end of a run: those of the scenario's documents only
cat >targets.toml <<'T'
[scenario]
title = "targets"
start = "2020-01"
end = "2021-12"
spinup_months = 2
documents = ["001 §2", "001 §17"]
[committee]
yijianti_target_village = { 2020 = 0.384, "2020-12" = 1.0 }
T
expect_code 0 "run with documents" -- "$GOVSIM" run targets.toml --out res/targets.h5
expect_in out.txt "Document targets (001;" "targets table names the documents"
expect_in out.txt "yes (1/1 replicates, at 2020-12)" "the 一肩挑 target is met by its date"
expect_in out.txt "not judged: 2022-12 is outside the run" "targets beyond the period are not judged"
if grep -q "004 §" out.txt; then bad "targets of a document the scenario does not list"; else ok; fi
expect_code 0 "run without documents" -- "$GOVSIM" run short.toml --out res/short2.h5
expect_in out.txt "Document targets: none" "no documents, no targets"

# the library: exactly one baseline; levers only without running
mkdir -p lib
cp short.toml lib/a.toml
expect_code 1 "library without a baseline" -- "$GOVSIM" library lib --levers-only
expect_in err.txt 'exactly one scenario with kind = "baseline" (found 0)' "library names the missing baseline"
printf '[scenario]\ntitle = "b"\nkind = "baseline"\n[grid]\nhouseholds_per_worker = 400\n' >lib/b.toml
expect_code 0 "library levers only" -- "$GOVSIM" library lib --levers-only
expect_in out.txt '| `grid.households_per_worker` | households per worker | 400 | 500; 2020-04: 300 |' "lever table"

# schedule and docs
expect_code 0 "schedule" -- "$GOVSIM" schedule
expect_in out.txt "ladder.township" "schedule lists steps"
# ... exactly the list of models/schedule.cpp: the same step names in the same order
SCHEDULE_CPP="$(dirname "$0")/../models/schedule.cpp"
if [ -n "${GOVSIM_SOURCE_DIR:-}" ]; then SCHEDULE_CPP="$GOVSIM_SOURCE_DIR/models/schedule.cpp"; fi
listed=$(grep -o '"[a-z_]*\.[a-z_]*"' "$SCHEDULE_CPP" | tr -d '"' | tr '\n' ' ')
printed=$(sed -n 's/^ *[0-9]*\. \([a-z_]*\.[a-z_]*\) .*/\1/p' out.txt | tr '\n' ' ')
if [ -n "$listed" ] && [ "$listed" = "$printed" ]; then ok; else bad "schedule: printed '$printed', models/schedule.cpp lists '$listed'"; fi
init_listed=$(sed -n '/initialisation, after/,/},/p' "$SCHEDULE_CPP" | grep -o '"[a-z_]*"' | tr -d '"' | tr '\n' ' ')
init_printed=$(sed -n 's/^initialisation: //p' out.txt)
if [ "${init_listed% }" = "$init_printed" ]; then ok; else bad "schedule init: printed '$init_printed', listed '$init_listed'"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
