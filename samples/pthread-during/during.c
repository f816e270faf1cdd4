// SPDX-License-Identifier: GPL-2.0
/*
 * The main thread works alongside the threads it started: a store between
 * pthread_create() and pthread_join() is run time.
 *
 * struct job packs four flags in one memory location.
 *   verbose = 1   main(), before the first pthread_create(): setup
 *   stop = 1      main(), between the create and the join, no lock: run
 *                 time, racing with busy
 *   busy = 1      worker(), under job->lock
 *   finished = 1  main(), after the last pthread_join(): teardown
 *   busy = 0      job_reset(), which nothing in the program calls: its
 *                 phase is unknown, not run time
 * worker() also counts in a C11 atomic (hits): not a bitfield store, and no
 * lock call either.  (An _Atomic struct member would stop pahole 1.24, which
 * cannot read DW_TAG_atomic_type: see the README.)
 *
 * struct crew: the threads are started and joined by helpers, as git's
 * grep does (start_threads()/wait_all()):
 *   paused = 1    crew_run(), between crew_start() and crew_stop(): run
 *                 time, racing with idle
 *   idle = 1      crew_thread(), no lock
 *   tuned = 1     crew_run(), before crew_start(): setup
 *   drained = 1   crew_stop(), before its joins: run time, under crew->lock;
 *                 the threads hold no lock, so it races with idle too, but
 *                 not with paused: crew_run() and crew_stop() are the one
 *                 thread that started the others.  Moving idle alone
 *                 leaves no racing pair.
 */
#include <pthread.h>
#include <stdatomic.h>

struct job {
	pthread_mutex_t		lock;
	unsigned int		verbose:1;
	unsigned int		stop:1;
	unsigned int		busy:1;
	unsigned int		finished:1;
};

struct crew {
	pthread_mutex_t		lock;
	pthread_t		threads[4];
	unsigned int		tuned:1;
	unsigned int		paused:1;
	unsigned int		idle:1;
	unsigned int		drained:1;
};

static struct job job;
static struct crew crew;
static _Atomic unsigned int hits;

static void *worker(void *arg)
{
	struct job *j = arg;

	atomic_fetch_add(&hits, 1);
	pthread_mutex_lock(&j->lock);
	j->busy = 1;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

void job_reset(struct job *j)
{
	j->busy = 0;
}

static void *crew_thread(void *arg)
{
	struct crew *c = arg;

	c->idle = 1;
	return NULL;
}

static void crew_start(struct crew *c)
{
	for (int i = 0; i < 4; i++)
		pthread_create(&c->threads[i], NULL, crew_thread, c);
}

static void crew_stop(struct crew *c)
{
	pthread_mutex_lock(&c->lock);
	c->drained = 1;
	pthread_mutex_unlock(&c->lock);
	for (int i = 0; i < 4; i++)
		pthread_join(c->threads[i], NULL);
}

static void crew_run(struct crew *c)
{
	c->tuned = 1;
	crew_start(c);
	c->paused = 1;
	crew_stop(c);
}

int main(void)
{
	pthread_t t;

	pthread_mutex_init(&job.lock, NULL);
	job.verbose = 1;
	pthread_create(&t, NULL, worker, &job);
	job.stop = 1;
	pthread_join(t, NULL);
	job.finished = 1;
	crew_run(&crew);
	return 0;
}
