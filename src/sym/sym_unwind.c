/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Placeholder: filled by issue 4 work in progress. */
#include "config.h"

typedef int udt_placeholder_t;
