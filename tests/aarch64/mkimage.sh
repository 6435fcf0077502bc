#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/aarch64/mkimage.sh BUILDDIR [OUTDIR]: a bootable arm64 system for
# qemu-system-aarch64 -M virt, to run udtrace's live tests on the arm64
# build of tests/aarch64/build.sh (BUILDDIR). Writes, in OUTDIR (default
# BUILDDIR/aarch64-vm):
#   Image          Debian 12's arm64 kernel (linux-image-*-arm64, the
#                  gzipped /boot/vmlinuz-* gunzipped to a plain Image);
#   initrd.cpio.gz the whole root file system, as an initramfs: Debian 12
#                  arm64 packages unpacked with dpkg-deb (no maintainer
#                  scripts run: the few links they would make are made
#                  here), the build tree at its own absolute path, the
#                  sources (tests/, build-aux/, ...) at theirs, and /init.
# The arm64 packages: the ones the tests call (strace, binutils, gcc, g++,
# python3.11-minimal, util-linux, procps ...) and their dependencies,
# resolved by apt-get against an empty dpkg status with arm64 as the only
# architecture (so the Essential set comes along), downloaded once into
# $UDT_AARCH64_CACHE (default /var/cache/udtrace-aarch64) and reused.
# Needs the arm64 package lists (tests/aarch64/setup-host.sh) and cpio.
#
# The image runs the tests listed in OUTDIR/tests.list inside the VM
# (tests/aarch64/run-vm.sh writes it on the kernel command line instead
# when asked for a subset; see there).

set -e
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BUILDDIR [OUTDIR]" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
builddir=$(cd "$1" && pwd)
# The sources the build was configured from (build.sh may use a copy).
srcdir=$(sed -n 's/^abs_top_srcdir = //p' "$builddir/Makefile")
[ -d "$srcdir" ] || { echo "mkimage.sh: no sources for $builddir" >&2; exit 1; }
out=${2:-$builddir/aarch64-vm}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cache=${UDT_AARCH64_CACHE:-/var/cache/udtrace-aarch64}
debs=$cache/debs
mkdir -p "$debs"
# apt-get download drops privileges to _apt where it can write
chown _apt "$debs" 2>/dev/null || :

[ -x "$builddir/udtrace" ] || { echo "mkimage.sh: no $builddir/udtrace (run build.sh first)" >&2; exit 1; }

# The packages of the root file system (their dependencies come along).
PACKAGES="libc6 libc-bin libgcc-s1 libstdc++6 libelf1 libdw1 libunwind8
libcapstone4 zlib1g liblzma5 libzstd1 libbz2-1.0
bash dash coreutils grep sed mawk findutils diffutils make util-linux
mount kmod procps gzip tar strace binutils gcc g++ libc6-dev libstdc++-12-dev
systemtap-sdt-dev python3.11-minimal"
# Not needed in the VM and large (usrmerge's perl: the layout is merged
# here by hand).
EXCLUDE="usrmerge perl perl-modules-5.36 libperl5.36 libfile-find-rule-perl
libnumber-compare-perl libtext-glob-perl"
KERNEL_META=linux-image-arm64
# Large files no test uses (the VM's compilers build small programs,
# without sanitizers, LTO or static linking): less to unpack at boot.
TRIM='*/lto1
*/lto-dump*
*/libasan*
*/libtsan*
*/liblsan*
*/libhwasan*
*/libubsan*
*/libgprofng*
*/libstdc++.a
*/libc.a
./usr/lib/python3.11/test/*'

# apt for arm64 alone, with an empty dpkg status: a fresh arm64 system.
aptdir=$out/apt
mkdir -p "$aptdir"
: >"$aptdir/status"
APT_ARM64="-o Dir::State::status=$aptdir/status -o APT::Architecture=arm64
-o APT::Architectures::=arm64 -o Debug::NoLocking=1 -o APT::Get::Download-Only=false"

t0=$(date +%s)
# shellcheck disable=SC2086
apt-get -s $APT_ARM64 install --no-install-recommends $PACKAGES $KERNEL_META \
	>"$aptdir/sim" 2>&1 || { cat "$aptdir/sim" >&2; exit 1; }
# "Inst NAME (VERSION ...": name=version for apt-get download.
awk '/^Inst / { v = $3; sub(/^\(/, "", v); print $2 "=" v }' "$aptdir/sim" |
	sort >"$aptdir/want"
missing=
while IFS= read -r nv; do
	n=${nv%%=*}
	v=${nv#*=}
	# .deb names encode ':' in versions as %3a
	fv=$(printf '%s' "$v" | sed 's/:/%3a/')
	set -- "$debs/${n}_${fv}_"*.deb
	[ -f "$1" ] || missing="$missing $nv"
done <"$aptdir/want"
if [ -n "$missing" ]; then
	echo "mkimage.sh: downloading$(echo "$missing" | wc -w | tr -d ' ') packages into $debs"
	# shellcheck disable=SC2086
	(cd "$debs" && apt-get $APT_ARM64 download $missing)
fi
echo "mkimage.sh: packages ready ($(($(date +%s) - t0)) s)"

# The kernel: the image package the meta package depends on.
kpkg=$(awk '/^Inst linux-image-[0-9].*-arm64 / { print $2 }' "$aptdir/sim" | head -n 1)
[ -n "$kpkg" ] || { echo "mkimage.sh: no arm64 kernel package resolved" >&2; exit 1; }
kdir=$out/kernel
rm -rf "$kdir" "$out/modules"
mkdir -p "$kdir"
set -- "$debs/${kpkg}_"*.deb
dpkg-deb --fsys-tarfile "$1" |
	tar -x -C "$kdir" --wildcards './boot/vmlinuz-*' \
	'./lib/modules/*/kernel/net/unix/unix_diag.ko'
set -- "$kdir"/boot/vmlinuz-*
vmlinuz=$1
if gzip -t "$vmlinuz" 2>/dev/null; then
	gzip -dc "$vmlinuz" >"$out/Image"
else
	cp "$vmlinuz" "$out/Image"
fi
mv "$kdir/lib/modules" "$out/modules"
rm -rf "$kdir"
echo "mkimage.sh: kernel $(basename "$vmlinuz") -> $out/Image"

# The root file system, merged /usr (as Debian 12 installs it).
root=$out/root
rm -rf "$root"
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/etc"
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
printf '%s\n' "$TRIM" >"$out/trim.list"
while IFS= read -r nv; do
	n=${nv%%=*}
	skip=
	for x in $EXCLUDE; do
		[ "$n" != "$x" ] || skip=1
	done
	[ -z "$skip" ] || continue
	case $n in linux-image*) continue ;; esac
	v=${nv#*=}
	fv=$(printf '%s' "$v" | sed 's/:/%3a/')
	set -- "$debs/${n}_${fv}_"*.deb
	dpkg-deb --fsys-tarfile "$1" |
		tar -x -C "$root" --keep-directory-symlink \
			--exclude='./usr/share/doc/*' --exclude='./usr/share/man/*' \
			--exclude='./usr/share/locale/*' --exclude='./usr/share/info/*' \
			--exclude-from="$out/trim.list"
done <"$aptdir/want"

# The one module the tests need (tgt_perm.c's unix socket peers:
# CONFIG_UNIX_DIAG=m); /init insmods it.
mkdir -p "$root/usr/lib/modules"
cp -R "$out/modules/." "$root/usr/lib/modules/"

# What the maintainer scripts (update-alternatives, base-passwd) would
# have made.
ln -sf mawk "$root/usr/bin/awk"
ln -sf gcc "$root/usr/bin/cc"
ln -sf g++ "$root/usr/bin/c++"
[ -e "$root/usr/bin/sh" ] || ln -s dash "$root/usr/bin/sh"
cat >"$root/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PW
cat >"$root/etc/group" <<'GR'
root:x:0:
nogroup:x:65534:
GR
echo udtrace-arm64 >"$root/etc/hostname"
mkdir -p "$root/root" "$root/tmp" "$root/proc" "$root/sys" "$root/dev" "$root/run"

# The sources and the build tree, at their own absolute paths.
mkdir -p "$root$srcdir" "$root$builddir"
(cd "$srcdir" && tar -c --exclude=./.git --exclude=./autom4te.cache \
	--exclude='./_build*' --exclude='*.o' --exclude='*.log' --exclude='*.trs' \
	--exclude="./$(basename "$builddir")" . ) | tar -x -C "$root$srcdir"
(cd "$builddir" && tar -c --exclude='*.o' --exclude='*.a' --exclude=./.deps \
	--exclude='*/.deps' --exclude='*.log' --exclude='*.trs' \
	--exclude="./$(basename "$out")" . ) | tar -x -C "$root$builddir"

# The test environment of the Makefile (AM_TESTS_ENVIRONMENT), with the
# native tools of the VM for CC and NM; and the test lists.
cat >"$out/print.mk" <<'MK'
udt-print-env:
	@echo "top_srcdir='$(top_srcdir)'"
	@echo "abs_top_srcdir='$(abs_top_srcdir)'"
	@echo "srcdir='$(srcdir)'"
	@echo "top_builddir='$(top_builddir)'"
	@echo "abs_top_builddir='$(abs_top_builddir)'"
	@echo "ARCH='$(ARCH)'"
	@echo "UDT_SHELL='$(SHELL)'"
	@echo "UDT_HDR_CFLAGS='$(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) $(AM_CFLAGS) $(CFLAGS)'"
	@echo "UNIT_TESTS='$(UNIT_TESTS)'"
	@echo "TRACE_TESTS='$(TRACE_TESTS)'"
	@echo "CLI_TESTS='$(CLI_TESTS)'"
	@echo "SCRIPT_TESTS='$(SCRIPT_TESTS)'"
	@echo "FUZZ_REPLAY='$(FUZZ_REPLAY)'"
	@echo "D_TESTS='$(D_TESTS)'"
MK
# (-o Makefile: never let this re-run configure)
make -s --no-print-directory -C "$builddir" -o Makefile -f Makefile \
	-f "$out/print.mk" udt-print-env | grep -E "^[A-Za-z_]+='" \
	>"$root/udt-env.sh"
cp "$here/vm-run-tests.sh" "$root/udt-run-tests.sh"
cp "$here/vm-init.sh" "$root/init"
chmod +x "$root/init" "$root/udt-run-tests.sh"

# The initramfs (gzip -1: the guest's gunzip under TCG is the slow part).
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$out/initrd.cpio.gz"
echo "mkimage.sh: $out/initrd.cpio.gz ($(du -m "$out/initrd.cpio.gz" | cut -f1) MiB, root $(du -sm "$root" | cut -f1) MiB) in $(($(date +%s) - t0)) s"
