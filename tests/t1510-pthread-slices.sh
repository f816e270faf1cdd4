#!/bin/sh
# Per-thread work items: samples/pthread-slices gives each thread of a
# create loop its own argument (&w[i]) and, through it, its own slice of
# items, as git's pack-objects shares out its delta search.  A thread's
# writes on what it reaches from that argument do not race with the other
# threads' (they write other objects), but still race with a writer that
# is not that thread (main's store on a worker's slot), and a thread's
# store through a global, or through an argument every create shares, is
# shared as before.  The sample's header comment states each verdict.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the own start, what it passes on, the stores reached from it' '
	cat >expect <<-\EOT &&
	pass	pthread-slices/slices.c	78	slice_thread	mark_sized	0	own=0
	pass	pthread-slices/slices.c	119	main	slice_thread	0	own
	wparam	pthread-slices/slices.c	67	2	mark_sized	0
	wparam	pthread-slices/slices.c	77	3	slice_thread	0	reached
	wparam	pthread-slices/slices.c	84	2	slice_thread	0	reached
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-slices >facts 2>/dev/null &&
	grep -E "^(pass|wparam)" facts >actual &&
	test_cmp expect actual
'

test_expect_success 'check: own work items race with no other thread, shared ones do' '
	cat >expect <<-\EOT &&
	struct item (pthread-slices/slices.c:29), 8 bytes
	    proven-race moves nothing
	    setup-only  moves done, sized
	struct slot (pthread-slices/slices.c:35), 4 bytes
	    proven-race moves claimed
	    setup-only  moves claimed, filled
	struct tally (pthread-slices/slices.c:47), 4 bytes
	    proven-race moves hits
	    setup-only  moves hits, misses
	struct entry (pthread-slices/slices.c:52), 4 bytes
	    proven-race moves a
	    setup-only  moves a, b
	EOT
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs pthread-slices >out 2>/dev/null &&
	grep -E "^struct |^    (proven-race|setup-only) +moves" out >actual &&
	test_cmp expect actual
'

test_expect_success 'check: the report names the assumption and the create' '
	cat >expect <<-\EOT &&
	               on its thread'"'"'s own work item: each slice_thread thread gets an argument
	               of its own (pthread-slices/slices.c:119), and no other thread is assumed to write
	EOT
	grep -m1 -A1 "on its thread" out >actual &&
	test_cmp expect actual &&
	grep -c "on its thread" out >count &&
	echo 3 >expect &&
	test_cmp expect count
'

test_expect_success 'check: main is not the thread whose item it writes' '
	grep -A4 "^    claimed:" out >claimed &&
	grep "claimed is written by main" claimed &&
	grep "filled by slice_thread" claimed
'

test_expect_success 'json: the own writers name their create' '
	test_expect_code 1 bitsplit check --format json --tree "$SAMPLES" --build objs \
		pthread-slices >out.json 2>/dev/null &&
	grep -o "\"own_work_item_of\": *\"[^\"]*\"" out.json | sort | uniq -c >actual &&
	echo "      3 \"own_work_item_of\": \"pthread-slices/slices.c:119\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'facts without the own start judge the items shared again' '
	grep -v "	own$" facts >shared.tsv &&
	test_expect_code 1 bitsplit check --facts shared.tsv --tree "$SAMPLES" --build objs \
		pthread-slices >out 2>/dev/null &&
	grep -A1 "^struct item" out >/dev/null &&
	grep -E "^    proven-race moves" out >actual &&
	cat >expect <<-\EOT &&
	    proven-race moves done
	    proven-race moves claimed
	    proven-race moves hits
	    proven-race moves a
	EOT
	test_cmp expect actual
'

test_done
