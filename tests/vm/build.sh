#!/bin/sh
# build.sh - the host-root VM's kernel and initramfs (tests/vm/README.md):
# Debian's amd64 kernel, which has what this machine's kernel lacks (IA32
# emulation for i386 programs, 802.1Q VLANs, ...), plus a tiny initramfs
# (busybox, the 9p/overlay/tun modules and any asked for, ./init) that
# boots into the host's own root file system shared over virtio-9p.
#
# Usage: build.sh OUTDIR    writes OUTDIR/vmlinux (or vmlinuz), OUTDIR/initrd.cpio,
#                           OUTDIR/KVER; does nothing when they are up to date.
#   env VM32_KVER=6.1.0-NN-amd64  kernel ABI (default: what linux-image-amd64 depends on)
#       VM32_MODULES="veth 8021q" more modules to load at boot (with their dependencies)
#       VM32_NO_APT=1            never run apt-get (exit 3 when something is missing)
# Needs: busybox (static), cpio, kmod (modinfo), xz-utils; the kernel comes from
# `apt-get download` + `dpkg-deb -x` (not installed) unless /boot has it.
# Exit 3: something this machine lacks, said on stderr.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: build.sh OUTDIR}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
lack() { echo "build.sh: $*" >&2; exit 3; }
for t in cpio modinfo xz dpkg-deb; do command -v $t >/dev/null 2>&1 || lack "$t is missing"; done
BB=$(command -v busybox || true)
[ -n "$BB" ] && ! ldd "$BB" >/dev/null 2>&1 || lack "no static busybox (apt-get install busybox-static)"

KVER=${VM32_KVER:-}
if [ -z "$KVER" ]; then
    KVER=$(apt-cache depends linux-image-amd64 2>/dev/null \
           | sed -n 's/^ *Depends: linux-image-\([^ <>]*\)$/\1/p' | head -n1)
fi
[ -n "$KVER" ] || lack "cannot tell the kernel version (set VM32_KVER)"
MODS="virtio_pci 9pnet_virtio 9p overlay tun ${VM32_MODULES:-}"
STAMP="$KVER $(cksum < "$HERE/init") $(cksum < "$0") $(cksum < "$HERE/image.sh") $MODS"
if [ -f "$OUT/stamp" ] && [ "$(cat "$OUT/stamp")" = "$STAMP" ] && [ -f "$OUT/initrd.cpio" ]; then
    exit 0
fi

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/vm32-stage.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT INT TERM
if [ -f "/boot/vmlinuz-$KVER" ] && [ -d "/lib/modules/$KVER/kernel" ]; then
    KIMG=/boot/vmlinuz-$KVER; MODDIR=/lib/modules/$KVER
else
    # the .deb (70 MB) stays in OUTDIR for the next rebuild; what it
    # unpacks to (400 MB) does not
    DEB=$(ls "$OUT"/linux-image-"$KVER"_*.deb 2>/dev/null | head -n1)
    if [ -z "$DEB" ]; then
        [ "${VM32_NO_APT:-0}" != 1 ] || lack "kernel $KVER is not on this machine (VM32_NO_APT=1)"
        ( cd "$OUT" && apt-get download -q -o APT::Sandbox::User=root "linux-image-$KVER" >/dev/null 2>&1 ) \
            || lack "apt-get download linux-image-$KVER failed"
        DEB=$(ls "$OUT"/linux-image-"$KVER"_*.deb | head -n1)
    fi
    dpkg-deb -x "$DEB" "$STAGE/kernel"
    KIMG=$STAGE/kernel/boot/vmlinuz-$KVER; MODDIR=$STAGE/kernel/lib/modules/$KVER
fi
[ -f "$KIMG" ] && [ -d "$MODDIR/kernel" ] || lack "no kernel image or modules for $KVER"
grep -q '^CONFIG_IA32_EMULATION=y' "$(dirname "$KIMG")/config-$KVER" 2>/dev/null \
    || lack "kernel $KVER has no IA32 emulation"

R=$STAGE/root
mkdir -p "$R/bin" "$R/sbin" "$R/lib/modules" "$R/proc" "$R/sys" "$R/dev" "$R/tmp"
cp "$BB" "$R/bin/busybox"
for a in $("$R/bin/busybox" --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done

. "$HERE/image.sh"
vm_modules "$MODDIR" "$R" $MODS || lack "a module is missing from $MODDIR"
cp "$HERE/init" "$R/init"; chmod 755 "$R/init"
(cd "$R" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) \
    > "$OUT/initrd.cpio"

vm_kernel "$KIMG" "$OUT" "$STAGE"
echo "$KVER" > "$OUT/KVER"
echo "$STAMP" > "$OUT/stamp"
echo "build.sh: kernel $KVER, modules: $(tr "\n" " " < "$R/lib/modules/load-order")" >&2
