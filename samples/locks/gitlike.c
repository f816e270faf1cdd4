// SPDX-License-Identifier: GPL-2.0
/*
 * Zero-argument lock wrappers over one global lock each, as git writes
 * them: a function read_lock() over read_mutex, and macros work_lock() and
 * counter_lock() over work_mutex and counter_mutex.  All flags of struct
 * gl_entry share one memory location.
 *
 * Run time (threads started with pthread_create):
 *   resolved = 1  gl_resolve_thread, read_mutex via read_lock()
 *   in_pack = 1   gl_resolve_thread, work_mutex via work_lock()
 *   counted = 1   gl_count_thread, counter_mutex via counter_lock()
 *   resolved = 0  gl_count_thread, read_mutex via read_lock()
 *   spare = 1     gl_count_thread after read_unlock(): no lock
 */
#include <pthread.h>

#include "gitlike.h"

static pthread_mutex_t read_mutex;
static pthread_mutex_t work_mutex;
static pthread_mutex_t counter_mutex;

#define work_lock()	pthread_mutex_lock(&work_mutex)
#define work_unlock()	pthread_mutex_unlock(&work_mutex)
#define counter_lock()	do { pthread_mutex_lock(&counter_mutex); } while (0)
#define counter_unlock() pthread_mutex_unlock(&counter_mutex)

static void read_lock(void)
{
	pthread_mutex_lock(&read_mutex);
}

static void read_unlock(void)
{
	pthread_mutex_unlock(&read_mutex);
}

static void *gl_resolve_thread(void *data)
{
	struct gl_entry *e = data;

	read_lock();
	e->resolved = 1;
	read_unlock();
	work_lock();
	e->in_pack = 1;
	work_unlock();
	return NULL;
}

static void *gl_count_thread(void *data)
{
	struct gl_entry *e = data;

	counter_lock();
	e->counted = 1;
	counter_unlock();
	read_lock();
	e->resolved = 0;
	read_unlock();
	e->spare = 1;
	return NULL;
}

int gl_start(struct gl_entry *e)
{
	pthread_t a, b;

	pthread_create(&a, NULL, gl_resolve_thread, e);
	pthread_create(&b, NULL, gl_count_thread, e);
	return 0;
}
