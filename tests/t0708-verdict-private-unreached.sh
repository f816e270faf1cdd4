#!/bin/sh
# samples/regimg/hbridge: no root reaches hb_init_bridge() (its callers are
# exported allocators), but every call of it passes a bridge fresh from
# kzalloc(): its stores are thread-private, and struct hb_bridge is left
# out instead of racing with itself as "no root reaches it" writers.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o hb.o "$SAMPLES/regimg/hbridge/hbridge.c"
'

test_expect_success 'check: the bridge is left out, nothing moves' '
	bitsplit check --tree "$SAMPLES" --layout hb.o regimg/hbridge >out &&
	grep -E "^struct|proven-race moves|^[0-9]+ struct" out >actual &&
	cat >expect <<-\EOT &&
	struct hb_bridge left out: its instances are never shared: every bitfield write is to a stack object or to an object its writer'"'"'s call tree allocated and has not published
	0 structs, 0 shared locations: proven-race moves 0 fields, setup-only moves 0 (policy proven-race: clean)
	EOT
	test_cmp expect actual
'

test_done
