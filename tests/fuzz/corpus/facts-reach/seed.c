#define SETF(p) ((p)->flag = 1)
macro	DECLARE_THING	1	func	%
static void writer(struct s *p)
{
	p->flag = 1;
	++p->a;
}
void caller(struct s *p)
{
	writer(p);
	queue(p, writer);
	p->ops->run(p);
}
static const struct ops o = { .run = caller };
DECLARE_THING(t, caller);
