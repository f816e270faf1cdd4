// SPDX-License-Identifier: GPL-2.0
/*
 * Writers for the structs in fixcases.h: in each, one flag is written
 * from the irq handler or the timer while the ioctl writes the others,
 * and nothing serializes the two.
 */
#include "fixcases.h"
#include "uapi/fc_uapi.h"

struct timer_list { void (*fn)(struct timer_list *t); };
int request_irq(unsigned int irq, int (*handler)(int irq, void *data),
		unsigned long flags, const char *name, void *data);
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *t),
		 unsigned int flags);

struct fc_ops {
	long (*ioctl)(void *data, unsigned int cmd, unsigned long arg);
};

struct fc_grow *fc_grow_get(void);
struct fc_fits *fc_fits_get(void);
struct fc_hazard *fc_hazard_get(void);
struct fc_packed *fc_packed_get(void);
struct fc_pinned *fc_pinned_get(void);
union fc_reg *fc_reg_get(void);
struct fc_uapi_req *fc_uapi_get(void);

void fc_grow_ioctl(struct fc_grow *g, int mode)
{
	g->armed = 1;
	g->mode = mode & 3;
}

void fc_grow_timer(struct fc_grow *g)
{
	g->fired = 1;
}

void fc_fits_irq(struct fc_fits *f)
{
	f->stopped = true;
}

void fc_fits_ioctl(struct fc_fits *f, bool run)
{
	f->started = run;
	f->paused = !run;
}

void fc_hazard_irq(struct fc_hazard *h, u32 status)
{
	h->irq_pending = status & BIT(3);
}

void fc_hazard_ioctl(struct fc_hazard *h, bool on)
{
	h->enabled = on;
	h->masked = !on;
}

void fc_packed_set(struct fc_packed *p, bool busy)
{
	p->busy = busy;
	p->ready = !busy;
}

void fc_pinned_set(struct fc_pinned *p)
{
	p->valid = 1;
	p->dirty = 1;
}

u32 fc_regs_read(union fc_reg *r)
{
	r->bits.irq = 0;
	return r->word;
}

static struct fc_init fc_default = { 1, true, false, 3 };

struct fc_init *fc_init_get(void)
{
	fc_default.dirty = true;
	return &fc_default;
}

static void fc_get_init_dirty_clear(void)
{
	fc_default.on = false;
}

void fc_uapi_done(struct fc_uapi_req *r)
{
	r->done = 1;
	r->error = 0;
}

static long fc_ioctl(void *data, unsigned int cmd, unsigned long arg)
{
	fc_grow_ioctl(fc_grow_get(), (int)arg);
	fc_fits_ioctl(fc_fits_get(), arg != 0);
	fc_hazard_ioctl(fc_hazard_get(), arg != 0);
	fc_packed_set(fc_packed_get(), arg != 0);
	fc_init_get();
	return 0;
}

static int fc_irq(int irq, void *data)
{
	fc_fits_irq(fc_fits_get());
	fc_hazard_irq(fc_hazard_get(), (u32)irq);
	fc_pinned_set(fc_pinned_get());
	(void)fc_regs_read(fc_reg_get());
	fc_uapi_done(fc_uapi_get());
	return 0;
}

static void fc_timer(struct timer_list *t)
{
	fc_grow_timer(fc_grow_get());
	fc_pinned_get()->valid = 0;
	fc_packed_get()->ready = 0;
	fc_reg_get()->bits.enable = 0;
	fc_uapi_get()->error = 1;
	fc_get_init_dirty_clear();
}

const struct fc_ops fc_ops = {
	.ioctl	= fc_ioctl,
};

static struct timer_list fc_timer_list;

static int __init fc_init(void)
{
	timer_setup(&fc_timer_list, fc_timer, 0);
	return request_irq(1, fc_irq, 0, "fixcases", NULL);
}
module_init(fc_init);

void fc_random_set(struct fc_random *r)
{
	r->a = 1;
	r->b = 0;
}

void fc_signed_set(struct fc_signed *s, bool on)
{
	s->on = on;
	s->off = !on;
}

void fc_bd_fill(struct fc_bd *bd, u32 len)
{
	bd->mode.count = len;
	bd->mode.status = 1;
}
