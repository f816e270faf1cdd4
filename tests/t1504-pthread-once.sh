#!/bin/sh
# A pthread_once() initializer: samples/pthread-once's init_config() is
# setup, ordered by the once before every use, though it runs in
# whichever reader thread comes first.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the once routine is a setup root' '
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread-once >facts &&
	grep "^root" facts | cut -f 4-6 >actual &&
	cat >expect <<-\EOT &&
	reader	runtime	thread
	reader	runtime	thread
	init_config	setup	once
	main	setup	main
	EOT
	sort expect >e && sort actual >a && test_cmp e a
'

test_expect_success 'check: the once routine stores are setup, nothing races' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves dirty
	      runtime  pthread-once/once.c:36  reader
	      colors             setup    pthread-once/once.c:28  init_config, from once: init_config
	      pager              setup    pthread-once/once.c:29  init_config, from once: init_config
	EOT
	bitsplit check --tree "$SAMPLES" --build objs pthread-once >out 2>/dev/null &&
	grep -E "^    (proven-race|setup-only) +moves|^      runtime |^      [a-z]+ +(setup|teardown) " out >actual &&
	test_cmp expect actual
'

test_done
