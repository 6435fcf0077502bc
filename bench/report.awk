# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/report.awk: the tables of bench/run.sh (see there for the method).
# With kind=pid, the pid provider's table; with kind=vm, the D VM's (both
# at the end of this file).
# Otherwise the syscall table; variables: wl, ml, pl (the workloads, modes,
# placements, blank-separated, in table order). Files, in this order:
#   counts  "WORKLOAD SYSCALLS"                    (strace -f -c's total)
#   seen    "WORKLOAD MODE COUNT"                  (sum of udtrace's counts)
#   raw     "WORKLOAD MODE PLACEMENT RUN NS RC"    (every timed run)
#   errors  "WORKLOAD MODE PLACEMENT MESSAGE..."   (rows that failed)
#   floors  "PLACEMENT RUN NAME NS"                (progs/floor.c)
# With kind=floor, the table of ptrace's floors (floor_table below). Every
# kind that has a variable chart appends its figures to that file, the
# data of bench/chart.gp: "\"LABEL\" NS_DEFAULT NS_SAME_CPU" ("-": none).

# Each file starts with a "#" line, so that an empty one still counts.
FNR == 1 { file++ }
/^#/ { next }
kind == "floor" { floor_line(); next }
kind == "pid" { pid_line(); next }
kind == "vm" { vm_line(); next }
file == 1 { nsys[$1] = $2; next }
file == 2 { seen[$1 " " $2] = $3; next }
file == 3 { k = $1 " " $2 " " $3; if ($6 == 0) t[k] = t[k] " " $5; next }
file == 4 {
	k = $1 " " $2 " " $3; bad[k] = 1
	$1 = $2 = $3 = ""; msg[k] = substr($0, 4); next
}
file == 5 { floor_line(); next }

# The median of blank-separated numbers; "" for none.
function median(s,    a, c, i, j, x) {
	c = split(s, a, " ")
	if (c == 0)
		return ""
	for (i = 2; i <= c; i++) {	# insertion sort: a handful of values
		x = a[i]; j = i - 1
		while (j > 0 && a[j] + 0 > x + 0) { a[j + 1] = a[j]; j-- }
		a[j + 1] = x
	}
	return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}

# One placement's cells of row (w, m): ms, ns/sc, x-untr, x-net,
# /strace-c, x floor. Sets over[q], the ns per syscall over untraced (""
# when unknown).
function cells(w, m, q,    k, tm, u, sc, osc) {
	k = w " " m " " P[q]
	over[q] = ""
	if (bad[k])
		return sprintf(" | %51s", "failed")
	if (med[k] == "")
		return sprintf(" | %51s", "-")
	tm = med[k]; u = med[w " untraced " P[q]]; sc = med[w " strace-c " P[q]]
	if (u != "" && nsys[w] > 0 && m != "untraced")
		over[q] = (tm - u) / nsys[w]
	if (sc != "" && u != "" && nsys[w] > 0)
		osc = (sc - u) / nsys[w]
	return sprintf(" | %9.1f %8s %7s %6s %9s %7s", tm / 1e6,
		over[q] == "" ? "-" : sprintf("%.0f", over[q]),
		u > 0 ? sprintf("%.2f", tm / u) : "-", xnet(m, q, tm, u),
		over[q] == "" || osc <= 0 ? "-" : sprintf("%.2f", over[q] / osc),
		xfloor(m, q))
}

# Row m's time with udtrace's fixed cost in that mode taken out (start-up,
# filter, exit: the "startup" workload's t_mode - t_untraced, /bin/true)
# over untraced; "-" for the modes that have no such measure.
function xnet(m, q, tm, u,    a, b) {
	if (m != "udt-none" && m != "udt-filter")
		return "-"
	a = med["startup " m " " P[q]]; b = med["startup untraced " P[q]]
	if (a == "" || b == "" || u <= 0)
		return "-"
	return sprintf("%.3f", (tm - (a - b)) / u)
}

# Row m's ns/sc in placement q over the ptrace floor it cannot go below:
# one seccomp stop per entry probe, two PTRACE_SYSCALL stops per entry and
# return; the floor taken over untraced too, as ns/sc is. "-" for the
# other modes.
function xfloor(m, q,    f, u) {
	if (m == "udt-entry")
		f = floor_of(P[q], "seccomp-stop")
	else if (m == "udt-entry-notify")
		f = floor_of(P[q], "notif-sync")
	else if (m == "udt-entry+ret")
		f = floor_of(P[q], "syscall-2stop")
	else
		return "-"
	u = floor_of(P[q], "untraced")
	if (over[q] == "" || f == "" || u == "" || f - u <= 0)
		return "-"
	return sprintf("%.2f", over[q] / (f - u))
}

END {
	if (kind == "vm") {
		vm_table()
		exit
	}
	if (kind == "floor") {
		floor_table()
		exit
	}
	if (kind == "pid") {
		pid_table()
		exit
	}
	nw = split(wl, W, " "); nm = split(ml, M, " "); np = split(pl, P, " ")
	for (i = 1; i <= nw; i++)
		for (j = 1; j <= nm; j++)
			for (q = 1; q <= np; q++) {
				k = W[i] " " M[j] " " P[q]
				med[k] = median(t[k])
			}
	for (q = 1; q <= np; q++) {
		k = "startup untraced " P[q]; med[k] = median(t[k])
		k = "startup udt-none " P[q]; med[k] = median(t[k])
		k = "startup udt-filter " P[q]; med[k] = median(t[k])
	}

	top = sprintf("%-40s", "")
	hdr = sprintf("%-8s %-16s %8s %8s", "workload", "mode", "syscalls",
		"seen")
	for (q = 1; q <= np; q++) {
		name = P[q] == "same-cpu" ? "same CPU (pinned)" : "default placement"
		top = top sprintf(" | %-51s", name)
		hdr = hdr sprintf(" | %9s %8s %7s %6s %9s %7s", "ms", "ns/sc",
			"x-untr", "x-net", "/strace-c", "x floor")
	}
	if (np == 2) {
		top = top sprintf(" | %9s", "ns/sc")
		hdr = hdr sprintf(" | %9s", "dflt/same")
	}
	line = hdr; gsub(/[^|]/, "-", line); gsub(/\|/, "+", line)
	print top; print hdr; print line

	for (i = 1; i <= nw; i++) {
		w = W[i]
		for (j = 1; j <= nm; j++) {
			m = M[j]
			row = sprintf("%-8s %-16s %8s %8s", w, m,
				nsys[w] > 0 ? nsys[w] : "?",
				(w " " m) in seen ? seen[w " " m] : "-")
			for (q = 1; q <= np; q++)
				row = row cells(w, m, q)
			# Only where stops dominate: a ratio of two noise-sized
			# figures means nothing.
			r = "-"
			if (np == 2 && over[1] != "" && over[2] >= 500)
				r = sprintf("%.2f", over[1] / over[2])
			if (np == 2)
				row = row sprintf(" | %9s", r)
			print row
		}
	}

	print ""
	print "ns/sc: (t - t_untraced) / syscalls, start-up included;" \
		" x-untr: t / t_untraced;"
	print "x-net: (t - udtrace's fixed cost in that mode) / t_untraced," \
		" the fixed cost measured on /bin/true:"
	fixed_line()
	print "/strace-c: ns/sc / ns/sc of strace -f -c (same placement);" \
		" dflt/same: ns/sc default / same CPU;"
	print "x floor: ns/sc / (floor - untraced floor), the floors of the" \
		" same placement (udt-entry:"
	print "seccomp-stop, udt-entry-notify (-x sysentry=notify):" \
		" notif-sync, udt-entry+ret: syscall-2stop;"
	print "see the floors table);"
	print "seen: udtrace's own count (sum of @[probefunc]; entry+return" \
		" counts both stops)."
	sc_chart()
	nerr = 0
	for (i = 1; i <= nw; i++)
		for (j = 1; j <= nm; j++)
			for (q = 1; q <= np; q++) {
				k = W[i] " " M[j] " " P[q]
				if (!(k in msg))
					continue
				if (!nerr++)
					print "\nfailed rows:"
				print "  " k ": " msg[k]
			}
}

# udtrace's fixed costs (start-up and exit with -c, no stop) as measured.
function fixed_line(    q, a, b, c, s) {
	s = ""
	for (q = 1; q <= np; q++) {
		a = med["startup untraced " P[q]]
		b = med["startup udt-none " P[q]]; c = med["startup udt-filter " P[q]]
		if (a == "" || b == "" || c == "")
			continue
		s = s sprintf("%s  %s: true %.2f ms, udt-none +%.2f ms, udt-filter" \
			" +%.2f ms", s == "" ? "" : ";", P[q] == "same-cpu" ? \
			"same CPU" : "default", a / 1e6, (b - a) / 1e6, (c - a) / 1e6)
	}
	print s == "" ? "  (not measured)" : s
}

# The ns/sc of (w, m) in placement p, as in cells(); "" when unknown.
function ns_sc(w, m, p,    k, u) {
	k = w " " m " " p
	u = med[w " untraced " p]
	if (bad[k] || med[k] == "" || u == "" || nsys[w] <= 0)
		return ""
	return (med[k] - u) / nsys[w]
}

# The chart's rows of the syscall table: the ns/sc of every mode of one
# workload, getppid when it ran (every syscall of it alike, the cheapest).
function sc_chart(    i, j, w) {
	if (chart == "")
		return
	w = W[1]
	for (i = 1; i <= nw; i++)
		if (W[i] == "getppid")
			w = W[i]
	for (j = 1; j <= nm; j++)
		if (M[j] != "untraced")
			chart_row(M[j] " (" w ")", ns_sc(w, M[j], "default"),
				ns_sc(w, M[j], "same-cpu"))
}

# One bar pair of the chart; a figure of 0 or less (noise around
# untraced) has no bar on its log scale.
function chart_row(label, a, b) {
	printf "\"%s\" %s %s\n", label,
		a == "" || a <= 0 ? "-" : sprintf("%.1f", a),
		b == "" || b <= 0 ? "-" : sprintf("%.1f", b) >>chart
}

# ---- ptrace's floors (progs/floor.c) ----
# Every kind reads "PLACEMENT RUN NAME NS"; kind=floor also its second
# file, the errors, "PLACEMENT MESSAGE...".
function floor_line() {
	if (kind == "floor" && file == 2) {
		ferr[++nferr] = $0
		return
	}
	ft[$1 " " $3] = ft[$1 " " $3] " " $4
}

# The median of floor f in placement p over the runs; "" when none.
function floor_of(p, f) {
	return median(ft[p " " f])
}

# The floors in table order, and what each one measures; returns how many.
function floor_names() {
	FN[1] = "untraced"; FD[1] = "getppid(), no tracer"
	FN[2] = "seccomp-nomatch"
	FD[2] = "getppid() traced, a filter that traps mincore only"
	FN[3] = "seccomp-stop"
	FD[3] = "a seccomp stop per getppid(): GETREGSET, CONT"
	FN[4] = "syscall-2stop"
	FD[4] = "PTRACE_SYSCALL: entry and exit stops, GETREGSET at each"
	FN[5] = "bkpt-stop"
	FD[5] = "a breakpoint per call: GETREGSET, SETREGSET, CONT"
	FN[6] = "pipe-pingpong"
	FD[6] = "a byte there and back over two pipes (no ptrace)"
	FN[7] = "notif"
	FD[7] = "seccomp user notification per getppid(): RECV, SEND CONTINUE"
	FN[8] = "notif-sync"
	FD[8] = "the same, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux 6.6)"
	return 8
}

function fns(v) {
	return v == "" ? "-" : sprintf(v < 100 ? "%.1f" : "%.0f", v)
}

# The floors' table (kind=floor). Variables: pl (placements), n (events
# per run of floor), runs.
function floor_table(    nf, np, i, q, hdr, line, row) {
	nf = floor_names(); np = split(pl, P, " ")
	print "ptrace floors: what a minimal tracer costs on this machine," \
		" ns per event"
	print "(progs/floor.c: " n " events a run; the median over " runs \
		" round(s) of floor's median of 3 runs)"
	hdr = sprintf("%-15s", "floor")
	for (q = 1; q <= np; q++)
		hdr = hdr sprintf(" | %9s", P[q] == "same-cpu" ? "same CPU" : \
			"default")
	hdr = hdr " | what one event is"
	line = hdr; gsub(/[^|]/, "-", line); gsub(/\|/, "+", line)
	print hdr; print line
	for (i = 1; i <= nf; i++) {
		row = sprintf("%-15s", FN[i])
		for (q = 1; q <= np; q++)
			row = row sprintf(" | %9s", fns(floor_of(P[q], FN[i])))
		print row " | " FD[i]
		if (chart != "")
			chart_row("floor " FN[i], floor_of("default", FN[i]),
				floor_of("same-cpu", FN[i]))
	}
	print ""
	print "x floor below: a tracer's cost per event / the floor of the" \
		" same kind of stop."
	for (i = 1; i <= nferr; i++)
		print (i == 1 ? "\nfailed floors:\n  " : "  ") ferr[i]
}

# The pid provider's table. Variables: wl, ml, pl (workloads, modes,
# placements), calls (N), have_ltrace. Files, in this order:
#   seen    "WORKLOAD MODE COUNT"              (what the tracer counted)
#   raw     "WORKLOAD MODE PLACEMENT SIZE RUN NS RC"
#                                              (SIZE 0: t(0), 1: t(N);
#                                               untraced: t(N), t(1000 N))
#   errors  "WORKLOAD MODE PLACEMENT MESSAGE..."
#   floors  "PLACEMENT RUN NAME NS"            (progs/floor.c)
function pid_line(    k) {
	if (file == 1) {
		pseen[$1 " " $2] = $3
	} else if (file == 2) {
		k = $1 " " $2 " " $3 " " $4
		if ($7 == 0)
			pt[k] = pt[k] " " $6
	} else if (file == 3) {
		k = $1 " " $2 " " $3; pbad[k] = 1
		$1 = $2 = $3 = ""; pmsg[k] = substr($0, 4)
	} else {
		floor_line()
	}
}

# Row m's ns/call over the breakpoint floor of placement p (the floor's
# call itself costs a nanosecond: nothing to take off): one stop per entry
# probe, two per entry and return. "-" for the other modes.
function pid_xfloor(m, pc, p,    f) {
	f = floor_of(p, "bkpt-stop")
	if (pc == "" || f == "" || f <= 0)
		return "-"
	if (m == "udt-entry")
		return sprintf("%.2f", pc / f)
	if (m == "udt-entry+ret")
		return sprintf("%.2f", pc / (2 * f))
	return "-"
}

# The chart's rows of the pid table: one workload's (own, when it ran).
function pid_chart(nw, nm,    i, j, w) {
	if (chart == "")
		return
	w = W[1]
	for (i = 1; i <= nw; i++)
		if (W[i] == "own")
			w = W[i]
	for (j = 1; j <= nm; j++)
		if (M[j] != "untraced")
			chart_row("pid " M[j] " (" w ")",
				per_call(w, M[j], "default"),
				per_call(w, M[j], "same-cpu"))
}

# ns per call of (w, m) in placement p: (t(size 1) - t(size 0)) / calls
# between them; "" when unknown or failed.
function per_call(w, m, p,    a, b, n) {
	if (pbad[w " " m " " p])
		return ""
	a = median(pt[w " " m " " p " 0"]); b = median(pt[w " " m " " p " 1"])
	if (a == "" || b == "")
		return ""
	n = m == "untraced" ? calls * 999 : calls
	return (b - a) / n
}

# One placement's cells of a pid row: ns/call, x-untr, /ltrace, x floor.
function pid_cells(w, m, p,    pc, u, lt) {
	if (m == "ltrace" && !have_ltrace)
		return sprintf(" | %36s", "(no ltrace here)")
	if (pbad[w " " m " " p])
		return sprintf(" | %36s", "failed")
	pc = per_call(w, m, p); u = per_call(w, "untraced", p)
	lt = per_call(w, "ltrace", p)
	pcs[p] = pc
	return sprintf(" | %9s %8s %8s %8s",
		pc == "" ? "-" : sprintf(pc < 100 ? "%.2f" : "%.0f", pc),
		pc == "" || u <= 0 || m == "untraced" ? "-" : \
			sprintf("%.0f", pc / u),
		pc == "" || lt <= 0 || m == "untraced" ? "-" : \
			sprintf("%.2f", pc / lt),
		pid_xfloor(m, pc, p))
}

function pid_table(    nw, nm, np, i, j, q, w, m, k, line, hdr, top, row,
    r, nerr) {
	nw = split(wl, W, " "); nm = split(ml, M, " "); np = split(pl, P, " ")
	print "pid provider: the cost of one call of a probed function, " \
		"N = " calls " calls"
	top = sprintf("%-31s", "")
	hdr = sprintf("%-8s %-13s %8s", "workload", "mode", "seen")
	for (q = 1; q <= np; q++) {
		top = top sprintf(" | %-36s", P[q] == "same-cpu" ? \
			"same CPU (pinned)" : "default placement")
		hdr = hdr sprintf(" | %9s %8s %8s %8s", "ns/call", "x-untr",
			"/ltrace", "x floor")
	}
	if (np == 2) {
		top = top sprintf(" | %9s", "ns/call")
		hdr = hdr sprintf(" | %9s", "dflt/same")
	}
	line = hdr; gsub(/[^|]/, "-", line); gsub(/\|/, "+", line)
	print top; print hdr; print line
	for (i = 1; i <= nw; i++) {
		w = W[i]
		for (j = 1; j <= nm; j++) {
			m = M[j]
			k = w " " m
			delete pcs
			row = sprintf("%-8s %-13s %8s", w, m,
				k in pseen ? pseen[k] : "-")
			for (q = 1; q <= np; q++)
				row = row pid_cells(w, m, P[q])
			r = "-"
			if (np == 2 && m != "untraced" && pcs[P[1]] != "" &&
			    pcs[P[2]] > 0)
				r = sprintf("%.2f", pcs[P[1]] / pcs[P[2]])
			if (np == 2)
				row = row sprintf(" | %9s", r)
			print row
		}
	}
	print ""
	print "ns/call: (t(N) - t(0)) / N, start-up left out (untraced: " \
		"(t(1000 N) - t(N)) / 999 N);"
	print "x-untr: ns/call / untraced ns/call; /ltrace: ns/call / " \
		"ltrace's ns/call (ltrace -c; own: -x probe_me, libc: -e labs);"
	print "x floor: ns/call / the bkpt-stop floor of the same placement" \
		" (entry+ret: 2 x bkpt-stop);"
	print "seen: udtrace's count (entry+ret: both probes), ltrace's calls;" \
		" dflt/same: ns/call default / same CPU."
	pid_chart(nw, nm)
	nerr = 0
	for (k in pmsg) {
		if (!nerr++)
			print "\nfailed rows:"
		print "  " k ": " pmsg[k]
	}
}

# The D VM's table (kind=vm). Variable: n (firings per loop). Files, in
# this order (bench/progs/vm_bench.c):
#   vm      "clause NAME D-TEXT..." (vm_bench -l), then
#           "vm NAME NS_PER_FIRING" or "vm NAME failed"
#   errors  vm_bench's messages (stderr)
function vm_line() {
	if (file == 1 && $1 == "clause") {
		vtext[$2] = substr($0, length($1 " " $2 " ") + 1)
	} else if (file == 1 && $1 == "vm") {
		vname[++nvm] = $2; vns[$2] = $3
	} else if (file == 2) {
		verr[++nverr] = $0
	}
}

function vm_table(    i, v, row, hdr, line) {
	print "D VM: one clause fired on a fake syscall::read:entry, no tracee" \
		" (vm_bench, " n " firings, median of 5 loops)"
	hdr = sprintf("%-12s %9s  %-16s  %s", "clause", "ns/firing",
		"target <1000 ns", "D")
	line = hdr; gsub(/./, "-", line)
	print hdr; print line
	for (i = 1; i <= nvm; i++) {
		v = vns[vname[i]]
		if (v == "failed")
			row = sprintf("%-12s %9s  %-16s", vname[i], "failed", "-")
		else
			row = sprintf("%-12s %9.1f  %-16s", vname[i], v,
				v + 0 < 1000 ? "met" : "missed")
		print row "  " vtext[vname[i]]
	}
	if (nvm == 0)
		print "(vm_bench printed nothing)"
	print ""
	print "agg-str-int is issue 7's typical clause; printf-cons adds the" \
		" consumer formatting"
	print "the records into /dev/null (the others drop them unread);" \
		" arg0 = i % 16."
	for (i = 1; i <= nverr; i++)
		print (i == 1 ? "\nfailed clauses:\n  " : "  ") verr[i]
}
