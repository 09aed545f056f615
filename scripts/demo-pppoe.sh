#!/usr/bin/env bash
# The PPPoE demo (issue 10): two network namespaces joined by a veth pair;
# in one, ras-pppoe-server (our TEST concentrator: our PPP engine in the
# server role behind its own tun); in the other, rasmand, and a broadband
# entry made with rasphone and dialed with rasdial. Shows the session id,
# the concentrator's name, the MTU and a ping, then hangs up (PADT). Needs
# root (namespaces, veth, AF_PACKET); a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ "$(id -u)" = 0 ] || { echo "demo-pppoe: needs root (namespaces, veth, raw sockets)"; exit 0; }
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" rasmand tools/rasdial/rasdial tools/rasphone/rasphone \
    tools/ras-pppoe-server/ras-pppoe-server >/dev/null
rasdial="$BUILD/tools/rasdial/rasdial"
rasphone="$BUILD/tools/rasphone/rasphone"
server="$BUILD/tools/ras-pppoe-server/ras-pppoe-server"

tmp=$(mktemp -d /tmp/openras-pppoe-demo-XXXXXX)
cli=openras-demo-client-$$
isp=openras-demo-isp-$$
export XDG_CONFIG_HOME="$tmp/config"
export RASMAND_SOCKET="$tmp/rasmand.sock"
export RASMAND_PATH=/nonexistent
pbk="$tmp/rasphone.pbk"
entry="My DSL"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$cli" 2>/dev/null || true
    ip netns del "$isp" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

echo "== two namespaces and a veth pair: $cli (eth0) <-> $isp (eth0)"
ip netns add "$cli"
ip netns add "$isp"
ip link add eth0 netns "$cli" type veth peer name eth0 netns "$isp"
for ns in "$cli" "$isp"; do ip -n "$ns" link set lo up; ip -n "$ns" link set eth0 up; done
for _ in $(seq 100); do ip -n "$isp" link show eth0 | grep -q LOWER_UP && break; sleep 0.02; done

echo "== the concentrator (a TEST/DEMO tool): ras-pppoe-server -i eth0 -a demo-isp"
ip netns exec "$isp" "$server" -i eth0 -a demo-isp --auth chap >"$tmp/server.log" 2>&1 &
pids+=($!)
ip netns exec "$cli" "$BUILD/rasmand" --socket "$RASMAND_SOCKET" -v 2>"$tmp/rasmand.log" &
pids+=($!)
for _ in $(seq 100); do [ -S "$RASMAND_SOCKET" ] && grep -q ready "$tmp/server.log" && break; sleep 0.02; done
echo

echo "== \$ rasphone add \"$entry\" --type=pppoe --device=eth0 --service= --ac=demo-isp"
"$rasphone" --phonebook "$pbk" add "$entry" --type=pppoe --device=eth0 --service= \
    --ac=demo-isp --user=demo --ask-password <<<"demo"
"$rasphone" --phonebook "$pbk" show "$entry" | grep -E '^(type|device|device-type|number|ac)=' |
    sed 's/^/  /'
echo

echo "== \$ rasdial \"$entry\" --verbose"
"$rasdial" "$entry" "/PHONEBOOK:$pbk" --verbose
echo
echo "== the PPPoE session, as rasmand logged it:"
grep -E "pppoe|session" "$tmp/rasmand.log" | sed 's/^rasmand: /  /'
ifname=$("$rasdial" "$entry" "/PHONEBOOK:$pbk" --status | sed -n 's/^  Interface  *\(ras[0-9]*\)$/\1/p')
if [ -n "$ifname" ]; then
    echo "== $ifname (its MTU follows LCP: 1492 on a 1500-byte Ethernet):"
    ip -n "$cli" -4 addr show dev "$ifname" | sed 's/^/  /'
    echo "== ping across PPPoE to the concentrator (10.67.0.1):"
    ip netns exec "$cli" ping -c 3 -i 0.2 -W 2 10.67.0.1 | sed 's/^/  /' || true
fi
echo

echo "== \$ rasdial \"$entry\" /DISCONNECT   (PADT to the concentrator)"
"$rasdial" "$entry" "/PHONEBOOK:$pbk" /DISCONNECT
sleep 0.2
echo "== the concentrator's side:"
sed 's/^/  /' "$tmp/server.log"
echo "== PPPoE demo complete."
