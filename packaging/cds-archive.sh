#!/usr/bin/env bash
# Makes the class-data sharing archives of an application image (docs/performance.md, start-up): for each launcher
# (lib/app/NAME.cfg), one training run of the short commands (org.depconsole.app.ClassDataTraining) on the image's own
# runtime with that launcher's options and class path, in its order, into lib/app/NAME.jsa, which its options name.
# An archive is valid for the image at this place only; elsewhere (an installed copy) the runtime's own archive is used.
# The training also loads the window's classes by name (src/main/cds/window-classes.txt, ADR 0017).
# Usage: cds-archive.sh IMAGE [COPY_TO_FOLDER]. Called by the package-app profile.
set -euo pipefail
image="$1"
classes="$(cd "$(dirname "$0")/.." && pwd)/src/main/cds/window-classes.txt"
app="$image/lib/app"
java="$image/lib/runtime/bin/java"
[ -x "$java" ] || { echo "cds archive: no runtime in $image, skipped" >&2; exit 0; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for cfg in "$app"/*.cfg; do
  name=$(basename "$cfg" .cfg)
  archive="$app/$name.jsa"
  cp=$(grep '^app.classpath=' "$cfg" | sed "s|^app.classpath=\\\$APPDIR|$app|" | paste -sd: -)
  opts=$(grep '^java-options=' "$cfg" | sed 's/^java-options=//' | grep -v -e '^-XX:SharedArchiveFile' -e '^-Xshare' -e '^-Xlog:cds' || true)
  rm -f "$archive"
  # shellcheck disable=SC2086
  "$java" $opts -XX:ArchiveClassesAtExit="$archive" '-Xlog:cds*=off' -cp "$cp" \
    org.depconsole.app.ClassDataTraining "$data/$name" "$classes" >/dev/null 2>&1 || true
  if [ -f "$archive" ]; then
    echo "cds archive: $archive ($(du -k "$archive" | cut -f1) KB)"
    if [ -n "${2:-}" ]; then cp "$archive" "$2/"; fi
  else
    echo "cds archive: $archive not created; $name starts without it" >&2
  fi
done
