// SPDX-License-Identifier: GPL-2.0
/*
 * A pthread_once() initializer: whichever thread comes first runs
 * init_config(), and every thread's pthread_once() returns only after it
 * has run, so its stores are ordered before every use that follows.
 *
 * struct config packs three flags in one memory location:
 *   colors = 1, pager = 1  init_config(), the once routine, no lock:
 *                          setup, ordered by the once
 *   dirty = 1              reader(), under config.lock, after its
 *                          pthread_once(): the only run-time writer
 * Nothing races: proven-race moves nothing, setup-only moves dirty.
 */
#include <pthread.h>

struct config {
	pthread_mutex_t	lock;
	unsigned int	colors:1;
	unsigned int	pager:1;
	unsigned int	dirty:1;
};

static struct config config = { .lock = PTHREAD_MUTEX_INITIALIZER };
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void init_config(void)
{
	config.colors = 1;
	config.pager = 1;
}

static void *reader(void *arg)
{
	pthread_once(&config_once, init_config);
	pthread_mutex_lock(&config.lock);
	config.dirty = 1;
	pthread_mutex_unlock(&config.lock);
	return arg;
}

int main(void)
{
	pthread_t a, b;

	pthread_create(&a, NULL, reader, NULL);
	pthread_create(&b, NULL, reader, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	return 0;
}
