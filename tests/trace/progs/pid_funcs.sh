# SPDX-License-Identifier: GPL-2.0-or-later
#
# Helpers of the pid provider's tests (tests/trace/pid-*.test), sourced
# after tests/lib/trace.sh. What a test expects of the code comes from
# objdump and nm of the binary, never from udtrace's own output.

require_pid_progs()
{
	for _p in pid_calls_O2 pid_threads pid_dl libpid_dl.so libpid_lib.so; do
		if [ ! -e "$progs/$_p" ]; then
			echo "${0##*/}: $progs/$_p is not built (make check builds it)" >&2
			exit 99
		fi
	done
	for _t in objdump nm; do
		command -v $_t >/dev/null 2>&1 || skip "no $_t (binutils)"
	done
	case ${ARCH:-$(uname -m)} in
	x86_64 | aarch64) ;;
	*) skip "the pid tests read x86_64 or aarch64 code (objdump)" ;;
	esac
}

# func_size FILE FUNC: the size (decimal) of FUNC's symbol in FILE.
func_size()
{
	{ nm -S --defined-only "$1"; nm -D -S --defined-only "$1"; } 2>/dev/null |
		awk -v f="$2" '{ sub(/@.*/, "", $4) }
			$4 == f && $3 ~ /^[tTwWiI]$/ { print $2; exit }' |
		{ read -r _s && echo $((0x$_s)); }
}

# func_insns FILE FUNC: "OFFSET MNEMONIC OPERANDS" (OFFSET in hex, no 0x)
# for each instruction of FUNC (within its symbol's size), from objdump.
func_insns()
{
	_size=$(func_size "$1" "$2")
	[ -n "$_size" ] || { echo "func_insns: no $2 in $1" >&2; return 1; }
	objdump -d --no-show-raw-insn -w --disassemble="$2" "$1" | awk -v size="$_size" '
	function hex(s,    i, v) {
		v = 0; s = tolower(s)
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	/^[0-9a-f]+ <.*>:$/ { if (on) exit; on = 1; start = hex($1); next }
	on && /^ *[0-9a-f]+:/ {
		a = $1; sub(":", "", a); o = hex(a) - start
		if (o >= size)
			exit
		$1 = ""; printf "%x%s\n", o, $0
	}'
}

# func_rets FILE FUNC: the offsets (hex) of FUNC's ret instructions
# (x86_64: ret, retq, rep ret, bnd ret; aarch64: ret, retaa, retab).
func_rets()
{
	func_insns "$1" "$2" | awk '$2 == "ret" || $2 == "retq" ||
		$2 == "retaa" || $2 == "retab" ||
		(($2 == "repz" || $2 == "rep" || $2 == "bnd") && $3 ~ /^ret/) { print $1 }'
}

# func_branches FILE FUNC: FUNC's jumps, conditional or not (calls are
# not branches here): x86_64's j*, aarch64's b, b.cond, cbz, cbnz, tbz,
# tbnz, br.
func_branches()
{
	func_insns "$1" "$2" | awk '$2 ~ /^j/ || $2 == "b" || $2 ~ /^b\./ ||
		$2 ~ /^(cbz|cbnz|tbz|tbnz|br)$/'
}

# libc_of PROG: the C library PROG is linked with, as a real path.
libc_of()
{
	ldd "$1" 2>/dev/null | awk '$1 ~ /^libc\.so/ { print $3; exit }' |
		{ read -r _l && readlink -f "$_l"; }
}

# tracee_text PID OUT: the bytes of every executable mapping of PID into
# OUT (a directory: one file per mapping, and "maps", the list of them).
tracee_text()
{
	mkdir -p "$2"
	grep -E '^[0-9a-f]+-[0-9a-f]+ r-xp ' "/proc/$1/maps" |
		grep -v '\[vsyscall\]' >"$2/maps"
	while read -r _range _perm _off _dev _ino _path; do
		_lo=$((0x${_range%-*}))
		_hi=$((0x${_range#*-}))
		dd if="/proc/$1/mem" of="$2/${_range}" bs=4096 \
			skip=$((_lo / 4096)) count=$(((_hi - _lo) / 4096)) \
			2>/dev/null ||
			fail "cannot read $_range ($_path) of process $1"
	done <"$2/maps"
}

# load_base PID FILE: where FILE (a real path) is mapped in PID, as the
# address its symbols are relative to (the mapping of file offset 0).
load_base()
{
	awk -v f="$2" '$6 == f && $3 == "00000000" { split($1, r, "-"); print r[1]; exit }' \
		"/proc/$1/maps"
}

# bytes_at PID ADDR N: the N bytes (hex digits, in memory order) at ADDR
# (hex) in PID, as the kernel has them.
bytes_at()
{
	dd if="/proc/$1/mem" bs=1 skip=$((0x$2)) count="$3" iflag=skip_bytes \
		2>/dev/null | od -An -tx1 | tr -d ' \n'
}

# The breakpoint instruction's bytes: int3 (cc), brk #0 (00 00 20 d4).
case ${ARCH:-$(uname -m)} in
aarch64) bkpt_hex=000020d4 ;;
*) bkpt_hex=cc ;;
esac

# bkpt_addrs PID FILE [-e] FUNC...: the addresses (hex) in PID of the
# first byte and of every ret of each FUNC of FILE (a PIE or a library);
# with -e, of the first byte only.
bkpt_addrs()
{
	_pid=$1 _file=$2 _rets=1
	shift 2
	[ "$1" = -e ] && { _rets=0; shift; }
	_base=$(load_base "$_pid" "$_file")
	[ -n "$_base" ] || { echo "no $_file in process $_pid" >&2; return 1; }
	for _f in "$@"; do
		_a=$({ nm --defined-only "$_file"; nm -D --defined-only "$_file"; } 2>/dev/null |
			awk -v f="$_f" '{ sub(/@.*/, "", $3) } $3 == f { print $1; exit }')
		[ -n "$_a" ] || { echo "no $_f in $_file" >&2; return 1; }
		_offs=0
		[ $_rets = 1 ] && _offs="0 $(func_rets "$_file" "$_f")"
		for _o in $_offs; do
			printf '%x\n' $((0x$_base + 0x$_a + 0x$_o))
		done
	done
}

# planted PID ADDR...: true when every ADDR of PID holds a breakpoint.
planted()
{
	_pid=$1
	shift
	for _a in "$@"; do
		[ "$(bytes_at "$_pid" "$_a" $((${#bkpt_hex} / 2)))" = "$bkpt_hex" ] ||
			return 1
	done
}
