#!/usr/bin/env bash
# `meson install` into a scratch DESTDIR puts the headers, the library (with
# its soname link), the pkg-config file, the tools, rasmand, its unit and the
# man pages where a distribution expects them; and a program built against
# that tree with pkg-config links and runs. TAP output.
set -u
build=$1
dest=$(mktemp -d /tmp/openras-install-XXXXXX)
trap 'rm -rf "$dest"' EXIT
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

if ! meson install -C "$build" --no-rebuild --destdir "$dest" >"$dest.log" 2>&1; then
    sed 's/^/# /' "$dest.log"; rm -f "$dest.log"
    echo "not ok 1 - meson install"; echo "1..1"; exit 1
fi
rm -f "$dest.log"
opt() {
    meson introspect "$build" --buildoptions | python3 -c \
        'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]][0])' "$1"
}
prefix=$(opt prefix)
root=$dest$prefix
libdir=$(find "$root" -name 'libras.so.0' -printf '%h\n' | head -1)
check "ras.h, raserror.h, openras.h installed" \
    '[ -f "$root/include/ras.h" ] && [ -f "$root/include/raserror.h" ] && [ -f "$root/include/openras.h" ]'
check "libras.so.0 (the soname) and the libras.so dev link" \
    '[ -n "$libdir" ] && [ -e "$libdir/libras.so" ] && objdump -p "$libdir/libras.so.0" | grep -q "SONAME *libras.so.0"'
check "libras exports only Ras* and OpenRas*" \
    '! nm -D --defined-only "$libdir/libras.so.0" | awk "\$2 ~ /^[TDB]\$/ {print \$3}" | grep -vE "^(Ras|OpenRas)"'
check "pkg-config file" '[ -f "$libdir/pkgconfig/libras.pc" ]'
check "rasdial and rasphone in bin, rasmand in sbin" \
    '[ -x "$root/bin/rasdial" ] && [ -x "$root/bin/rasphone" ] && [ -x "$root/sbin/rasmand" ]'
check "rasmon in bin, with its man page" \
    '[ -x "$root/bin/rasmon" ] && [ -f "$root/share/man/man1/rasmon.1" ]'
check "man pages" '[ -f "$root/share/man/man1/rasdial.1" ] && [ -f "$root/share/man/man1/rasphone.1" ]'
check "systemd unit for the system rasmand" '[ -f "$root/lib/systemd/system/rasmand.service" ]'

# A program built as a user would: pkg-config against the installed tree.
# A sanitizer build's libras needs the sanitizer runtime linked first,
# which a plain program does not have: that build skips this one check.
if [ "$(opt b_sanitize)" != none ]; then
    n=$((n + 1)); echo "ok $n - # SKIP a sanitizer build's libras needs its runtime"
    echo "1..$n"; [ $fails = 0 ]; exit
fi
cat >"$dest/app.c" <<'C'
#include <stdio.h>
#include <ras.h>
#include <raserror.h>
int main(void)
{
    char msg[256];
    if (RasGetErrorStringA(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, msg, sizeof(msg)) != 0)
        return 1;
    printf("%s\n", msg);
    return 0;
}
C
export PKG_CONFIG_PATH="$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
if flags=$(pkg-config --cflags --libs libras) && cc -o "$dest/app" "$dest/app.c" $flags 2>"$dest/cc.log" \
   && out=$(LD_LIBRARY_PATH="$libdir" "$dest/app") && [ -n "$out" ]; then
    ok "a program built with pkg-config against the installed tree runs"
else
    sed 's/^/# /' "$dest/cc.log" 2>/dev/null
    bad "a program built with pkg-config against the installed tree runs"
fi
echo "1..$n"
[ $fails = 0 ]
