/* A device whose flags live in a kernel-style header: found on the -I path. */
struct mutex { int owner; };
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
int request_irq(unsigned int irq, void (*handler)(int, void *), unsigned long flags,
		const char *name, void *dev);

struct jdev {
	unsigned int cap_a:1;	/* set up by probe, through jdev_caps.c */
	unsigned int busy:1;	/* ioctl, in jdev_io.c */
	unsigned int irq_on:1;	/* the interrupt handler, in jdev_irq.c */
	int count;
	unsigned int opened:1;	/* opened and mode: both under lock */
	unsigned int mode:1;
	struct mutex lock;
};

struct jdev_ops {
	int (*probe)(struct jdev *d);
	long (*ioctl)(struct jdev *d, int cmd);
};

void jdev_init_caps(struct jdev *d);
long jdev_do_ioctl(struct jdev *d, int cmd);
void jdev_irq(int irq, void *data);

static inline void jdev_mark_busy(struct jdev *d)
{
	d->busy = 1;	/* a header inline: not reported here, nor twice */
}

/* A register image: the driver fills a copy on its stack. */
union jreg {
	struct jreg_bits {
		unsigned int go:1;
		unsigned int cycle:2;
	} f;
	unsigned int val;
};
