#!/usr/bin/env bash
# The demo: with the real tools (rasphone, rasdial) and the real daemon
# (rasmand), dial the built-in loopback port -- a SIMULATED modem with a
# SIMULATED ISP behind it -- show every state, the addresses and DNS it got,
# ping across the link, show the statistics, hang up. Everything lives in a
# scratch directory (phonebook, credentials, rasmand's socket); rasmand runs
# in a network namespace of its own when it can, so the host's network is
# not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" rasmand tools/rasdial/rasdial tools/rasphone/rasphone >/dev/null
rasdial="$BUILD/tools/rasdial/rasdial"
rasphone="$BUILD/tools/rasphone/rasphone"

tmp=$(mktemp -d /tmp/openras-demo-XXXXXX)
export XDG_CONFIG_HOME="$tmp/config"
export RASMAND_SOCKET="$tmp/rasmand.sock"
# the tools must talk to the demo's rasmand, never start another one
export RASMAND_PATH=/nonexistent
pbk="$tmp/rasphone.pbk"
entry="OpenRAS demo"
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
in_ns=()
[ ${#netns[@]} -gt 0 ] && in_ns=(nsenter -t "$rasmand_pid" -n)
echo "== rasmand (pid $rasmand_pid) listening on $RASMAND_SOCKET"
echo

echo "== \$ rasphone add \"$entry\" on the loopback port (SIMULATED modem + ISP)"
"$rasphone" --phonebook "$pbk" add "$entry" --device=loopback --device-type=modem \
    --number=555-0100 --user=demo --ask-password <<<"demo"
"$rasphone" --phonebook "$pbk" show "$entry" | sed 's/^/  /'
echo

echo "== \$ rasdial \"$entry\" --verbose   (user and password saved above)"
"$rasdial" "$entry" "/PHONEBOOK:$pbk" --verbose
echo

echo "== \$ rasdial   (the connections rasmand holds)"
"$rasdial"
echo

ifname=$("$rasdial" "$entry" "/PHONEBOOK:$pbk" --status | sed -n 's/^  Interface  *\(ras[0-9]*\)$/\1/p')
if [ -n "$ifname" ]; then
    echo "== $ifname, as the kernel sees it:"
    "${in_ns[@]}" ip -4 addr show dev "$ifname" | sed 's/^/  /'
    echo "== ping across the link to the simulated ISP (10.64.0.1):"
    "${in_ns[@]}" ping -c 3 -i 0.2 -W 2 10.64.0.1 | sed 's/^/  /' || true
    echo
fi

echo "== \$ rasdial \"$entry\" --status"
"$rasdial" "$entry" "/PHONEBOOK:$pbk" --status
echo

echo "== \$ rasdial \"$entry\" /DISCONNECT"
"$rasdial" "$entry" "/PHONEBOOK:$pbk" /DISCONNECT
if [ -n "$ifname" ]; then
    if "${in_ns[@]}" ip link show dev "$ifname" >/dev/null 2>&1; then
        echo "  $ifname is still there!"; exit 1
    fi
    echo "  $ifname is gone."
fi
"$rasdial"
echo
echo "== rasmand's log:"
sed 's/^/  /' "$tmp/rasmand.log"
kill "$rasmand_pid"; wait "$rasmand_pid" 2>/dev/null || true
rasmand_pid=
echo "== rasmand stopped. Demo complete."
