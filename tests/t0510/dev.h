struct dev_ops {
	int (*probe)(struct dev *d);
	long (*ioctl)(struct dev *d, int cmd);
	void (*handler)(struct dev *d);
};

struct dev {
	unsigned int a:1, b:1;	/* a, b: one location */
	int count;
	unsigned int c:1;	/* c, d: a comment and #ifdef do not split */
#ifdef CONFIG_DEV_D
	unsigned int d:2;
#endif
	unsigned int :0;
	unsigned int e:1;	/* alone after the :0 */
	struct {
		unsigned int f:1;
		unsigned int g:1;
	} in;
	unsigned int h:3;	/* h, i: only one function writes them */
	unsigned int i:3;
};
