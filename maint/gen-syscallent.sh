#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# arch/x86_64/syscallent.h is committed data: ARCH_SC(nr, name, nargs) for
# every x86_64 syscall. Names and numbers are the kernel's (__NR_name in
# <asm/unistd_64.h>); the argument counts are not in any header (they are
# the n of the kernel's SYSCALL_DEFINEn) and are kept by hand.
#
#   maint/gen-syscallent.sh [HEADER] > arch/x86_64/syscallent.h
#	prints the table regenerated from HEADER: numbers and names from
#	the header, argument counts from the committed table; a syscall new
#	to the table gets "6 /* nargs? */" and a warning, to be fixed by hand.
#   maint/gen-syscallent.sh --check [HEADER]
#	exit 1 (listing the differences) unless the committed table has
#	exactly the header's names and numbers, and every count is 0..6.
#
# HEADER defaults to the installed x86_64 <asm/unistd_64.h>, found through
# the compiler ($CC, default cc) when it is not at the Debian path.

LC_ALL=C
export LC_ALL
here=$(dirname "$0")
table=${SYSCALLENT:-$here/../arch/x86_64/syscallent.h}

check=0
if [ "$1" = --check ]; then
	check=1
	shift
fi
hdr=$1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-sc.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# "NR NAME" lines of the header, in number order.
if [ -n "$hdr" ]; then
	cat "$hdr"
elif [ -f /usr/include/x86_64-linux-gnu/asm/unistd_64.h ]; then
	cat /usr/include/x86_64-linux-gnu/asm/unistd_64.h
else
	echo '#include <asm/unistd_64.h>' | ${CC:-cc} -E -dM -
fi >"$tmp/hdr.h" || exit 2
sed -n 's/^#[ 	]*define[ 	]\{1,\}__NR_\([A-Za-z0-9_]\{1,\}\)[ 	]\{1,\}\([0-9]\{1,\}\)[ 	]*$/\2 \1/p' \
	"$tmp/hdr.h" | sort -n >"$tmp/hdr"
if [ ! -s "$tmp/hdr" ]; then
	echo "gen-syscallent: no __NR_ definitions in ${hdr:-<asm/unistd_64.h>}" >&2
	exit 2
fi

# "NR NAME NARGS [?]" lines of the committed table (? marks a guessed count).
sed -n 's/^ARCH_SC( *\([0-9]\{1,\}\), *\([A-Za-z0-9_]\{1,\}\), *\([0-9-]\{1,\}\))\(.*\)$/\1 \2 \3 \4/p' \
	"$table" | sed 's|/\* nargs? \*/|?|; s/ *$//' >"$tmp/tab"

if [ $check -eq 1 ]; then
	bad=0
	cut -d' ' -f1,2 "$tmp/tab" >"$tmp/tab2"
	if ! diff -u "$tmp/hdr" "$tmp/tab2" >"$tmp/diff"; then
		echo "$table disagrees with the header (- header, + table):"
		sed -n '3,$p' "$tmp/diff" | grep '^[-+]'
		bad=1
	fi
	if ! awk '$3 !~ /^[0-6]$/ || $4 != "" {
		print "bad argument count: " $0; bad = 1 } END { exit bad }' \
		"$tmp/tab"; then
		bad=1
	fi
	if [ $bad -eq 0 ]; then
		echo "$(wc -l <"$tmp/hdr") syscalls: $table matches the header"
	else
		echo "regenerate it: maint/gen-syscallent.sh > $table (see the script)"
	fi
	exit $bad
fi

cat <<'HEAD'
/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The x86_64 syscall table: ARCH_SC(number, name, number of arguments),
 * one line per syscall in number order. Numbers and names are the
 * kernel's (__NR_name of <asm/unistd_64.h>); an argument count is the n of
 * the kernel's SYSCALL_DEFINEn (for the few numbers the kernel no longer
 * implements, their historical count). Written by maint/gen-syscallent.sh,
 * which make check runs to compare it with the installed header; the
 * counts are kept by hand.
 *
 * No include guard: the includer defines ARCH_SC to expand each line, as
 * many times as it needs to.
 */
#ifdef ARCH_SC
/* clang-format off */
HEAD
awk 'NR == FNR { nargs[$2] = $3; next }
	($2 in nargs) { printf "ARCH_SC(%d, %s, %s)\n", $1, $2, nargs[$2]; next }
	{ printf "ARCH_SC(%d, %s, 6) /* nargs? */\n", $1, $2
	  printf "gen-syscallent: %s (%d) is new: set its argument count\n", \
		$2, $1 > "/dev/stderr" }' "$tmp/tab" "$tmp/hdr"
cat <<'TAIL'
/* clang-format on */
#endif
TAIL
