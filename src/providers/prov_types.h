/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder: filled by issue 3 work in progress. */
#ifndef UDT_PROVIDERS_PROV_TYPES_H
#define UDT_PROVIDERS_PROV_TYPES_H
#endif
