struct dev { int lock; unsigned int a:1, b:1; };
static long w1(struct dev *d) { spin_lock(&d->lock); d->a = 1; spin_unlock(&d->lock); return 0; }
static long w2(struct dev *d) { if (!device_trylock(d->dev)) return 0; d->b = 1; return 0; }
static long w3(struct dev *d) { spin_lock((d->locks[f(1, 2)])); d->a = 0; spin_lock(); spin_lock(&); return 0; }
struct ops { long (*ioctl)(void *); long (*read)(void *); } ops = { .ioctl = w1, .read = w2 };
