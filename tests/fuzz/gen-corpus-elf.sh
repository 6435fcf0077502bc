#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# gen-corpus-elf.sh [DIR]: (re)makes the seed corpus of the ELF reader's
# fuzz target (tests/fuzz/fuzz_elf.c) in DIR (default: the corpus-elf
# directory next to this script). Not run by make check: the files are
# kept in the tree so that every machine replays the same inputs. Seeds:
# small well-formed files (an executable with USDT probes and a semaphore,
# the same stripped, with only a .gnu_debuglink, a shared library with a
# soname, a relocatable object), then the executable cut short at a few
# places, and a few hand-broken copies (a section header table offset
# past the end, a big-endian or 32-bit class byte in a 64-bit file, a
# note whose size runs off its section).
set -e
out=${1:-$(cd "$(dirname "$0")" && pwd)/corpus-elf}
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/udt-gen-elf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

cat >"$tmp/p.c" <<'SRC'
#include <sys/sdt.h>
unsigned short prov_probe_semaphore __attribute__((section(".probes")));
static int helper(int x) { return x * 3; }
int lib_f(int x) { return helper(x) + 1; }
int main(int argc, char **argv)
{
	(void)argv;
	DTRACE_PROBE1(prov, probe, argc);
	DTRACE_PROBE2(prov, two, argc, lib_f(argc));
	return lib_f(argc) & 1;
}
SRC
cflags="-O1 -g0 -fno-asynchronous-unwind-tables -Wl,--build-id"
$cc $cflags -o "$tmp/exe" "$tmp/p.c"
cp "$tmp/exe" "$out/exe-usdt"
cp "$tmp/exe" "$tmp/exe2"
strip -s "$tmp/exe2"
objcopy --add-gnu-debuglink="$tmp/exe" "$tmp/exe2" "$out/exe-stripped-debuglink"
$cc $cflags -shared -fPIC -Wl,-soname,libfz.so.1 -o "$out/lib-soname.so" "$tmp/p.c"
$cc -O1 -g0 -c -o "$out/obj.o" "$tmp/p.c"
size=$(wc -c <"$tmp/exe")
for n in 16 52 64 200 1024 $((size / 2)) $((size - 100)); do
	head -c "$n" "$tmp/exe" >"$out/exe-cut-$n"
done
# e_shoff (offset 0x28, 8 bytes) far past the end of the file.
cp "$tmp/exe" "$out/exe-bad-shoff"
printf '\377\377\377\177' | dd of="$out/exe-bad-shoff" bs=1 seek=40 conv=notrunc 2>/dev/null
# EI_DATA = ELFDATA2MSB, EI_CLASS = ELFCLASS32 in a 64-bit little-endian file.
cp "$tmp/exe" "$out/exe-msb"
printf '\002' | dd of="$out/exe-msb" bs=1 seek=5 conv=notrunc 2>/dev/null
cp "$tmp/exe" "$out/exe-class32"
printf '\001' | dd of="$out/exe-class32" bs=1 seek=4 conv=notrunc 2>/dev/null
# The first stapsdt note's descsz (after namesz) made huge.
off=$(grep -abo stapsdt "$tmp/exe" | head -n 1 | cut -d: -f1)
if [ -n "$off" ]; then
	cp "$tmp/exe" "$out/exe-note-descsz"
	printf '\377\377\377\017' |
		dd of="$out/exe-note-descsz" bs=1 seek=$((off - 8)) conv=notrunc 2>/dev/null
fi
ls -l "$out"
