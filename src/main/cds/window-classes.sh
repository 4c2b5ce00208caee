#!/bin/sh
# Writes window-classes.txt beside this script: the classes the window loads from its start to a scripted session,
# for the class-data sharing archive the build makes (app.ClassDataTraining loads them before the archive is written;
# docs/performance.md). Input: class-load logs of window runs, made for example with
#   mvn -Pbench -o test-compile exec:exec@window-benchmark -Dbench.window.sizes=100000 \
#       -Dbench.window.jvm="-Xshare:off -Xlog:class+load=info:file=target/class-load-headless.txt"
# and the same with -Dheadful and a display (GTK and the hardware pipeline load classes Monocle does not).
# A class missing from the list only starts slower; a listed class that no longer exists is skipped.
# Usage: src/main/cds/window-classes.sh LOG...
set -e
out="$(dirname "$0")/window-classes.txt"
{
  echo "# Written by window-classes.sh from class-load logs of the window; one binary class name per line."
  # "[...][class,load] NAME source: jrt:/module" or "source: file:/…/x.jar": classes from the runtime and from jars;
  # lambdas and other hidden classes have no file and cannot be loaded by name; test and benchmark code is left out
  grep -h ' source: \(jrt:\|file:\)' "$@" \
    | grep -v 'test-classes\|/org/testfx/\|/org/assertj/\|/org/junit/\|/org/opentest4j/\|/net/bytebuddy/\|/org/apiguardian/' \
    | sed -E 's/^.*\[class,load\] ([^ ]+) source: .*$/\1/' \
    | grep -v '\$\$Lambda\|/0x\|^org\.depconsole\.bench\.\|^com\.sun\.glass\.ui\.monocle\.' \
    | LC_ALL=C sort -u
} > "$out"
echo "$(grep -vc '^#' "$out") classes in $out"
