#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The stress suite: every workload of tests/stress/progs (stressor MODE N,
# stress_cxx N) run untraced and then under udtrace -c with syscall
# entry/return, pid$target:a.out entry/return (every function of the
# program), proc and io probes enabled at once, all aggregating. The
# traced run must print the same result line as the untraced one (each
# workload checks its own result: a checksum, summed exit codes, signal
# counts), and end the same way: the exit status the target passed to
# exit_group, or death by a signal (proc:::exit's reason) when the
# untraced run died of one. udtrace itself must exit 0 with nothing on
# stderr. Prints "stress: R runs, E events, F failures" (E: the events
# udtrace counted) and exits 1 when F > 0.
#
# STRESS_RUNS (default 1): traced runs of each workload.
# STRESS_SCALE (default 1): multiplies each workload's N.
# STRESS_ONLY: a space-separated list of workloads to run (default all).
# UDT_TIME_SCALE: a slow machine (emulated CPU) scales the timeouts.
. "${abs_top_srcdir:-$(dirname "$0")/../..}/tests/stress/stress-lib.sh"

RUNS=${STRESS_RUNS:-1}
S=${STRESS_SCALE:-1}
TMO=$((120 * ${UDT_TIME_SCALE:-1}))

# name:command (the command is split on blanks by udtrace -c, as dtrace
# does: the build directory must have none).
workloads="threads:$stressor|threads|$((40 * S))
fork:$stressor|fork|$((40 * S))
exec:$stressor|exec|$((16 * S))
vfork:$stressor|vfork|$((20 * S))
signals:$stressor|signals|$((10 * S))
crash:$stressor|crash|$((8 * S))
longjmp:$stressor|longjmp|$((100 * S))
segv:$stressor|segv|$((20 * S))
cxx:$sprogs/stress_cxx|$((100 * S))"

cat >stress.d <<'D'
syscall:::entry, syscall:::return { @ev[probeprov] = count(); }
pid$target:a.out::entry, pid$target:a.out::return { @ev["pid"] = count(); }
proc::: { @ev[probeprov] = count(); }
io::: { @ev[probeprov] = count(); }
syscall::exit_group:entry /pid == $target/ { printf("target-exit %d\n", arg0); }
proc:::exit /pid == $target/ { printf("target-reason %d\n", args[0]); }
END { printa("events %s %@d\n", @ev); }
D

runs=0
events=0

# how_ended STATUS: "exit N" or "signal" (the shell's 128 + N).
how_ended()
{
	if [ "$1" -gt 128 ]; then
		echo signal
	else
		echo "exit $1"
	fi
}

# traced_end TRACE: the same from udtrace's trace of the target: the last
# exit_group status of the target (an exec chain calls it once, at the
# end), else "signal" for proc:::exit's CLD_KILLED (2) or CLD_DUMPED (3).
traced_end()
{
	awk '$1 == "target-exit" { st = $2 }
		$1 == "target-reason" { r = $2 }
		END {
			if (st != "" && r == 1) print "exit " st
			else if (st == "" && (r == 2 || r == 3)) print "signal"
			else print "unknown (exit_group " st ", reason " r ")"
		}' "$1"
}

for w in $workloads; do
	name=${w%%:*}
	cmd=$(echo "${w#*:}" | tr '|' ' ')
	if [ -n "${STRESS_ONLY:-}" ]; then
		case " $STRESS_ONLY " in
		*" $name "*) ;;
		*) continue ;;
		esac
	fi
	timeout -k 5 $TMO $cmd >"$name.plain" 2>"$name.plain.err"
	st=$?
	if [ $st -eq 77 ]; then
		echo "$name: skipped ($(cat "$name.plain.err"))"
		continue
	fi
	if [ $st -eq 124 ] || [ $st -eq 137 ]; then
		fail "$name: the untraced run timed out"
		continue
	fi
	want_end=$(how_ended $st)
	want=$(cat "$name.plain")
	case $want in
	*" ok") ;;
	*) fail "$name: the untraced run is wrong: '$want' ($want_end)"; continue ;;
	esac
	i=1
	while [ $i -le "$RUNS" ]; do
		what="$name run $i"
		rm -f trace
		timeout -k 5 $TMO "$udtrace" -q -o trace -s stress.d -c "$cmd" \
			>"$name.out" 2>"$name.err" </dev/null
		rc=$?
		runs=$((runs + 1))
		got=$(cat "$name.out")
		ev=$(awk '$1 == "events" { n += $3 } END { print n + 0 }' trace 2>/dev/null)
		events=$((events + ev))
		bad=
		if [ $rc -ne 0 ]; then
			bad="udtrace exited $rc"
		elif [ -s "$name.err" ]; then
			bad="udtrace wrote on stderr: $(head -3 "$name.err")"
		elif [ "x$got" != "x$want" ]; then
			bad="got '$got', want '$want'"
		elif [ "$(traced_end trace)" != "$want_end" ]; then
			bad="ended '$(traced_end trace)', want '$want_end'"
		else
			for p in syscall pid proc; do
				grep -q "^events $p [1-9]" trace ||
					bad="no $p event counted"
			done
		fi
		if [ -n "$bad" ]; then
			fail "$what: $bad"
			sanitizer_report "$name.err" && head -20 "$name.err"
			cp trace "$name.trace.$i" 2>/dev/null
		fi
		i=$((i + 1))
	done
	echo "$name: $want ($want_end); last run: $(awk '$1 == "events" { printf "%s %s ", $2, $3 }' trace 2>/dev/null)"
done

echo "stress: $runs runs, $events events, $failures failures"
[ $runs -gt 0 ] || exit 99
[ $failures -eq 0 ]
