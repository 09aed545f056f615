#!/bin/sh
# Installs every Debian package OpenRAS needs to build, test, fuzz and
# benchmark. Idempotent: installs only what is missing. Needs root (or sudo).
# The 32-bit (i386) packages come last and apart: when they cannot be
# installed (an i386 index that fails to download leaves wine32:i386 out of
# step with the amd64 libraries), this says so loudly and exits 0; the
# 32-bit tests then skip with that reason and everything else still runs.
set -eu
PKGS="
  gcc clang libclang-rt-14-dev meson ninja-build pkg-config python3
  nettle-dev libmnl-dev
  mingw-w64-x86-64-dev
  valgrind
  iproute2 iputils-ping procps
  qemu-system-x86 ppp pppoe busybox-static cpio kmod xz-utils binutils
  wine wine64 wine64-tools libwine-dev gcc-mingw-w64-x86-64 gcc-mingw-w64-i686
"
# The i386 build (scripts/i686-linux.ini), then what runs 32-bit Windows
# programs: two groups, so a wine32 that cannot be installed leaves the
# 32-bit build of libras installable.
PKGS_I386_BUILD="gcc-multilib nettle-dev:i386 libmnl-dev:i386"
PKGS_I386_WINE="wine32:i386 libwine-dev:i386"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

missing_of() {
    m=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || m="$m $p"
    done
    echo "$m"
}

# shellcheck disable=SC2086
missing=$(missing_of $PKGS)
if [ -n "$missing" ]; then
    echo "install-deps: installing:$missing" >&2
    $SUDO apt-get update -qq || true
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# A failed i386 attempt is not repeated for an hour (every make target runs
# this script): the warning is, and OPENRAS_RETRY_I386=1 forces a try.
I386_STAMP=/var/tmp/openras-i386-install-failed
install_i386() {  # install_i386 PACKAGES...: never fails the script
    m=$(missing_of "$@")
    [ -z "$m" ] && return 0
    if [ -z "${OPENRAS_RETRY_I386:-}" ] && [ -n "$(find "$I386_STAMP" -mmin -60 2>/dev/null)" ]; then
        echo "install-deps: WARNING: i386 packages missing:$m (tried less than an hour ago;" >&2
        echo "install-deps: OPENRAS_RETRY_I386=1 retries). The 32-bit tests will be SKIPPED." >&2
        return 0
    fi
    echo "install-deps: installing the i386 part:$m" >&2
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
        $SUDO dpkg --add-architecture i386 && $SUDO apt-get update -qq || true
    fi
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $m >/dev/null && return 0
    $SUDO apt-get update -qq || true
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $m >/dev/null && return 0
    echo "#################################################################" >&2
    echo "install-deps: WARNING: these i386 packages could not be installed:" >&2
    echo "install-deps: $m" >&2
    echo "install-deps: (often an i386 index in the middle of a mirror sync:" >&2
    echo "install-deps: retry later). The 32-bit tests will be SKIPPED." >&2
    echo "#################################################################" >&2
    touch "$I386_STAMP" 2>/dev/null || true
}
# shellcheck disable=SC2086
install_i386 $PKGS_I386_BUILD
# shellcheck disable=SC2086
install_i386 $PKGS_I386_WINE
exit 0
