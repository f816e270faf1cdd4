#!/bin/sh
# The cheap tier gives spatch a file for a location only when the file
# names the location's struct, or a struct holding a member of its type:
# a store to a field of the same name in another struct is no candidate.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: three writers of a and b, one of another struct' '
	mkdir tree &&
	cat >tree/n.h <<-\EOF &&
	struct nb {
		unsigned int a:1;
		unsigned int b:1;
	};
	struct holder {
		struct nb *p;
	};
	EOF
	cat >tree/one.c <<-\EOF &&
	#include "n.h"
	void one(struct holder *h)
	{
		h->p->a = 1;
	}
	EOF
	cat >tree/two.c <<-\EOF &&
	#include "n.h"
	struct other { int a, b; };
	void two(struct other *o)
	{
		o->a = 1;
		o->b = 2;
	}
	EOF
	cat >tree/three.c <<-\EOF
	#include "n.h"
	void three(struct nb *n)
	{
		n->b = 1;
	}
	EOF
'

test_expect_success 'through the holder and by name: two candidates, not two.c' '
	bitsplit sweep --tree tree --jobs 1 --out out . >actual;
	head -n 1 actual >first &&
	echo "sweep: 4 files, 2 can write a field of a shared location: 2 parsed, 0 from cache, 0 failed" >expect &&
	test_cmp expect first &&
	cut -f 2 out/results-1-of-1.tsv | grep "\.c$" | sort -u >files &&
	printf "one.c\nthree.c\n" >expect && test_cmp expect files
'

test_done
