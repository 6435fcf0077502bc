#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bootstrap.sh [CONFIGURE-ARGS...]: all the set-up a fresh Debian 12
# machine needs, then a build. Idempotent: run it again at any time.
#  1. installs the missing Debian packages (as root; otherwise prints the
#     exact sudo apt-get line and exits 1). apt-get update runs only when a
#     package is missing. libunwind-dev conflicts with LLVM's
#     libunwind-14-dev: apt is allowed to remove the latter.
#  2. autoreconf -fi, ./configure --enable-werror CONFIGURE-ARGS, make -j.
# The result is ./udtrace; `make check` runs the tests.

set -e
cd "$(dirname "$0")"

# g++: the C++ tracees of the tests; systemtap-sdt-dev: <sys/sdt.h>, which
# `udtrace -h` headers and the USDT tests use; python3.11: a real program
# with USDT probes, traced by the tests; groff-base: tests/check-man.sh
# formats the man page with warnings on.
PACKAGES="gcc g++ libc6-dev make autoconf automake autoconf-archive pkg-config
libelf-dev libdw-dev libunwind-dev libcapstone-dev systemtap-sdt-dev
python3.11 groff-base"

missing=
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "bootstrap.sh: missing packages:$missing (and no apt-get here)" >&2
		exit 1
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "bootstrap.sh: missing packages; as root, run:" >&2
		echo "sudo apt-get install -y$missing" >&2
		exit 1
	fi
	echo "bootstrap.sh: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	# libunwind-dev Conflicts with LLVM's libunwind-14-dev: apt-get
	# removes that one, which -y allows (it is not an essential package).
	# shellcheck disable=SC2086 # one word per package
	apt-get install -y $missing
fi

# The build.
autoreconf -fi
./configure --enable-werror "$@"
make -j"$(nproc 2>/dev/null || echo 2)"
echo "bootstrap.sh: built ./udtrace; run 'make check' for the tests"
