// SPDX-License-Identifier: GPL-2.0
/*
 * A tasklet registered the old way, its function cast to void * as
 * ibmvfc's is: tasklet_init(&t, (void *)fn, data).  The cast hides
 * nothing: tk_tasklet is a tasklet, which does not run on two CPUs at
 * once, so the two stores it makes, one through a callee, do not race.
 * The sysfs store writes dead with no lock and races with both.
 */
#include "../include/kshim.h"

struct tasklet_struct {
	void			(*func)(unsigned long data);
	unsigned long		data;
};

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long data),
		  unsigned long data);

struct tk_host {
	struct tasklet_struct	tasklet;
	unsigned int		migrated:1;
	unsigned int		reinit:1;
	unsigned int		dead:1;
};

static void tk_handle_crq(struct tk_host *host)
{
	host->migrated = 1;
}

static void tk_tasklet(void *data)
{
	struct tk_host *host = data;

	tk_handle_crq(host);
	host->reinit = 0;
}

static int tk_store(struct tk_host *host, int v)
{
	host->dead = v;
	return 0;
}

struct tk_attr_ops {
	int (*store)(struct tk_host *host, int v);
};

const struct tk_attr_ops tk_attr_ops = { .store = tk_store };

int tk_probe(struct tk_host *host)
{
	tasklet_init(&host->tasklet, (void *)tk_tasklet, (unsigned long)host);
	return 0;
}
