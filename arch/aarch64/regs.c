/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the identity part of the CPU interface in arch/arch.h. The
 * register accessors (PTRACE_GETREGSET with NT_PRSTATUS) and the ABI,
 * syscall, breakpoint and instruction files of this directory arrive with
 * the ptrace work of issue 3.
 */
#include "config.h"

#include "arch/arch.h"

const char arch_name[] = ARCH_NAME;
const uint16_t arch_elf_machine = ARCH_ELF_MACHINE;
const uint32_t arch_audit = ARCH_AUDIT;
