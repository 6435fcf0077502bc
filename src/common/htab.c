/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hash table of htab.h: open addressing with linear probing over a
 * power-of-two array of slots. Deleted slots become tombstones rather than
 * shifting their neighbours back, so deleting the entry an iteration has
 * just returned never moves another entry past the iterator. The table
 * doubles when live entries pass half the slots, and is rebuilt at the
 * same size when tombstones crowd it (live + dead above three quarters),
 * so a lookup always finds an empty slot to stop at.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "common/msg.h"
#include "common/xalloc.h"

struct htab_slot {
	uint64_t hash;
	void *key; /* NULL: empty; HTAB_DEAD: tombstone; else our copy */
	size_t klen;
	void *val;
};

struct htab {
	struct htab_slot *slots;
	size_t cap;   /* power of two */
	size_t count; /* live entries */
	size_t dead;  /* tombstones */
};

static char htab_dead_marker;
#define HTAB_DEAD ((void *)&htab_dead_marker)
#define HTAB_MIN_CAP 16

static int
slot_live(const struct htab_slot *s)
{
	return s->key != NULL && s->key != HTAB_DEAD;
}

uint64_t
htab_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct htab *
htab_create(void)
{
	struct htab *h = xcalloc(1, sizeof(*h));

	h->cap = HTAB_MIN_CAP;
	h->slots = xcalloc(h->cap, sizeof(*h->slots));
	return h;
}

void
htab_destroy(struct htab *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->cap; i++)
		if (slot_live(&h->slots[i]))
			free(h->slots[i].key);
	free(h->slots);
	free(h);
}

size_t
htab_count(const struct htab *h)
{
	return h->count;
}

static int
slot_matches(const struct htab_slot *s, uint64_t hash, const void *key,
	     size_t klen)
{
	return slot_live(s) && s->hash == hash && s->klen == klen &&
	       (klen == 0 || memcmp(s->key, key, klen) == 0);
}

/*
 * Returns the slot holding key, or NULL. When insert_at is given, it is set
 * to the first reusable slot (tombstone or empty) on the probe path.
 */
static struct htab_slot *
lookup(const struct htab *h, uint64_t hash, const void *key, size_t klen,
       struct htab_slot **insert_at)
{
	size_t mask = h->cap - 1;
	size_t i = (size_t)hash & mask;
	struct htab_slot *reuse = NULL;

	for (;;) {
		struct htab_slot *s = &h->slots[i];

		if (s->key == NULL) {
			if (insert_at)
				*insert_at = reuse ? reuse : s;
			return NULL;
		}
		if (s->key == HTAB_DEAD) {
			if (reuse == NULL)
				reuse = s;
		} else if (slot_matches(s, hash, key, klen)) {
			return s;
		}
		i = (i + 1) & mask;
	}
}

static void
rehash(struct htab *h, size_t ncap)
{
	struct htab_slot *old = h->slots;
	size_t ocap = h->cap, i;

	h->slots = xcalloc(ncap, sizeof(*h->slots));
	h->cap = ncap;
	h->dead = 0;
	for (i = 0; i < ocap; i++) {
		struct htab_slot *s = &old[i], *d = NULL;

		if (!slot_live(s))
			continue;
		lookup(h, s->hash, s->key, s->klen, &d);
		*d = *s;
	}
	free(old);
}

void *
htab_get(const struct htab *h, const void *key, size_t klen)
{
	struct htab_slot *s = lookup(h, htab_hash(key, klen), key, klen, NULL);

	return s ? s->val : NULL;
}

void *
htab_put(struct htab *h, const void *key, size_t klen, void *val)
{
	uint64_t hash = htab_hash(key, klen);
	struct htab_slot *s, *d = NULL;
	void *old;

	s = lookup(h, hash, key, klen, &d);
	if (s) {
		old = s->val;
		s->val = val;
		return old;
	}
	/* Keep live + dead + the new entry at or below 3/4 of the slots. */
	if ((h->count + 1) * 2 > h->cap ||
	    (h->count + h->dead + 1) * 4 > h->cap * 3) {
		size_t ncap = h->cap;

		while ((h->count + 1) * 2 > ncap) {
			if (ncap > SIZE_MAX / 2 / sizeof(*h->slots))
				msg_fatal(
					"out of memory: hash table too large");
			ncap *= 2;
		}
		rehash(h, ncap);
		lookup(h, hash, key, klen, &d);
	}
	if (d->key == HTAB_DEAD)
		h->dead--;
	d->hash = hash;
	d->key = xmalloc(klen);
	if (klen)
		memcpy(d->key, key, klen);
	d->klen = klen;
	d->val = val;
	h->count++;
	return NULL;
}

void *
htab_del(struct htab *h, const void *key, size_t klen)
{
	struct htab_slot *s = lookup(h, htab_hash(key, klen), key, klen, NULL);
	void *old;

	if (s == NULL)
		return NULL;
	old = s->val;
	free(s->key);
	s->key = HTAB_DEAD;
	s->klen = 0;
	s->val = NULL;
	h->count--;
	h->dead++;
	return old;
}

int
htab_next(const struct htab *h, size_t *it, const void **key, size_t *klen,
	  void **val)
{
	while (*it < h->cap) {
		const struct htab_slot *s = &h->slots[(*it)++];

		if (!slot_live(s))
			continue;
		if (key)
			*key = s->key;
		if (klen)
			*klen = s->klen;
		if (val)
			*val = s->val;
		return 1;
	}
	return 0;
}
