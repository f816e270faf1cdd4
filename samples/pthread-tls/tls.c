// SPDX-License-Identifier: GPL-2.0
/*
 * A __thread struct: every thread has its own copy, so its bitfields are
 * never written by two threads, locked or not.
 *
 * struct tstats packs three flags in one memory location; only thread-
 * local objects of it exist (tls_stats, and cache in pick_thread(), a
 * _Thread_local of function scope):
 *   hit = 1, miss = 1   lookup_thread(), no lock, on tls_stats
 *   evicted = 1         pick_thread(), no lock, on cache
 * The struct is left out of the verdict: its instances are never shared.
 */
#include <pthread.h>

struct tstats {
	unsigned long	lookups;
	unsigned int	hit:1;
	unsigned int	miss:1;
	unsigned int	evicted:1;
};

static __thread struct tstats tls_stats;

static void *lookup_thread(void *arg)
{
	tls_stats.lookups++;
	if (arg)
		tls_stats.hit = 1;
	else
		tls_stats.miss = 1;
	return NULL;
}

static void *pick_thread(void *arg)
{
	static _Thread_local struct tstats cache;

	cache.evicted = 1;
	return arg;
}

int main(void)
{
	pthread_t a, b, c;

	pthread_create(&a, NULL, lookup_thread, NULL);
	pthread_create(&b, NULL, lookup_thread, &a);
	pthread_create(&c, NULL, pick_thread, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_join(c, NULL);
	return 0;
}
