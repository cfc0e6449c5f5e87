# Bash completion for govsim: its subcommands and each subcommand's options.
# Both lists are read from the binary being completed (`govsim --help`,
# `govsim CMD --help`), so the completion follows the build and never goes stale.
# Installed by scripts/build.sh to /usr/share/bash-completion/completions/govsim
# (as root); otherwise: source scripts/govsim-completion.bash
_govsim() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prog="${COMP_WORDS[0]}" words
  if ! command -v "$prog" >/dev/null 2>&1; then prog=govsim; fi
  if [ "$COMP_CWORD" -eq 1 ]; then
    words=$("$prog" --help 2>/dev/null | sed -n '/^commands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p')
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    words=$("$prog" "${COMP_WORDS[1]}" --help 2>/dev/null | sed -n '/^options:/,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u)
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
    return 0
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}
complete -o filenames -o bashdefault -F _govsim govsim
