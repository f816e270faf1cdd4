// SPDX-License-Identifier: GPL-2.0
/*
 * samples/pthread-during/during.c's struct job with main()'s store moved
 * before the pthread_create(): no thread runs yet, so it is setup.
 *   verbose = 1   main(), before the create: setup
 *   stop = 1      main(), before the create: setup
 *   busy = 1      worker(), under job->lock: the only run-time writer
 *   finished = 1  main(), after the join: teardown
 * Nothing races: proven-race moves nothing, setup-only moves busy.
 */
#include <pthread.h>

struct job {
	pthread_mutex_t		lock;
	unsigned int		verbose:1;
	unsigned int		stop:1;
	unsigned int		busy:1;
	unsigned int		finished:1;
};

static struct job job;

static void *worker(void *arg)
{
	struct job *j = arg;

	pthread_mutex_lock(&j->lock);
	j->busy = 1;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

int main(void)
{
	pthread_t t;

	pthread_mutex_init(&job.lock, NULL);
	job.verbose = 1;
	job.stop = 1;
	pthread_create(&t, NULL, worker, &job);
	pthread_join(t, NULL);
	job.finished = 1;
	return 0;
}
