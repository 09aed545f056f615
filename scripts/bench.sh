#!/usr/bin/env bash
# Runs every benchmark in build/bench; each prints its figures next to a
# baseline measured in the same run.
set -uo pipefail
cd "$(dirname "$0")/.."
for b in build/bench/*/bench-*; do
    [ -f "$b" ] && [ -x "$b" ] || continue
    echo "=== $(basename "$b")"
    "$b"
done
