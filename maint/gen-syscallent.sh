#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# arch/<cpu>/syscallent.h is committed data: ARCH_SC(nr, name, nargs) for
# every syscall of the CPU (x86_64, aarch64). Names and numbers are the
# kernel's (__NR_name of its <asm/unistd*.h>); the argument counts are not
# in any header (they are the n of the kernel's SYSCALL_DEFINEn) and are
# kept by hand.
#
#   maint/gen-syscallent.sh [--arch CPU] [HEADER] > arch/CPU/syscallent.h
#	prints the table regenerated from HEADER: numbers and names from
#	the header, argument counts from the committed table of CPU (for a
#	name it lacks, the x86_64 table's count for that name); a syscall
#	found in neither gets "6 /* nargs? */" and a warning, to be fixed by
#	hand.
#   maint/gen-syscallent.sh [--arch CPU] --check [HEADER]
#	exit 1 (listing the differences) unless the committed table has
#	exactly the header's names and numbers, and every count is 0..6.
#   maint/gen-syscallent.sh [--arch CPU] --available
#	exit 0 when CPU's header can be found here (without HEADER), else 1.
#
# CPU is x86_64 (the default) or aarch64 (arm64). HEADER, when given, is
# the preprocessed or plain header text with the __NR_ definitions. Without
# it:
#  - x86_64: the installed <asm/unistd_64.h>, found through the compiler
#    ($CC, default cc) when it is not at the Debian path;
#  - aarch64: <asm/unistd.h> preprocessed (-E -dM) by an aarch64 compiler:
#    $CC when it is one (an aarch64 host or a cross build), else
#    aarch64-linux-gnu-gcc; failing both, by $CC (or cc) on the Debian
#    cross headers (linux-libc-dev-arm64-cross) in /usr/aarch64-linux-gnu.
#    arm64 numbers its syscalls as asm-generic/unistd.h does, where some
#    names are aliases (__NR_fstat is __NR3264_fstat): they are resolved,
#    and __NR_syscalls and __NR_arch_specific_syscall (no syscalls) left
#    out.
#
# Exit status 2: the script's own trouble (no header, no mktemp).

LC_ALL=C
export LC_ALL
here=$(dirname "$0")

arch=x86_64
mode=gen
while [ $# -gt 0 ]; do
	case $1 in
	--arch)
		[ $# -ge 2 ] || {
			echo "gen-syscallent: --arch needs a CPU" >&2
			exit 2
		}
		arch=$2
		shift 2
		;;
	--arch=*)
		arch=${1#--arch=}
		shift
		;;
	--check)
		mode=check
		shift
		;;
	--available)
		mode=available
		shift
		;;
	--)
		shift
		break
		;;
	-*)
		echo "gen-syscallent: unknown option $1" >&2
		exit 2
		;;
	*)
		break
		;;
	esac
done
hdr=$1
case $arch in
x86_64 | amd64)
	arch=x86_64
	;;
aarch64 | arm64)
	arch=aarch64
	;;
*)
	echo "gen-syscallent: unknown CPU $arch (x86_64 or aarch64)" >&2
	exit 2
	;;
esac
table=${SYSCALLENT:-$here/../arch/$arch/syscallent.h}
x86_table=$here/../arch/x86_64/syscallent.h

cc=${CC:-cc}
a64_cross_inc=/usr/aarch64-linux-gnu/include

# Whether compiler $1 targets aarch64.
is_a64_cc() {
	case $($1 -dumpmachine 2>/dev/null) in
	aarch64* | arm64*) return 0 ;;
	*) return 1 ;;
	esac
}

# The way to get CPU's header here: sets how (and a64cc), or returns 1.
find_header() {
	case $arch in
	x86_64)
		if [ -f /usr/include/x86_64-linux-gnu/asm/unistd_64.h ]; then
			how=x86-file
		elif echo '#include <asm/unistd_64.h>' |
			$cc -E -dM - >/dev/null 2>&1; then
			how=x86-cc
		else
			return 1
		fi
		;;
	aarch64)
		if is_a64_cc "$cc"; then
			how=a64-cc
			a64cc=$cc
		elif is_a64_cc aarch64-linux-gnu-gcc; then
			how=a64-cc
			a64cc=aarch64-linux-gnu-gcc
		elif [ -f "$a64_cross_inc/asm/unistd.h" ]; then
			how=a64-inc
		else
			return 1
		fi
		;;
	esac
	return 0
}

if [ $mode = available ]; then
	find_header
	exit
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-sc.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

if [ -n "$hdr" ]; then
	cat "$hdr"
elif ! find_header; then
	echo "gen-syscallent: no $arch syscall header found" >&2
	exit 2
else
	case $how in
	x86-file)
		cat /usr/include/x86_64-linux-gnu/asm/unistd_64.h
		;;
	x86-cc)
		echo '#include <asm/unistd_64.h>' | $cc -E -dM -
		;;
	a64-cc)
		echo '#include <asm/unistd.h>' | $a64cc -E -dM -
		;;
	a64-inc)
		echo '#include <asm/unistd.h>' |
			$cc -E -dM -nostdinc -I"$a64_cross_inc" -
		;;
	esac
fi >"$tmp/hdr.h" || exit 2

# "NR NAME" lines of the header, in number order. A value may name another
# macro (asm-generic's __NR_fstat __NR3264_fstat): followed to its number.
sed -n 's/^#[ 	]*define[ 	]\{1,\}\(__NR[A-Za-z0-9_]*\)[ 	]\{1,\}(\{0,1\}\([A-Za-z0-9_]\{1,\}\))\{0,1\}[ 	]*$/\1 \2/p' \
	"$tmp/hdr.h" | awk '
	{ val[$1] = $2; key[NR] = $1 }
	END {
		for (i = 1; i <= NR; i++) {
			k = key[i]
			if (k !~ /^__NR_/ || k == "__NR_syscalls" ||
			    k == "__NR_arch_specific_syscall")
				continue
			v = val[k]
			for (d = 0; v !~ /^[0-9]+$/ && (v in val) && d < 8; d++)
				v = val[v]
			if (v ~ /^[0-9]+$/)
				print v, substr(k, 6)
		}
	}' | sort -n -u >"$tmp/hdr"
if [ ! -s "$tmp/hdr" ]; then
	echo "gen-syscallent: no __NR_ definitions in ${hdr:-the $arch header}" >&2
	exit 2
fi

# "NR NAME NARGS [?]" lines of a committed table (? marks a guessed count).
table_lines() {
	[ -f "$1" ] || return 0
	sed -n 's/^ARCH_SC( *\([0-9]\{1,\}\), *\([A-Za-z0-9_]\{1,\}\), *\([0-9-]\{1,\}\))\(.*\)$/\1 \2 \3 \4/p' \
		"$1" | sed 's|/\* nargs? \*/|?|; s/ *$//'
}
table_lines "$table" >"$tmp/tab"

if [ $mode = check ]; then
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
		echo "$(wc -l <"$tmp/hdr") $arch syscalls: $table matches the header"
	else
		opt=
		[ $arch = x86_64 ] || opt=" --arch $arch"
		echo "regenerate it: maint/gen-syscallent.sh$opt > $table (see the script)"
	fi
	exit $bad
fi

# Counts for names the CPU's table lacks: the x86_64 table's (guesses
# there stay guesses).
if [ $arch != x86_64 ]; then
	table_lines "$x86_table" >"$tmp/x86"
else
	: >"$tmp/x86"
fi

case $arch in
x86_64)
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
HEAD
	;;
aarch64)
	cat <<'HEAD'
/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The aarch64 syscall table: ARCH_SC(number, name, number of arguments),
 * one line per syscall in number order. Numbers and names are the
 * kernel's for arm64: asm-generic/unistd.h's, as <asm/unistd.h> selects
 * them (so newfstatat, fstat, mmap, fcntl, lseek... under their 64-bit
 * names, renameat but no open, stat, fork or pipe: see
 * arch_sc_alternative()); 244..259 are the arch-specific range, which
 * arm64 leaves empty. An argument count is the n of the kernel's
 * SYSCALL_DEFINEn, the same as the x86_64 table's for the same name (for
 * the few numbers the kernel no longer implements, their historical
 * count). Written by maint/gen-syscallent.sh --arch aarch64, which make
 * check runs to compare it with the header when an aarch64 compiler or
 * the arm64 cross headers are installed; the counts are kept by hand.
 *
 * No include guard: the includer defines ARCH_SC to expand each line, as
 * many times as it needs to.
 */
HEAD
	;;
esac
cat <<'HEAD'
#ifdef ARCH_SC
/* clang-format off */
HEAD
awk 'FILENAME == ARGV[1] { nargs[$2] = $3; guess[$2] = $4; next }
	FILENAME == ARGV[2] { xnargs[$2] = $3; xguess[$2] = $4; next }
	($2 in nargs) && guess[$2] == "" {
		printf "ARCH_SC(%d, %s, %s)\n", $1, $2, nargs[$2]; next }
	($2 in xnargs) && xguess[$2] == "" {
		printf "ARCH_SC(%d, %s, %s)\n", $1, $2, xnargs[$2]; next }
	($2 in nargs) {
		printf "ARCH_SC(%d, %s, %s) /* nargs? */\n", $1, $2, nargs[$2]
		next }
	{ printf "ARCH_SC(%d, %s, 6) /* nargs? */\n", $1, $2
	  printf "gen-syscallent: %s (%d) is new: set its argument count\n", \
		$2, $1 > "/dev/stderr" }' "$tmp/tab" "$tmp/x86" "$tmp/hdr"
cat <<'TAIL'
/* clang-format on */
#endif
TAIL
