// SPDX-License-Identifier: GPL-2.0
/*
 * Zero-argument lock macros over one global mutex, named as git names
 * them: read_lock()/read_unlock() are the kernel's rwlock calls in the
 * kernel preset, here a project macro over pthread_mutex_lock().  With the
 * pthread preset the kernel's entries do not apply, so the macro is
 * learned for what its body takes: read_mutex, exclusively.
 *
 * struct entry packs three flags in one memory location:
 *   parsed = 1   parse_thread(), under read_lock(): read_mutex
 *   typed = 1    type_thread(), under read_lock(): read_mutex
 *   stale = 1    sweep_thread(), no lock: races with both; moving it
 *                alone leaves no racing pair
 */
#include <pthread.h>

static pthread_mutex_t read_mutex = PTHREAD_MUTEX_INITIALIZER;
#define read_lock()	pthread_mutex_lock(&read_mutex)
#define read_unlock()	pthread_mutex_unlock(&read_mutex)

struct entry {
	int		refs;
	unsigned int	parsed:1;
	unsigned int	typed:1;
	unsigned int	stale:1;
};

static struct entry table[16];

static void *parse_thread(void *arg)
{
	struct entry *e = arg;

	read_lock();
	e->parsed = 1;
	read_unlock();
	return NULL;
}

static void *type_thread(void *arg)
{
	struct entry *e = arg;

	read_lock();
	e->typed = 1;
	read_unlock();
	return NULL;
}

static void *sweep_thread(void *arg)
{
	struct entry *e = arg;

	e->stale = 1;
	return NULL;
}

int main(void)
{
	pthread_t t[3];

	pthread_create(&t[0], NULL, parse_thread, &table[0]);
	pthread_create(&t[1], NULL, type_thread, &table[0]);
	pthread_create(&t[2], NULL, sweep_thread, &table[0]);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return 0;
}
