// SPDX-License-Identifier: GPL-2.0
/*
 * malloc() then publish: a producer thread fills a fresh request before it
 * links it into the shared queue; until then no other thread can see it.
 *
 * struct req packs three flags in one memory location:
 *   urgent = 1, retry = 0  producer(), between malloc() and the store that
 *                          publishes it (q->head = r): thread-private
 *   done = 1               consumer(), on a request taken off the queue,
 *                          under q->lock: the only shared writer
 * Nothing races: proven-race moves nothing, setup-only moves done.
 */
#include <pthread.h>
#include <stdlib.h>

struct req {
	struct req	*next;
	int		id;
	unsigned int	urgent:1;
	unsigned int	retry:1;
	unsigned int	done:1;
};

struct queue {
	pthread_mutex_t	lock;
	struct req	*head;
};

static struct queue queue = { PTHREAD_MUTEX_INITIALIZER, NULL };

static void *producer(void *arg)
{
	struct queue *q = arg;
	struct req *r = malloc(sizeof(*r));

	if (!r)
		return NULL;
	r->id = 1;
	r->urgent = 1;
	r->retry = 0;
	pthread_mutex_lock(&q->lock);
	r->next = q->head;
	q->head = r;
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

static void *consumer(void *arg)
{
	struct queue *q = arg;
	struct req *r;

	pthread_mutex_lock(&q->lock);
	r = q->head;
	if (r) {
		q->head = r->next;
		r->done = 1;
	}
	pthread_mutex_unlock(&q->lock);
	free(r);
	return NULL;
}

int main(void)
{
	pthread_t p, c;

	pthread_create(&p, NULL, producer, &queue);
	pthread_create(&c, NULL, consumer, &queue);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	return 0;
}
