#!/usr/bin/env bash
# fuzz.sh BUILDDIR SECONDS: runs every libFuzzer target built in BUILDDIR for
# SECONDS each, on a scratch copy of its seed corpus (tests/fuzz/corpus/NAME).
# Prints "PASS fuzz-NAME ..." or "FAIL fuzz-NAME ..." per target.
set -uo pipefail
B=$1; SECS=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rc=0; n=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/openras-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
for t in "$B"/tests/fuzz/fuzz-*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    name=$(basename "$t"); base=${name#fuzz-}
    n=$((n + 1))
    mkdir -p "$WORK/$base"
    [ -d "$ROOT/tests/fuzz/corpus/$base" ] && cp -r "$ROOT/tests/fuzz/corpus/$base/." "$WORK/$base/"
    echo "fuzz: $name for ${SECS}s"
    if "$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -artifact_prefix="$WORK/$base-" "$WORK/$base" >"$WORK/$name.log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$WORK/$name.log" | tail -1)
        echo "PASS $name ($runs)"
    else
        echo "FAIL $name"; tail -40 "$WORK/$name.log"; rc=1
    fi
done
[ $n -gt 0 ] || echo "fuzz: no targets built"
exit $rc
