#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# dtest.sh FILE: runs one D test through the real udtrace, for automake's
# parallel harness (exit 0 pass, 1 fail, 77 skip, 99 hard error). The
# conventions are dtrace-utils' (runtest.sh):
#
#   tst.NAME.d   runs `udtrace OPTS -s tst.NAME.d` with the test's directory
#                as the working directory. The exit status must be 0, or N
#                from a `/* @@exit: N */` line. If tst.NAME.r exists, stdout
#                must equal it byte for byte; if the .r holds a line
#                `-- @@stderr --`, what follows must equal stderr (without
#                udtrace's "script '...' matched N probes" and "description
#                '...' matched" notices); otherwise stderr is not compared.
#                Without a .r only the exit status is checked.
#   err.D_TAG.NAME.d  runs `udtrace -x errtags OPTS -s FILE`: it must exit 1
#                with "[D_TAG]" on stderr (and match a .r the same way).
#   err.NAME.d   (no D_ tag) must exit non-zero without a crash (< 128).
#
# Lines in the test file (each inside a comment):
#   @@runtest-opts: OPTS   options before -s (shell words, may repeat;
#                          $tmpdir is the test's own scratch directory,
#                          e.g. `-o $tmpdir/out`: the test's directory may
#                          be read-only, as in make distcheck)
#   @@timeout: N           seconds before the run is killed (default 10)
#   @@exit: N              the expected exit status of a tst. test
#   @@skip: REASON         skip the test (exit 77)
# A tst.NAME.r.p file, when present, is a filter (run with sh) applied to
# the output (stdout, plus the stderr section) before the comparison, for
# values that vary between runs (dtrace-utils' postprocessors).
#
# Any sanitizer report on stderr fails the test. UDTRACE names the binary
# (default: $abs_top_builddir/udtrace, else ./udtrace). Works in VPATH
# builds: FILE may be anywhere; outputs go to a fresh temporary directory.

LC_ALL=C
export LC_ALL

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	echo "usage: dtest.sh FILE.d" >&2
	exit 99
fi

file=$1
dir=$(cd "$(dirname "$file")" && pwd) || exit 99
base=$(basename "$file")
stem=${base%.d}

# The binary, as an absolute path (we change directory to run it).
udtrace=${UDTRACE:-}
if [ -z "$udtrace" ]; then
	if [ -n "${abs_top_builddir:-}" ]; then
		udtrace=$abs_top_builddir/udtrace
	else
		udtrace=./udtrace
	fi
fi
case $udtrace in
/*) ;;
*) udtrace=$(pwd)/$udtrace ;;
esac
if [ ! -x "$udtrace" ]; then
	echo "dtest.sh: $udtrace is not an executable" >&2
	exit 99
fi

# directive NAME: the values of @@NAME: lines, one per line.
directive()
{
	sed -n "s|^.*@@$1:[ 	]*\\(.*\\)\$|\\1|p" "$file" |
		sed 's|[ 	]*\*/[ 	]*$||; s|[ 	]*$||'
}

reason=$(directive skip | head -n 1)
if grep -q '@@skip:' "$file"; then
	echo "SKIP: $base: ${reason:-no reason given}"
	exit 77
fi

opts=$(directive runtest-opts | tr '\n' ' ')
timeout=$(directive timeout | head -n 1)
timeout=${timeout:-10}
want_exit=$(directive exit | head -n 1)

case $base in
tst.*)
	kind=tst
	want_exit=${want_exit:-0}
	;;
err.D_*.*.d)
	kind=errtag
	tag=${base#err.}
	tag=${tag%%.*}
	opts="-x errtags $opts"
	;;
err.*)
	kind=err
	;;
*)
	echo "dtest.sh: $base is neither tst.*.d nor err.*.d" >&2
	exit 99
	;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-dtest.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# Run. The options are shell words (quotes allowed), as in runtest.sh.
tmpdir=$tmp/scratch
mkdir "$tmpdir" || exit 99
eval "set -- $opts" || {
	echo "dtest.sh: cannot parse @@runtest-opts: $opts" >&2
	exit 99
}
echo "cd $dir && $udtrace $* -s $base"
(
	cd "$dir" || exit 99
	TMPDIR=$tmpdir exec timeout -k 5 "$timeout" "$udtrace" "$@" -s "$base" \
		>"$tmp/stdout" 2>"$tmp/stderr" </dev/null
)
status=$?

fail()
{
	echo "FAIL: $base: $*"
	echo "--- stdout:"
	cat "$tmp/stdout"
	echo "--- stderr:"
	cat "$tmp/stderr"
	exit 1
}

if [ $status -eq 124 ] || [ $status -eq 137 ]; then
	fail "timed out after ${timeout}s (exit status $status)"
fi
if grep -Eq 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|SUMMARY: .*Sanitizer' "$tmp/stderr"; then
	fail "sanitizer report (exit status $status)"
fi
if [ $status -ge 128 ]; then
	fail "killed by signal $((status - 128))"
fi

case $kind in
tst)
	[ "$status" -eq "$want_exit" ] ||
		fail "exit status $status, expected $want_exit"
	;;
errtag)
	[ "$status" -eq 1 ] || fail "exit status $status, expected 1"
	grep -qF "[$tag]" "$tmp/stderr" || fail "no [$tag] on stderr"
	;;
err)
	[ "$status" -ne 0 ] || fail "exit status 0, expected a failure"
	;;
esac

# Compare with the expected output, if any.
expect=$dir/$stem.r
if [ -f "$expect" ]; then
	cp "$tmp/stdout" "$tmp/actual"
	if grep -qx -- '-- @@stderr --' "$expect"; then
		echo '-- @@stderr --' >>"$tmp/actual"
		grep -Ev "^[^:]*: (script|description) '.*' matched [0-9]+ probes?\$" \
			"$tmp/stderr" >>"$tmp/actual"
	fi
	if [ -f "$dir/$stem.r.p" ]; then
		(cd "$dir" && sh "./$stem.r.p") <"$tmp/actual" >"$tmp/actual.p" ||
			fail "postprocessor $stem.r.p failed"
		mv "$tmp/actual.p" "$tmp/actual"
	fi
	if ! cmp -s "$expect" "$tmp/actual"; then
		echo "FAIL: $base: output differs from $stem.r"
		diff -u "$expect" "$tmp/actual" | sed '1,2s|	.*||'
		echo "--- stderr:"
		cat "$tmp/stderr"
		exit 1
	fi
fi
echo "PASS: $base"
exit 0
