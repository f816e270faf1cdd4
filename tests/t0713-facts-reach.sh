#!/bin/sh
# samples/reach/ops: the locks at a call are analysed only where the
# callee may lead to a write of a candidate field (facts_reach.c).  The
# call of rg_count_stats(), which writes no bitfield, is left unanalysed
# ("-" though rg->lock is held); the calls that reach a write only through
# an ops field an initializer macro fills, or through a macro, keep the
# lock, so kicked and noted do not race and only armed moves.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o ring.o "$SAMPLES/reach/ops/ring.c"
'

test_expect_success 'facts: the lock at each call on a way to a write, none elsewhere' '
	bitsplit facts --tree "$SAMPLES" --layout ring.o reach/ops >facts &&
	grep "^call" facts | cut -f 3- >actual &&
	cat >expect <<-\EOT &&
	28	rg_kick_all	rg_kick	-	reach/ops/ring.c
	41	rg_poll	rg_count_stats	-
	42	rg_poll	rg_kick_all	ring.lock:w@lexical
	43	rg_poll	rg_note_set	ring.lock:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'check: kicked and noted share the lock, armed moves alone' '
	bitsplit check --tree "$SAMPLES" --layout ring.o reach/ops >out;
	test $? = 1 &&
	grep "^    proven-race moves" out >actual &&
	echo "    proven-race moves armed" >expect &&
	test_cmp expect actual
'

test_done
