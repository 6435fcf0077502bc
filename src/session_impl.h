/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder: filled by issue 3 work in progress. */
#ifndef UDT_SESSION_IMPL_H
#define UDT_SESSION_IMPL_H
#endif
