#!/usr/bin/env bash
# The demo: dial the built-in loopback port (a SIMULATED modem with a
# SIMULATED ISP behind it), show every state, the addresses and DNS it got,
# ping across the link, show the statistics, hang up. It starts its own
# rasmand on a scratch socket (in a network namespace of its own when it
# can, so the host's network is not touched) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" rasmand tests/daemon/demo-dial >/dev/null

tmp=$(mktemp -d /tmp/openras-demo-XXXXXX)
export RASMAND_SOCKET="$tmp/rasmand.sock"
# a dial never starts another rasmand behind the demo's back
export RASMAND_PATH=/nonexistent
rasmand_pid=
cleanup() {
    [ -n "$rasmand_pid" ] && kill "$rasmand_pid" 2>/dev/null && wait "$rasmand_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

netns=()
if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    netns=(unshare --net)
fi
"${netns[@]}" "$BUILD/rasmand" --socket "$RASMAND_SOCKET" -v 2>"$tmp/rasmand.log" &
rasmand_pid=$!
for _ in $(seq 100); do [ -S "$RASMAND_SOCKET" ] && break; sleep 0.05; done
echo "== rasmand (pid $rasmand_pid) listening on $RASMAND_SOCKET"
echo

out=$("$BUILD/tests/daemon/demo-dial" dial "OpenRAS demo") || { echo "$out"; exit 1; }
echo "$out" | grep -v '^handle '
handle=$(echo "$out" | sed -n 's/^handle //p')
echo

ifname=$(echo "$out" | sed -n 's/^  Interface      \(ras[0-9]*\)$/\1/p')
if [ -n "$ifname" ]; then
    in_ns=()
    [ ${#netns[@]} -gt 0 ] && in_ns=(nsenter -t "$rasmand_pid" -n)
    echo "== $ifname, as the kernel sees it:"
    "${in_ns[@]}" ip -4 addr show dev "$ifname" | sed 's/^/  /'
    echo "== ping across the link to the simulated ISP (10.64.0.1):"
    "${in_ns[@]}" ping -c 3 -i 0.2 -W 2 10.64.0.1 | sed 's/^/  /' || true
    echo
fi

"$BUILD/tests/daemon/demo-dial" stats "$handle"
echo
"$BUILD/tests/daemon/demo-dial" hangup "$handle"
if [ -n "$ifname" ]; then
    if "${in_ns[@]}" ip link show dev "$ifname" >/dev/null 2>&1; then
        echo "  $ifname is still there!"; exit 1
    fi
    echo "  $ifname is gone."
fi
echo
echo "== rasmand's log:"
sed 's/^/  /' "$tmp/rasmand.log"
kill "$rasmand_pid"; wait "$rasmand_pid" 2>/dev/null || true
rasmand_pid=
echo "== rasmand stopped. Demo complete."
