#!/usr/bin/env bash
# Runs the packaged application image: it must start on its own runtime and print its version,
# and run one command against a private data folder. Called by the package-app profile.
set -euo pipefail
image="$1"
expected="$2"
launcher="$image/bin/depconsole"
[ -x "$launcher" ] || { echo "smoke test: no launcher at $launcher" >&2; exit 1; }
out=$("$launcher" --version)
if [ "$out" != "DEP Console $expected" ]; then
  echo "smoke test: '$launcher --version' printed '$out', expected 'DEP Console $expected'" >&2
  exit 1
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
list=$("$launcher" --data-dir "$data" servers list)
case "$list" in
  *"No servers yet"*) ;;
  *) echo "smoke test: 'servers list' printed '$list'" >&2; exit 1 ;;
esac
# the second launcher, for scripts and the terminal (short-command options, its own class-data sharing archive)
cli="$image/bin/depconsole-cli"
if [ -x "$cli" ]; then
  cli_out=$("$cli" --version)
  [ "$cli_out" = "DEP Console $expected" ] || { echo "smoke test: '$cli --version' printed '$cli_out'" >&2; exit 1; }
  cli_list=$("$cli" --data-dir "$data" servers list)
  case "$cli_list" in
    *"No servers yet"*) ;;
    *) echo "smoke test: '$cli servers list' printed '$cli_list'" >&2; exit 1 ;;
  esac
fi
echo "smoke test passed: $out"
