/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the constants that identify this CPU (included by arch/arch.h
 * only; configure puts this directory on the include path). The register
 * set (struct arch_regs over NT_PRSTATUS, which then defines
 * ARCH_HAVE_REGS) and the rest of the CPU interface arrive with issue 3.
 */
#ifndef UDT_ARCH_REGS_H
#define UDT_ARCH_REGS_H

#include <elf.h>
#include <linux/audit.h>

#define ARCH_NAME "aarch64"
#define ARCH_ELF_MACHINE EM_AARCH64
#define ARCH_AUDIT AUDIT_ARCH_AARCH64

#endif
