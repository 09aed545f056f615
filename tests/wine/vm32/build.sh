#!/bin/sh
# build.sh - the vm32 VM's kernel and initramfs (tests/wine/vm32/README.md):
# Debian's amd64 kernel, which runs i386 programs (CONFIG_IA32_EMULATION),
# for hosts whose kernel refuses them, plus a tiny initramfs (busybox, the
# 9p/overlay/tun modules, ./init) that boots into the host's own root file
# system shared over virtio-9p.
#
# Usage: build.sh OUTDIR    writes OUTDIR/vmlinux (or vmlinuz), OUTDIR/initrd.cpio,
#                           OUTDIR/KVER; does nothing when they are up to date.
#   env VM32_KVER=6.1.0-NN-amd64  kernel ABI (default: what linux-image-amd64 depends on)
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
STAMP="$KVER $(cksum < "$HERE/init") $(cksum < "$0")"
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

# modules, dependencies first
ORDER=""
modfile() { find "$MODDIR/kernel" -name "$1.ko*" | head -n1; }
add_mod() {
    case " $ORDER " in *" $1 "*) return ;; esac
    f=$(modfile "$1"); [ -n "$f" ] || lack "module $1 not in $MODDIR"
    for d in $(modinfo -F depends "$f" | tr ',' ' '); do add_mod "$d"; done
    ORDER="$ORDER $1"
}
for m in virtio_pci 9pnet_virtio 9p overlay tun; do add_mod "$m"; done
: > "$R/lib/modules/load-order"
for m in $ORDER; do
    f=$(modfile "$m")
    case "$f" in
        *.ko)     cp "$f" "$R/lib/modules/$m.ko" ;;
        *.ko.xz)  xz -dc "$f" > "$R/lib/modules/$m.ko" ;;
        *.ko.gz)  gzip -dc "$f" > "$R/lib/modules/$m.ko" ;;
        *.ko.zst) zstd -qdc "$f" > "$R/lib/modules/$m.ko" ;;
    esac
    echo "$m" >> "$R/lib/modules/load-order"
done
cp "$HERE/init" "$R/init"; chmod 755 "$R/init"
(cd "$R" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --owner=0:0 --quiet) \
    > "$OUT/initrd.cpio"

# The bzImage's payload (xz) as an ELF with a PVH entry: qemu boots it
# directly, without the in-guest decompressor (about 2 s less under TCG).
cp "$KIMG" "$OUT/vmlinuz"
rm -f "$OUT/vmlinux"
OFF=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$KIMG" | head -n1 | cut -d: -f1)
if [ -n "$OFF" ] && tail -c +$((OFF + 1)) "$KIMG" | xz -dc --single-stream > "$STAGE/vmlinux" 2>/dev/null \
   && readelf -n "$STAGE/vmlinux" 2>/dev/null | grep -q 'note type: (0x00000012)'; then
    mv "$STAGE/vmlinux" "$OUT/vmlinux"
fi
echo "$KVER" > "$OUT/KVER"
echo "$STAMP" > "$OUT/stamp"
echo "build.sh: kernel $KVER, modules:$ORDER" >&2
