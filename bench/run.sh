#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/run.sh: `make bench`. Measures what a traced syscall costs, in one
# run, side by side: each workload untraced, under udtrace (every syscall
# entry; every entry and return; one unrelated syscall, i.e. the seccomp
# filter path) and under strace (-f -c, and plain -f for reference). Figures
# are machine-specific: only the ratios measured in the same run mean
# anything.
#
# The udtrace modes: udt-entry, every syscall entry (-n 'syscall:::entry
# { @[probefunc] = count(); }'), a seccomp stop each; udt-entry-notify,
# the same with -x sysentry=notify: seccomp user notifications (but
# execve's); udt-entry+ret, the same on entry and
# return; udt-filter, one syscall the workload never makes (mincore): the
# seccomp filter lets every other syscall through without a stop;
# udt-none, -c with no syscall probe at all (BEGIN { }): no filter, no
# stop, udtrace's fixed cost of -c alone.
#
# Method:
#  - every run is timed by progs/timeit.c (CLOCK_MONOTONIC around fork ..
#    waitpid, no shell in between); the figure is the median of BENCH_RUNS
#    runs (BENCH_RUNS x BENCH_CHEAP_REPEAT for the cheap rows);
#  - the runs alternate: round 1 of every (workload, placement, mode), then
#    round 2, ..., so that a drift of the machine hits every mode alike;
#  - every mode runs the same command, `/bin/sh WORKLOAD.sh` (the script
#    execs the workload or runs the pipeline), so the syscalls counted once
#    by `strace -f -c` are exactly those of each timed run;
#  - ns/sc = (t_mode - t_untraced) / syscalls: the cost per syscall the
#    tracer adds (its start-up included); x-untr = t_mode / t_untraced;
#    /strace-c = ns/sc of the mode / ns/sc of strace -f -c;
#  - two placements: the default (the scheduler places tracer and tracees)
#    and "same CPU" (tracer and tracees pinned to CPU $BENCH_CPU, as with
#    taskset -c); each placement has its own untraced baseline;
#  - a udtrace run that fails (exit status, timeout) marks its row "failed"
#    and its error is printed; the rest goes on. For the entry modes,
#    "seen" is the sum of udtrace's @[probefunc] counts (last run), to be
#    compared with the syscalls strace counted.
#
# The pid provider (a second table): call_loop N own|libc calls a function
# of its own (probe_me) or libc's labs() N times; modes: untraced,
# udt-entry (pid$target:MOD:FUNC:entry { @ = count(); }), udt-entry+ret
# (entry and return) and ltrace (-c; -x probe_me, -e labs), each run with
# N calls and with 0 (untraced: N x 1000 and N), so that ns/call = (t(N) -
# t(0)) / N is the cost of one probed call, start-up left out; x-untr =
# that / untraced ns/call; /ltrace = that / ltrace's ns/call; both
# placements, as the syscall table.
#
# Start-up left out of the syscall table too: the workload "startup"
# (/bin/true, a few dozen syscalls) runs untraced, udt-none and udt-filter
# in every round (BENCH_CHEAP_REPEAT times each); its t_mode - t_untraced
# is udtrace's fixed cost in that mode (start, filter, exit), and the
# "x-net" column is (t_mode - that fixed cost) / t_untraced: what a
# workload runs at once udtrace is there, the figure issue 7's "no probe
# enabled" targets are about.
#
# The floors (a table first, and the "x floor" columns): progs/floor.c, a
# minimal ptrace tracer of our own, measures what ptrace itself costs here
# per event (median of 3 runs of BENCH_FLOOR_N events): getppid()
# untraced, under a seccomp filter that traps nothing it calls, with one
# seccomp stop, with two PTRACE_SYSCALL stops, a breakpoint hit, and a
# pipe ping-pong (two wake-ups, no ptrace). It runs once per placement in
# every round, before the workloads. x floor = ns/sc / (floor - untraced
# floor) for udt-entry (seccomp-stop) and udt-entry+ret (syscall-2stop);
# in the pid table, ns/call / bkpt-stop (entry+ret: 2 x bkpt-stop). The
# floors of the x floor columns are not those of the table, though: this
# machine's speed drifts by 20-30% over a minute (a VM's neighbours),
# floors included, so the kinds a workload is compared with are measured
# again right before each (workload, placement) group of each round
# (BENCH_FLOOR_N events, BENCH_DIR/floors_adj.txt).
#
# Every ratio (ns/sc, x-untr, x-net, /strace-c, x floor, dflt/same, and
# the pid table's) is taken within one round, between runs made a few
# seconds apart, and the table shows the median of those per-round
# ratios; the ms column is the median of all runs. The cheap rows' runs
# of a round count as their median.
#
# The chart: with gnuplot, BENCH_OUT's name with .png (bench-results.png)
# shows the ns per event of the floors, of every mode of the getppid
# workload (else the first) and of the pid modes (own, else libc), both
# placements side by side (bench/chart.gp, data in BENCH_DIR/chart.dat).
#
# The D VM (its own table): progs/vm_bench.c compiles a few typical
# clauses and fires each BENCH_VM_N times through the VM on a fake probe
# context, no tracee, no ptrace: ns per firing, median of 5 loops, against
# issue 7's target of 1 us for a clause like @a[execname, arg0] = count().
# CPU only, so it runs once, first, outside the rounds.
#
# Environment (make bench passes the make variables of the same names):
#  UDTRACE           the binary (default ./udtrace)
#  BENCH_DIR         where the programs are and scratch files go
#                    (default ./bench-work)
#  BENCH_OUT         the results file (default ./bench-results.txt); the
#                    raw timings go to BENCH_DIR/raw.txt
#  BENCH_N           getppid() calls, and dd's syscalls: dd bs=1 reads and
#                    writes BENCH_N / 2 bytes (default 100000)
#  BENCH_FLOOR_N     events per run of each floor (default BENCH_N / 10:
#                    a floor is a tight loop of one kind of event, its 3
#                    runs of 10000 agree within 5%; at 100000 the floors
#                    took a third of the bench)
#  BENCH_RUNS        runs per (workload, mode, placement) (default 3)
#  BENCH_CHEAP_REPEAT  the untraced, udt-filter and udt-none runs (cheap),
#                    are repeated that many times in each round (default
#                    3): their medians are the baselines every row is
#                    measured against, and a busy machine shakes them most
#  BENCH_CPU         the CPU of the "same CPU" placement (default 0)
#  BENCH_TIMEOUT     seconds before a run is killed (default 300)
#  BENCH_WORKLOADS   a subset of: getppid dd find tar (default all)
#  BENCH_MODES       a subset of: untraced udt-entry udt-entry-notify
#                    udt-entry+ret udt-filter udt-none strace-c strace
#                    (untraced is always run; default: all but
#                    udt-entry-notify, not udtrace's default, and strace,
#                    plain strace -f, which prints every syscall: a
#                    reference no target is measured against, and the
#                    dearest row of the bench)
#  BENCH_PLACEMENTS  a subset of: default same-cpu
#  BENCH_FIND_DIR    find's tree (default /usr)
#  BENCH_TAR_DIR     tar's tree (default /usr/include)
#  BENCH_CALLS       calls of the pid workloads (default 10000)
#  BENCH_PID_WORKLOADS  a subset of: own libc (default both; "none": no
#                    pid table)
#  BENCH_PID_MODES   a subset of: udt-entry udt-entry+ret ltrace
#  BENCH_VM_N        firings per loop of each vm_bench clause (default
#                    1000000)
# Exit status: 0, or 1 when a set-up step failed (not when a udtrace row
# failed: that is a result, shown in the table).

LC_ALL=C
export LC_ALL

udtrace=${UDTRACE:-./udtrace}
dir=${BENCH_DIR:-./bench-work}
out=${BENCH_OUT:-./bench-results.txt}
n=${BENCH_N:-100000}
runs=${BENCH_RUNS:-3}
cheap=${BENCH_CHEAP_REPEAT:-3}
cpu=${BENCH_CPU:-0}
tmo=${BENCH_TIMEOUT:-300}
workloads=${BENCH_WORKLOADS:-getppid dd find tar}
modes=${BENCH_MODES:-udt-entry udt-entry+ret udt-filter udt-none strace-c}
placements=${BENCH_PLACEMENTS:-default same-cpu}
find_dir=${BENCH_FIND_DIR:-/usr}
tar_dir=${BENCH_TAR_DIR:-/usr/include}
calls=${BENCH_CALLS:-10000}
pid_workloads=${BENCH_PID_WORKLOADS:-own libc}
pid_modes=${BENCH_PID_MODES:-udt-entry udt-entry+ret ltrace}
[ "$pid_workloads" = none ] && pid_workloads=

die()
{
	echo "bench: $*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd) || exit 1
case $udtrace in /*) ;; *) udtrace=$(pwd)/$udtrace ;; esac
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
timeit=$dir/timeit
[ -x "$timeit" ] || die "$timeit: not built (run make bench)"
[ -x "$dir/getppid_loop" ] || die "$dir/getppid_loop: not built"
[ -x "$dir/floor" ] || die "$dir/floor: not built"
# udtrace -c splits its command on blanks.
case $dir in *[[:space:]]*) die "$dir: a path with blanks" ;; esac
case $n in '' | *[!0-9]*) die "BENCH_N=$n: not a number" ;; esac
floor_n=${BENCH_FLOOR_N:-$((n / 10 > 0 ? n / 10 : 1))}
case $floor_n in '' | *[!0-9]* | 0) die "BENCH_FLOOR_N=$floor_n: not a number" ;; esac
case $runs in '' | *[!0-9]* | 0) die "BENCH_RUNS=$runs: not a number" ;; esac
case $cheap in '' | *[!0-9]* | 0) die "BENCH_CHEAP_REPEAT=$cheap: not a number" ;; esac
case $calls in '' | *[!0-9]* | 0) die "BENCH_CALLS=$calls: not a number" ;; esac
[ -z "$pid_workloads" ] || [ -x "$dir/call_loop" ] || die "$dir/call_loop: not built"
have_strace=1
command -v strace >/dev/null 2>&1 || have_strace=0
have_ltrace=1
command -v ltrace >/dev/null 2>&1 || have_ltrace=0
modes="untraced $(echo " $modes " | sed 's/ untraced / /g')"

# The workloads, one script each; its own output goes to /dev/null.
for w in $workloads; do
	case $w in
	getppid) cmd="exec $dir/getppid_loop $n" ;;
	dd) cmd="exec dd if=/dev/zero of=/dev/null bs=1 count=$((n / 2)) 2>/dev/null" ;;
	find) cmd="exec find $find_dir -xdev >/dev/null 2>&1" ;;
	tar) cmd="tar -cf - $tar_dir 2>/dev/null | wc -c >/dev/null" ;;
	startup) die "startup is not a workload of BENCH_WORKLOADS" ;;
	*) die "unknown workload $w (getppid dd find tar)" ;;
	esac
	printf '%s\n' "$cmd" >"$dir/w_$w.sh"
done
echo "exec /bin/true" >"$dir/w_startup.sh"

# run_one W MODE PLACEMENT LOG: one timed run; prints "NS RC".
run_one()
{
	s="$dir/w_$1.sh"
	pin=
	[ "$3" = same-cpu ] && pin="-c $cpu"
	case $2 in
	untraced) set -- "$4" /bin/sh "$s" ;;
	udt-entry) set -- "$4" "$udtrace" -q \
		-n 'syscall:::entry { @[probefunc] = count(); }' \
		-c "/bin/sh $s" ;;
	udt-entry-notify) set -- "$4" "$udtrace" -q -x sysentry=notify \
		-n 'syscall:::entry { @[probefunc] = count(); }' \
		-c "/bin/sh $s" ;;
	udt-entry+ret) set -- "$4" "$udtrace" -q \
		-n 'syscall:::entry,syscall:::return { @[probefunc] = count(); }' \
		-c "/bin/sh $s" ;;
	udt-filter) set -- "$4" "$udtrace" -q \
		-n 'syscall::mincore:entry { @ = count(); }' -c "/bin/sh $s" ;;
	udt-none) set -- "$4" "$udtrace" -q -n 'BEGIN { }' -c "/bin/sh $s" ;;
	strace-c) set -- "$4" strace -f -c -o /dev/null /bin/sh "$s" ;;
	strace) set -- "$4" strace -f -o /dev/null /bin/sh "$s" ;;
	*) die "unknown mode $2" ;;
	esac
	log=$1
	shift
	# shellcheck disable=SC2086 # $pin is zero or two words
	ns=$("$timeit" $pin -t "$tmo" -o "$log" "$@")
	echo "${ns:-0} $?"
}

start=$(date +%s)

# --- the D VM (vm_bench): once, before the traced runs ---
vm_n=${BENCH_VM_N:-1000000}
case $vm_n in '' | *[!0-9]* | 0) die "BENCH_VM_N=$vm_n: not a number" ;; esac
[ -x "$dir/vm_bench" ] || die "$dir/vm_bench: not built"
echo "bench: the D VM (vm_bench, $vm_n firings per loop)..." >&2
echo "# vm" >"$dir/vm.txt"
"$dir/vm_bench" -l >>"$dir/vm.txt" || die "vm_bench -l fails"
echo "# errors" >"$dir/vm_err.txt"
# Exit 1: a clause failed (a result, in the table); 2: a usage error.
"$dir/vm_bench" "$vm_n" >>"$dir/vm.txt" 2>>"$dir/vm_err.txt"
[ $? -le 1 ] || die "vm_bench: $(cat "$dir/vm_err.txt")"
# --- end of the D VM ---

# The page cache first: a cold find /usr is 20x slower than a warm one.
echo "bench: warming up, counting syscalls (strace -f -c)..." >&2
echo "# counts" >"$dir/counts.txt"
for w in $workloads; do
	"$timeit" -o /dev/null /bin/sh "$dir/w_$w.sh" >/dev/null ||
		die "workload $w fails untraced: $(cat "$dir/w_$w.sh")"
	nsys=0
	if [ $have_strace = 1 ]; then
		"$timeit" -c "$cpu" -o /dev/null strace -f -c \
			-o "$dir/count_$w.txt" /bin/sh "$dir/w_$w.sh" >/dev/null ||
			die "strace -f -c fails on $w"
		# The summary's last line: % time, seconds, usecs/call, calls,
		# [errors,] "total".
		nsys=$(awk '$NF == "total" { print $4 }' "$dir/count_$w.txt")
	fi
	echo "$w ${nsys:-0}" >>"$dir/counts.txt"
done

# run_log "W MODE PLACEMENT" RUN: one timed run, recorded in raw.txt (and
# its error in errors.txt).
run_log()
{
	# shellcheck disable=SC2086 # the key is three words
	set -- $1 "$2"
	log="$dir/log_${1}_${2}_$3.txt"
	# shellcheck disable=SC2046 # "NS RC": two words
	set -- "$1 $2 $3" "$4" $(run_one "$1" "$2" "$3" "$log")
	echo "$1 $2 $3 $4" >>"$dir/raw.txt"
	[ "$4" = 0 ] && return
	err=$(grep -v '^[[:space:]]*$' "$log" | tail -n 3 | tr '\n' ' ')
	echo "$1 $err" >>"$dir/errors.txt"
}

# floor_run PLACEMENT RUN [KEY KIND...]: ptrace's floors (progs/floor.c),
# recorded in floors.txt as "PLACEMENT RUN NAME NS", or with KEY (a
# workload) only the KINDs, in floors_adj.txt as "KEY PLACEMENT RUN NAME
# NS" (its error in errors_floor.txt; a floor that failed has no line, the
# others count).
floor_run()
{
	log="$dir/log_floor_$1.txt"
	fcpu=-
	[ "$1" = same-cpu ] && fcpu=$cpu
	fp=$1 fr=$2 fkey='' fout=$dir/floors.txt
	shift 2
	if [ $# -gt 0 ]; then
		fkey="$1 " fout=$dir/floors_adj.txt
		shift
	fi
	"$timeit" -t "$tmo" -o "$log" "$dir/floor" "$floor_n" "$fcpu" "$@" \
		>/dev/null
	rc=$?
	awk -v k="$fkey$fp $fr" '$1 == "floor" && NF == 3 { print k, $2, $3 }' \
		"$log" >>"$fout"
	[ "$rc" = 0 ] && return
	err=$(grep -v '^floor ' "$log" | grep -v '^[[:space:]]*$' | tail -n 3 |
		tr '\n' ' ')
	echo "$fkey$fp (round $fr): $err" >>"$dir/errors_floor.txt"
}

# The floor kinds that modes ($*) are compared with, and untraced's (none
# when no mode is): those report.awk's floor_kind() divides by.
floor_kinds()
{
	fk=
	for fm in "$@"; do
		case $fm in
		udt-entry) fk="$fk seccomp-stop" ;;
		udt-entry-notify) fk="$fk notif-sync" ;;
		udt-entry+ret) fk="$fk syscall-2stop" ;;
		esac
	done
	[ -n "$fk" ] && echo "untraced$fk"
}

# The timed runs, in alternation. A (workload, mode, placement) that failed
# once is not run again.
# (an earlier run's logs would count as this run's "seen")
rm -f "$dir"/log_*.txt
echo "# raw" >"$dir/raw.txt"
echo "# errors" >"$dir/errors.txt"
echo "# floors" >"$dir/floors.txt"
echo "# floors" >"$dir/floors_adj.txt"
echo "# errors" >"$dir/errors_floor.txt"
# shellcheck disable=SC2086 # one word per mode
sc_kinds=$(floor_kinds $modes)
r=1
while [ "$r" -le "$runs" ]; do
	echo "bench: round $r of $runs..." >&2
	for p in $placements; do
		floor_run "$p" "$r"
	done
	for p in $placements; do
		for m in untraced udt-none udt-filter; do
			i=1
			while [ $i -le "$cheap" ]; do
				grep -q "^startup $m $p " "$dir/errors.txt" && break
				run_log "startup $m $p" "$r.$i"
				i=$((i + 1))
			done
		done
	done
	for w in $workloads; do
		for p in $placements; do
			# shellcheck disable=SC2086 # one word per kind
			[ -z "$sc_kinds" ] || floor_run "$p" "$r" "$w" $sc_kinds
			for m in $modes; do
				case $m in strace*) [ $have_strace = 1 ] || continue ;; esac
				key="$w $m $p"
				reps=1
				case $m in untraced | udt-filter | udt-none) reps=$cheap ;; esac
				i=1
				while [ $i -le "$reps" ]; do
					grep -q "^$key " "$dir/errors.txt" && break
					run_log "$key" "$r.$i"
					i=$((i + 1))
				done
			done
		done
	done
	r=$((r + 1))
done

# udtrace's own counts (the last run of each entry mode).
echo "# seen" >"$dir/seen.txt"
for w in $workloads; do
	for m in udt-entry udt-entry-notify udt-entry+ret; do
		log="$dir/log_${w}_${m}_default.txt"
		[ -f "$log" ] || log="$dir/log_${w}_${m}_same-cpu.txt"
		[ -f "$log" ] || continue
		grep -q "^$w $m " "$dir/errors.txt" && continue
		awk -v k="$w $m" 'NF == 2 && $2 ~ /^[0-9]+$/ { s += $2 }
			END { print k, s + 0 }' "$log" >>"$dir/seen.txt"
	done
done

# The pid provider's table. pid_run W MODE K LOG PLACEMENT: one timed run
# of call_loop K W; prints "NS RC".
pid_run()
{
	pin=
	[ "$5" = same-cpu ] && pin="-c $cpu"
	case $1 in
	own) mod=a.out fn=probe_me lopt="-x probe_me" ;;
	*) mod=libc.so.6 fn=labs lopt="-e labs" ;;
	esac
	case $2 in
	untraced) set -- "$4" "$dir/call_loop" "$3" "$1" ;;
	udt-entry) set -- "$4" "$udtrace" -q \
		-n "pid\$target:$mod:$fn:entry { @ = count(); }" \
		-c "$dir/call_loop $3 $1" ;;
	udt-entry+ret) set -- "$4" "$udtrace" -q \
		-n "pid\$target:$mod:$fn:entry,pid\$target:$mod:$fn:return { @ = count(); }" \
		-c "$dir/call_loop $3 $1" ;;
	ltrace) set -- "$4" sh -c "ltrace -c -o '$4.lt' $lopt '$dir/call_loop' $3 $1 && cat '$4.lt'" ;;
	*) die "unknown pid mode $2" ;;
	esac
	log=$1
	shift
	# shellcheck disable=SC2086 # $pin is zero or two words
	ns=$("$timeit" $pin -t "$tmo" -o "$log" "$@")
	echo "${ns:-0} $?"
}

echo "# raw" >"$dir/raw_pid.txt"
echo "# errors" >"$dir/errors_pid.txt"
echo "# seen" >"$dir/seen_pid.txt"
pmodes="untraced $(echo " $pid_modes " | sed 's/ untraced / /g')"
r=1
while [ -n "$pid_workloads" ] && [ "$r" -le "$runs" ]; do
	echo "bench: pid provider, round $r of $runs..." >&2
	for w in $pid_workloads; do
		for p in $placements; do
			case " $pid_modes " in
			*" udt-entry"*) floor_run "$p" "$r" "pid-$w" bkpt-stop ;;
			esac
			for m in $pmodes; do
				[ "$m" = ltrace ] && [ $have_ltrace = 0 ] && continue
				# size 0: few calls, size 1: many (see the top)
				for size in 0 1; do
					k=$((size * calls))
					[ "$m" = untraced ] && k=$((calls * (1 + size * 999)))
					grep -q "^$w $m $p " "$dir/errors_pid.txt" && break
					log="$dir/log_pid_${w}_${m}_${p}_$size.txt"
					# shellcheck disable=SC2046 # "NS RC": two words
					set -- $(pid_run "$w" "$m" "$k" "$log" "$p")
					echo "$w $m $p $size $r $1 $2" >>"$dir/raw_pid.txt"
					[ "$2" = 0 ] && continue
					err=$(grep -v '^[[:space:]]*$' "$log" | tail -n 3 | tr '\n' ' ')
					echo "$w $m $p $err" >>"$dir/errors_pid.txt"
				done
			done
		done
	done
	r=$((r + 1))
done
# What each tracer saw of the N calls (the last run): udtrace's count,
# ltrace's calls column.
for w in $pid_workloads; do
	for m in $pmodes; do
		log="$dir/log_pid_${w}_${m}_default_1.txt"
		[ -f "$log" ] || log="$dir/log_pid_${w}_${m}_same-cpu_1.txt"
		[ -f "$log" ] || continue
		grep -q "^$w $m " "$dir/errors_pid.txt" && continue
		case $m in
		untraced) continue ;;
		ltrace) cnt=$(awk '$NF == "probe_me" || $NF == "labs" { print $4 }' "$log") ;;
		*) cnt=$(awk 'NF == 1 && $1 ~ /^[0-9]+$/ { n = $1 } END { print n }' "$log") ;;
		esac
		echo "$w $m ${cnt:-0}" >>"$dir/seen_pid.txt"
	done
done

# The chart's data, written by report.awk (see there).
chart=$dir/chart.dat
echo "# label ns_default ns_same_cpu" >"$chart"

# Start-up and scale: udtrace's own start-up and exit (BEGIN { exit(0); }),
# and every function entry of libc enabled on a -c command (call_loop 1
# libc), then entries and returns: wall time (median of 3 runs), udtrace's
# peak resident size (timeit -m) and the probes it matched. One line each
# in scale.txt: "NAME NS KIB PROBES TARGET_MS", "failed" for a failed run.
scale_row()
{
	_name=$1 _target=$2
	shift 2
	: >"$dir/scale_$_name.txt"
	for _i in 1 2 3; do
		"$timeit" -m -t "$tmo" -o "$dir/scale_$_name.log" "$@" \
			>>"$dir/scale_$_name.txt" 2>/dev/null ||
			{ echo "$_name failed" >>"$dir/scale.txt"; return; }
	done
	_probes=$(sed -n 's/.* matched \([0-9]*\) probes*$/\1/p' \
		"$dir/scale_$_name.log" | head -n 1)
	sort -n "$dir/scale_$_name.txt" | sed -n 2p |
		awk -v n="$_name" -v p="${_probes:--}" -v t="$_target" \
			'{ print n, $1, $2, p, t }' >>"$dir/scale.txt"
}
: >"$dir/scale.txt"
scale_row begin-exit 20 "$udtrace" -n 'BEGIN { exit(0); }'
if [ -x "$dir/call_loop" ]; then
	scale_row libc-entry 1000 "$udtrace" \
		-n 'pid$target:libc.so.6::entry { @ = count(); }' \
		-c "$dir/call_loop 1 libc"
	scale_row libc-entry+return 1000 "$udtrace" \
		-n 'pid$target:libc.so.6::entry,pid$target:libc.so.6::return
		    { @ = count(); }' -c "$dir/call_loop 1 libc"
fi

{
	echo "udtrace bench: $(uname -sr), $(nproc) CPUs, N=$n, median of $runs" \
		"runs ($((runs * cheap)) for the cheap rows), same CPU = cpu $cpu"
	echo "the bench took $(($(date +%s) - start)) s"
	echo
	echo "start-up and scale: wall time (median of 3), udtrace's peak RSS,"
	echo "the probes it matched"
	awk 'BEGIN { printf "%-18s | %9s | %9s | %7s | %s\n", "what", "ms",
			"peak KiB", "probes", "target"
		print "-------------------+-----------+-----------+---------+" \
			"----------------------" }
	$2 == "failed" { printf "%-18s | failed\n", $1; next }
	{ ms = $2 / 1e6
	  printf "%-18s | %9.1f | %9d | %7s | < %d ms, < 65536 KiB: %s\n",
		$1, ms, $3, $4, $5,
		(ms < $5 && $3 < 65536) ? "met" : "missed" }' "$dir/scale.txt"
	echo
	awk -v kind=floor -v pl="$placements" -v n="$floor_n" -v runs="$runs" \
		-v chart="$chart" -f "$here/report.awk" "$dir/floors.txt" \
		"$dir/errors_floor.txt"
	echo
	awk -v wl="$workloads" -v ml="$modes" -v pl="$placements" \
		-v runs="$runs" -v chart="$chart" -f "$here/report.awk" \
		"$dir/counts.txt" "$dir/seen.txt" "$dir/raw.txt" \
		"$dir/errors.txt" "$dir/floors_adj.txt"
	if [ -n "$pid_workloads" ]; then
		echo
		awk -v kind=pid -v wl="$pid_workloads" -v ml="$pmodes" -v pl="$placements" \
			-v runs="$runs" -v calls="$calls" \
			-v have_ltrace=$have_ltrace \
			-v chart="$chart" -f "$here/report.awk" \
			"$dir/seen_pid.txt" "$dir/raw_pid.txt" \
			"$dir/errors_pid.txt" "$dir/floors_adj.txt"
	fi
	# the D VM's table
	echo
	awk -v kind=vm -v n="$vm_n" -f "$here/report.awk" "$dir/vm.txt" \
		"$dir/vm_err.txt"
} >"$out"

# The chart (bench/chart.gp), next to the results.
png=${out%.txt}.png
if ! command -v gnuplot >/dev/null 2>&1; then
	echo "no gnuplot: no chart" >>"$out"
elif gnuplot -e "dat='$chart'; out='$png'" \
	-e "title='udtrace bench: $(uname -sr), $(nproc) CPUs, N=$n'" \
	"$here/chart.gp" >"$dir/gnuplot.txt" 2>&1; then
	echo "chart: $png" >>"$out"
else
	echo "chart: gnuplot failed: $(tail -n 3 "$dir/gnuplot.txt" | tr '\n' ' ')" \
		>>"$out"
fi
cat "$out"
