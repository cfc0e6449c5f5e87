#!/usr/bin/env bash
# End-to-end checks of the govsim command line: exit codes, messages, and that
# nothing half-written is ever left behind.
# Usage: cli_test.sh path/to/govsim WORKDIR
set -u
GOVSIM=$1
W=$2
HERE="$(cd "$(dirname "$0")" && pwd)"
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
for c in run validate params info schedule docs library batch export; do
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
# ... with each indicator's kind: outcome, or input (grid_worker_pay is the lever grid.pay)
grep -Eq '^ +grid_worker_pay +\([0-9, ]+\) +yuan per month +input +grid-worker pay$' out.txt && ok || bad "info shows an input's kind: $(grep grid_worker_pay out.txt)"
grep -Eq '^ +satisfaction_mean +\([0-9, ]+\) +index 0-1 +outcome +mean adult satisfaction$' out.txt && ok || bad "info shows an outcome's kind: $(grep 'satisfaction_mean ' out.txt)"
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

# an interrupted run leaves nothing that looks like a finished file: killed (kill -9) in the middle of
# writing its HDF5 file (the test hook GOVSIM_CRASH_AT pauses it there), it dies by SIGKILL and leaves
# no res/killed.h5; the next run to that path removes the dead run's partial file
GOVSIM_CRASH_AT=run.write:pause "$GOVSIM" run short.toml --out res/killed.h5 --threads 1 >/dev/null 2>pause.txt &
pid=$!
for _ in $(seq 1 600); do
  grep -q "paused at" pause.txt && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
expect_in pause.txt "govsim: paused at run.write (pid $pid)" "the run reached the middle of its HDF5 write"
[ -s "res/killed.h5.partial-$pid" ] && ok || bad "no partial file being written when the run was killed"
kill -KILL $pid 2>/dev/null
wait $pid
status=$?
[ "$status" = 137 ] && ok || bad "the killed run exited $status, not 137 (SIGKILL)"
[ ! -e res/killed.h5 ] && ok || bad "a killed run left res/killed.h5"
expect_code 0 "a run to the path of a killed one" -- "$GOVSIM" run short.toml --out res/killed.h5 --quiet
[ -z "$(ls res | grep partial)" ] && ok || bad "the dead run's partial file is still there: $(ls res)"

# document targets at the end of a run: those of the scenario's documents only
cat >targets.toml <<'T'
[scenario]
title = "targets"
start = "2020-01"
end = "2021-12"
spinup_months = 2
documents = ["001 §2", "001 §17"]
[committee]
yijianti_nomination_village = 1.0
T
expect_code 0 "run with documents" -- "$GOVSIM" run targets.toml --out res/targets.h5
expect_in out.txt "Document targets (001;" "targets table names the documents"
expect_in out.txt "no (0/1 replicates, at 2020-12)" "the 一肩挑 target is missed: full nomination needs an election (March 2021)"
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
expect_code 2 "library --out and --check" -- "$GOVSIM" library lib --out x.md --check y.md
expect_in err.txt "--out and --check: give one of them" "library refuses --out with --check"
expect_code 2 "library with one replicate" -- "$GOVSIM" library lib --replicates 1 --out x.md
expect_in err.txt "--replicates: allowed range [2, 1000]" "paired intervals need two replicates"
[ ! -e x.md ] && ok || bad "a refused library command wrote x.md"

# docs --check: a warning for each document target judged on an input indicator, then their count
DOCS="$HERE/../docs"
if [ -n "${GOVSIM_SOURCE_DIR:-}" ]; then DOCS="$GOVSIM_SOURCE_DIR/docs"; fi
expect_code 0 "docs --check" -- "$GOVSIM" docs --check --dir "$DOCS"
n_warn=$(grep -c '^warning: target .* is judged on `[a-z_0-9]*`, an input indicator' err.txt)
n_all=$(grep -c '^warning: ' err.txt)
if { [ "$n_warn" = 0 ] && [ "$n_all" = 0 ]; } || { [ "$n_all" = $((n_warn + 1)) ] && grep -q "^warning: $n_warn of [0-9]* document targets are judged on input indicators$" err.txt; }; then ok; else bad "docs --check warnings: $(cat err.txt)"; fi

# schedule and docs
expect_code 0 "schedule" -- "$GOVSIM" schedule
expect_in out.txt "ladder.township" "schedule lists steps"
# ... exactly the list of models/schedule.cpp: the same step names in the same order
SCHEDULE_CPP="$HERE/../models/schedule.cpp"
if [ -n "${GOVSIM_SOURCE_DIR:-}" ]; then SCHEDULE_CPP="$GOVSIM_SOURCE_DIR/models/schedule.cpp"; fi
listed=$(grep -o '"[a-z_]*\.[a-z_]*"' "$SCHEDULE_CPP" | tr -d '"' | tr '\n' ' ')
printed=$(sed -n 's/^ *[0-9]*\. \([a-z_]*\.[a-z_]*\) .*/\1/p' out.txt | tr '\n' ' ')
if [ -n "$listed" ] && [ "$listed" = "$printed" ]; then ok; else bad "schedule: printed '$printed', models/schedule.cpp lists '$listed'"; fi
init_listed=$(sed -n '/initialisation, after/,/},/p' "$SCHEDULE_CPP" | grep -o '"[a-z_]*"' | tr -d '"' | tr '\n' ' ')
init_printed=$(sed -n 's/^initialisation: //p' out.txt)
if [ "${init_listed% }" = "$init_printed" ]; then ok; else bad "schedule init: printed '$init_printed', listed '$init_listed'"; fi

# no option-prefix guessing: --replicate is not --replicates (exit 2, the nearest option named)
for c in run batch; do
  expect_code 2 "$c --replicate (a prefix)" -- "$GOVSIM" $c short.toml --replicate 3 --out res/guess.h5
  expect_in err.txt "unrecognised option '--replicate' (did you mean --replicates?)" "$c names the nearest option"
done
[ ! -e res/guess.h5 ] && ok || bad "a guessed option ran and wrote res/guess.h5"
expect_code 2 "params --lev (a prefix)" -- "$GOVSIM" params --lev
expect_in err.txt "did you mean --levers?" "params names the nearest option"

# a period past 2035 (the documents' horizon) warns on stderr, and still runs
expect_code 0 "run to 2036" -- "$GOVSIM" run short.toml --end 2036-02 --out res/late.h5 --quiet
expect_in err.txt "warning: --end: the period runs to 2036-02, past 2035-12" "a period past 2035 warns"
expect_code 0 "run to 2035" -- "$GOVSIM" run short.toml --end 2035-12 --out res/late.h5 --quiet
[ ! -s err.txt ] && ok || bad "a period ending 2035-12 warned: $(cat err.txt)"

# params --json: every parameter, machine-readable
expect_code 0 "params --json" -- "$GOVSIM" params --json
n_text=$("$GOVSIM" params | grep -c '^  source: ')
if /usr/bin/python3 - out.txt "$n_text" <<'PY'; then ok; else bad "params --json"; fi
import json, sys
ps = json.load(open(sys.argv[1]))
assert len(ps) == int(sys.argv[2]) > 200, (len(ps), sys.argv[2])
keys = {"name", "mechanism", "type", "default", "unit", "range", "description", "source", "lever"}
assert all(set(p) == keys for p in ps)
hpw = next(p for p in ps if p["name"] == "grid.households_per_worker")
assert hpw["default"] == 500 and hpw["range"] == [50, 5000] and hpw["lever"] is True, hpw
assert hpw["unit"] == "households per worker" and "001" in hpw["source"], hpw
assert [p["name"] for p in ps] == sorted(p["name"] for p in ps)
PY
expect_code 0 "params --json --levers" -- "$GOVSIM" params --json --levers
/usr/bin/python3 -c "import json,sys; ps=json.load(open('out.txt')); assert ps and all(p['lever'] for p in ps)" && ok || bad "params --json --levers"

# govsim export: tidy CSV and a data dictionary; the whole directory or nothing
expect_code 0 "export a run file" -- "$GOVSIM" export res/short.h5 --csv csv
expect_in out.txt "region.csv by_unit.csv dictionary.csv" "export lists its files"
if /usr/bin/python3 - <<'PY'; then ok; else bad "export: tidy tables"; fi
import csv
region = list(csv.DictReader(open("csv/region.csv")))
assert len(region) == 2 * 6, len(region)                      # 2 replicates x 6 months
assert region[0]["replicate"] == "0" and region[0]["month"] == "2020-01" and region[-1]["month"] == "2020-06"
assert float(region[0]["satisfaction_mean"]) > 0
units = list(csv.DictReader(open("csv/by_unit.csv")))
n_units = len({r["unit"] for r in units})
assert len(units) == 12 * n_units and n_units > 100
assert {"unit_name", "unit_kind", "unit_township", "satisfaction_mean_by_unit"} <= set(units[0])
d = {r["name"]: r for r in csv.DictReader(open("csv/dictionary.csv"))}
s = d["satisfaction_mean"]
assert s["file"] == "region.csv" and s["dims"] == "replicate month" and s["units"] == "1", s
assert s["units_label"] == "index 0-1" and s["long_name"] == "mean adult satisfaction", s
assert d["month"]["units_label"] == "YYYY-MM"
assert s["kind"] == "outcome" and d["grid_worker_pay"]["kind"] == "input" and d["month"]["kind"] == "", d["month"]
assert {r["kind"] for n, r in d.items() if n in region[0] and n not in ("replicate", "month")} == {"outcome", "input"}
assert set(d) >= {c for c in region[0]}, set(region[0]) - set(d)
PY
expect_code 2 "export into a non-empty directory" -- "$GOVSIM" export res/short.h5 --csv csv
expect_in err.txt "exists and is not an empty directory" "export refuses a non-empty directory"
expect_code 2 "export a missing file" -- "$GOVSIM" export res/none.h5 --csv csv2
[ "$(wc -l <err.txt)" = 1 ] && ok || bad "export error is not one line: $(cat err.txt)"
expect_in err.txt "res/none.h5: no such file" "export names the missing file"
expect_code 2 "export a non-HDF5 file" -- "$GOVSIM" export short.toml --csv csv2
expect_in err.txt "short.toml: not an HDF5 file" "export refuses other files"
expect_code 2 "export without --csv" -- "$GOVSIM" export res/short.h5
expect_in err.txt "missing --csv DIR" "export needs --csv"
[ ! -e csv2 ] && [ -z "$(ls -a . | grep partial)" ] && ok || bad "a failed export left csv2 or a partial directory"

# bash completion: subcommands and each subcommand's options, from the binary itself
COMPLETION="$HERE/../scripts/govsim-completion.bash"
complete_words() {  # complete_words WORD... : the completions of the last word
  PATH="$(dirname "$GOVSIM"):$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _govsim; echo "${COMPREPLY[*]}"' _ "$COMPLETION" "$@"
}
[ "$(complete_words govsim ba)" = "batch" ] && ok || bad "completion of 'govsim ba': '$(complete_words govsim ba)'"
[ "$(complete_words govsim run --rep)" = "--replicates" ] && ok || bad "completion of 'govsim run --rep': '$(complete_words govsim run --rep)'"
[ "$(complete_words govsim ex)" = "export" ] && ok || bad "completion of 'govsim ex': '$(complete_words govsim ex)'"
case " $(complete_words govsim batch --d) " in " --design-out --dry-run ") ok ;; *) bad "completion of 'govsim batch --d': '$(complete_words govsim batch --d)'" ;; esac

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
