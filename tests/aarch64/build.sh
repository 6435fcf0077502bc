#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/aarch64/build.sh BUILDDIR: an out-of-tree arm64 cross build of
# udtrace (--host=aarch64-linux-gnu --enable-werror) in BUILDDIR, with
# every check program and script (tests/unit/t_*, tests/trace/progs/...)
# built and no test run, ready for tests/aarch64/mkimage.sh.
# Needs tests/aarch64/setup-host.sh's packages.
#
# pkg-config: Debian 12 has no aarch64-linux-gnu-pkg-config wrapper, so
# configure's plain pkg-config is pointed at the arm64 .pc files only
# (PKG_CONFIG_LIBDIR replaces the default path, so no amd64 .pc leaks in).
# Exit status: 0; 3 when udtrace built but some check program did not;
# other: the build failed.
# Environment: JOBS (make -j, default nproc), CONFIGURE_FLAGS (more
# configure arguments).

set -e
if [ $# -ne 1 ]; then
	echo "usage: $0 BUILDDIR" >&2
	exit 2
fi
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1"
builddir=$(cd "$1" && pwd)
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ "$srcdir" = "$builddir" ]; then
	echo "build.sh: BUILDDIR must not be the source tree" >&2
	exit 2
fi
# A tree configured in place (./bootstrap.sh, CI's step 1) cannot also be
# the source of an out-of-tree build (configure refuses): build from a
# clean copy of it then, BUILDDIR.src (make distclean there).
if [ -f "$srcdir/config.status" ]; then
	copy=$builddir.src
	echo "build.sh: $srcdir is configured in place: building from a copy, $copy"
	rm -rf "$copy"
	mkdir -p "$copy"
	(cd "$srcdir" && tar -c --exclude=./.git --exclude='./_build*' \
		--exclude="./$(basename "$builddir")" \
		--exclude="./$(basename "$copy")" .) | tar -x -C "$copy"
	(cd "$copy" && make distclean >/dev/null 2>&1) || :
	rm -f "$copy/config.status"
	srcdir=$copy
	# the copy is new: configure again
	rm -f "$builddir/Makefile"
fi
[ -x "$srcdir/configure" ] || (cd "$srcdir" && autoreconf -fi)

PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
export PKG_CONFIG_LIBDIR
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

cd "$builddir"
# shellcheck disable=SC3013 # (dash's test has -nt)
if [ ! -f Makefile ] || [ "$srcdir/configure" -nt config.status ]; then
	# shellcheck disable=SC2086 # CONFIGURE_FLAGS: several words
	"$srcdir/configure" --host=aarch64-linux-gnu --enable-werror -q \
		${CONFIGURE_FLAGS:-}
fi
make -j"$jobs"
# Every check program and script, and no test (TESTS= empty runs none).
# -k: one that fails to build costs only its own tests, which then fail
# in the VM; the exit status is 3 then (udtrace itself built).
if ! make -k -j"$jobs" check TESTS=; then
	echo "build.sh: some check programs did not build (see above): their tests will fail" >&2
	exit 3
fi
echo "build.sh: arm64 build in $builddir"
