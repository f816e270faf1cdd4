// SPDX-License-Identifier: GPL-2.0
/*
 * Two files of one program, each with a struct state of its own: a
 * struct defined in a .c file is seen by that file only, so the two are
 * different types that happen to share a name, and each file's stores are
 * judged against its own layout (sort.c has the other).
 *
 * This file's struct state packs busy and done in one memory location;
 * main() starts one thread and joins it.
 *   busy = 1   scan_thread(), no lock
 *   done = 1   main(), between the create and the join: run time, racing
 *              with busy
 */
#include <pthread.h>

void sort_run(void);

struct state {
	pthread_t		t;
	unsigned int		busy:1;
	unsigned int		done:1;
};

static struct state scan;

static void *scan_thread(void *arg)
{
	struct state *s = arg;

	s->busy = 1;
	return NULL;
}

int main(void)
{
	pthread_create(&scan.t, NULL, scan_thread, &scan);
	scan.done = 1;
	pthread_join(scan.t, NULL);
	sort_run();
	return 0;
}
