#!/bin/sh
# build.sh - the PPPoE peer VM: Debian's kernel with an e1000 NIC driver and
# the PPPoE modules, busybox, Debian's pppd with its rp-pppoe.so plugin and
# rp-pppoe's pppoe-server (Debian package pppoe), in a small initramfs that
# run.sh boots under qemu. The same idea as ../shared/tools/peer-vm (pppd on
# a serial line), with an Ethernet link instead; test_pppoe_pppd.c and
# test_pppoe_pppd_client.c in tests/interop drive it.
#
# Usage: build.sh [OUTDIR]      (default ${OPENRAS_PPPOE_VM:-/tmp/openras-pppoe-vm})
#   env  PPPOE_VM_NO_INSTALL=1  never run apt-get
#        PPPOE_VM_KVER=...       kernel ABI (default: what linux-image-amd64 points at)
# Only Debian packages: qemu-system-x86 ppp pppoe busybox-static cpio kmod
# xz-utils binutils on the host; the kernel .deb is fetched with
# `apt-get download` and only the image and the few modules needed are kept
# (nothing is installed from it). Idempotent: a second run with the same
# kernel and inputs does nothing (0.1 s); a changed input rebuilds the
# initramfs only (5 s).
# Output: OUTDIR/vmlinux (PVH ELF, else vmlinuz), OUTDIR/initrd.cpio,
#         OUTDIR/KVER, OUTDIR/stamp (what the last build was made from)
# Exit status 77 when a part cannot be had on this machine (a package that
# will not install, no kernel package): the tests then skip, saying why.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-${OPENRAS_PPPOE_VM:-/tmp/openras-pppoe-vm}}
PKGS="qemu-system-x86 ppp pppoe busybox-static cpio kmod xz-utils binutils"
export DEBIAN_FRONTEND=noninteractive
APT_UPDATED=0
apt_update() { [ "$APT_UPDATED" = 1 ] || { apt-get update -qq || true; APT_UPDATED=1; }; }
unavailable() { echo "build.sh: $*" >&2; exit 77; }

if [ "${PPPOE_VM_NO_INSTALL:-0}" != 1 ]; then
    missing=""
    for p in $PKGS; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "build.sh: installing:$missing" >&2
        apt_update
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null \
            || unavailable "cannot install:$missing"
    fi
fi
for f in /usr/sbin/pppd /usr/sbin/pppoe-server /bin/busybox; do
    [ -x "$f" ] || unavailable "$f missing"
done
PLUGIN=$(ls /usr/lib/pppd/*/pppoe.so 2>/dev/null | head -n1)
[ -n "$PLUGIN" ] || unavailable "pppd's pppoe.so plugin missing"
PLUGDIR=$(dirname "$PLUGIN")

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# one build at a time: test runs in other worktrees share OUT; files are
# replaced by rename, so a VM booting meanwhile reads a whole old one
exec 9>"$OUT/.lock"
flock 9

# ---- kernel: version, then image + modules from its .deb (kept small)
KVER=${PPPOE_VM_KVER:-}
if [ -z "$KVER" ]; then
    pick() { apt-cache depends linux-image-amd64 2>/dev/null \
             | sed -n 's/^ *Depends: linux-image-\([^ <>]*\)$/\1/p' | head -n1; }
    KVER=$(pick)
    if [ -z "$KVER" ] && [ "${PPPOE_VM_NO_INSTALL:-0}" != 1 ]; then apt_update; KVER=$(pick); fi
    [ -n "$KVER" ] || unavailable "cannot tell the kernel version (no linux-image-amd64)"
fi
# the modules: NIC, PPPoE and what they need (dependencies resolved below)
MODS="e1000 pppoe ppp_async"
KDIR=$OUT/kernel-$KVER
if [ ! -f "$KDIR/done" ]; then
    [ "${PPPOE_VM_NO_INSTALL:-0}" != 1 ] || unavailable "kernel $KVER absent"
    echo "build.sh: fetching linux-image-$KVER (apt-get download, not installed)" >&2
    rm -rf "$KDIR" "$OUT/deb"; mkdir -p "$OUT/deb" "$KDIR"
    ( cd "$OUT/deb" && { apt-get download -q -o APT::Sandbox::User=root "linux-image-$KVER" >/dev/null 2>&1 \
        || { apt_update; apt-get download -q -o APT::Sandbox::User=root "linux-image-$KVER" >/dev/null; }; } ) \
        || unavailable "cannot download linux-image-$KVER"
    # the image, every module's metadata, and the network + PPP driver trees
    dpkg-deb --fsys-tarfile "$OUT"/deb/linux-image-"$KVER"_*.deb \
        | tar -x -C "$KDIR" --wildcards "./boot/vmlinuz-$KVER" \
              "./lib/modules/$KVER/kernel/drivers/net/*" "./lib/modules/$KVER/modules.*" \
              "./lib/modules/$KVER/kernel/lib/*" 2>/dev/null \
        || true
    rm -rf "$OUT/deb"
    [ -f "$KDIR/boot/vmlinuz-$KVER" ] || { echo "build.sh: no kernel image in linux-image-$KVER" >&2; exit 1; }
    touch "$KDIR/done"
fi
MODDIR=$KDIR/lib/modules/$KVER

# nothing to do when the inputs are those of the last build
STAMP=$( { cat "$0" "$HERE/init" "$HERE/secrets" "$HERE"/*.options "$HERE/../../vm/image.sh"; echo "$KVER $MODS";
           ls -lL --time-style=+%s /usr/sbin/pppd /usr/sbin/pppoe-server /usr/sbin/pppoe \
               "$PLUGIN" /bin/busybox; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$STAMP" ] && [ -f "$OUT/initrd.cpio" ] \
   && { [ -f "$OUT/vmlinux" ] || [ -f "$OUT/vmlinuz" ]; }; then
    exit 0
fi
rm -f "$OUT/stamp"

# ---- the root tree
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/pppoe-vm-stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT INT TERM
R=$STAGE/root
mkdir -p "$R/bin" "$R/sbin" "$R/usr/bin" "$R/usr/sbin" "$R/lib/modules" \
         "$R/etc/ppp/plugins" "$R/etc/peer" "$R/proc" "$R/sys" "$R/dev" "$R/run" \
         "$R/var/log" "$R/tmp" "$R/root" "$R$PLUGDIR"
ln -s ../run "$R/var/run"
ln -s lib "$R/lib64"
cp /bin/busybox "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do
    [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"
done

# pppd, pppoe-server, the plugin and every shared library they need
copy_bin() {  # copy_bin FILE: the file and its libraries, at the same paths
    mkdir -p "$R$(dirname "$1")"; cp -L "$1" "$R$1"
    ldd "$1" | awk '/=>/ {print $3} /^[[:space:]]*\/lib/ {print $1}' | sort -u |
    while read -r lib; do
        [ -f "$lib" ] || continue
        d=$R$(dirname "$lib"); mkdir -p "$d"; cp -L "$lib" "$d/"
    done
}
copy_bin /usr/sbin/pppd
copy_bin /usr/sbin/pppoe-server
copy_bin /usr/sbin/pppoe
copy_bin "$PLUGIN"
ln -sf pppoe.so "$R$PLUGDIR/rp-pppoe.so"
# where a kernel-mode (-k) pppoe-server looks for it
cp -L "$PLUGIN" "$R/etc/ppp/plugins/rp-pppoe.so"
INTERP=$(readelf -l /usr/sbin/pppd | sed -n 's/.*interpreter: \(.*\)]/\1/p')
mkdir -p "$R$(dirname "$INTERP")"; cp -L "$INTERP" "$R$INTERP"

. "$HERE/../../vm/image.sh"
vm_modules "$MODDIR" "$R" $MODS || exit 1

echo 'root:x:0:0:root:/root:/bin/sh' > "$R/etc/passwd"
echo 'root:x:0:'                   > "$R/etc/group"
: > "$R/etc/ppp/options"
cp "$HERE/secrets" "$R/etc/ppp/pap-secrets"
cp "$HERE/secrets" "$R/etc/ppp/chap-secrets"
chmod 600 "$R/etc/ppp/pap-secrets" "$R/etc/ppp/chap-secrets"
cp "$HERE"/*.options "$R/etc/peer/"
cp "$HERE/init" "$R/init"; chmod 755 "$R/init"

(cd "$R" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) \
    > "$STAGE/initrd.cpio"
mv "$STAGE/initrd.cpio" "$OUT/initrd.cpio"

KIMG=$KDIR/boot/vmlinuz-$KVER
if [ ! -f "$OUT/vmlinux" ] || [ "$(cat "$OUT/KVER" 2>/dev/null)" != "$KVER" ]; then
    vm_kernel "$KIMG" "$OUT" "$STAGE"
fi
echo "$KVER" > "$OUT/KVER"
echo "$STAMP" > "$OUT/stamp"
echo "build.sh: kernel $KVER, modules: $(tr "\n" " " < "$R/lib/modules/load-order")" >&2
