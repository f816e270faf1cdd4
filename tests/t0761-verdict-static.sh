#!/bin/sh
# Static functions are keyed by file (tests/expect/verdict/static.facts,
# samples/verdict): vdrv_core.c's vdrv_set_busy() writes busy, from probe
# (setup, no lock) and from ioctl under dev->lock; vdrv_aux.c has a static
# function of the same name, reached from .read with no lock, which
# writes no bitfield.  Keyed by file, busy's only run-time path holds
# dev->lock like dirty's writer: nothing races.  Without the LINKAGE
# column (an older facts file) the two are one global function, whose
# unlocked .read path races with dirty.
. "$(dirname "$0")/lib.sh"

FACTS="$TEST_DIRECTORY/expect/verdict/static.facts"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

test_expect_success 'static functions of two files are two functions' '
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/verdict/vdrv_core.o" \
		--facts "$FACTS" verdict >out &&
	grep "^    proven-race moves nothing" out &&
	grep -A2 "runtime  verdict/vdrv_core.c:24" out >actual &&
	cat >expect <<-\EOT &&
	      runtime  verdict/vdrv_core.c:24  vdrv_set_busy
	               from ioctl: vdrv_ioctl -> vdrv_set_busy
	               holds lock (held by a caller on this path)
	EOT
	test_cmp expect actual
'

test_expect_success 'without LINKAGE they merge, and the read path races' '
	sed "s/	static\$//" "$FACTS" >merged.facts &&
	{ bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/verdict/vdrv_core.o" \
		--facts merged.facts verdict >out; test $? = 1; } &&
	grep "^    proven-race moves busy" out &&
	grep "from read: vdrv_aux_read -> vdrv_set_busy" out
'

test_done
