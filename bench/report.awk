# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/report.awk: the tables of bench/run.sh (see there for the method).
# With kind=pid, the pid provider's table; with kind=vm, the D VM's (both
# at the end of this file).
# Otherwise the syscall table; variables: wl, ml, pl (the workloads, modes,
# placements, blank-separated, in table order), runs (rounds). Files, in
# this order:
#   counts  "WORKLOAD SYSCALLS"                    (strace -f -c's total)
#   seen    "WORKLOAD MODE COUNT"                  (sum of udtrace's counts)
#   raw     "WORKLOAD MODE PLACEMENT RUN NS RC"    (every timed run; RUN is
#                                                   ROUND or ROUND.REPEAT)
#   errors  "WORKLOAD MODE PLACEMENT MESSAGE..."   (rows that failed)
#   floors  "WORKLOAD PLACEMENT ROUND NAME NS"     (progs/floor.c, run
#                                                   before the workload)
# Every ratio is taken within a round and the median over the rounds shown
# (see bench/run.sh).
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
file == 3 {
	k = $1 " " $2 " " $3
	if ($6 == 0) {
		t[k] = t[k] " " $5
		split($4, rr, ".")
		rt[k " " rr[1]] = rt[k " " rr[1]] " " $5
	}
	next
}
file == 4 {
	k = $1 " " $2 " " $3; bad[k] = 1
	$1 = $2 = $3 = ""; msg[k] = substr($0, 4); next
}
file == 5 { adj_line(); next }

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

# The floors measured right before a workload: "KEY PLACEMENT ROUND NAME
# NS" (KEY: the workload; pid-WORKLOAD for the pid table).
function adj_line() {
	fa[$1 " " $2 " " $3 " " $4] = $5
}

# Floor name of the adjacent run (key, p, r); "" when none.
function fl_adj(key, p, r, name,    k) {
	k = key " " p " " r " " name
	return k in fa ? fa[k] : ""
}

# The median of round r's runs of k (the cheap rows' repeats); "".
function rmed(k, r) {
	return median(rt[k " " r])
}

# Row (w, m)'s ns per syscall over untraced in placement p, round r: ""
# when unknown.
function over_r(w, m, p, r,    a, u) {
	if (m == "untraced" || nsys[w] <= 0 || bad[w " " m " " p])
		return ""
	a = rmed(w " " m " " p, r); u = rmed(w " untraced " p, r)
	return a == "" || u == "" ? "" : (a - u) / nsys[w]
}

# The median over the rounds of over_r(), or with what = "pid" of the pid
# table's per_call_r(); "" when unknown.
function round_med(what, w, m, p,    r, l, v) {
	l = ""
	for (r = 1; r <= runs; r++) {
		v = what == "pid" ? per_call_r(w, m, p, r) : over_r(w, m, p, r)
		if (v != "")
			l = l " " v
	}
	return median(l)
}

# The floor kind an x floor of mode m is taken against; "" for none (run.sh's
# floor_kinds() measures these before each workload).
function floor_kind(m) {
	if (m == "udt-entry")
		return "seccomp-stop"
	if (m == "udt-entry-notify")
		return "notif-sync"
	if (m == "udt-entry+ret")
		return "syscall-2stop"
	return ""
}

function fmt(v, f) {
	return v == "" ? "-" : sprintf(f, v)
}

# One placement's cells of row (w, m): ms (the median of all runs), then
# the medians over the rounds of ns/sc, x-untr, x-net (udtrace's fixed
# cost in that mode, the "startup" workload's t_mode - t_untraced on
# /bin/true, taken out, for the modes that have one), /strace-c and x
# floor (ns/sc over the ptrace floor it cannot go below: one seccomp stop
# per entry probe, two PTRACE_SYSCALL stops per entry and return; the
# floor taken over untraced too, as ns/sc is). Sets over[q], the median
# ns/sc ("" when unknown), and ovr[q, r], round r's.
function cells(w, m, q,    p, k, r, a, u, o, sa, sb, sc, osc, f, fu, fk,
    lo, lu, ln, ls, lf) {
	p = P[q]; k = w " " m " " p
	over[q] = ""
	if (bad[k])
		return sprintf(" | %51s", "failed")
	if (med[k] == "")
		return sprintf(" | %51s", "-")
	fk = floor_kind(m)
	lo = lu = ln = ls = lf = ""
	for (r = 1; r <= runs; r++) {
		ovr[q, r] = ""
		a = rmed(k, r); u = rmed(w " untraced " p, r)
		if (a == "" || u == "" || u <= 0)
			continue
		lu = lu " " a / u
		if (m == "udt-none" || m == "udt-filter") {
			sa = rmed("startup " m " " p, r)
			sb = rmed("startup untraced " p, r)
			if (sa != "" && sb != "")
				ln = ln " " (a - (sa - sb)) / u
		}
		if ((o = over_r(w, m, p, r)) == "")
			continue
		ovr[q, r] = o
		lo = lo " " o
		sc = rmed(w " strace-c " p, r)
		if (sc != "" && (osc = (sc - u) / nsys[w]) > 0)
			ls = ls " " o / osc
		f = fl_adj(w, p, r, fk); fu = fl_adj(w, p, r, "untraced")
		if (fk != "" && f != "" && fu != "" && f - fu > 0)
			lf = lf " " o / (f - fu)
	}
	over[q] = median(lo)
	return sprintf(" | %9.1f %8s %7s %6s %9s %7s", med[k] / 1e6,
		fmt(over[q], "%.0f"), fmt(median(lu), "%.2f"),
		fmt(median(ln), "%.3f"), fmt(median(ls), "%.2f"),
		fmt(median(lf), "%.2f"))
}

# dflt/same of a row: the median over the rounds of ns/sc default / same
# CPU, only where stops dominate (ns/sc of 500 or more: a ratio of two
# noise-sized figures means nothing); "-".
function dflt_same(    r, l) {
	l = ""
	for (r = 1; r <= runs; r++)
		if (ovr[1, r] != "" && ovr[2, r] >= 500)
			l = l " " ovr[1, r] / ovr[2, r]
	return fmt(median(l), "%.2f")
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
			if (np == 2)
				row = row sprintf(" | %9s", dflt_same())
			print row
		}
	}

	print ""
	print "every ratio is the median of the ratios of " runs " rounds, each" \
		" between runs a few seconds apart;"
	print "ns/sc: (t - t_untraced) / syscalls, start-up included;" \
		" x-untr: t / t_untraced;"
	print "x-net: (t - udtrace's fixed cost in that mode) / t_untraced," \
		" the fixed cost measured on /bin/true:"
	fixed_line()
	print "/strace-c: ns/sc / ns/sc of strace -f -c (same placement);" \
		" dflt/same: ns/sc default / same CPU;"
	print "x floor: ns/sc / (floor - untraced floor), the floors measured" \
		" right before the workload's runs"
	print "(udt-entry: seccomp-stop, udt-entry-notify (-x sysentry=notify):" \
		" notif-sync, udt-entry+ret:"
	print "syscall-2stop; see the floors table);"
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
			chart_row(M[j] " (" w ")", round_med("sc", w, M[j], "default"),
				round_med("sc", w, M[j], "same-cpu"))
}

# One bar pair of the chart; a figure of 0 or less (noise around
# untraced) has no bar on its log scale.
function chart_row(label, a, b) {
	printf "\"%s\" %s %s\n", label,
		a == "" || a <= 0 ? "-" : sprintf("%.1f", a),
		b == "" || b <= 0 ? "-" : sprintf("%.1f", b) >>chart
}

# ---- ptrace's floors (progs/floor.c) ----
# kind=floor's files: floors.txt, "PLACEMENT RUN NAME NS", then the
# errors, "PLACEMENT MESSAGE..." (the other tables read the floors
# measured before each workload: adj_line()).
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
# placements), runs, calls (N), have_ltrace. Files, in this order:
#   seen    "WORKLOAD MODE COUNT"              (what the tracer counted)
#   raw     "WORKLOAD MODE PLACEMENT SIZE RUN NS RC"
#                                              (SIZE 0: t(0), 1: t(N);
#                                               untraced: t(N), t(1000 N))
#   errors  "WORKLOAD MODE PLACEMENT MESSAGE..."
#   floors  "pid-WORKLOAD PLACEMENT ROUND NAME NS"
#                                              (progs/floor.c's bkpt-stop,
#                                               run before the workload)
# As in the syscall table, every ratio is the median of per-round ones.
function pid_line(    k) {
	if (file == 1) {
		pseen[$1 " " $2] = $3
	} else if (file == 2) {
		k = $1 " " $2 " " $3 " " $4 " " $5
		if ($7 == 0)
			pt[k] = pt[k] " " $6
	} else if (file == 3) {
		k = $1 " " $2 " " $3; pbad[k] = 1
		$1 = $2 = $3 = ""; pmsg[k] = substr($0, 4)
	} else {
		adj_line()
	}
}

# Round r's ns/call over the breakpoint floor measured before the
# workload's runs (the floor's call itself costs a nanosecond: nothing to
# take off): one stop per entry probe, two per entry and return; "" for
# the other modes.
function pid_xfloor_r(w, m, p, r, pc,    f) {
	f = fl_adj("pid-" w, p, r, "bkpt-stop")
	if (pc == "" || f == "" || f <= 0)
		return ""
	if (m == "udt-entry")
		return pc / f
	if (m == "udt-entry+ret")
		return pc / (2 * f)
	return ""
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
				round_med("pid", w, M[j], "default"),
				round_med("pid", w, M[j], "same-cpu"))
}

# ns per call of (w, m) in placement p, round r: (t(size 1) - t(size 0))
# / calls between them; "" when unknown or failed.
function per_call_r(w, m, p, r,    a, b, n) {
	if (pbad[w " " m " " p])
		return ""
	a = median(pt[w " " m " " p " 0 " r])
	b = median(pt[w " " m " " p " 1 " r])
	if (a == "" || b == "")
		return ""
	n = m == "untraced" ? calls * 999 : calls
	return (b - a) / n
}

# One placement's cells of a pid row, medians over the rounds: ns/call,
# x-untr, /ltrace, x floor. Sets pcr[p, r], round r's ns/call.
function pid_cells(w, m, p,    pc, u, lt, r, v, lu, ll, lf) {
	if (m == "ltrace" && !have_ltrace)
		return sprintf(" | %36s", "(no ltrace here)")
	if (pbad[w " " m " " p])
		return sprintf(" | %36s", "failed")
	lu = ll = lf = ""
	for (r = 1; r <= runs; r++) {
		pcr[p, r] = pc = per_call_r(w, m, p, r)
		if (pc == "" || m == "untraced")
			continue
		u = per_call_r(w, "untraced", p, r)
		lt = per_call_r(w, "ltrace", p, r)
		if (u != "" && u > 0)
			lu = lu " " pc / u
		if (lt != "" && lt > 0)
			ll = ll " " pc / lt
		if ((v = pid_xfloor_r(w, m, p, r, pc)) != "")
			lf = lf " " v
	}
	pc = round_med("pid", w, m, p)
	return sprintf(" | %9s %8s %8s %8s",
		pc == "" ? "-" : sprintf(pc < 100 ? "%.2f" : "%.0f", pc),
		fmt(median(lu), "%.0f"), fmt(median(ll), "%.2f"),
		fmt(median(lf), "%.2f"))
}

function pid_table(    nw, nm, np, i, j, q, w, m, k, line, hdr, top, row,
    r, l, nerr) {
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
			row = sprintf("%-8s %-13s %8s", w, m,
				k in pseen ? pseen[k] : "-")
			for (q = 1; q <= np; q++)
				row = row pid_cells(w, m, P[q])
			l = ""
			for (r = 1; np == 2 && m != "untraced" && r <= runs; r++)
				if (pcr[P[1], r] != "" && pcr[P[2], r] > 0)
					l = l " " pcr[P[1], r] / pcr[P[2], r]
			if (np == 2)
				row = row sprintf(" | %9s", fmt(median(l), "%.2f"))
			print row
		}
	}
	print ""
	print "every figure but seen is the median over " runs " rounds, each" \
		" ratio taken within a round;"
	print "ns/call: (t(N) - t(0)) / N, start-up left out (untraced: " \
		"(t(1000 N) - t(N)) / 999 N);"
	print "x-untr: ns/call / untraced ns/call; /ltrace: ns/call / " \
		"ltrace's ns/call (ltrace -c; own: -x probe_me, libc: -e labs);"
	print "x floor: ns/call / the bkpt-stop floor measured right before" \
		" the workload's runs (entry+ret: 2 x bkpt-stop);"
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
