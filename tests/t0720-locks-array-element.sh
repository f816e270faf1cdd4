#!/bin/sh
# samples/lockarray: the lock of an array element is one lock whatever the
# index (&cfg->q[i]._lock, &cfg->q[j]._lock) and whoever spells it through
# a pointer to the element (&q->_lock in the irq handler).  allow_irq and
# allow_cmds are serialized by it; only dead, set with no lock, moves.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the index is not part of the lock'"'"'s name' '
	bitsplit facts -q --tree "$SAMPLES" --build objs lockarray >facts 2>/dev/null &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	cat >expect <<-\EOT &&
	aq_reset_work	allow_irq	aq_cfg.q._lock:w@lexical
	aq_ioctl	allow_cmds	aq_cfg.q._lock:w@lexical
	aq_ioctl	dead	-
	aq_irq	allow_irq	aq_queue._lock:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'check: only dead moves, and the lock is named once' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs lockarray >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves dead" >expect &&
	test_cmp expect actual &&
	grep -A1 "^    allow_irq: moves under setup-only, stays under proven-race" out >actual &&
	! grep -F "?" out &&
	tr -s " \n" "  " <out | grep "the other run-time writers that stay here are serialized against it by _lock\. " &&
	! grep "_lock and _lock" out
'

test_done
