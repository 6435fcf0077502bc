/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Type-safe growable arrays as macros:
 *	struct { struct foo *v; size_t n, cap; } foos = VEC_INIT;
 *	VEC_PUSH(&foos, x);  VEC_FREE(&foos);
 */
#ifndef UDT_COMMON_VEC_H
#define UDT_COMMON_VEC_H

#include <stdlib.h>

#include "common/xalloc.h"

/* clang-format off */
#define VEC(type) struct { type *v; size_t n, cap; }
#define VEC_INIT { NULL, 0, 0 }
/* clang-format on */

#define VEC_RESERVE(vec, want)                                                 \
	do {                                                                   \
		if ((want) > (vec)->cap) {                                     \
			size_t vec_nc_ = (vec)->cap ? (vec)->cap * 2 : 8;      \
			while (vec_nc_ < (want))                               \
				vec_nc_ *= 2;                                  \
			(vec)->v = xreallocarray((vec)->v, vec_nc_,            \
						 sizeof(*(vec)->v));           \
			(vec)->cap = vec_nc_;                                  \
		}                                                              \
	} while (0)

#define VEC_PUSH(vec, x)                                                       \
	do {                                                                   \
		VEC_RESERVE((vec), (vec)->n + 1);                              \
		(vec)->v[(vec)->n++] = (x);                                    \
	} while (0)

#define VEC_FREE(vec)                                                          \
	do {                                                                   \
		free((vec)->v);                                                \
		(vec)->v = NULL;                                               \
		(vec)->n = (vec)->cap = 0;                                     \
	} while (0)

#endif
