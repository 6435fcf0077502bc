#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/aarch64/setup-host.sh: as root on Debian 12 amd64, installs what
# `make check-aarch64` needs: the arm64 cross compilers, the arm64 -dev
# packages udtrace links with (multiarch, next to the amd64 ones, which
# stay), qemu-system-aarch64 and cpio. Idempotent: apt-get update runs only
# when the arm64 architecture is new or a package is missing.
#
# Multiarch: libelf-dev, libdw-dev, libunwind-dev, libcapstone-dev,
# libc6-dev (and their deps zlib1g-dev, liblzma-dev) are Multi-Arch: same
# in Debian 12, so the :arm64 ones co-install with the amd64 ones of
# bootstrap.sh (apt-get -s shows no removal). systemtap-sdt-dev is per
# architecture (<sys/sdt.h> in /usr/include/TRIPLET/sys): the arm64 one
# too, or the cross build's USDT tracees have no probes. No kernel or arm64 root file
# system is installed here: tests/aarch64/mkimage.sh downloads those
# packages (apt-get download) into its cache and unpacks them itself.

set -e
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" -ne 0 ]; then
	echo "setup-host.sh: run as root" >&2
	exit 1
fi

PACKAGES="qemu-system-arm gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
binutils-aarch64-linux-gnu cpio pkg-config make autoconf automake
autoconf-archive systemtap-sdt-dev
libc6-dev:arm64 libelf-dev:arm64 libdw-dev:arm64 libunwind-dev:arm64
libcapstone-dev:arm64 libstdc++-12-dev:arm64 systemtap-sdt-dev:arm64"

need_update=
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
	need_update=1
fi

missing=
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	need_update=1
fi
# An arm64 list must exist for apt-get download in mkimage.sh too.
if ! ls /var/lib/apt/lists/*_binary-arm64_Packages* >/dev/null 2>&1; then
	need_update=1
fi
if [ -n "$need_update" ]; then
	apt-get update -q
fi
if [ -n "$missing" ]; then
	echo "setup-host.sh: installing:$missing"
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y -q --no-install-recommends $missing
fi
echo "setup-host.sh: ready (qemu-system-aarch64, aarch64-linux-gnu-gcc, arm64 -dev packages)"
