#!/bin/sh
# Installs every Debian package OpenRAS needs to build, test, fuzz and
# benchmark. Idempotent: installs only what is missing. Needs root (or sudo).
set -eu
PKGS="
  gcc clang libclang-rt-14-dev meson ninja-build pkg-config python3
  nettle-dev libmnl-dev
  mingw-w64-x86-64-dev
  valgrind
  iproute2 iputils-ping procps
  qemu-system-x86 ppp busybox-static cpio kmod xz-utils binutils
"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
