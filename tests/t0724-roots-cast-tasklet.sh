#!/bin/sh
# samples/tasklet: tasklet_init(&t, (void *)fn, data), as ibmvfc and
# other older drivers register their tasklet.  The cast does not make
# tk_tasklet a function of unknown context: it is a tasklet, which runs
# on one CPU at a time, so its two stores do not race; only dead, set by
# the sysfs store with no lock, moves.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the cast function is a tasklet root' '
	bitsplit facts -q --tree "$SAMPLES" --build objs tasklet >facts 2>/dev/null &&
	grep "^root" facts | cut -f 4-6 >actual &&
	printf "tk_store\truntime\tstore\ntk_tasklet\truntime\ttasklet\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: the tasklet serializes its own stores' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs tasklet >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves dead" >expect &&
	test_cmp expect actual &&
	grep -A2 "^      runtime  tasklet/tasklet.c:36  tk_tasklet" out >actual &&
	cat >expect <<-\EOT &&
	      runtime  tasklet/tasklet.c:36  tk_tasklet
	               from tasklet: tk_tasklet
	               holds the tasklet tk_tasklet, which runs on one CPU at a time
	EOT
	test_cmp expect actual
'

test_done
