/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The profile provider: tick-N (fires once per period, from the tracer's
 * event loop) and profile-N (in dtrace, fires on every CPU; for us it
 * samples each traced thread once per period, and with no traced thread
 * it fires like tick-N, in udtrace's own context). Probes are created on
 * demand from their names, with dtrace's units; a set of common ones
 * exists from the start so that -l shows them, as dtrace does.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "providers/prov.h"

#define NSEC_PER_SEC 1000000000ULL

/* dtrace refuses periods shorter than 200us (profile_interval_min). */
#define PERIOD_MIN_NS (NSEC_PER_SEC / 5000)

static const struct {
	const char *suffix;
	uint64_t mult; /* ns per unit; 0: a rate in hz */
} units[] = {
	{ "ns", 1ULL },
	{ "nsec", 1ULL },
	{ "us", 1000ULL },
	{ "usec", 1000ULL },
	{ "ms", 1000000ULL },
	{ "msec", 1000000ULL },
	{ "s", NSEC_PER_SEC },
	{ "sec", NSEC_PER_SEC },
	{ "m", 60 * NSEC_PER_SEC },
	{ "min", 60 * NSEC_PER_SEC },
	{ "h", 3600 * NSEC_PER_SEC },
	{ "hour", 3600 * NSEC_PER_SEC },
	{ "d", 86400 * NSEC_PER_SEC },
	{ "day", 86400 * NSEC_PER_SEC },
	{ "hz", 0 },
	{ "", 0 },
};

int
prov_profile_parse(const char *name, int *is_profile, uint64_t *period_ns)
{
	const char *p;
	char *end;
	unsigned long long n;

	if (!strncmp(name, "tick-", 5)) {
		*is_profile = 0;
		p = name + 5;
	} else if (!strncmp(name, "profile-", 8)) {
		*is_profile = 1;
		p = name + 8;
	} else {
		return -1;
	}
	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	n = strtoull(p, &end, 10);
	if (errno || n == 0)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		uint64_t ns;

		if (strcasecmp(end, units[i].suffix))
			continue;
		if (units[i].mult == 0) {
			ns = NSEC_PER_SEC / n;
		} else {
			if (n > UINT64_MAX / units[i].mult)
				return -1;
			ns = n * units[i].mult;
		}
		if (ns < PERIOD_MIN_NS)
			return -1;
		*period_ns = ns;
		return 0;
	}
	return -1;
}

static struct probe *
profile_create(struct prov_table *t, const char *name)
{
	struct probe *p;
	int is_profile;
	uint64_t ns;

	if (prov_profile_parse(name, &is_profile, &ns) < 0)
		return NULL;
	p = prov_probe_create(t, &prov_profile, "profile", "", "", name);
	p->is_profile = is_profile;
	p->period_ns = ns;
	return p;
}

static void
profile_populate(struct prov_table *t)
{
	/* The probes dtrace's profile provider offers before any is asked
	   for (dt_prov_profile.c / profile.c). */
	static const char *const fixed[] = {
		"profile-97",	"profile-199",	"profile-499",	"profile-997",
		"profile-1999", "profile-4001", "profile-4999", "tick-1",
		"tick-10",	"tick-100",	"tick-500",	"tick-1000",
		"tick-5000",
	};

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		profile_create(t, fixed[i]);
}

static int
has_glob(const char *s)
{
	return strpbrk(s, "*?[\\") != NULL;
}

static int
profile_provide(const struct prov_host *h, struct prov_table *t,
		const struct vm_probedesc *d)
{
	(void)h;
	/* Only a literal name can create a probe, and only when the other
	   fields could match ours. */
	if (d->name == NULL || d->name[0] == '\0' || has_glob(d->name))
		return 0;
	/* dtrace's provide(): module and function must be empty */
	if (d->mod[0] || d->func[0])
		return 0;
	if (d->prov[0] && !has_glob(d->prov) && strcmp(d->prov, "profile"))
		return 0;
	if (prov_probe_find(t, "profile", "", "", d->name))
		return 0;
	return profile_create(t, d->name) ? 1 : 0;
}

static int
profile_enable(const struct prov_host *h, struct probe *p)
{
	int rc;

	if (p->enabled)
		return 0;
	rc = h->timer_add(h->ctx, p, p->period_ns);
	if (rc == 0)
		p->enabled = 1;
	return rc;
}

static void
profile_disable(const struct prov_host *h, struct probe *p)
{
	if (!p->enabled)
		return;
	h->timer_del(h->ctx, p);
	p->enabled = 0;
}

/* Oracle's dt_prov_profile.c: provider, name and args are
   Evolving/Evolving/Common */
const struct prov_ops prov_profile = {
	.name = "profile",
	.probe_attr = { "Evolving", "Evolving", "Common" },
	.args_attr = { "Evolving", "Evolving", "Common" },
	.populate = profile_populate,
	.provide = profile_provide,
	.enable = profile_enable,
	.disable = profile_disable,
};
