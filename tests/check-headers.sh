#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every header compiles on its own (git's hdr-check, STYLE.md habit 10):
# each .h under src/ and arch/ is included, after config.h, as the only
# header of an otherwise empty file and compiled with the project's flags
# (CC and UDT_HDR_CFLAGS come from Makefile.am). A header of the CPU
# directory that configure did not select is compiled too: it must not
# depend on the selection.

LC_ALL=C
export LC_ALL
srcdir=${top_srcdir:-.}
cc=${CC:-cc}
[ -n "${UDT_HDR_CFLAGS+set}" ] || { echo "UDT_HDR_CFLAGS is not set" >&2; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-hdr.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

bad=0
n=0
for h in $(cd "$srcdir" && find src arch -name '*.h' | sort); do
	n=$((n + 1))
	printf '#include "config.h"\n#include "%s"\n' "$h" >"$tmp/hdr.c"
	# shellcheck disable=SC2086 # flags are words
	if ! $cc $UDT_HDR_CFLAGS -I"$srcdir" -fsyntax-only "$tmp/hdr.c" \
		>"$tmp/out" 2>&1; then
		echo "FAIL: $h does not compile on its own:"
		sed 's/^/	/' "$tmp/out"
		bad=1
	fi
done
[ $bad -eq 0 ] && echo "$n headers compile on their own"
exit $bad
