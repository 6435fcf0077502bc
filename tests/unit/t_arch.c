/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the identity part of arch/arch.h: the selected CPU is the
 * one we run on (uname), arch_elf_machine is the e_machine of our own
 * executable, and arch_audit is the AUDIT_ARCH_* value of a 64-bit
 * little-endian CPU of that machine type. Linked against libudt_arch.a and
 * libudt_common.a only.
 */
#include "config.h"

#include <elf.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "arch/arch.h"
#include "tap.h"

int
main(void)
{
	struct utsname u;
	Elf64_Ehdr eh;
	int fd;

	ok(uname(&u) == 0, "uname");
	is_str(arch_name, u.machine, "arch_name is the machine we run on");
	is_str(arch_name, UDT_ARCH, "arch_name is the configured arch");

	fd = open("/proc/self/exe", O_RDONLY);
	ok(fd >= 0 && read(fd, &eh, sizeof(eh)) == (ssize_t)sizeof(eh),
	   "read our own ELF header");
	if (fd >= 0)
		close(fd);
	is_int(arch_elf_machine, eh.e_machine,
	       "arch_elf_machine is our e_machine");
	is_int(arch_audit & 0xffff, arch_elf_machine,
	       "arch_audit carries the ELF machine");
	ok((arch_audit & __AUDIT_ARCH_64BIT) && (arch_audit & __AUDIT_ARCH_LE),
	   "arch_audit is 64-bit little-endian");
	return done_testing();
}
