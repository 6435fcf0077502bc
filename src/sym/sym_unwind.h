/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder: filled by issue 4 work in progress. */
#ifndef UDT_SYM_SYM_UNWIND_H
#define UDT_SYM_SYM_UNWIND_H
#endif
