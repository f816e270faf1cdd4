// SPDX-License-Identifier: GPL-2.0
/*
 * The other struct state of the program (scan.c has the first): the
 * same member names, another layout.  busy shares its memory location
 * with sorted, and done has one of its own behind nr, so nothing here
 * races; judged against scan.c's layout, where busy and done share one,
 * this thread's two stores would.
 *   sorted = 1  sort_run(), before its create: setup
 *   busy = 1    sort_thread(), no lock: run time, but no other run-time
 *               writer shares its location
 *   done = 1    sort_thread(), alone in its location
 */
#include <pthread.h>

void sort_run(void);

struct state {
	unsigned int		busy:1;
	unsigned int		sorted:1;
	int			nr;
	unsigned int		done:1;
};

static struct state sort;

static void *sort_thread(void *arg)
{
	struct state *s = arg;

	s->busy = 1;
	s->done = 1;
	return NULL;
}

void sort_run(void)
{
	pthread_t t;

	sort.sorted = 1;
	pthread_create(&t, NULL, sort_thread, &sort);
	pthread_join(t, NULL);
}
