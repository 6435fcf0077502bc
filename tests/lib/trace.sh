# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared set-up for the live tracing tests (tests/trace/*.test), sourced
# by each of them. It finds udtrace ($UDTRACE, else ./udtrace) and the
# tracee programs (tests/trace/progs/ of the build tree), makes a scratch
# directory $tmp and changes into it, and at exit kills every process the
# test started with `bg_start` (and only those) and removes $tmp.
#
# The tracees know what they did (tests/trace/progs/progs.h); a test
# compares udtrace's output with that, and with strace -f -c on the same
# program when a count is in question. A test exits 0 (pass), 1 (fail),
# 77 (skip: a prerequisite is missing, never a bug of ours) or 99 (the
# test itself is broken). Every assertion prints what it expected and
# what it got when it fails, and sets $failed; a test ends with `finish`.
#
# udtrace runs are bounded (`timeout 60`): a loaded CI machine is slow,
# but a hang must end as a failure, not as a stuck make check.
#
# UDT_KEEP=1 keeps $tmp (the traces, strace's tables) for a look after a
# failure; set -x shows its name.

LC_ALL=C
export LC_ALL
unset _DTRACE_TESTING UDT_WAIT_TRACED

udtrace=${UDTRACE:-${abs_top_builddir:-.}/udtrace}
case $udtrace in
/*) ;;
*) udtrace=$(pwd)/$udtrace ;;
esac
if [ ! -x "$udtrace" ]; then
	echo "${0##*/}: $udtrace is not an executable" >&2
	exit 99
fi
P=$(basename "$udtrace")

progs=${abs_top_builddir:-$(pwd)}/tests/trace/progs
case $progs in
/*) ;;
*) progs=$(pwd)/$progs ;;
esac
for _p in sc_count threads forker execer signals crash io openfile checksum; do
	if [ ! -x "$progs/$_p" ]; then
		echo "${0##*/}: $progs/$_p is not built (make check builds it)" >&2
		exit 99
	fi
done

# The processes this test started (bg_start), killed at exit.
bg_pids=

cleanup()
{
	for _p in $bg_pids; do
		kill -s KILL "$_p" 2>/dev/null
	done
	for _p in $bg_pids; do
		wait "$_p" 2>/dev/null
	done
	cd / && { [ -n "$UDT_KEEP" ] || rm -rf "$tmp"; }
}

# tests/lib (expect.sh), found before the cd below
udt_libdir=$(cd "$(dirname "$0")/../lib" && pwd) || exit 99

tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-trace.XXXXXX") || exit 99
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
cd "$tmp" || exit 99
# The real directory: udtrace reports resolved paths (fi_pathname).
tmp=$(pwd -P)

failed=0

fail()
{
	echo "FAIL: $*"
	failed=1
}

skip()
{
	echo "SKIP: $*"
	exit 77
}

finish()
{
	exit $failed
}

# require_ptrace: skips when this machine forbids ptrace altogether (Yama
# mode 3, or a container profile that refuses it: strace cannot trace).
require_ptrace()
{
	if [ "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null)" = 3 ]; then
		skip "ptrace is disabled (kernel.yama.ptrace_scope = 3)"
	fi
	if command -v strace >/dev/null 2>&1 &&
		! strace -o /dev/null true >/dev/null 2>&1; then
		skip "ptrace is not permitted here (strace cannot trace true)"
	fi
}

require_strace()
{
	command -v strace >/dev/null 2>&1 || skip "no strace"
	strace -o /dev/null true >/dev/null 2>&1 ||
		skip "strace cannot trace here"
}

# run_udt ARGS...: runs udtrace (60 s at most), stdout to $tmp/out,
# stderr to $tmp/err, exit status in $rc.
run_udt()
{
	timeout -k 5 60 "$udtrace" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "udtrace timed out (60 s): $*"
	fi
}

. "$udt_libdir/expect.sh"

# expect_lines FILE TEXT WHAT: as expect_file, blank lines of FILE left
# out (printa's layout adds some; the tests are about the values).
expect_lines()
{
	grep -v '^$' "$1" >"$1.nb"
	expect_file "$1.nb" "$2" "$3"
}

# expect_eq GOT EXPECTED WHAT
expect_eq()
{
	[ "x$1" = "x$2" ] || fail "$3: got '$1', expected '$2'"
}

# expect_no_errors WHAT: udtrace's stderr has no error, warning or drop
# notice (-q runs print nothing there when all goes well).
expect_no_errors()
{
	if [ -s "$tmp/err" ]; then
		fail "$1: unexpected stderr:"
		head -10 "$tmp/err"
	fi
}

# strace_c OUTFILE PROG ARGS...: the program under strace -f -c; the
# summary table goes to OUTFILE, the program's stdout to OUTFILE.stdout.
strace_c()
{
	_o=$1
	shift
	timeout -k 5 60 strace -f -c -o "$_o" -- "$@" >"$_o.stdout"
}

# strace_calls FILE SYSCALL: the "calls" column of SYSCALL in a strace -c
# table (0 when it is not there).
strace_calls()
{
	awk -v s="$2" '$NF == s && $NF != "total" { n = $4 } END { print n + 0 }' "$1"
}

# strace_table FILE: "name calls" lines, sorted by name, of a strace -c
# table.
strace_table()
{
	awk 'NF >= 5 && $4 ~ /^[0-9]+$/ && $NF != "total" { print $NF, $4 }' \
		"$1" | sort
}

# bg_start CMD...: runs CMD in the background, its pid in $bg_pid; the
# process is killed at exit if it is still there.
bg_start()
{
	"$@" &
	bg_pid=$!
	bg_pids="$bg_pids $bg_pid"
}

# bg_prog [VAR=VALUE...] PROG ARGS...: bg_start of a program of ours under
# env (UDT_WAIT_TRACED=1 for a -p test), returning once the process runs
# it: a -p attach that came before the exec would find env's image, not
# the program's (a loaded machine makes that window wide).
bg_prog()
{
	rm -f "$go" # (a fresh one for each program that waits for it)
	bg_start env "$@"
	_d=$(cd "$progs" && pwd -P)
	wait_for 20 eval 'case $(readlink "/proc/$bg_pid/exe" 2>/dev/null) in
		"$_d"/*) true ;; *) false ;; esac' ||
		fail "bg_prog: process $bg_pid never ran a program of $progs" >&2
}

# A -p test's program that must not start before its probes are planted:
# bg_prog UDT_WAIT_TRACED=1 UDT_WAIT_GO="$go" PROG..., then
# run_udt -w -n "$go_begin ..." -p PID (tests/trace/progs/progs.h says
# why).
go=$tmp/go
go_begin="BEGIN { system(\"touch $go\"); }"

# bg_wait PID [SECONDS]: waits for a background process of ours, at most
# SECONDS (60); its exit status in $rc, 124 when it had to be killed.
bg_wait()
{
	_n=$(( ${2:-60} * 10 ))
	while kill -0 "$1" 2>/dev/null && [ "$_n" -gt 0 ]; do
		# a zombie has exited: wait collects it
		[ "$(proc_state "$1")" = Z ] && break
		sleep 0.1
		_n=$((_n - 1))
	done
	if kill -0 "$1" 2>/dev/null && [ "$(proc_state "$1")" != Z ]; then
		kill -s KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		rc=124
		return
	fi
	wait "$1"
	rc=$?
}

# wait_for SECONDS CMD...: until CMD succeeds, at most SECONDS; false if
# it never did.
wait_for()
{
	_n=$(($1 * 20))
	shift
	until "$@"; do
		[ "$_n" -gt 0 ] || return 1
		sleep 0.05
		_n=$((_n - 1))
	done
}

# proc_state PID: the state letter of /proc/PID/stat (R, S, T, t, Z...),
# empty when the process is gone.
proc_state()
{
	sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null
}

# tracer_pid PID: the TracerPid of /proc/PID/status (empty when gone).
tracer_pid()
{
	awk '$1 == "TracerPid:" { print $2 }' "/proc/$1/status" 2>/dev/null
}

# traced PID: true when PID has a tracer.
traced()
{
	_t=$(tracer_pid "$1")
	[ -n "$_t" ] && [ "$_t" != 0 ]
}

# expect_running PID WHAT: PID is alive, neither stopped nor traced.
expect_running()
{
	_s=$(proc_state "$1")
	case $_s in
	'') fail "$2: process $1 is gone" ;;
	T | t) fail "$2: process $1 is left stopped (state $_s)" ;;
	Z | X) fail "$2: process $1 died" ;;
	esac
	_t=$(tracer_pid "$1")
	[ -z "$_t" ] || [ "$_t" = 0 ] ||
		fail "$2: process $1 is still traced (TracerPid $_t)"
}

# rand N: a random number in 0..N-1 (the shell may have no $RANDOM).
rand()
{
	echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}
