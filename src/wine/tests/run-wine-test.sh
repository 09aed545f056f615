#!/bin/sh
# run-wine-test.sh RAS-WINE PROGRAM.exe [ARGS...]: runs a Windows test
# program of the bridge under Wine, headless, in a private Wine prefix and
# with a private default phonebook, and passes only if the program's last
# line says "ok" (Wine can exit 0 when the program never ran: wine.md).
set -u
ras_wine=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ras-wine-test.XXXXXX") || exit 1
cleanup() {
    WINEPREFIX=$tmp/prefix wineserver -k 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
export XDG_CONFIG_HOME=$tmp/config
export WINEDEBUG=-all DISPLAY=
mkdir -p "$XDG_CONFIG_HOME"
"$ras_wine" exec --prefix "$tmp/prefix" -- "$@" >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out"
last=$(tail -n 1 "$tmp/out")
case $last in
ok*) [ "$rc" -eq 0 ] && exit 0 ;;
esac
echo "run-wine-test: exit $rc, last line '$last'; stderr:" >&2
tail -n 20 "$tmp/err" >&2
exit 1
