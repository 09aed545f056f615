#!/bin/sh
# run.sh - boot the PPPoE peer VM (build.sh's output) with an e1000 NIC on a
# tap interface of the current network namespace, and print shell
# assignments for the caller. Run it inside the namespace the tap belongs
# in (nsenter -t PID -n, ip netns exec NS): the tap is made there, qemu
# runs there, and the host's own network is never touched.
#
#   run.sh --tap NAME [--role ac|client] [--auth chap|mschapv2]
#          [--build DIR] [--rundir DIR] [--wait SEC]
#   run.sh --stop RUNDIR     SIGTERM (then SIGKILL) qemu, delete the tap
#
# Output: PEER_RUNDIR PEER_QEMU_PID PEER_LOG (syslog of pppd and
# pppoe-server, and PEER-* markers; see init) PEER_CTL (unix socket: the
# VM's control port) PEER_CONSOLE PEER_MAC PEER_READY_MS
set -eu
BUILD=${OPENRAS_PPPOE_VM:-/tmp/openras-pppoe-vm}
RUNDIR=""; TAP=""; ROLE=ac; AUTH=chap; WAIT=120
MAC=52:54:00:0e:0e:01

stop() {
    d=$1
    pid=$(cat "$d/qemu.pid.launch" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null || true
    fi
    tap=$(cat "$d/tap" 2>/dev/null || true)
    [ -z "$tap" ] || ip link del "$tap" 2>/dev/null || true
}

while [ $# -gt 0 ]; do
    case "$1" in
        --build)  BUILD=$2; shift 2 ;;
        --rundir) RUNDIR=$2; shift 2 ;;
        --tap)    TAP=$2; shift 2 ;;
        --role)   ROLE=$2; shift 2 ;;
        --auth)   AUTH=$2; shift 2 ;;
        --wait)   WAIT=$2; shift 2 ;;
        --stop)   stop "$2"; exit 0 ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$TAP" ] || { echo "run.sh: --tap NAME is required" >&2; exit 2; }
KERNEL=$BUILD/vmlinux; [ -f "$KERNEL" ] || KERNEL=$BUILD/vmlinuz
[ -f "$KERNEL" ] && [ -f "$BUILD/initrd.cpio" ] || {
    echo "run.sh: no VM in $BUILD (run build.sh first)" >&2; exit 1; }
[ -n "$RUNDIR" ] || RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/pppoe-vm-run.XXXXXX")
mkdir -p "$RUNDIR"; RUNDIR=$(cd "$RUNDIR" && pwd)

# KVM only where the CPU advertises vmx/svm (see peer-vm's README: a
# /dev/kvm without them hangs the guest)
if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
    ACC="-accel kvm -cpu host"
else
    ACC="-accel tcg,tb-size=32 -cpu max"
fi

# a persistent tap, up before qemu attaches: carrier comes with qemu
ip tuntap add dev "$TAP" mode tap
echo "$TAP" > "$RUNDIR/tap"
ip link set "$TAP" up
: > "$RUNDIR/peer.log"; : > "$RUNDIR/console.log"; rm -f "$RUNDIR/ctl.sock"
T0=$(date +%s%N)
# shellcheck disable=SC2086
setsid qemu-system-x86_64 $ACC -smp 1 -m 160 \
    -nodefaults -no-user-config -display none -monitor none -no-reboot \
    -kernel "$KERNEL" -initrd "$BUILD/initrd.cpio" \
    -append "console=ttyS0 quiet loglevel=3 panic=-1 vm.role=$ROLE vm.auth=$AUTH" \
    -netdev "tap,id=n0,ifname=$TAP,script=no,downscript=no" \
    -device "e1000,netdev=n0,mac=$MAC,romfile=" \
    -serial "file:$RUNDIR/console.log" \
    -serial "file:$RUNDIR/peer.log" \
    -chardev "socket,id=ctl,path=$RUNDIR/ctl.sock,server=on,wait=off" -serial chardev:ctl \
    </dev/null >"$RUNDIR/qemu.out" 2>"$RUNDIR/qemu.err" &
QPID=$!
echo "$QPID" > "$RUNDIR/qemu.pid.launch"
# qemu has a session of its own: if the caller is killed while we wait
# (a test's timeout kills its process group), take qemu and the tap along
trap 'stop "$RUNDIR"; exit 1' HUP INT TERM

elapsed_ms() { echo $(( ($(date +%s%N) - T0) / 1000000 )); }
fail() { echo "run.sh: $*" >&2; stop "$RUNDIR"; exit 1; }
while ! grep -q '^PEER-READY' "$RUNDIR/peer.log" 2>/dev/null; do
    kill -0 "$QPID" 2>/dev/null || fail "qemu exited before the VM was ready: $(cat "$RUNDIR/qemu.err")"
    [ "$(elapsed_ms)" -lt $((WAIT * 1000)) ] || fail "VM not ready after ${WAIT}s; see $RUNDIR"
    sleep 0.05
done
grep -q '^PEER-ERROR' "$RUNDIR/peer.log" && fail "$(grep '^PEER-ERROR' "$RUNDIR/peer.log" | head -n1)"
cat <<EOF
PEER_RUNDIR=$RUNDIR
PEER_QEMU_PID=$QPID
PEER_LOG=$RUNDIR/peer.log
PEER_CTL=$RUNDIR/ctl.sock
PEER_CONSOLE=$RUNDIR/console.log
PEER_MAC=$MAC
PEER_READY_MS=$(elapsed_ms)
EOF
