#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# valgrind.sh [TEST...]: runs the D tests (default: every tests/d/tst.*.d
# and err.*.d, one directory level deeper too, and examples/*.d through
# tests/examples.test) through the real udtrace under valgrind memcheck, for
# `make check-valgrind`; and, by default, the unit tests and fuzz replays
# that VG_UNIT names (programs of the build tree, run under valgrind
# themselves), the script tests that VG_SCRIPTS names (the live tests of
# tests/trace/ whose checks hold under valgrind: they run udtrace as
# $UDTRACE, the wrapper below), judged by their results and memcheck, and
# the tests that VG_MEMONLY names, judged by memcheck alone ("RAN"): under
# valgrind some of their checks cannot hold (timings, a ^C before udtrace
# is up, the name it was run as, the environment valgrind hands on to a -c
# program; Makefile.am says which and why), and make check runs them for
# their results. A TEST argument may be prefixed "unit:" (a program of
# the build tree) or "mem:" (judged by memcheck alone). Run from the top
# of the build tree (or set abs_top_builddir and abs_top_srcdir).
#
# Unit tests: a child forked by a program under valgrind runs valgrind's
# JIT until it execs, so a breakpoint planted in its code is never hit and
# its stack is not [stack]. The unit tests whose children exec a program
# of ours pass (Makefile.am lists them in VG_UNIT); these do not:
#  - t_arch: breakpoints and the entry sp in a forked child (not execed);
#  - t_bkpt: detach from a hit's callback wants 3000 hits in 10 s, which
#    its tracer under valgrind does not reach (all 90 other checks hold);
#  - t_tgt_util: its forked children install seccomp filters that refuse
#    syscalls valgrind itself makes (valgrind aborts: sigprocmask error
#    38), and test_explain passes waitid() a NULL siginfo, which Linux
#    allows but memcheck reports;
#  - t_prov_types: re-execs itself through /proc/self/exe, which under
#    valgrind is valgrind's own program (it refuses to be run directly).
#
# Each test runs under `timeout` (VG_TIMEOUT seconds, default 900) and
# fails if it has to be killed. Each udtrace run writes its own valgrind
# log; a test fails when its expected result fails (as under
# tests/lib/dtest.sh) or when any of its logs holds a memcheck error or a
# definitely lost block (valgrind's --errors-for-leak-kinds=definite). The
# logs of failing tests are kept in $VG_DIR (default ./valgrind-logs) and a
# summary line "valgrind: N tests, M failed (E with memcheck errors)" ends
# the output.
#
# Environment: VALGRIND (default valgrind), VG_JOBS (parallel tests,
# default the number of CPUs), VG_DIR (where the logs go), VG_TIMEOUT.
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
			--show-leak-kinds=definite --num-callers=30 --vgdb=no
			--log-file=$vgdir/$name.%p.vg $builddir/$t"
		;;
	*.test) drv="$SHELL_ $f" ;;
	*) drv="$SHELL_ $srcdir/tests/lib/dtest.sh $f" ;;
	esac
	# Bounded: a hang must end as a failure, not as a stuck CI (timeout
	# kills the test's process group).
	VG_TEST=$name UDTRACE=$wrapper abs_top_srcdir=$srcdir \
		top_srcdir=$srcdir abs_top_builddir=$builddir \
		top_builddir=$builddir timeout -k 10 "$vgtimeout" \
		$drv >"$vgdir/$name.log" 2>&1
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
	elif [ $st -eq 124 ] || [ $st -eq 137 ]; then
		echo "FAIL $t (timed out: $vgtimeout s)"
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
vgtimeout=${VG_TIMEOUT:-900}
vgdir=${VG_DIR:-$builddir/valgrind-logs}
rm -rf "$vgdir"
mkdir -p "$vgdir" || exit 99
vgdir=$(cd "$vgdir" && pwd)
# Writable by all, sticky as /tmp: tests run as root also run udtrace as
# user nobody (tests/trace/setuid.test, bad-input.test), whose log goes
# here too.
chmod 1777 "$vgdir" || exit 99

# The wrapper: one log per udtrace run, named after the test being run
# (VG_TEST) and the process id (the shell's, which exec makes udtrace's).
# Valgrind's own exit status is left alone so that tests expecting a given
# status still see it; the logs decide. Named udtrace (in a directory of
# its own): the tests that expect "udtrace: ..." messages build the name
# from the program they run.
# The log is opened here as descriptor 9 (--log-fd), not by valgrind
# (--log-file): the file valgrind opens lands on the lowest free
# descriptor, 3, and is not closed on the exec of a child it does not
# follow, so a -c program would find its first open() returning 4, not
# the 3 the tests expect (fault.test); the -c child's own messages,
# before its exec, go to the same log. --vgdb=no: no gdbserver FIFOs in
# /tmp, which are named after the pid, the same in two pid namespaces
# (every-process.test: "could not unlink /tmp/vgdb-pipe-...").
mkdir -p "$vgdir/bin" || exit 99
wrapper=$vgdir/bin/udtrace
cat >"$wrapper" <<EOF
#!/bin/sh
exec 9>>"$vgdir/\${VG_TEST:-run}.\$\$.vg" || exit 99
exec "$valgrind" -q --error-exitcode=99 --leak-check=full \\
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \\
	--num-callers=30 --vgdb=no --log-fd=9 "$bin" "\$@"
EOF
chmod +x "$wrapper" || exit 99

if [ $# -gt 0 ]; then
	tests="$*"
else
	# The long ones (live tests, unit tests of the event loop) first,
	# so that none is left running alone at the end.
	tests=${VG_SCRIPTS:-}
	for u in ${VG_MEMONLY:-}; do
		tests="$tests mem:$u"
	done
	for u in ${VG_UNIT:-}; do
		tests="$tests unit:$u"
	done
	tests="$tests tests/examples.test $(cd "$srcdir" && ls \
		tests/d/tst.*.d tests/d/err.*.d tests/d/*/tst.*.d \
		tests/d/*/err.*.d 2>/dev/null | sort)"
fi

SHELL_=${SHELL:-/bin/sh}
export srcdir builddir wrapper vgdir SHELL_ valgrind vgtimeout
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
