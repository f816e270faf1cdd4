#!/bin/sh
# malloc() then publish: samples/pthread-publish's producer fills a fresh
# request before the store that links it into the shared queue, so those
# writes are private; the consumer's write under the queue lock is the
# only shared one and nothing races.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the writes before the publication are private' '
	cat >expect <<-\EOT &&
	producer	urgent	private
	producer	retry	private
	consumer	done	self
	EOT
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-publish >facts &&
	grep "^write" facts | cut -f 5,7,9 >actual &&
	test_cmp expect actual
'

test_expect_success 'check: nothing races' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves done
	      runtime  pthread-publish/publish.c:57  consumer
	               holds lock (taken here)
	EOT
	bitsplit check --tree "$SAMPLES" --build objs pthread-publish >out 2>/dev/null &&
	grep -E "^    (proven-race|setup-only) +moves|^      runtime |^ +holds " out >actual &&
	test_cmp expect actual
'

test_done
