#!/bin/sh
# A __thread struct: samples/pthread-tls writes only thread-local objects
# (a file-scope __thread and a function-scope _Thread_local), so the
# struct is left out of the verdict, with the reason.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: every write is INSTANCE tls' '
	cat >expect <<-\EOT &&
	lookup_thread	hit	tls_stats	tls
	lookup_thread	miss	tls_stats	tls
	pick_thread	evicted	cache	tls
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-tls >facts &&
	grep "^write" facts | cut -f 5,7,8,9 >actual &&
	test_cmp expect actual
'

test_expect_success 'check: struct tstats is left out, nothing moves' '
	cat >expect <<-\EOT &&
	struct tstats left out: its instances are never shared: every bitfield write is to a thread-local object (__thread, _Thread_local), a stack object or an object its writer'"'"'s call tree allocated and has not published
	0 structs, 0 shared locations: proven-race moves 0 fields, setup-only moves 0 (policy proven-race: clean)
	EOT
	bitsplit check --tree "$SAMPLES" --build objs pthread-tls >actual 2>/dev/null &&
	test_cmp expect actual
'

test_done
