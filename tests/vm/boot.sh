#!/bin/sh
# boot.sh - boots the host-root VM that build.sh made (README.md here) and
# runs one script of the host's in it: the script's output is ours, and so
# is its exit status. The kernel's own messages go to VM_DIR/console.log.
#
# Usage: boot.sh VM_DIR SCRIPT     (SCRIPT: a path on the host, run by sh in
#                                   a chroot of the host's / as the VM sees it)
#   env VM32_MEM=MB (default 3072), VM32_SMP=N (default 2), VM32_TIMEOUT=S (default 1500)
# Exit: the script's status; 1 when the VM gave no result.
set -u
VMDIR=${1:?usage: boot.sh VM_DIR SCRIPT}
SCRIPT=${2:?usage: boot.sh VM_DIR SCRIPT}
QEMU=$(command -v qemu-system-x86_64) || { echo "FAIL: no qemu-system-x86_64"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

KERNEL=$VMDIR/vmlinux; [ -f "$KERNEL" ] || KERNEL=$VMDIR/vmlinuz
OUT=$VMDIR/out.log; CONSOLE=$VMDIR/console.log
: > "$OUT"; : > "$CONSOLE"
T=$(now)
# -cpu max,-smap: QEMU 7.2's TCG faults a user-mode iretq under SMAP
# (README.md); multidevs=remap: the host's / spans several file systems
timeout "${VM32_TIMEOUT:-1500}" "$QEMU" -accel tcg,tb-size=256 -cpu max,-smap \
    -smp "${VM32_SMP:-2}" -m "${VM32_MEM:-3072}" \
    -nodefaults -no-user-config -display none -monitor none -no-reboot \
    -kernel "$KERNEL" -initrd "$VMDIR/initrd.cpio" \
    -append "console=ttyS0 loglevel=4 panic=-1 vm32.run=$SCRIPT" \
    -serial "file:$CONSOLE" -chardev stdio,id=out,signal=off -serial chardev:out \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    </dev/null 2>"$VMDIR/qemu.err" | tee "$OUT"
qrc=$?
echo "# qemu ran $(secs "$T") s (status $qrc); VM boot: $(sed -n 's/^VM32-READY uptime=//p' "$OUT" | tr -d '\r') s"
if grep -q 'Oops\|Kernel panic' "$CONSOLE"; then
    echo "# the VM's kernel said:"; grep -A3 'Oops\|Kernel panic' "$CONSOLE" | head -20 | sed 's/^/#   /'
fi
rc=$(sed -n 's/^VM32-EXIT rc=\([0-9]*\).*/\1/p' "$OUT" | tail -n1)
[ -n "$rc" ] || { echo "FAIL: the VM ended without a result"; sed 's/^/# qemu: /' "$VMDIR/qemu.err"; exit 1; }
grep -q '^VM32-ERROR' "$OUT" && exit 1
exit "$rc"
