#!/bin/sh
# INSTANCE: a write through a list cursor or to an array element in a loop
# is "iter" (a sibling, which may be running; an element written after the
# loop is not), one to a non-static struct on the stack or passed by value
# is "local" (nobody else sees it), anything else "self", a static local
# included.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: each kind of written object' '
	mkdir tree &&
	cat >list.h <<-\EOT &&
	struct list_head { struct list_head *next, *prev; };
	#define list_for_each_entry(pos, head, member) \
		for (pos = (void *)(head)->next; &pos->member != (head); \
		     pos = (void *)pos->member.next)
	EOT
	cat >tree/inst.c <<\EOT &&
/* Built with -include list.h, which spatch does not read: its
 * standard.h knows list_for_each_entry as an iterator. */

struct inst {
	struct list_head node;
	unsigned int a:1;
	unsigned int b:1;
};

static struct list_head insts;
static struct inst table[4];

void inst_walk(void)
{
	struct inst *it;
	int i;

	list_for_each_entry(it, &insts, node)
		it->a = 0;
	for (i = 0; i < 4; i++)
		table[i].b = 1;
	table[0].a = 1;
}

int inst_copy(struct inst *p, struct inst byval)
{
	struct inst tmp = *p;
	static struct inst shared;

	tmp.a = 1;
	byval.b = 1;
	shared.a = 1;
	p->b = tmp.a;
	return byval.a + shared.b;
}
EOT
	gcc -g -c -include ./list.h -o inst.o tree/inst.c &&
	pahole -I inst.o >inst.dump
'

test_expect_success 'iter, local and self' '
	bitsplit facts -q --tree tree --layout inst.dump . >out &&
	grep "^write" out | cut -f 3,5,7,8,9 >actual &&
	cat >expect <<-\EOT &&
	19	inst_walk	a	it	iter
	21	inst_walk	b	table[i]	iter
	22	inst_walk	a	table[0]	self
	30	inst_copy	a	tmp	local
	31	inst_copy	b	byval	local
	32	inst_copy	a	shared	self
	33	inst_copy	b	p	self
	EOT
	test_cmp expect actual
'

test_done
