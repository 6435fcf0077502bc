#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the arm64 test VM (tests/aarch64/mkimage.sh puts it there): the
# few mounts a Debian system has, then /udt-run-tests.sh, whose results go
# to the console between @@UDT- markers (tests/aarch64/run-vm.sh reads
# them), then power off. Runs as pid 1: it must never exit by mistake (the
# kernel would panic; with panic=-1 and -no-reboot qemu ends anyway).

PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOME=/root
LC_ALL=C
export PATH HOME LC_ALL

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
# /tmp stays the initramfs's own (already in RAM): the build tree may be
# under it (/tmp/xbuild).
chmod 1777 /tmp
mount -t tmpfs tmpfs /run
cat /etc/hostname >/proc/sys/kernel/hostname
# (what udev would make: -C hands the script to cpp as /dev/stdin)
ln -sf /proc/self/fd /dev/fd 2>/dev/null
ln -sf /proc/self/fd/0 /dev/stdin 2>/dev/null
ln -sf /proc/self/fd/1 /dev/stdout 2>/dev/null
ln -sf /proc/self/fd/2 /dev/stderr 2>/dev/null
ldconfig
# (sock_diag for unix sockets: a module in Debian's kernel)
insmod "/lib/modules/$(uname -r)/kernel/net/unix/unix_diag.ko"
ip link set lo up 2>/dev/null

echo "@@UDT-VM-UP uptime=$(cut -d' ' -f1 /proc/uptime) cpus=$(nproc) kernel=$(uname -r)"
# The tests' stdin is not the console.
sh /udt-run-tests.sh </dev/null
echo "@@UDT-VM-DONE rc=$? uptime=$(cut -d' ' -f1 /proc/uptime)"
sync
echo 1 >/proc/sys/kernel/sysrq
echo o >/proc/sysrq-trigger
sleep 30
