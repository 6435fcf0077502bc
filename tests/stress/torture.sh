#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Attach/detach torture: the tracee is never harmed.
#
# Part 1, -p: `stressor spin STOP` (two threads computing passes through
# mix/work/spin_pass, with getppid and nanosleep between them) runs
# alone; its text (every r-xp mapping of a file: the program, libc,
# ld.so) is hashed from /proc/PID/mem before the first attach. Then
# TORTURE_ITER times, udtrace -p attaches with pid entry/return probes on
# its hot functions and syscall probes, and is ended after a random 0-300
# ms by SIGINT, SIGTERM, SIGHUP or exit() from a tick clause, in turn:
# often in the middle of attaching or of planting the breakpoints. After
# each run udtrace must have exited 0 with nothing on stderr, or (a
# signal that came before udtrace blocks it, as early as dtrace's own
# window before tracing starts) died of that very signal, counted apart;
# the target must be alive, neither stopped (state t/T) nor traced
# (TracerPid 0), and its text must hash as before. At the end the target
# must print its right result and exit 0: every pass it made, traced or
# not, gave the first pass's value.
#
# Part 2, -c killed with SIGKILL (TORTURE_KILL_C_ITER times): udtrace
# cannot catch it; the -c child must die with it (PTRACE_O_EXITKILL)
# within 5 s, at any moment.
#
# Part 3, -p killed with SIGKILL (a fresh target each time): the kernel
# detaches the target. TORTURE_KILL_P_ITER runs with the pid probes: if
# breakpoints were planted it dies of SIGTRAP at the next one (the README
# says so: a thread stopped at one when udtrace died is put back on it
# before its stop is taken, tgt_bkpt_prewind, and traps again). Anything
# else than running on untraced and unstopped, or dying of SIGTRAP (a
# SIGSEGV of a thread resumed inside the instruction, say), is a
# failure. TORTURE_KILL_S_ITER runs
# with the syscall probes alone: no breakpoint, so it must run on.
#
# Prints "torture: R runs (E ...), F failures".
. "${abs_top_srcdir:-$(dirname "$0")/../..}/tests/stress/stress-lib.sh"

ITER=${TORTURE_ITER:-30}
KCITER=${TORTURE_KILL_C_ITER:-$(( (ITER + 2) / 3 ))}
KPITER=${TORTURE_KILL_P_ITER:-$(( (ITER + 2) / 3 ))}
KSITER=${TORTURE_KILL_S_ITER:-$(( (ITER + 9) / 10 ))}
SCALE=${UDT_TIME_SCALE:-1}

# A background job of sh ignores SIGINT; env --default-signal undoes it.
if env --default-signal=INT true 2>/dev/null; then
	ends="int term hup exit"
	envdef="env --default-signal=INT,TERM,HUP"
else
	echo "note: env --default-signal is missing: no SIGINT runs"
	ends="term hup exit"
	envdef=
fi
nends=$(echo $ends | wc -w)

probes='pid$target:a.out:mix:entry, pid$target:a.out:work:return,
pid$target:a.out:spin_pass:entry, pid$target:a.out:spin_pass:return
{ @[probefunc, probename] = count(); }
syscall::getppid:entry, syscall::nanosleep:return,
syscall::clock_nanosleep:return { @[probefunc, probename] = count(); }'

runs=0
early=0

# text_of PID FILE: the hashes of PID's text into FILE.
text_of()
{
	"$stressor" textsum "$1" >"$2" 2>"$2.err"
}

# settled PID: untraced, or gone.
settled()
{
	gone "$1" || untraced "$1"
}

# ours_alive PATTERN: true when a process whose command line has
# PATTERN (a path under $tmp: only ours) is still there.
ours_alive()
{
	for _c in /proc/[0-9]*/cmdline; do
		_p=${_c%/cmdline}
		_p=${_p#/proc/}
		gone "$_p" && continue
		tr '\0' ' ' <"$_c" 2>/dev/null | grep -qF "$1" && return 0
	done
	return 1
}

not_ours_alive()
{
	! ours_alive "$1"
}

# check_target PID WHAT: alive, not stopped, not traced, text unchanged.
check_target()
{
	wait_for $((5 * SCALE)) settled "$1" || true
	case $(proc_state "$1") in
	'' | Z | X) fail "$2: the target died"; return 1 ;;
	t | T) fail "$2: the target is left stopped ($(proc_state "$1"))" ;;
	esac
	[ "$(tracer_pid "$1")" = 0 ] ||
		fail "$2: the target is still traced (TracerPid $(tracer_pid "$1"))"
	if text_of "$1" text.now && cmp -s text.0 text.now; then
		:
	else
		fail "$2: the target's text changed"
		diff text.0 text.now | head -10
	fi
}

# ---- part 1: -p, ended by a signal or exit() ----
bg_start "$stressor" spin "$tmp/stop" >spin.out 2>spin.err
spin=$bg_pid
sleep 0.3
text_of $spin text.0 || { cat text.0.err; echo "textsum failed"; exit 99; }
grep -q stressor text.0 || { cat text.0; echo "no program text"; exit 99; }

i=1
while [ $i -le "$ITER" ]; do
	end=$(echo $ends | cut -d' ' -f$(( (i - 1) % nends + 1 )))
	ms=$(rand 301)
	what="-p run $i ($end after $ms ms)"
	runs=$((runs + 1))
	rm -f trace
	if [ $end = exit ]; then
		tick=$(( (ms > 0 ? ms : 1) * SCALE ))
		timeout -k 5 $((60 * SCALE)) "$udtrace" -q -o trace -n "$probes
tick-${tick}ms { exit(0); }" -p $spin >out 2>err
		rc=$?
	else
		bg_start $envdef "$udtrace" -q -o trace -n "$probes" -p $spin \
			>out 2>err
		u=$bg_pid
		msleep $((ms * SCALE))
		sig=$(echo $end | tr a-z A-Z)
		kill -s $sig $u
		bg_wait $u $((60 * SCALE))
	fi
	if [ $end != exit ] && [ $rc -gt 128 ] &&
		[ "$(kill -l $rc 2>/dev/null)" = "$sig" ]; then
		# The signal came before udtrace blocks it (dtrace too takes
		# SIGINT/SIGTERM only once tracing starts: before that they
		# end it). The target must still be unharmed (below).
		early=$((early + 1))
		rc=0
	fi
	case $rc in
	0) ;;
	124) fail "$what: udtrace did not end within its time" ;;
	*) fail "$what: udtrace exited $rc: $(head -3 err)" ;;
	esac
	if [ -s err ]; then
		fail "$what: udtrace wrote on stderr: $(head -3 err)"
	fi
	check_target $spin "$what" || break
	i=$((i + 1))
done

touch "$tmp/stop"
bg_wait $spin $((60 * SCALE))
res=$(cat spin.out)
[ $rc -eq 0 ] || fail "the -p target exited $rc ($res; $(cat spin.err))"
case $res in
"spin value "*" ok") echo "-p target: $res, $(cat spin.err)" ;;
*) fail "the -p target's result: '$res'" ;;
esac

# ---- part 2: -c, udtrace killed by SIGKILL ----
i=1
while [ $i -le "$KCITER" ]; do
	ms=$(rand 301)
	what="-c run $i (SIGKILL after $ms ms)"
	runs=$((runs + 1))
	rm -f "$tmp/stop.c"
	bg_start "$udtrace" -q -o trace -n "$probes" \
		-c "$stressor spin $tmp/stop.c" >out 2>err
	u=$bg_pid
	msleep $((ms * SCALE))
	kill -s KILL $u
	bg_wait $u 10
	# the child (if udtrace had started it) has the stop file's name
	# in its command line
	wait_for $((5 * SCALE)) not_ours_alive "$tmp/stop.c" ||
		fail "$what: the -c child is alive"
	i=$((i + 1))
done

# ---- part 3: -p, udtrace killed by SIGKILL ----
# kill_p N KIND PROBES: N runs of a fresh target under udtrace -p PROBES,
# udtrace killed by SIGKILL; KIND pid: the target may die of SIGTRAP;
# KIND syscall (no breakpoints): it must run on unharmed.
trapped=0
kill_p()
{
	_i=1
	while [ $_i -le "$1" ]; do
		ms=$(rand 301)
		what="-p $2 run $_i (SIGKILL after $ms ms)"
		runs=$((runs + 1))
		rm -f "$tmp/stop.k"
		bg_start "$stressor" spin "$tmp/stop.k" >spin.k.out 2>spin.k.err
		t=$bg_pid
		sleep 0.1
		bg_start "$udtrace" -q -o trace -n "$3" -p $t >out 2>err
		u=$bg_pid
		msleep $((ms * SCALE))
		kill -s KILL $u
		bg_wait $u 10
		wait_for $((5 * SCALE)) settled $t || true
		msleep 100
		st=$(proc_state $t)
		case $st in
		'' | Z | X)
			bg_wait $t 5
			if [ $2 = pid ] && [ $rc -eq $((128 + 5)) ]; then
				trapped=$((trapped + 1))
			else
				fail "$what: the target ended with status $rc: $(cat spin.k.err)"
			fi
			;;
		t | T) fail "$what: the target is left stopped ($st)" ;;
		*)
			[ "$(tracer_pid $t)" = 0 ] ||
				fail "$what: the target is still traced"
			touch "$tmp/stop.k"
			bg_wait $t $((30 * SCALE))
			[ $rc -eq 0 ] ||
				fail "$what: the target exited $rc: $(cat spin.k.out spin.k.err)"
			;;
		esac
		_i=$((_i + 1))
	done
}
kill_p "$KPITER" pid "$probes"
kill_p "$KSITER" syscall 'syscall::getppid:entry, syscall::nanosleep:return,
syscall::clock_nanosleep:return { @[probefunc, probename] = count(); }'

echo "torture: $runs runs ($early -p runs whose signal ended udtrace before it took it, $trapped -p targets dead of SIGTRAP after a SIGKILL), $failures failures"
[ $failures -eq 0 ]
