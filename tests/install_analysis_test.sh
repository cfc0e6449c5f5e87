#!/usr/bin/env bash
# scripts/install-analysis.sh for a user who is not root: it installs into the user's
# ~/.local, prints the real path of govsim-report there, and the exact export line
# when that folder is not on PATH (none when it is). Run as `nobody` with a scratch
# HOME when the test runs as root (runuser), as the current user otherwise.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$home"
  as=(runuser -u nobody --)
  # nobody may not be able to read the checkout (a clone under /root or a private
  # temp dir): install from a world-readable copy of what the script needs
  stage="$(mktemp -d)"
  trap 'rm -rf "$home" "$stage"' EXIT
  cp -r "$repo/scripts" "$repo/analysis" "$stage/"
  chmod -R a+rX "$stage"
  repo="$stage"
else
  as=()
fi
run() {  # run PATH COMMAND...: as the user, with the scratch HOME and only that PATH
  local path="$1"; shift
  "${as[@]}" env -i HOME="$home" PATH="$path" LANG=C.UTF-8 "$@"
}
fail() { echo "FAILED: $*"; echo "--- output:"; echo "$out"; exit 1; }

out="$(run /usr/bin:/bin bash "$repo/scripts/install-analysis.sh" 2>&1)" || fail "install-analysis.sh exited $?"
exe="$home/.local/bin/govsim-report"
[ -x "$exe" ] || fail "$exe not installed"
grep -qF "govsim-report ($exe)" <<<"$out" || fail "does not print the real path $exe"
grep -qxF "  export PATH=\"$home/.local/bin:\$PATH\"" <<<"$out" || fail "no exact export line for $home/.local/bin"
! grep -q "/usr/local/bin\|~/.local" <<<"$out" || fail "prints another user's or an unexpanded path"
run /usr/bin:/bin "$exe" --help | grep -q "HTML report" || fail "the installed govsim-report does not run"

# with the folder on PATH: no export line, and the command runs by name
out="$(run "$home/.local/bin:/usr/bin:/bin" bash "$repo/scripts/install-analysis.sh" 2>&1)" || fail "second install exited $?"
grep -qF "govsim-report ($exe)" <<<"$out" || fail "second install: no real path"
! grep -q "export PATH" <<<"$out" || fail "an export line although $home/.local/bin is on PATH"
run "$home/.local/bin:/usr/bin:/bin" govsim-report --help | grep -q "HTML report" || fail "govsim-report not found by name"
# the checkout is left as it was (no build/ or egg-info written into analysis/)
[ ! -e "$repo/analysis/build" ] && ! ls -d "$repo"/analysis/*.egg-info >/dev/null 2>&1 || fail "wrote into the checkout"
echo "ok: $exe, export line when off PATH, none when on it"
