#!/usr/bin/env bash
# fuzz.sh BUILDDIR SECONDS [NAME...]: runs every libFuzzer target built in
# BUILDDIR (or only fuzz-NAME...) for SECONDS each, one after another, on a
# scratch copy of its seed corpus (tests/fuzz/corpus/NAME).
# Prints "PASS fuzz-NAME (N runs, E execs/s, cov C)" or "FAIL fuzz-NAME ..."
# per target; cov is libFuzzer's count of edges covered at the end, so a
# target that stops seeing its code shows it here.
# A failing target's input is kept in BUILDDIR/fuzz-artifacts.
# FUZZ_KEEP=DIR keeps each grown corpus in DIR/NAME (to review and add the
# useful inputs to tests/fuzz/corpus by hand).
set -uo pipefail
B=$1; SECS=$2; shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
rc=0; n=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/openras-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
WANT=" $* "
for t in "$B"/tests/fuzz/fuzz-*; do
    [ -f "$t" ] && [ -x "$t" ] || continue
    name=$(basename "$t"); base=${name#fuzz-}
    [ "$WANT" = "  " ] || [[ "$WANT" == *" $base "* ]] || continue
    n=$((n + 1))
    mkdir -p "$WORK/$base"
    [ -d "$ROOT/tests/fuzz/corpus/$base" ] && cp -r "$ROOT/tests/fuzz/corpus/$base/." "$WORK/$base/"
    echo "fuzz: $name for ${SECS}s"
    if "$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$WORK/$base-" "$WORK/$base" \
            >"$WORK/$name.log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$WORK/$name.log" | tail -1 | grep -o '[0-9]*')
        eps=$(grep -o 'average_exec_per_sec: *[0-9]*' "$WORK/$name.log" | grep -o '[0-9]*$')
        cov=$(grep -o 'cov: [0-9]*' "$WORK/$name.log" | tail -1 | grep -o '[0-9]*')
        echo "PASS $name (${runs:-?} runs, ${eps:-?} execs/s, cov ${cov:-?})"
    else
        echo "FAIL $name"; tail -40 "$WORK/$name.log"; rc=1
        # the input that failed outlives the scratch directory
        mkdir -p "$B/fuzz-artifacts" && cp "$WORK/$base"-* "$B/fuzz-artifacts/" 2>/dev/null &&
            echo "  input kept in $B/fuzz-artifacts/"
    fi
    if [ -n "${FUZZ_KEEP:-}" ]; then
        mkdir -p "$FUZZ_KEEP/$base" && cp -r "$WORK/$base/." "$FUZZ_KEEP/$base/"
        cp "$WORK/$base"-* "$FUZZ_KEEP/" 2>/dev/null
    fi
done
[ $n -gt 0 ] || echo "fuzz: no targets built${*:+ named $*}"
exit $rc
