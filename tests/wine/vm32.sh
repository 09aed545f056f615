#!/bin/sh
# vm32.sh - the 32-bit Windows test programs (suite wine32: wine-*-i686) in
# a qemu VM, for hosts whose kernel refuses i386 programs (IA32 emulation
# off, or forbidden by a sandbox) while the VM's kernel runs them. The VM
# sees the host's root file system read-only over virtio-9p with a tmpfs
# on top (tests/vm), so the same build trees, Wine and rasmand run there;
# inside, `meson test --suite wine32` runs those tests as on any host.
#
# Usage: vm32.sh BUILD_ROOT VM_DIR   (meson test 'wine-i686-vm')
#   BUILD_ROOT  the native build (build-i386 next to it holds the 32-bit bridge)
#   VM_DIR      where build.sh puts the kernel and initramfs
#   env VM32_MEM=MB (default 3072), VM32_SMP=N (default 2), VM32_TIMEOUT=S (default 1500)
# Exit 77 (skip), with the reason, when the host runs i386 programs itself
# (the wine-*-i686 tests run there) or lacks what the VM needs.
set -u
VM=$(cd "$(dirname "$0")/../vm" && pwd)
BUILD=$(cd "${1:?usage: vm32.sh BUILD_ROOT VM_DIR}" && pwd)
VMDIR=${2:?usage: vm32.sh BUILD_ROOT VM_DIR}
skip() { echo "SKIP: $*"; exit 77; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The host's own kernel first: where it runs i386 programs, wine-*-i686 ran.
PROBE=$(mktemp "${TMPDIR:-/tmp}/vm32-probe.XXXXXX")
if echo 'int main(void) { return 0; }' | gcc -m32 -x c - -o "$PROBE" 2>/dev/null; then
    "$PROBE" 2>/dev/null && { rm -f "$PROBE"; skip "this kernel runs 32-bit programs: the wine-*-i686 tests ran on the host"; }
    rm -f "$PROBE"
else
    rm -f "$PROBE"
    echo "# gcc -m32 cannot link (gcc-multilib missing): assuming the kernel refuses i386 programs"
fi
[ -f "$BUILD/../build-i386/src/wine/wine-arch" ] || \
    skip "no 32-bit Wine bridge in $BUILD/../build-i386 (meson setup build-i386 --cross-file scripts/i686-linux.ini -Dinterop=false)"
[ -d /usr/lib/i386-linux-gnu/wine ] || skip "wine32:i386 is not installed"
QEMU=$(command -v qemu-system-x86_64) || skip "qemu-system-x86_64 is not installed (Debian package qemu-system-x86)"
"$QEMU" -device help 2>/dev/null | grep -q '"virtio-9p-pci"' || skip "this qemu has no virtio-9p (VirtFS)"

T=$(now)
"$VM/build.sh" "$VMDIR" >"$VMDIR.build.log" 2>&1
rc=$?
[ $rc = 3 ] && skip "the VM's kernel: $(tail -n1 "$VMDIR.build.log")"
[ $rc = 0 ] || { cat "$VMDIR.build.log"; echo "FAIL: build.sh ($rc)"; exit 1; }
echo "# VM kernel $(cat "$VMDIR/KVER") and initramfs ready in $(secs "$T") s"

# What runs in the VM's chroot: the wine32 suite of this build, serially
# (each test's Wine starts are the slow part under TCG; -smp 2 lets
# wineserver and the program overlap).
SCRIPT=$VMDIR/in-vm.sh
cat > "$SCRIPT" <<IN
echo "# in the VM: \$(uname -r), \$(nproc) CPUs, \$(awk '/MemTotal/ { print int(\$2 / 1024) }' /proc/meminfo) MB"
{ meson test -C '$BUILD' --no-rebuild --print-errorlogs --num-processes 1 --suite wine32 \
    --logbase vm32 2>&1; echo \$? > /tmp/vm32-meson.rc; } | tee /tmp/vm32-meson.out
rc=\$(cat /tmp/vm32-meson.rc)
# a test that skips in here found the VM unable to run it: a failure
if grep -q '^Skipped: *[1-9]' /tmp/vm32-meson.out; then echo "# wine32 tests skipped inside the VM"; exit 1; fi
exit \$rc
IN

exec "$VM/boot.sh" "$VMDIR" "$SCRIPT"
