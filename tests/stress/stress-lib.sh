# SPDX-License-Identifier: GPL-2.0-or-later
#
# Shared set-up of tests/stress/stress.sh and torture.sh (sourced): finds
# udtrace ($UDTRACE, else ./udtrace) and the workloads (tests/stress/progs
# of the build tree), makes a scratch directory $tmp and changes into it,
# and at exit kills the processes the script started with bg_start (and
# only those) and removes $tmp (UDT_KEEP=1 keeps it).

LC_ALL=C
export LC_ALL
unset _DTRACE_TESTING UDT_WAIT_TRACED

me=${0##*/}
udtrace=${UDTRACE:-${abs_top_builddir:-.}/udtrace}
case $udtrace in
/*) ;;
*) udtrace=$(pwd)/$udtrace ;;
esac
[ -x "$udtrace" ] || { echo "$me: $udtrace is not an executable" >&2; exit 99; }

sprogs=${abs_top_builddir:-$(pwd)}/tests/stress/progs
case $sprogs in
/*) ;;
*) sprogs=$(pwd)/$sprogs ;;
esac
stressor=$sprogs/stressor
[ -x "$stressor" ] ||
	{ echo "$me: $stressor is not built (make check builds it)" >&2; exit 99; }

if [ "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null)" = 3 ]; then
	echo "SKIP: ptrace is disabled (kernel.yama.ptrace_scope = 3)"
	exit 77
fi

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
tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-stress.XXXXXX") || exit 99
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
cd "$tmp" || exit 99

failures=0
fail()
{
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# bg_start CMD...: CMD in the background, its pid in $bg_pid.
bg_start()
{
	"$@" &
	bg_pid=$!
	bg_pids="$bg_pids $bg_pid"
}

# proc_state PID: the state letter of /proc/PID/stat, empty when gone.
proc_state()
{
	sed -n 's/^.*) \(.\).*$/\1/p' "/proc/$1/stat" 2>/dev/null
}

# tracer_pid PID: the TracerPid of /proc/PID/status (empty when gone).
tracer_pid()
{
	awk '$1 == "TracerPid:" { print $2 }' "/proc/$1/status" 2>/dev/null
}

untraced()
{
	[ "$(tracer_pid "$1")" = 0 ]
}

gone()
{
	case $(proc_state "$1") in
	'' | Z | X) return 0 ;;
	esac
	return 1
}

# bg_wait PID [SECONDS]: waits for a background process of ours, SECONDS
# (60) at most; its exit status in $rc, 124 when it had to be killed.
bg_wait()
{
	_n=$(( ${2:-60} * 20 ))
	while ! gone "$1" && [ "$_n" -gt 0 ]; do
		sleep 0.05
		_n=$((_n - 1))
	done
	if ! gone "$1"; then
		kill -s KILL "$1" 2>/dev/null
		wait "$1" 2>/dev/null
		rc=124
		return
	fi
	wait "$1"
	rc=$?
}

# wait_for SECONDS CMD...: until CMD succeeds, SECONDS at most.
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

# rand N: a random number in 0..N-1.
rand()
{
	echo $(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1))
}

# msleep MS: sleeps MS milliseconds.
msleep()
{
	sleep "$(awk -v m="$1" 'BEGIN { printf "%.3f", m / 1000 }')"
}

# sanitizer_report FILE: true when FILE has a sanitizer's report.
sanitizer_report()
{
	grep -Eq 'Sanitizer|runtime error:|^==[0-9]+==' "$1"
}
