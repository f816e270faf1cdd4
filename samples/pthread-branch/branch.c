// SPDX-License-Identifier: GPL-2.0
/*
 * Threads started on one branch only, as git's grep does:
 *
 *	if (nr > 1) start_threads(); else compile_patterns();
 *	...
 *	if (nr > 1) wait_all();
 *
 * The creating thread runs alongside its threads where some path from a
 * start reaches before a join, not on every line between them: the else
 * branch runs with no thread started.
 *
 * struct pool packs five flags in one memory location; pool_start() and
 * pool_wait() start and join its threads.
 *   armed = 1     pool_start(), before its first create: setup, though
 *                 main()'s window opens at its call to pool_start()
 *   compiled = 1  pool_compile(), called from main() only on the branch
 *                 that starts no threads: setup, though the call lies
 *                 between pool_start() and pool_wait() by line
 *   alone = 1     main(), on that branch too: setup
 *   queued = 1    main(), after the branches, with the threads running on
 *                 one path: run time, racing with busy
 *   busy = 1      pool_thread(), no lock
 *
 * struct batch: batch_run() creates and joins its thread itself, twice.
 *   quiet = 1     the else of "if (n) { create; ...; join }": setup
 *   running = 1   right after the create: run time, racing with done
 *   between = 1   after that branch and before the second create: every
 *                 path from the first create joins first, setup
 *   done = 1      batch_thread(), no lock
 */
#include <pthread.h>

struct pool {
	pthread_t		threads[4];
	int			nr;
	unsigned int		armed:1;
	unsigned int		compiled:1;
	unsigned int		alone:1;
	unsigned int		queued:1;
	unsigned int		busy:1;
};

struct batch {
	pthread_t		t;
	unsigned int		quiet:1;
	unsigned int		running:1;
	unsigned int		between:1;
	unsigned int		done:1;
};

static struct pool pool;
static struct batch batch;

static void *pool_thread(void *arg)
{
	struct pool *p = arg;

	p->busy = 1;
	return NULL;
}

static void pool_start(struct pool *p)
{
	p->armed = 1;
	for (int i = 0; i < p->nr; i++)
		pthread_create(&p->threads[i], NULL, pool_thread, p);
}

static void pool_wait(struct pool *p)
{
	for (int i = 0; i < p->nr; i++)
		pthread_join(p->threads[i], NULL);
}

static void pool_compile(struct pool *p)
{
	p->compiled = 1;
}

static void *batch_thread(void *arg)
{
	struct batch *b = arg;

	b->done = 1;
	return NULL;
}

static void batch_run(struct batch *b, int n)
{
	if (n) {
		pthread_create(&b->t, NULL, batch_thread, b);
		b->running = 1;
		pthread_join(b->t, NULL);
	} else {
		b->quiet = 1;
	}
	b->between = 1;
	pthread_create(&b->t, NULL, batch_thread, b);
	pthread_join(b->t, NULL);
}

int main(int argc, char **argv)
{
	pool.nr = argc;
	if (pool.nr > 1) {
		pool_start(&pool);
	} else {
		pool_compile(&pool);
		pool.alone = 1;
	}
	pool.queued = 1;
	if (pool.nr > 1)
		pool_wait(&pool);
	batch_run(&batch, argc > 2);
	return 0;
}
