#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/aarch64/run-vm.sh OUTDIR: boots the arm64 test VM that
# tests/aarch64/mkimage.sh made in OUTDIR (Image, initrd.cpio.gz) under
# qemu-system-aarch64 -M virt -cpu max (TCG on an amd64 host), lets its
# /init run the tests, and reads the results from the console (kept in
# OUTDIR/console.log): one line per test, the logs of the failed ones, and
# last one line "N passed, M failed" (plus ", K skipped"). Exits non-zero
# when a test failed or the VM did not finish (the VM's end counts as a
# failure then).
#
# Environment:
#   UDT_AARCH64_TESTS  the tests to run (default "@smoke @unit @trace @cli"): test
#                      names as in Makefile.am (tests/trace/count.test,
#                      tests/unit/t_bkpt) and groups @smoke @unit @trace @cli
#                      @scripts @fuzz @d (see vm-run-tests.sh)
#   UDT_VM_TIMEOUT     seconds for the whole VM (default 2400)
#   UDT_TEST_TIMEOUT   seconds for one test in the VM (default 900)
#   UDT_VM_SMP, UDT_VM_MEM   qemu -smp (2) and -m (4096)
#   UDT_LOG_LINES      lines of a failed test's log shown (60)
#   UDT_VM_APPEND      more kernel arguments (e.g. "loglevel=7" to see the
#                      kernel's messages; they go to console.log)

set -u
if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
out=$(cd "$1" && pwd) || exit 2
for f in Image initrd.cpio.gz; do
	[ -f "$out/$f" ] || { echo "run-vm.sh: no $out/$f (run mkimage.sh)" >&2; exit 2; }
done
vm_timeout=${UDT_VM_TIMEOUT:-2400}

# The test list and the settings, as a second cpio archive after the
# image's (the kernel unpacks both into the same root).
extra=$out/extra
rm -rf "$extra"
mkdir -p "$extra"
echo "${UDT_AARCH64_TESTS:-@smoke @unit @trace @cli}" >"$extra/udt-tests.list"
{
	echo "UDT_TEST_TIMEOUT=${UDT_TEST_TIMEOUT:-900}"
	echo "UDT_LOG_LINES=${UDT_LOG_LINES:-60}"
	echo "export UDT_TEST_TIMEOUT UDT_LOG_LINES"
} >"$extra/udt-settings.sh"
(cd "$extra" && printf '%s\n' udt-tests.list udt-settings.sh |
	cpio -o -H newc -R 0:0 --quiet | gzip -1) >"$out/extra.cpio.gz"
cat "$out/initrd.cpio.gz" "$out/extra.cpio.gz" >"$out/initrd-run.cpio.gz"

console=$out/console.log
t0=$(date +%s)
echo "run-vm.sh: booting qemu-system-aarch64 (timeout ${vm_timeout} s), tests: ${UDT_AARCH64_TESTS:-@smoke @unit @trace @cli}"
timeout -k 10 "$vm_timeout" qemu-system-aarch64 -M virt -cpu max \
	-smp "${UDT_VM_SMP:-2}" -m "${UDT_VM_MEM:-4096}" \
	-nographic -no-reboot -nodefaults -serial stdio -monitor none \
	-kernel "$out/Image" -initrd "$out/initrd-run.cpio.gz" \
	-append "console=ttyAMA0 panic=-1 quiet loglevel=3 rdinit=/init ${UDT_VM_APPEND:-}" \
	</dev/null >"$console" 2>&1
qrc=$?
t1=$(date +%s)
rm -f "$out/initrd-run.cpio.gz"
# (the console has CRLF line ends)
tr -d '\r' <"$console" >"$console.txt"

up=$(sed -n 's/^@@UDT-VM-UP uptime=\([0-9.]*\).*/\1/p' "$console.txt")
echo "run-vm.sh: qemu ended (status $qrc) after $((t1 - t0)) s; guest up after ${up:-?} s"
grep '^@@UDT-RESULT ' "$console.txt" | sed 's/^@@UDT-RESULT //'
# The logs of the failed tests.
awk '/^@@UDT-LOG-BEGIN / { on = 1; print "---- " $2; next }
	/^@@UDT-LOG-END / { on = 0; next }
	on' "$console.txt"

npass=$(grep -cE '^@@UDT-RESULT (PASS|XFAIL) ' "$console.txt")
nfail=$(grep -cE '^@@UDT-RESULT (FAIL|XPASS|ERROR) ' "$console.txt")
nskip=$(grep -cE '^@@UDT-RESULT SKIP ' "$console.txt")
if ! grep -q '^@@UDT-SUMMARY ' "$console.txt"; then
	echo "run-vm.sh: the VM did not finish the tests (qemu status $qrc); console tail:"
	tail -n 40 "$console.txt"
	nfail=$((nfail + 1))
fi
echo "$npass passed, $nfail failed, $nskip skipped"
[ "$nfail" -eq 0 ]
