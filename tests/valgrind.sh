#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# valgrind.sh [TEST.d...]: runs the D tests (default: every tests/d/tst.*.d
# and err.*.d, one directory level deeper too, and examples/*.d through
# tests/examples.test) through the real udtrace under valgrind memcheck, for
# `make check-valgrind`; and, by default, the unit tests and fuzz replays
# that VG_UNIT names (programs of the build tree; Makefile.am lists those
# that trace nothing: a tracee forked by a program under valgrind would run
# valgrind's own code, not the test's), and the command-line tests that
# VG_MEMONLY names, judged by memcheck alone ("RAN"): under valgrind some
# of their checks cannot hold (timings, a ^C before udtrace is up, the
# name it was run as), and make check runs them for their results. Run from the top of the build tree (or set
# abs_top_builddir and abs_top_srcdir).
#
# Each udtrace run writes its own valgrind log; a test fails when its
# expected result fails (as under tests/lib/dtest.sh) or when any of its
# logs holds a memcheck error or a definitely lost block (valgrind's
# --errors-for-leak-kinds=definite). The logs of failing tests are kept in
# $VG_DIR (default ./valgrind-logs) and a summary line
# "valgrind: N tests, M failed (E with memcheck errors)" ends the output.
#
# Environment: VALGRIND (default valgrind), VG_JOBS (parallel tests,
# default the number of CPUs), VG_DIR (where the logs go).
# Exit status: 0 all passed, 1 some failed, 77 no valgrind, 99 set-up error.

LC_ALL=C
export LC_ALL

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

# run_one TEST: runs it, prints "PASS|FAIL|VGERR|SKIP TEST".
run_one()
{
	t=$1
	name=$(echo "$t" | sed 's|^tests/||; s|/|_|g')
	case $t in
	/*) f=$t ;;
	*) f=$srcdir/$t ;;
	esac
	memonly=
	case $t in
	mem:*)
		t=${t#mem:}
		memonly=1
		name=$(echo "$t" | sed 's|^tests/||; s|/|_|g')
		f=$srcdir/$t
		;;
	esac
	case $t in
	unit:*)
		# a program of the build tree, run under valgrind itself
		t=${t#unit:}
		name=$(echo "$t" | sed 's|^tests/||; s|/|_|g')
		drv="$valgrind -q --error-exitcode=99 --leak-check=full
			--errors-for-leak-kinds=definite
			--show-leak-kinds=definite --num-callers=30
			--log-file=$vgdir/$name.%p.vg $builddir/$t"
		;;
	*.test) drv="$SHELL_ $f" ;;
	*) drv="$SHELL_ $srcdir/tests/lib/dtest.sh $f" ;;
	esac
	VG_TEST=$name UDTRACE=$wrapper abs_top_srcdir=$srcdir \
		top_srcdir=$srcdir abs_top_builddir=$builddir \
		top_builddir=$builddir $drv >"$vgdir/$name.log" 2>&1
	st=$?
	bad=
	for l in "$vgdir/$name".*.vg; do
		[ -f "$l" ] || continue
		# Not an error of ours: valgrind does not know seccomp(2) (a -c
		# child calls it before its exec, and falls back to prctl()).
		sed -i -e '/^--[0-9]*-- WARNING: unhandled [a-z0-9-]* syscall: \(317\|277\)$/,/^--[0-9]*-- it at http/d' "$l"
		[ -s "$l" ] || continue
		bad=1
	done
	if [ -n "$bad" ]; then
		echo "VGERR $t"
	elif [ -n "$memonly" ]; then
		echo "RAN $t (status $st)"
		rm -f "$vgdir/$name.log"
	elif [ $st -eq 77 ]; then
		echo "SKIP $t"
		rm -f "$vgdir/$name.log"
	elif [ $st -ne 0 ]; then
		echo "FAIL $t"
	else
		echo "PASS $t"
		rm -f "$vgdir/$name.log" "$vgdir/$name".*.vg
	fi
}

# One test, from the xargs below (the environment is set up already).
if [ "${1:-}" = --one ]; then
	run_one "$2"
	exit 0
fi

builddir=${abs_top_builddir:-$(pwd)}
srcdir=${abs_top_srcdir:-}
if [ -z "$srcdir" ]; then
	srcdir=$(sed -n 's|^abs_top_srcdir = ||p' "$builddir/Makefile" 2>/dev/null)
fi
if [ -z "$srcdir" ] || [ ! -f "$srcdir/tests/lib/dtest.sh" ]; then
	echo "valgrind.sh: cannot find the source tree (set abs_top_srcdir)" >&2
	exit 99
fi
bin=$builddir/udtrace
if [ ! -x "$bin" ]; then
	echo "valgrind.sh: no $bin (run make first)" >&2
	exit 99
fi
valgrind=${VALGRIND:-valgrind}
if ! command -v "$valgrind" >/dev/null 2>&1; then
	echo "valgrind.sh: no valgrind; skipped" >&2
	exit 77
fi
jobs=${VG_JOBS:-$(nproc 2>/dev/null || echo 2)}
vgdir=${VG_DIR:-$builddir/valgrind-logs}
rm -rf "$vgdir"
mkdir -p "$vgdir" || exit 99
vgdir=$(cd "$vgdir" && pwd)

# The wrapper: one log per udtrace run, named after the test being run
# (VG_TEST) and the process id. Valgrind's own exit status is left alone so
# that tests expecting a given status still see it; the logs decide.
# Named udtrace (in a directory of its own): the tests that expect
# "udtrace: ..." messages build the name from the program they run.
mkdir -p "$vgdir/bin" || exit 99
wrapper=$vgdir/bin/udtrace
cat >"$wrapper" <<EOF
#!/bin/sh
exec "$valgrind" -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \\
	--num-callers=30 --log-file="$vgdir/\${VG_TEST:-run}.%p.vg" \\
	"$bin" "\$@"
EOF
chmod +x "$wrapper" || exit 99

if [ $# -gt 0 ]; then
	tests="$*"
else
	tests=$(cd "$srcdir" && ls tests/d/tst.*.d tests/d/err.*.d \
		tests/d/*/tst.*.d tests/d/*/err.*.d 2>/dev/null | sort)
	tests="$tests tests/examples.test"
	for u in ${VG_UNIT:-}; do
		tests="$tests unit:$u"
	done
	for u in ${VG_MEMONLY:-}; do
		tests="$tests mem:$u"
	done
fi

SHELL_=${SHELL:-/bin/sh}
export srcdir builddir wrapper vgdir SHELL_ valgrind
results=$vgdir/results
# xargs -P runs the tests in parallel, each through "$0 --one TEST"; each
# line of output is one result.
printf '%s\n' $tests | xargs -P "$jobs" -n 1 "$SHELL_" "$self" --one >"$results"

# Empty logs (no error) are not failures; drop them.
find "$vgdir" -name '*.vg' -size 0 -exec rm -f {} +

n=$(grep -c . "$results")
fail=$(grep -c '^FAIL' "$results")
vgerr=$(grep -c '^VGERR' "$results")
grep -v '^PASS\|^SKIP\|^RAN' "$results" | sort
for l in "$vgdir"/*.vg; do
	[ -f "$l" ] || continue
	echo "=== $(basename "$l")"
	cat "$l"
done
echo "valgrind: $n tests, $((fail + vgerr)) failed ($vgerr with memcheck errors)"
[ $((fail + vgerr)) -eq 0 ]
