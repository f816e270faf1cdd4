#!/bin/sh
# The rule's second reason for bitops: ml_item sits on a list (one of
# many instances) and fills exactly one cacheline; under setup-only its
# three run-time flags move, written by an ioctl and an interrupt handler
# (two contexts, too few for the first reason).  Split would give each an
# unsigned int: 64 -> 72 bytes, two cachelines.  Bitops put one word into
# the 8 bytes the run and its padding leave: 64 bytes.  So bitops.
. "$(dirname "$0")/lib.sh"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'the cacheline rule' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'setup: a listed item of one cacheline' '
	mkdir -p tree/ml build/ml &&
	cp -r "$SAMPLES/include" tree/ &&
	cat >tree/ml/ml.h <<-\EOF &&
	#include "../include/kshim.h"

	struct ml_item {
		struct list_head	node;
		unsigned long		key;
		unsigned int		queued:1;
		unsigned int		fired:1;
		unsigned int		done:1;
		unsigned long		stats[3];
		void			*owner;
	};
	EOF
	cat >tree/ml/ml.c <<-\EOF &&
	#include "ml.h"

	struct ml_item *ml_of(void *data);
	struct ml_ops { long (*ioctl)(struct ml_item *it, unsigned int cmd); };

	static long ml_ioctl(struct ml_item *it, unsigned int cmd)
	{
		it->queued = true;
		it->done = false;
		return 0;
	}

	static int ml_irq(int irq, void *data)
	{
		ml_of(data)->fired = true;
		return 0;
	}

	const struct ml_ops ml_ops = { .ioctl = ml_ioctl };

	int ml_start(struct ml_item *it)
	{
		return request_irq(0, ml_irq, 0, "ml", it);
	}
	EOF
	(cd tree && gcc -g -c -o ../build/ml/ml.o ml/ml.c)
'

test_expect_success 'setup-only: bitops, because the split would take it to two cachelines' '
	bitsplit fix --tree tree --layout build/ml/ml.o --policy setup-only --out out ml >actual 2>err &&
	sed -n 2,3p actual >head &&
	cat >expect <<-\EOF &&
	  remedy bitops: struct ml_item is one of many (struct list_head) and the split would take it from 1 to 2 cachelines
	  alternatives: split +8 bytes, regroup +8 bytes
	EOF
	test_cmp expect head &&
	grep -x "struct ml_item: size 64 -> 64, bitops" actual
'

test_expect_success 'without the list_head the same flags are split' '
	sed -i "/struct list_head/d; s/unsigned long		key;/unsigned long		key[3];/" tree/ml/ml.h &&
	(cd tree && gcc -g -c -o ../build/ml/ml.o ml/ml.c) &&
	bitsplit fix --tree tree --layout build/ml/ml.o --policy setup-only --out out2 ml >actual 2>err &&
	sed -n 2p actual >head &&
	echo "  remedy split: no lock or single context serializes queued and done; 2 contexts write the flags, too few for atomic bitops" >expect &&
	test_cmp expect head
'

test_done
