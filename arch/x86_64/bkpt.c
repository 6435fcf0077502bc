/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the breakpoint instruction of the CPU interface (arch/arch.h).
 * int3 is one byte, so it fits over any instruction, and the trap reports
 * the address after it.
 */
#include "config.h"

#include "arch/arch.h"

const uint8_t arch_bkpt_insn[] = { 0xcc };
const size_t arch_bkpt_len = sizeof(arch_bkpt_insn);

uint64_t
arch_bkpt_addr(uint64_t pc_at_trap)
{
	/* int3 is a trap, not a fault: the pc has moved past it. */
	return pc_at_trap - arch_bkpt_len;
}
