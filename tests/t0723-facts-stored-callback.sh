#!/bin/sh
# samples/cbstore: a completion callback handed to cs_get_evt(), which
# hands it to cs_init_event(), which stores it in evt->done.  Nothing on
# that way calls it: it runs where evt->done() is called, in the
# interrupt handler under the host lock, not in the work item that
# handed it.  reinit and migrated are serialized; dead races.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: the callback is called by the handler, not the work item' '
	bitsplit facts -q --tree "$SAMPLES" --build objs cbstore >facts 2>/dev/null &&
	grep "cs_logout_done" facts | grep "^call" | cut -f 4-6 >actual &&
	printf "cs_irq\tcs_logout_done\tcs_host.lock:w@lexical\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: only dead moves' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs cbstore >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves dead" >expect &&
	test_cmp expect actual &&
	grep -A2 "^      runtime  cbstore/cbstore.c:48  cs_logout_done" out >actual &&
	cat >expect <<-\EOT &&
	      runtime  cbstore/cbstore.c:48  cs_logout_done
	               from irq: cs_irq -> cs_logout_done
	               holds lock (held by a caller on this path), the irq cs_irq, which runs on one CPU at a time
	EOT
	test_cmp expect actual
'

test_done
