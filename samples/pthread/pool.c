// SPDX-License-Identifier: GPL-2.0
/*
 * A user-space worker pool: the pthread lock vocabulary.
 *
 * struct pool packs five flags in one memory location.
 * Setup: verbose = 1 in main() before any thread starts, no lock; "pool"
 *   is a static in main(), shared with the threads, not a local copy.
 * Run time (threads started with pthread_create):
 *   running = 1/0    worker(), under pool->lock (pthread_mutex)
 *   stats_dirty = 1  worker(), under pool->stat_lock (pthread_spin):
 *                    a different lock from running's, same location
 *   reconfig = 1     reloader(), pool->cfg_lock held for writing
 *                    (pthread_rwlock_wrlock)
 *   reconfig = 0     worker(), pool->cfg_lock held for reading only
 *                    (pthread_rwlock_rdlock): readers do not serialize
 *   draining = 1     reloader(), only when pthread_mutex_trylock(lock)
 *                    succeeds (returns 0)
 */
#include <pthread.h>
#include <stdio.h>

struct pool {
	pthread_mutex_t		lock;
	pthread_spinlock_t	stat_lock;
	pthread_rwlock_t	cfg_lock;
	int			nr_jobs;
	unsigned int		verbose:1;
	unsigned int		running:1;
	unsigned int		stats_dirty:1;
	unsigned int		reconfig:1;
	unsigned int		draining:1;
};

static void *worker(void *arg)
{
	struct pool *pool = arg;

	pthread_mutex_lock(&pool->lock);
	pool->running = 1;
	pool->nr_jobs--;
	pthread_mutex_unlock(&pool->lock);

	pthread_spin_lock(&pool->stat_lock);
	pool->stats_dirty = 1;
	pthread_spin_unlock(&pool->stat_lock);

	pthread_rwlock_rdlock(&pool->cfg_lock);
	if (pool->reconfig)
		pool->reconfig = 0;
	pthread_rwlock_unlock(&pool->cfg_lock);

	pthread_mutex_lock(&pool->lock);
	pool->running = 0;
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

static void *reloader(void *arg)
{
	struct pool *pool = arg;

	pthread_rwlock_wrlock(&pool->cfg_lock);
	pool->reconfig = 1;
	pthread_rwlock_unlock(&pool->cfg_lock);

	if (pthread_mutex_trylock(&pool->lock) == 0) {
		pool->draining = 1;
		pthread_mutex_unlock(&pool->lock);
	}
	return NULL;
}

int main(void)
{
	static struct pool pool;
	pthread_t w, r;

	pthread_mutex_init(&pool.lock, NULL);
	pthread_spin_init(&pool.stat_lock, 0);
	pthread_rwlock_init(&pool.cfg_lock, NULL);
	pool.verbose = 1;
	pool.nr_jobs = 4;
	pthread_create(&w, NULL, worker, &pool);
	pthread_create(&r, NULL, reloader, &pool);
	pthread_join(w, NULL);
	pthread_join(r, NULL);
	printf("%d\n", pool.nr_jobs);
	return 0;
}
