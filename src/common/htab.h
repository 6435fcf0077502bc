/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A hash table keyed by byte strings (copied into the table), mapping to a
 * caller-owned void * value. Open addressing, grows by doubling. Iteration
 * order is unspecified.
 */
#ifndef UDT_COMMON_HTAB_H
#define UDT_COMMON_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct htab;

struct htab *htab_create(void);
/* Frees the table and its key copies; values are the caller's (free them first). */
void htab_destroy(struct htab *h);
size_t htab_count(const struct htab *h);
/* Returns the value stored for key, or NULL. */
void *htab_get(const struct htab *h, const void *key, size_t klen);
/* Inserts or replaces; returns the previous value or NULL. */
void *htab_put(struct htab *h, const void *key, size_t klen, void *val);
/* Removes; returns the removed value or NULL. */
void *htab_del(struct htab *h, const void *key, size_t klen);
/*
 * Iteration: start with *it = 0; returns 1 and sets key/klen/val while
 * there are entries. Do not insert while iterating (deleting the current
 * entry is allowed).
 */
int htab_next(const struct htab *h, size_t *it, const void **key, size_t *klen,
	      void **val);
uint64_t htab_hash(const void *data, size_t len); /* FNV-1a 64 */

#endif
