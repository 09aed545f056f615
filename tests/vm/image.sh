# image.sh - sourced by the VM image builders (tests/vm/build.sh,
# tests/interop/pppoe-vm/build.sh), which both boot Debian's kernel with an
# initramfs of their own.
#
# vm_kernel BZIMAGE OUTDIR SCRATCH: OUTDIR/vmlinuz, and OUTDIR/vmlinux when
# the bzImage's xz payload is an ELF with a PVH entry note (type 0x12):
# qemu boots that directly and skips the in-guest decompressor (about 2 s
# under TCG).
#
# vm_modules MODDIR ROOT MODULE...: copies each module and what it depends
# on (modinfo), dependencies first and uncompressed, to ROOT/lib/modules/,
# and their load order to ROOT/lib/modules/load-order (init insmods them in
# that order). Returns 3, naming it on stderr, when a module is missing.
vm_modules() {
    vm_dir=$1; vm_root=$2; shift 2
    vm_order=""
    for vm_m in "$@"; do vm_add "$vm_m" || return 3; done
    mkdir -p "$vm_root/lib/modules"
    : > "$vm_root/lib/modules/load-order"
    for vm_m in $vm_order; do
        vm_f=$(vm_file "$vm_m")
        case "$vm_f" in
            *.ko)     cp "$vm_f" "$vm_root/lib/modules/$vm_m.ko" ;;
            *.ko.xz)  xz -dc "$vm_f" > "$vm_root/lib/modules/$vm_m.ko" ;;
            *.ko.gz)  gzip -dc "$vm_f" > "$vm_root/lib/modules/$vm_m.ko" ;;
            *.ko.zst) zstd -qdc "$vm_f" > "$vm_root/lib/modules/$vm_m.ko" ;;
        esac
        echo "$vm_m" >> "$vm_root/lib/modules/load-order"
    done
}

vm_file() { find "$vm_dir/kernel" -name "$1.ko*" | head -n1; }

# Adds $1 after its dependencies; the word list of the loop is expanded
# before the recursion reuses the variables.
vm_add() {
    case " $vm_order " in *" $1 "*) return 0 ;; esac
    vm_f=$(vm_file "$1")
    [ -n "$vm_f" ] || { echo "module $1 not in $vm_dir" >&2; return 3; }
    for vm_d in $(modinfo -F depends "$vm_f" | tr ',' ' '); do vm_add "$vm_d" || return 3; done
    vm_order="$vm_order $1"
}

vm_kernel() {
    rm -f "$2/vmlinux"
    cp "$1" "$2/vmlinuz"
    vm_off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$1" | head -n1 | cut -d: -f1)
    if [ -n "$vm_off" ] && tail -c +$((vm_off + 1)) "$1" | xz -dc --single-stream > "$3/vmlinux" 2>/dev/null \
       && readelf -n "$3/vmlinux" 2>/dev/null | grep -q 'note type: (0x00000012)'; then
        mv "$3/vmlinux" "$2/vmlinux"
    fi
}
