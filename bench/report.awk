# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/report.awk: the tables of bench/run.sh (see there for the method).
# With kind=pid, the pid provider's table (at the end of this file).
# Otherwise the syscall table; variables: wl, ml, pl (the workloads, modes,
# placements, blank-separated, in table order). Files, in this order:
#   counts  "WORKLOAD SYSCALLS"                    (strace -f -c's total)
#   seen    "WORKLOAD MODE COUNT"                  (sum of udtrace's counts)
#   raw     "WORKLOAD MODE PLACEMENT RUN NS RC"    (every timed run)
#   errors  "WORKLOAD MODE PLACEMENT MESSAGE..."   (rows that failed)

# Each file starts with a "#" line, so that an empty one still counts.
FNR == 1 { file++ }
/^#/ { next }
kind == "pid" { pid_line(); next }
file == 1 { nsys[$1] = $2; next }
file == 2 { seen[$1 " " $2] = $3; next }
file == 3 { k = $1 " " $2 " " $3; if ($6 == 0) t[k] = t[k] " " $5; next }
file == 4 {
	k = $1 " " $2 " " $3; bad[k] = 1
	$1 = $2 = $3 = ""; msg[k] = substr($0, 4); next
}

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

# One placement's cells of row (w, m): ms, ns/sc, x-untr, /strace-c. Sets
# over[q], the ns per syscall over untraced ("" when unknown).
function cells(w, m, q,    k, tm, u, sc, osc) {
	k = w " " m " " P[q]
	over[q] = ""
	if (bad[k])
		return sprintf(" | %36s", "failed")
	if (med[k] == "")
		return sprintf(" | %36s", "-")
	tm = med[k]; u = med[w " untraced " P[q]]; sc = med[w " strace-c " P[q]]
	if (u != "" && nsys[w] > 0 && m != "untraced")
		over[q] = (tm - u) / nsys[w]
	if (sc != "" && u != "" && nsys[w] > 0)
		osc = (sc - u) / nsys[w]
	return sprintf(" | %9.1f %8s %7s %9s", tm / 1e6,
		over[q] == "" ? "-" : sprintf("%.0f", over[q]),
		u > 0 ? sprintf("%.2f", tm / u) : "-",
		over[q] == "" || osc <= 0 ? "-" : sprintf("%.2f", over[q] / osc))
}

END {
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

	top = sprintf("%-40s", "")
	hdr = sprintf("%-8s %-13s %8s %8s", "workload", "mode", "syscalls",
		"seen")
	for (q = 1; q <= np; q++) {
		name = P[q] == "same-cpu" ? "same CPU (pinned)" : "default placement"
		top = top sprintf(" | %-36s", name)
		hdr = hdr sprintf(" | %9s %8s %7s %9s", "ms", "ns/sc", "x-untr",
			"/strace-c")
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
			row = sprintf("%-8s %-13s %8s %8s", w, m,
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
	print "/strace-c: ns/sc / ns/sc of strace -f -c (same placement);" \
		" dflt/same: ns/sc default / same CPU;"
	print "seen: udtrace's own count (sum of @[probefunc]; entry+return" \
		" counts both stops)."
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

# The pid provider's table. Variables: wl, ml (workloads, modes), calls
# (N), have_ltrace. Files, in this order:
#   seen    "WORKLOAD MODE COUNT"              (what the tracer counted)
#   raw     "WORKLOAD MODE SIZE RUN NS RC"     (SIZE 0: t(0), 1: t(N);
#                                               untraced: t(N), t(1000 N))
#   errors  "WORKLOAD MODE MESSAGE..."
function pid_line(    k) {
	if (file == 1) {
		pseen[$1 " " $2] = $3
	} else if (file == 2) {
		k = $1 " " $2 " " $3
		if ($6 == 0)
			pt[k] = pt[k] " " $5
	} else {
		k = $1 " " $2; pbad[k] = 1
		$1 = $2 = ""; pmsg[k] = substr($0, 3)
	}
}

# ns per call of (w, m): (t(size 1) - t(size 0)) / calls between them.
function per_call(w, m,    a, b, n) {
	a = median(pt[w " " m " 0"]); b = median(pt[w " " m " 1"])
	if (a == "" || b == "")
		return ""
	n = m == "untraced" ? calls * 999 : calls
	return (b - a) / n
}

function pid_table(    nw, nm, i, j, w, m, u, lt, pc, k, line, hdr, nerr) {
	nw = split(wl, W, " "); nm = split(ml, M, " ")
	print "pid provider: the cost of one call of a probed function, " \
		"N = " calls " calls"
	hdr = sprintf("%-8s %-13s %8s %8s %9s %9s %10s %8s %8s", "workload",
		"mode", "calls", "seen", "ms(0)", "ms(N)", "ns/call", "x-untr",
		"/ltrace")
	line = hdr; gsub(/./, "-", line)
	print hdr; print line
	for (i = 1; i <= nw; i++) {
		w = W[i]
		u = per_call(w, "untraced")
		lt = per_call(w, "ltrace")
		for (j = 1; j <= nm; j++) {
			m = M[j]
			k = w " " m
			if (m == "ltrace" && !have_ltrace) {
				printf "%-8s %-13s %s\n", w, m, "(no ltrace here)"
				continue
			}
			if (pbad[k]) {
				printf "%-8s %-13s %8d %8s %s\n", w, m, calls, "-",
					"failed"
				continue
			}
			pc = per_call(w, m)
			printf "%-8s %-13s %8d %8s %9s %9s %10s %8s %8s\n", w, m,
				m == "untraced" ? calls * 1000 : calls,
				k in pseen ? pseen[k] : "-",
				pms(pt[k " 0"]), pms(pt[k " 1"]),
				pc == "" ? "-" : sprintf(pc < 100 ? "%.2f" : "%.0f", pc),
				pc == "" || u <= 0 || m == "untraced" ? "-" : \
					sprintf("%.0f", pc / u),
				pc == "" || lt <= 0 || m == "untraced" ? "-" : \
					sprintf("%.2f", pc / lt)
		}
	}
	print ""
	print "ns/call: (t(N) - t(0)) / N, start-up left out (untraced: " \
		"(t(1000 N) - t(N)) / 999 N);"
	print "ms(0), ms(N): medians of the runs with 0 and N calls " \
		"(untraced: N and 1000 N);"
	print "x-untr: ns/call / untraced ns/call; /ltrace: ns/call / " \
		"ltrace's ns/call (ltrace -c; own: -x probe_me, libc: -e labs);"
	print "seen: udtrace's count (entry+ret: both probes), ltrace's calls."
	nerr = 0
	for (k in pmsg) {
		if (!nerr++)
			print "\nfailed rows:"
		print "  " k ": " pmsg[k]
	}
}

function pms(s,    v) {
	v = median(s)
	return v == "" ? "-" : sprintf("%.1f", v / 1e6)
}
