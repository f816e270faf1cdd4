#!/bin/sh
# Scope-based cleanup: samples/cleanup's ioctl builds its request in an
# object it frees when the scope ends ("struct creq *r __free(kfree) =
# kzalloc(...)", as snd_pcm_hw_refine_user() does with memdup_user()).
# Its stores (both of them: the second too, after the first), and those of
# the helper it hands the request to, are on a private object; only
# creq_complete()'s store is shared.  The sample's
# header comment states each verdict.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null 2>&1
'

test_expect_success 'facts: the stores to the __free object are private' '
	cat >expect <<-\EOT &&
	write	cleanup/cleanup.c	50	creq_fill	sized	self
	write	cleanup/cleanup.c	59	creq_ioctl	urgent	private
	write	cleanup/cleanup.c	60	creq_ioctl	checked	private
	write	cleanup/cleanup.c	67	creq_complete	done	self
	pass	cleanup/cleanup.c	61	creq_ioctl	creq_fill	0	private
	wparam	cleanup/cleanup.c	50	2	creq_fill	0
	EOT
	bitsplit facts --tree "$SAMPLES" --layout "$TRASH/obj/cleanup/cleanup.o" \
		cleanup/cleanup.c >facts 2>/dev/null &&
	{ grep "^write" facts | cut -f 1-3,5,7,9 &&
	  grep -E "^(pass|wparam)" facts; } >actual &&
	test_cmp expect actual
'

test_expect_success 'check: nothing races; setup-only moves done alone' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves done
	EOT
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/cleanup/cleanup.o" \
		cleanup/cleanup.c >out 2>/dev/null &&
	grep -E "^    (proven-race|setup-only) +moves" out >actual &&
	test_cmp expect actual &&
	grep "urgent, checked, sized: written only on objects private" out
'

test_done
