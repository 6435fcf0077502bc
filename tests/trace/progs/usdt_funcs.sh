# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers of the USDT tests (tests/trace/usdt-*.test), sourced after
# tests/lib/trace.sh. What a test expects of a program's probes comes
# from readelf -n and nm of its files and from the program's own output,
# never from udtrace's.

# require_usdt_progs: the tracees are built, have their probes (a build
# without <sys/sdt.h> exits 77: skip), and readelf and nm are there.
require_usdt_progs()
{
	for _p in usdt_args usdt_sem usdt_threads libusdt_lib.so libusdt_dl.so; do
		if [ ! -e "$progs/$_p" ]; then
			echo "${0##*/}: $progs/$_p is not built (make check builds it)" >&2
			exit 99
		fi
	done
	for _t in readelf nm; do
		command -v $_t >/dev/null 2>&1 || skip "no $_t (binutils)"
	done
	"$progs/usdt_sem" /dev/null 0 plain 2>"$tmp/usdt.err"
	case $? in
	0) ;;
	77) skip "$(cat "$tmp/usdt.err")" ;;
	*) echo "usdt_sem fails untraced: $(cat "$tmp/usdt.err")"; exit 99 ;;
	esac
}

# sdt_notes FILE: "PROVIDER NAME LOCATION SEMAPHORE" (hex, no 0x) for each
# .note.stapsdt note of FILE, from readelf -n.
sdt_notes()
{
	readelf -n "$1" 2>/dev/null | awk '
	$1 == "Provider:" { p = $2 }
	$1 == "Name:" { n = $2 }
	$1 == "Location:" {
		l = $2; sub(/,$/, "", l); sub(/^0x0*/, "", l)
		s = $6; sub(/^0x0*/, "", s)
		print p, n, (l == "" ? 0 : l), (s == "" ? 0 : s)
	}'
}

# func_at FILE ADDR: the function symbol of FILE whose extent holds ADDR
# (hex, no 0x), from nm.
func_at()
{
	nm -S --defined-only "$1" 2>/dev/null | awk -v a="$2" '
	function hex(s,    i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	NF == 4 && $3 ~ /^[tTwW]$/ {
		v = hex($1); z = hex($2)
		if (hex(a) >= v && hex(a) < v + z) { print $4; exit }
	}'
}

# sdt_listing FILE PID: the lines `udtrace -l` should show for FILE's
# probes in process PID: "PROVIDERPID MODULE FUNCTION NAME", MODULE the
# file's name, FUNCTION the function holding the probe's site, NAME with
# each "__" written "-"; one line per probe (sites of one name in one
# function are one probe), sorted.
sdt_listing()
{
	_m=$(basename "$1")
	sdt_notes "$1" | while read -r _p _n _l _s; do
		echo "$_p$2 $_m $(func_at "$1" "$_l") $(echo "$_n" | sed 's/__/-/g')"
	done | sort -u
}

# runs_prog PID PROG: PID has exec()ed PROG (a -p test attaches to the
# program, not to the env(1) that starts it).
runs_prog()
{
	[ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$(readlink -f "$2")" ]
}
