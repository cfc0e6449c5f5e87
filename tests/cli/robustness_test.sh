#!/usr/bin/env bash
# Hostile input never crashes or hangs govsim (issue 19): each reproducer of
# ../shared/reliability (kept in tests/data/robustness) and each class of defect it
# stands for ends with exit 1 or 2 and a message naming the file (and line and
# column where there is one) -- never a signal, a hang or an unbounded allocation.
# Usage: robustness_test.sh path/to/govsim WORKDIR
set -u
GOVSIM=$1
W=$2
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="$HERE/../data/robustness"
rm -rf "$W" && mkdir -p "$W"
cd "$W"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAILED: $*"; fail=$((fail + 1)); }
# expect_code CODE DESCRIPTION -- command...: exit CODE within 60 s (timeout: exit 124)
expect_code() {
  local want=$1 what=$2
  shift 3
  timeout 60 "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" = "$want" ]; then ok; else bad "$what: exit $got, expected $want"; head -c 2000 err.txt; fi
}
expect_in() {  # expect_in FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; head -c 2000 "$1"; fi
}
# In a sanitizer build a report is allowed only inside libhdf5 (1.10.8 has memory errors on
# damaged metadata, which info and export contain in a child process): the first frame that
# is libhdf5's or govsim's must be libhdf5's.
report_in_govsim() {
  grep -qE "ERROR: (Address|Leak|Thread)Sanitizer|runtime error:" err.txt || return 1
  local first
  first=$(grep -E '^ *#[0-9]+ ' err.txt | grep -E 'libhdf5|/sim/|/models/|govsim::' | head -1)
  ! echo "$first" | grep -q libhdf5
}
# expect_clean DESCRIPTION FILE -- command...: exit 0, 1 or 2 within 60 s, and a failure names FILE
expect_clean() {
  local what=$1 file=$2
  shift 3
  timeout 60 "$@" >out.txt 2>err.txt
  local got=$?
  if report_in_govsim; then
    bad "$what: a sanitizer report in govsim's code"
    head -c 4000 err.txt
  elif [ "$got" -gt 2 ]; then
    bad "$what: exit $got (signal, sanitizer or hang)"
    head -c 2000 err.txt
  elif [ "$got" != 0 ] && ! grep -qF -- "error: $file" err.txt; then
    bad "$what: exit $got without a message naming $file"
    head -c 2000 err.txt
  else
    ok
  fi
}

printf '[scenario]\ntitle = "base"\nstart = "2020-01"\nend = "2020-03"\nspinup_months = 1\n' >base.toml

# ---- TOML that toml++ 3.3 mishandles: refused by the syntax check first, with a location
expect_code 2 "non-ASCII outside a string" -- "$GOVSIM" validate "$DATA/toml_ub_unreachable.min.toml"
expect_in err.txt "toml_ub_unreachable.min.toml:1:1: expected a key" "non-ASCII key: located message"
expect_in err.txt "U+00E9" "non-ASCII key: the character is named"
expect_code 2 "'[' and a newline" -- "$GOVSIM" validate "$DATA/toml_assert_3037.min.toml"
expect_in err.txt "toml_assert_3037.min.toml:1:2: expected a key" "unclosed header: located message"
expect_code 2 "a '}' where a value starts (experiment)" -- "$GOVSIM" batch "$DATA/toml_assert_2549.toml" --dry-run
expect_in err.txt "toml_assert_2549.toml:4:15: expected a value" "experiment: located message"
printf '[scenario]\ntitle = "x"\n[grid]\nhouseholds_per_worker = [1,}\n' >brace.toml
expect_code 2 "a '}' in an array (scenario)" -- "$GOVSIM" validate brace.toml
expect_in err.txt "brace.toml:4:28: expected a value" "scenario: located message"
printf '[scenario]\ntitle = "x"\n\xff\n' >latin1.toml
expect_code 2 "not UTF-8" -- "$GOVSIM" validate latin1.toml
expect_in err.txt "latin1.toml:3:1: the file is not valid UTF-8" "not UTF-8: located message"
expect_code 2 "--set with a non-ASCII value" -- "$GOVSIM" validate base.toml --set 'grid.households_per_worker=é'
expect_in err.txt "--set grid.households_per_worker=é: cannot read the value (at character 1)" "--set: position in the value"
# an extends target goes through the same check
printf '[scenario]\nextends = "u.toml"\n' >child.toml
cp "$DATA/toml_ub_unreachable.min.toml" u.toml
expect_code 2 "extends a file toml++ mishandles" -- "$GOVSIM" validate child.toml
expect_in err.txt "u.toml:1:1: expected a key" "extends target: located message"

# ---- --set takes one value: what follows it is an error, not silently dropped
expect_code 2 "--set with TOML after the value" -- "$GOVSIM" validate base.toml --set 'grid.households_per_worker=300
[anything]
x = 1'
expect_in err.txt "unexpected text after the value" "--set trailing text"
expect_code 0 "--set with a comment after the value" -- "$GOVSIM" validate base.toml --set 'grid.households_per_worker=300 # ok'

# ---- files that are not regular files, or too large: refused before they are opened
mkdir adir
mkfifo afifo
truncate -s 17M big.toml
for target in /dev/zero afifo adir big.toml; do
  printf '[scenario]\nextends = "%s"\n' "$target" >ext.toml
  expect_code 2 "extends $target" -- "$GOVSIM" validate ext.toml
  expect_in err.txt "ext.toml:2:11: scenario.extends: cannot read" "extends $target: located message"
done
expect_in err.txt "big.toml: it is too large (17825792 bytes" "a file over 16 MiB"
expect_code 2 "validate /dev/zero" -- "$GOVSIM" validate /dev/zero
expect_in err.txt "/dev/zero: cannot read the scenario file: it is not a regular file" "validate a device"
expect_code 2 "validate a FIFO" -- "$GOVSIM" validate afifo
expect_in err.txt "afifo: cannot read the scenario file: it is not a regular file" "validate a FIFO"
expect_code 2 "validate a directory" -- "$GOVSIM" validate adir
expect_in err.txt "adir: cannot read the scenario file: it is a directory" "validate a directory"
expect_code 2 "an experiment that is a directory" -- "$GOVSIM" batch adir --dry-run
expect_in err.txt "adir: cannot read the experiment file: it is a directory" "batch a directory"

# ---- a 1 MB unknown key is refused in well under the 28 s it once took (nearest-name search)
/usr/bin/python3 -c "open('longkey.toml','w').write('[scenario]\ntitle=\"x\"\n[grid]\n'+'k'*1000000+' = 1\n')"
start=$(date +%s)
expect_code 2 "a 1 MB unknown key" -- "$GOVSIM" validate longkey.toml
expect_in err.txt "longkey.toml:4:1000004: unknown parameter grid.kkk" "1 MB key: located message"
[ $(($(date +%s) - start)) -lt 10 ] && ok || bad "a 1 MB unknown key took $(($(date +%s) - start)) s (limit 10)"

# ---- govsim region: a tolerance that would disable the check, a seed out of range
for tol in nan inf -inf -0.5; do
  expect_code 2 "region --tolerance $tol" -- "$GOVSIM" region county:42 --tolerance "$tol"
  expect_in err.txt "--tolerance" "region --tolerance $tol: message"
  expect_in err.txt "allowed range [0, inf)" "region --tolerance $tol: range"
done
expect_code 2 "region --seed -1" -- "$GOVSIM" region county:42 --seed -1
expect_in err.txt "--seed -1: allowed range [0, 4294967295]" "region --seed -1: range"

# ---- result files: hostile, damaged and not-quite-govsim files given to info and export
expect_code 0 "a short run to damage" -- "$GOVSIM" run base.toml --quiet --out good.h5
/usr/bin/python3 "$HERE/hostile_h5.py" good.h5 h5 || bad "hostile_h5.py failed"
expect_code 1 "info on a rank-32 dataset" -- "$GOVSIM" info h5/rank32.h5
expect_in err.txt "h5/rank32.h5: dataset deep has 32 dimensions; govsim writes at most 4" "rank 32: message"
expect_code 1 "info on a rank-9 dataset" -- "$GOVSIM" info h5/rank9.h5
expect_in err.txt "dataset deep has 9 dimensions" "rank 9: message"
expect_code 1 "info on an array govsim_version" -- "$GOVSIM" info h5/version_array.h5
expect_in err.txt "h5/version_array.h5: root attribute govsim_version is not a single value" "array attribute"
expect_code 1 "info on an array seed" -- "$GOVSIM" info h5/seed_array.h5
expect_in err.txt "root attribute seed is not a single value" "array seed"
expect_code 1 "info on a compound govsim_version" -- "$GOVSIM" info h5/version_compound.h5
expect_in err.txt "govsim_version is neither a string nor a number" "compound attribute"
expect_code 1 "info on huge dims" -- "$GOVSIM" info h5/huge_dims.h5
expect_in err.txt "dataset huge claims 1099511627776 x 1099511627776 values" "huge dims"
expect_code 1 "export with a short label coordinate" -- "$GOVSIM" export h5/label_short.h5 --csv c1
expect_in err.txt "dataset month_label has 2 values where 3 are expected" "short coordinate"
expect_code 1 "export with mismatched shapes" -- "$GOVSIM" export h5/shape_mismatch.h5 --csv c2
expect_in err.txt "datasets a and b have the same dimensions but not the same shape" "mismatched shapes"
expect_code 1 "export a text indicator" -- "$GOVSIM" export h5/text_indicator.h5 --csv c3
expect_in err.txt "dataset a is not numeric" "text indicator"
expect_code 0 "info does not follow an external link into a FIFO" -- "$GOVSIM" info h5/external_fifo.h5
expect_in out.txt "    x " "info lists the file's own dataset"
expect_code 2 "export does not follow an external link into a FIFO" -- "$GOVSIM" export h5/external_fifo.h5 --csv c4
expect_in err.txt "no indicator datasets to export" "external link: nothing to export"
for d in c1 c2 c3 c4; do [ ! -e $d ] && ok || bad "a failed export left $d"; done
expect_code 1 "info on a directory" -- "$GOVSIM" info adir
expect_in err.txt "adir: a directory, not a result file" "info on a directory"
expect_code 1 "info on a FIFO" -- "$GOVSIM" info afifo
expect_in err.txt "afifo: not a regular file" "info on a FIFO"
: >empty.h5
expect_code 1 "info on an empty file" -- "$GOVSIM" info empty.h5
expect_in err.txt "empty.h5: not an HDF5 file" "info on an empty file"
for f in h5/truncated_*.h5 h5/flipped_*.h5; do
  expect_clean "info $f" "$f" -- "$GOVSIM" info "$f"
  expect_clean "export $f" "$f" -- "$GOVSIM" export "$f" --csv "csv_$(basename "$f" .h5)"
done
[ -z "$(ls -a . | grep partial)" ] && ok || bad "a failed export left a partial directory: $(ls -a . | grep partial)"

echo "robustness_test: $pass passed, $fail failed"
[ "$fail" = 0 ]
