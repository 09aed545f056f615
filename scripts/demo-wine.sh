#!/usr/bin/env bash
# make demo-wine: a Windows program dials through OpenRAS under Wine. Builds
# a small Windows dialer with MinGW (tests/wine/demo/dialer.c, an ordinary
# .exe against MinGW's ras.h), prepares a Wine prefix with `ras-wine setup`,
# adds the loopback entry (a SIMULATED modem and ISP) with the Linux tool
# rasphone, and runs the dialer: it prints each RASCS_* state as its
# RasDialFunc1 notifier saw it and the addresses; while it holds the link,
# rasdial on the Linux side lists it; then the program hangs up. Everything
# lives in a scratch directory; rasmand runs in a network namespace of its
# own when it can. Headless: Wine needs no display for this.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" >/dev/null
ninja -C "$BUILD" >/dev/null
rasphone="$BUILD/tools/rasphone/rasphone"
rasdial="$BUILD/tools/rasdial/rasdial"
ras_wine="$BUILD/tools/ras-wine/ras-wine"
if [ ! -x "$ras_wine" ]; then
    echo "demo-wine: the Wine bridge is not built (needs wine64-tools, libwine-dev and" >&2
    echo "demo-wine: gcc-mingw-w64-x86-64: run make deps, then meson setup --reconfigure $BUILD)" >&2
    exit 1
fi

tmp=$(mktemp -d /tmp/openras-demo-wine-XXXXXX)
export XDG_CONFIG_HOME="$tmp/config"
export RASMAND_SOCKET="$tmp/rasmand.sock"
export RASMAND_PATH=/nonexistent    # the demo's rasmand, never a second one
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all
unset DISPLAY WAYLAND_DISPLAY
entry="OpenRAS demo"
rasmand_pid=
cleanup() {
    wineserver -k 2>/dev/null || true
    [ -n "$rasmand_pid" ] && kill "$rasmand_pid" 2>/dev/null && wait "$rasmand_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

echo "== \$ x86_64-w64-mingw32-gcc -o dialer.exe tests/wine/demo/dialer.c -lrasapi32"
x86_64-w64-mingw32-gcc -O2 -o "$tmp/dialer.exe" tests/wine/demo/dialer.c -lrasapi32
echo "  a plain Windows program: $(file -b "$tmp/dialer.exe" | cut -d, -f1)"
echo

netns=()
if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    netns=(unshare --net)
fi
"${netns[@]}" "$BUILD/rasmand" --socket "$RASMAND_SOCKET" -v 2>"$tmp/rasmand.log" &
rasmand_pid=$!
for _ in $(seq 100); do [ -S "$RASMAND_SOCKET" ] && break; sleep 0.05; done
echo "== rasmand (pid $rasmand_pid) listening on $RASMAND_SOCKET"
echo

echo "== \$ rasphone add \"$entry\"   (Linux side; the loopback port: SIMULATED modem + ISP)"
"$rasphone" add "$entry" --device=loopback --device-type=modem --number=555-0100 \
    --user=demo --ask-password <<<"demo"
echo

echo "== \$ ras-wine setup --prefix $WINEPREFIX   (once per prefix; Wine boots it first)"
"$ras_wine" setup --prefix "$WINEPREFIX"
echo

echo "== \$ ras-wine exec -- dialer.exe --hold \"$entry\"   (the Windows program, unchanged)"
coproc DIALER { "$ras_wine" exec --prefix "$WINEPREFIX" -- "$tmp/dialer.exe" --hold "$entry"; }
dialer_pid=$DIALER_PID          # bash unsets DIALER_PID when the program ends
while IFS= read -r line <&"${DIALER[0]}"; do
    line=${line%$'\r'}
    echo "$line"
    if [[ $line == holding* ]]; then
        echo
        echo "== \$ rasdial   (meanwhile on the Linux side: the Windows program's link)"
        "$rasdial" | sed 's/^/  /'
        echo
        echo >&"${DIALER[1]}"
    fi
done
wait "$dialer_pid" || true
echo

echo "== \$ rasdial   (the Linux side: the link the Windows program hung up is gone)"
"$rasdial"
kill "$rasmand_pid"; wait "$rasmand_pid" 2>/dev/null || true
rasmand_pid=
echo "== Demo complete."
