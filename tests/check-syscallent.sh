#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The committed syscall tables have exactly the names and numbers of the
# kernel headers, and an argument count of 0..6 for each:
# maint/gen-syscallent.sh --check, for
#  - x86_64 (arch/x86_64/syscallent.h against the installed
#    <asm/unistd_64.h>) on an x86_64 host: elsewhere that header is not
#    there to compare with;
#  - aarch64 (arch/aarch64/syscallent.h against <asm/unistd.h> of arm64)
#    when an aarch64 compiler ($CC on an aarch64 host or in a cross build,
#    aarch64-linux-gnu-gcc) or the arm64 cross headers are installed.
# Skipped when neither can be checked.

srcdir=${top_srcdir:-.}
gen="$srcdir/maint/gen-syscallent.sh"
ran=0
bad=0

# check CPU: runs the script's check; 2 is its own trouble (no header, no
# mktemp): a framework error.
check()
{
	sh "$gen" --arch "$1" --check
	rc=$?
	[ $rc -eq 2 ] && exit 99
	[ $rc -eq 0 ] || bad=1
	ran=1
}

case ${ARCH:-$(uname -m)} in
x86_64) check x86_64 ;;
*) echo "the x86_64 syscall table needs an x86_64 host: not checked" ;;
esac
if sh "$gen" --arch aarch64 --available; then
	check aarch64
else
	echo "no aarch64 compiler or arm64 headers: the aarch64 syscall table is not checked"
fi

if [ $ran -eq 0 ]; then
	echo "SKIP: no syscall table can be checked here"
	exit 77
fi
exit $bad
