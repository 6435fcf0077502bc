#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /udt-run-tests.sh of the arm64 test VM (tests/aarch64/mkimage.sh puts it
# there, next to /udt-env.sh, the build's AM_TESTS_ENVIRONMENT values and
# test lists): runs each test the way automake's make check does (from
# the build tree, through the driver (build-aux/test-driver or
# tap-driver.sh) and the log compiler Makefile.am gives it, with the same
# environment, CC and NM being the VM's own cc and nm), without make, so nothing is ever rebuilt in the VM. Prints on
# the console, for tests/aarch64/run-vm.sh:
#   @@UDT-RESULT RESULT TEST SECONDSs      one per test (PASS, FAIL, SKIP,
#                                          XFAIL, XPASS, ERROR from its .trs)
#   @@UDT-LOG-BEGIN TEST ... @@UDT-LOG-END TEST   a failed test's log tail
#   @@UDT-SUMMARY N passed, M failed, K skipped
# Which tests: the words of /udt-tests.list (run-vm.sh adds it to the
# initramfs), else "@smoke @unit @trace @cli". A word is a test (as in the Makefile's
# lists: tests/trace/count.test, tests/unit/t_bkpt, tests/d/tst.x.d) or a
# group: @smoke (the VM's python3.11, cc, strace, a tracee, udtrace -V), @unit, @trace, @cli, @scripts, @fuzz, @d (the Makefile's
# UNIT_TESTS, TRACE_TESTS, CLI_TESTS, SCRIPT_TESTS, FUZZ_REPLAY, D_TESTS).

# shellcheck disable=SC1091 # (made by mkimage.sh and run-vm.sh)
. /udt-env.sh
# shellcheck disable=SC1091
[ -f /udt-settings.sh ] && . /udt-settings.sh
UDTRACE=$abs_top_builddir/udtrace
NM='nm'
CC='cc'
ASAN_OPTIONS=exitcode=99:detect_leaks=1
UBSAN_OPTIONS=exitcode=99:print_stacktrace=1
export top_srcdir abs_top_srcdir srcdir top_builddir abs_top_builddir
export UDTRACE NM ARCH CC UDT_HDR_CFLAGS ASAN_OPTIONS UBSAN_OPTIONS
# The CPU is emulated (qemu TCG, some 20 times slower than the host's, and
# each ptrace stop dearer still): tests whose tracee must make progress in
# a fixed time, or that count thousands of breakpoint hits, scale by it.
UDT_TIME_SCALE=${UDT_TIME_SCALE:-5}
export UDT_TIME_SCALE

words="@smoke @unit @trace @cli"
[ -f /udt-tests.list ] && words=$(cat /udt-tests.list)
tests=
for w in $words; do
	case $w in
	@unit) tests="$tests $UNIT_TESTS" ;;
	@trace) tests="$tests $TRACE_TESTS" ;;
	@cli) tests="$tests $CLI_TESTS" ;;
	@scripts) tests="$tests $SCRIPT_TESTS" ;;
	@fuzz) tests="$tests $FUZZ_REPLAY" ;;
	@d) tests="$tests $D_TESTS" ;;
	*) tests="$tests $w" ;;
	esac
done

# make's $(SHELL) runs the drivers and the scripts (/bin/bash: configure
# picks bash where there is one, as in the VM).
sh=${UDT_SHELL:-/bin/sh}
[ -x "$sh" ] || sh=/bin/sh
# No descriptor of ours leaks into a test (they check their fd numbers).
exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
cd "$abs_top_builddir" || exit 1
npass=0 nfail=0 nskip=0

# smoke NAME CMD...: a check of the VM itself, reported like a test.
smoke()
{
	_n=$1
	shift
	if _o=$("$@" 2>&1); then
		echo "@@UDT-RESULT PASS smoke:$_n 0s"
		npass=$((npass + 1))
	else
		echo "@@UDT-RESULT FAIL smoke:$_n 0s"
		nfail=$((nfail + 1))
		echo "@@UDT-LOG-BEGIN smoke:$_n"
		echo "\$ $*"
		echo "$_o" | tail -n 20
		echo "@@UDT-LOG-END smoke:$_n"
	fi
}

for t in $tests; do
	case $t in
	@smoke)
		# The VM's tools, the build's programs, ptrace.
		# shellcheck disable=SC2016 # (expanded by the inner sh)
		smoke python3.11 sh -c '[ "$(python3.11 -c "print(6*7)")" = 42 ]'
		# shellcheck disable=SC2016
		smoke cc sh -c 'printf "#include <stdio.h>\nint main(void){puts(\"hi\");return 0;}\n" >/tmp/h.c && cc -o /tmp/h /tmp/h.c && [ "$(/tmp/h)" = hi ]'
		smoke strace strace -f -c -o /dev/null python3.11 -c 'print(1)'
		smoke sc_count tests/trace/progs/sc_count 10
		smoke udtrace-version "$UDTRACE" -V
		continue
		;;
	esac
	# The driver and the log compiler of Makefile.am: .d, .test and .sh
	# through automake's test-driver (exit status), the unit test
	# programs through tap-driver.sh (TAP).
	case $t in
	*.d) set -- test-driver "$sh" "$srcdir/tests/lib/dtest.sh" ;;
	*.test | *.sh) set -- test-driver "$sh" ;;
	*) set -- tap-driver.sh ;;
	esac
	driver=$srcdir/build-aux/$1
	shift
	if [ -f "$t" ]; then f=$t; else f=$srcdir/$t; fi
	b=${t%.test}
	b=${b%.sh}
	b=${b%.d}
	mkdir -p "$(dirname "$b")"
	rm -f "$b.log" "$b.trs"
	start=$(date +%s)
	timeout -k 10 "${UDT_TEST_TIMEOUT:-900}" \
		env AM_TAP_AWK=awk "$sh" "$driver" \
		--test-name "$t" --log-file "$b.log" --trs-file "$b.trs" \
		--color-tests no --enable-hard-errors yes --expect-failure no \
		-- "$@" "$f" >/dev/null 2>"$b.driver-err"
	drc=$?
	res=$(sed -n 's/^:global-test-result: //p' "$b.trs" 2>/dev/null)
	[ -n "$res" ] || res=ERROR
	echo "@@UDT-RESULT $res $t $(($(date +%s) - start))s"
	case $res in
	PASS | XFAIL) npass=$((npass + 1)) ;;
	SKIP)
		nskip=$((nskip + 1))
		# why, in a line or two: a skip on arm64 must say its reason
		echo "@@UDT-LOG-BEGIN $t"
		grep -m 2 -iE 'skip' "$b.log" 2>/dev/null
		echo "@@UDT-LOG-END $t"
		;;
	*)
		nfail=$((nfail + 1))
		echo "@@UDT-LOG-BEGIN $t"
		[ "$drc" -eq 124 ] && echo "(killed after ${UDT_TEST_TIMEOUT:-900} s)"
		if [ "${driver##*/}" = tap-driver.sh ]; then
			# TAP: everything but the passed points
			grep -vE '^(ok |PASS: |SKIP: )' "$b.log" 2>/dev/null |
				head -n "$((${UDT_LOG_LINES:-60} + 20))"
		else
			# a script: its FAIL lines, then its end
			grep -E 'FAIL|timed out' "$b.log" 2>/dev/null | head -n 30
			echo "[... last lines of $b.log:]"
			tail -n "${UDT_LOG_LINES:-60}" "$b.log" 2>/dev/null
		fi
		cat "$b.driver-err"
		echo "@@UDT-LOG-END $t"
		;;
	esac
	rm -f "$b.driver-err"
done
echo "@@UDT-SUMMARY $npass passed, $nfail failed, $nskip skipped"
[ "$nfail" -eq 0 ]
