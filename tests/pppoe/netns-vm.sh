#!/bin/sh
# netns-vm.sh - pppoe-netns run again inside the host-root VM (tests/vm) on
# Debian's kernel, with the veth and 802.1Q modules: the case that dials
# through a kernel VLAN interface, which skips on a host kernel without
# VLANs (this project's CI machines), runs there, and the PPPoE port meets
# a second kernel version. Every case must pass in the VM and none skip.
#
# Usage: netns-vm.sh TEST RASMAND RAS-PPPOE-SERVER VM_DIR  (meson test 'pppoe-netns-vm')
# Exit 77 (skip), with the reason, when this machine lacks what the VM needs.
set -u
VM=$(cd "$(dirname "$0")/../vm" && pwd)
TEST=${1:?usage: netns-vm.sh TEST RASMAND RAS-PPPOE-SERVER VM_DIR}
RASMAND=${2:?}; SERVER=${3:?}; VMDIR=${4:?}
# meson passes paths relative to the build tree; the VM starts at /
TEST=$(realpath "$TEST"); RASMAND=$(realpath "$RASMAND"); SERVER=$(realpath "$SERVER")
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "PPPoE needs root (veth, namespaces, AF_PACKET)"
QEMU=$(command -v qemu-system-x86_64) || skip "qemu-system-x86_64 is not installed (Debian package qemu-system-x86)"
"$QEMU" -device help 2>/dev/null | grep -q '"virtio-9p-pci"' || skip "this qemu has no virtio-9p (VirtFS)"

VM32_MODULES="veth 8021q" "$VM/build.sh" "$VMDIR" >"$VMDIR.build.log" 2>&1
rc=$?
[ $rc = 3 ] && skip "the VM's kernel: $(tail -n1 "$VMDIR.build.log")"
[ $rc = 0 ] || { cat "$VMDIR.build.log"; echo "FAIL: build.sh ($rc)"; exit 1; }

SCRIPT=$VMDIR/in-vm.sh
cat > "$SCRIPT" <<IN
echo "# in the VM: \$(uname -r)"
'$TEST' '$RASMAND' '$SERVER' > /tmp/pppoe-netns.out 2>&1
rc=\$?
cat /tmp/pppoe-netns.out
if grep -q '# SKIP' /tmp/pppoe-netns.out; then echo "# a case skipped inside the VM"; exit 1; fi
exit \$rc
IN
VM32_MEM=${VM32_MEM:-1536} VM32_TIMEOUT=${VM32_TIMEOUT:-540} exec "$VM/boot.sh" "$VMDIR" "$SCRIPT"
