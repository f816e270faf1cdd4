#!/bin/sh
# samples/ctxfold: cf_kick is reached from sixty-five entry points, one
# more than the call graph keeps contexts for.  The interrupt handler's
# path, which holds the device lock, comes first; a later unlocked work
# item's path must be folded into another unlocked one, not into the
# handler's: the handler's store keeps its lock, and the race report
# names a work item against the handler, never the handler against itself,
# and says the work item's path has others joined into it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'the handler'"'"'s path keeps the lock it holds' '
	test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs ctxfold >out 2>/dev/null &&
	grep -A1 "from irq: cf_irq -> cf_kick" out >actual &&
	cat >expect <<-\EOT &&
	               from irq: cf_irq -> cf_kick
	               holds lock (held by a caller on this path), the irq cf_irq, which runs on one CPU at a time
	EOT
	test_cmp expect actual
'

test_expect_success 'the race is a work item against the handler' '
	tr -s " \n" "  " <out >flat &&
	grep "kicked is written by cf_kick (from work: cf_work0 -> cf_kick, joined at cf_kick with paths past the context cap) holding no lock, and parked by cf_irq (from irq: cf_irq) holding lock: no common lock serializes them\." flat &&
	! grep "(from irq: cf_irq -> cf_kick) holding no lock" flat
'

test_done
