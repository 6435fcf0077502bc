/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder: filled by issue 3 work in progress. */
#ifndef UDT_ARCH_SYSCALLENT_H
#define UDT_ARCH_SYSCALLENT_H
#endif
