#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Enforces the module map of DESIGN.md section 3, in two ways:
#  1. every #include in src/ and arch/ is checked against the table below
#     (which mirrors DESIGN.md's "may include" column; change both
#     together). "config.h" is always allowed, as is a header of the
#     file's own directory. System headers that belong to one layer
#     (ptrace, capstone, libelf/libdw, libunwind) are refused elsewhere.
#  2. `nm -g --defined-only` on each layer library: every exported symbol
#     carries the layer's prefix (everything else must be static).

LC_ALL=C
set -f # no globbing: include names and patterns are data
export LC_ALL
srcdir=${top_srcdir:-.}
builddir=${top_builddir:-.}
nm=${NM:-nm}
bad=0

# allowed LAYER: the include prefixes (a trailing / means a directory).
allowed()
{
	case $1 in
	common) echo "common/" ;;
	d) echo "common/ vm/vm_isa.h d/" ;;
	vm) echo "common/ vm/" ;;
	consumer) echo "common/ vm/vm_rec.h sym/ consumer/" ;;
	providers) echo "common/ target/ sym/ arch/arch.h vm/vm.h vm/vm_isa.h vm/vm_rec.h providers/" ;;
	target) echo "common/ arch/arch.h target/" ;;
	sym) echo "common/ target/tgt.h sym/" ;;
	arch) echo "common/ arch/arch.h arch/arch_util.h" ;;
	main) echo "common/ session.h session_opts.h" ;;
	session) echo "ANY" ;;
	esac
}

layer_of()
{
	case $1 in
	src/common/*) echo common ;;
	src/d/*) echo d ;;
	src/vm/*) echo vm ;;
	src/consumer/*) echo consumer ;;
	src/providers/*) echo providers ;;
	src/target/*) echo target ;;
	src/sym/*) echo sym ;;
	arch/*) echo arch ;;
	src/main.c | src/session_opts.[ch]) echo main ;;
	src/session.[ch] | src/session_trace.c | src/session_impl.h | src/session_sdt.c) echo session ;;
	*) echo unknown ;;
	esac
}

# System headers owned by one layer: "pattern layer..." per line.
sys_owner()
{
	case $1 in
	sys/ptrace.h | linux/ptrace.h) echo "target arch" ;;
	capstone/*) echo "arch" ;;
	libelf.h | gelf.h | elfutils/* | dwarf.h | libunwind*) echo "sym" ;;
	*) echo "" ;;
	esac
}

cd "$srcdir" || exit 99
files=$(find src arch -name '*.[ch]' 2>/dev/null | sort)
for f in $files; do
	layer=$(layer_of "$f")
	if [ "$layer" = unknown ]; then
		echo "FAIL: $f: in no layer of DESIGN.md section 3"
		bad=1
		continue
	fi
	fdir=$(dirname "$f")
	incs=$(sed -n 's|^[ 	]*#[ 	]*include[ 	]*\(["<][^">]*[">]\).*|\1|p' "$f")
	for inc in $incs; do
		name=$(echo "$inc" | sed 's|^.\(.*\).$|\1|')
		case $inc in
		\<*)
			owners=$(sys_owner "$name")
			[ -z "$owners" ] && continue
			ok=0
			for o in $owners; do
				[ "$o" = "$layer" ] && ok=1
			done
			if [ $ok -eq 0 ]; then
				echo "FAIL: $f ($layer) includes <$name> (only: $owners)"
				bad=1
			fi
			continue
			;;
		esac
		[ "$name" = config.h ] && continue
		case $name in
		*/*) ;;
		*)
			# Own directory (or, in arch/, the selected CPU's).
			[ -f "$fdir/$name" ] && continue
			[ "$layer" = arch ] && [ "$name" = arch_regs.h ] && continue
			# arch/sc_table.c: the selected CPU's syscall table
			[ "$f" = arch/sc_table.c ] && [ "$name" = syscallent.h ] && continue
			echo "FAIL: $f includes \"$name\", not in $fdir/"
			bad=1
			continue
			;;
		esac
		ok=0
		for a in $(allowed "$layer"); do
			case $a in
			ANY) ok=1 ;;
			*/) case $name in "$a"*) ok=1 ;; esac ;;
			*) [ "$name" = "$a" ] && ok=1 ;;
			esac
		done
		if [ $ok -eq 0 ]; then
			echo "FAIL: $f ($layer) includes \"$name\"; allowed: $(allowed "$layer")"
			bad=1
		fi
	done
done
cd - >/dev/null || exit 99

# Exported symbols of each layer library.
check_lib()
{
	lib=$builddir/$1
	re=$2
	if [ ! -f "$lib" ]; then
		echo "FAIL: $lib not built"
		bad=1
		return
	fi
	syms=$($nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' |
		grep -v '^__' | grep -Ev "$re" | sort -u)
	if [ -n "$syms" ]; then
		echo "FAIL: $1 exports names without its prefix ($re):"
		echo "$syms" | sed 's/^/	/'
		bad=1
	fi
}
check_lib libudt_common.a '^(x|sb_|htab_|msg_|fmt_)'
check_lib libudt_d.a '^d_'
check_lib libudt_vm.a '^vm_'
check_lib libudt_cons.a '^cons_'
check_lib libudt_prov.a '^prov_'
check_lib libudt_tgt.a '^tgt_'
check_lib libudt_sym.a '^sym_'
check_lib libudt_arch.a '^arch_'

[ $bad -eq 0 ] && echo "layering and exported names are clean"
exit $bad
