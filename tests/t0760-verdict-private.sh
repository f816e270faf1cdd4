#!/bin/sh
# The facts pass and the verdict on samples/verdict/vdrv_core.c (its
# header comment states each writer's context and lock):
#   - INSTANCE private for req->queued, written between kzalloc() and the
#     first call that may share req; pass facts for the request handed to
#     vdrv_fill_req() (fresh from kzalloc(), or &req on write()'s stack),
#     forwarded to vdrv_retry() (arg=0), and wparam facts for the writes
#     through those parameters; struct vdrv_req is left out of the verdict
#     and json says why.
#   - INSTANCE closed for the needs_reset walk of vdrv_try_reset(), which
#     returns first unless vdrv_set_needs_reset() saw no other open device.
#   - busy, reached from probe with no lock and from ioctl under dev->lock,
#     holds dev->lock on its only run-time path: nothing races.
#   - stale, written only by a header inline nothing calls, has no writer.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

test_expect_success 'facts: private, closed, pass and wparam' '
	cat >expect <<-\EOT &&
	write	verdict/vdrv.h	54	vdrv_mark_stale	stale	self
	write	verdict/vdrv_core.c	24	vdrv_set_busy	busy	self
	write	verdict/vdrv_core.c	29	vdrv_retry	retried	self
	write	verdict/vdrv_core.c	34	vdrv_fill_req	urgent	self
	write	verdict/vdrv_core.c	54	vdrv_try_reset	needs_reset	closed
	write	verdict/vdrv_core.c	65	vdrv_close	needs_reset	self
	write	verdict/vdrv_core.c	78	vdrv_ioctl	queued	private
	write	verdict/vdrv_core.c	95	vdrv_write	dirty	self
	pass	verdict/vdrv_core.c	36	vdrv_fill_req	vdrv_retry	0	arg=0
	pass	verdict/vdrv_core.c	79	vdrv_ioctl	vdrv_fill_req	0	private
	pass	verdict/vdrv_core.c	92	vdrv_write	vdrv_fill_req	0	private
	wparam	verdict/vdrv_core.c	29	2	vdrv_retry	0
	wparam	verdict/vdrv_core.c	34	2	vdrv_fill_req	0
	EOT
	bitsplit facts -q --tree "$SAMPLES" --layout "$TRASH/obj/verdict/vdrv_core.o" \
		verdict/vdrv_core.c >facts &&
	{ grep "^write" facts | cut -f 1-3,5,7,9 &&
	  grep -E "^(pass|wparam)" facts; } >actual &&
	test_cmp expect actual
'

test_expect_success 'check: nothing races, vdrv_req is left out' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves busy, dirty
	struct vdrv_req left out: its instances are never shared: every bitfield write is to a stack object or to an object its writer'"'"'s call tree allocated and has not published
	EOT
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/verdict/vdrv_core.o" \
		--facts facts verdict/vdrv_core.c >out &&
	{ grep -E "^    (proven-race|setup-only) +moves" out &&
	  grep "left out" out; } >actual &&
	test_cmp expect actual
'

test_expect_success 'check: busy holds dev->lock on its run-time path' '
	cat >expect <<-\EOT &&
	      runtime  verdict/vdrv_core.c:24  vdrv_set_busy
	               from ioctl: vdrv_ioctl -> vdrv_set_busy
	               holds lock (held by a caller on this path)
	EOT
	grep -A2 "runtime  verdict/vdrv_core.c:24" out >actual &&
	test_cmp expect actual
'

test_expect_success 'check: the closed-set walk is teardown' '
	grep "teardown verdict/vdrv_core.c:54  vdrv_try_reset, writes a sibling through cur only when no other member of its set is open" out
'

test_expect_success 'check: the header inline nothing calls is not counted' '
	grep "note: not counted: the writes at verdict/vdrv.h:54 are in header inlines" out
'

test_expect_success 'json: the structs left out, with the reason' '
	bitsplit check --format json --tree "$SAMPLES" \
		--layout "$TRASH/obj/verdict/vdrv_core.o" --facts facts \
		verdict/vdrv_core.c >out.json &&
	grep -A3 "\"left_out\": \[" out.json >actual &&
	cat >expect <<-\EOT &&
	  "left_out": [
	    {
	      "name": "vdrv_req",
	      "why": "its instances are never shared: every bitfield write is to a stack object or to an object its writer'"'"'s call tree allocated and has not published"
	EOT
	test_cmp expect actual
'

test_done
