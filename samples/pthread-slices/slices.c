// SPDX-License-Identifier: GPL-2.0
/*
 * Per-thread work items, as git's pack-objects shares out its delta
 * search: main() gives each thread its own argument (&w[i], created in a
 * loop) and, through it, its own slice of a list of items.  What a thread
 * reaches from its own argument is taken to be its own: two threads never
 * write one item.  It still races with anyone else who writes the item.
 *
 * struct item: both flags are written only on a thread's own items.
 *   done = 1     slice_thread(), on me->items[k]
 *   sized = 1    mark_sized(), called by slice_thread() with that item
 *   Proven-race moves nothing; setup-only moves both (run time).
 * struct slot: each worker has one, reached from its own argument too.
 *   filled = 1   slice_thread(), on its own slot (me->slot)
 *   claimed = 1  main(), on a worker's slot while the threads run:
 *                main() is not that thread, so the pair races
 * struct tally: one global, which every thread writes.
 *   hits = 1, misses = 1  slice_thread(), on &tally: not reached from the
 *                argument, so two threads race on it
 * struct entry: the threads of pool_run() all get the same &pool.
 *   a = 1, b = 1  pool_thread(), on an entry reached from that shared
 *                argument: not a work item of its own, so they race
 */
#include <pthread.h>
#include <stdlib.h>

#define NR_WORKERS 4

struct item {
	int		size;
	unsigned int	done:1;
	unsigned int	sized:1;
};

struct slot {
	unsigned int	claimed:1;
	unsigned int	filled:1;
};

struct worker {
	pthread_t	thread;
	struct item	**items;
	int		nr;
	struct slot	*slot;
};

struct tally {
	unsigned int	hits:1;
	unsigned int	misses:1;
};

struct entry {
	unsigned int	a:1;
	unsigned int	b:1;
};

struct pool {
	pthread_t	threads[NR_WORKERS];
	struct entry	*entries[NR_WORKERS];
};

static struct tally tally;
static struct pool pool;

static void mark_sized(struct item *it)
{
	it->sized = 1;
}

static void *slice_thread(void *arg)
{
	struct worker *me = arg;

	for (int k = 0; k < me->nr; k++) {
		struct item *it = me->items[k];

		it->done = 1;
		mark_sized(it);
		if (it->size)
			tally.hits = 1;
		else
			tally.misses = 1;
	}
	me->slot->filled = 1;
	return NULL;
}

static void *pool_thread(void *arg)
{
	struct pool *p = arg;
	struct entry *e = p->entries[0];

	e->a = 1;
	e->b = 1;
	return NULL;
}

static void pool_run(void)
{
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&pool.threads[i], NULL, pool_thread, &pool);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(pool.threads[i], NULL);
}

int main(int argc, char **argv)
{
	struct worker w[NR_WORKERS];
	struct item **items = calloc(argc, sizeof(*items));
	struct slot slots[NR_WORKERS] = { 0 };
	int per = argc / NR_WORKERS;

	for (int i = 0; i < NR_WORKERS; i++) {
		w[i].items = items + i * per;
		w[i].nr = per;
		w[i].slot = &slots[i];
	}
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&w[i].thread, NULL, slice_thread, &w[i]);
	slots[0].claimed = 1;
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(w[i].thread, NULL);
	pool_run();
	free(items);
	return 0;
}
