#!/bin/sh
# samples/stackinit/wb: the ext4_writepages() shape.  Each writeback
# declares its state on the stack with a designated initializer ("= { .nr
# = nr, }", an initializer and no expression) and passes its address
# down; the callees' writes through the parameter are to that private
# object, so wb_state is never shared and stays out of the verdict.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o wb.o "$SAMPLES/stackinit/wb/wb.c"
'

test_expect_success 'facts: each call passes a private object' '
	bitsplit facts -q --tree "$SAMPLES" --layout wb.o stackinit/wb >facts &&
	grep "^pass" facts | cut -f 4- | sort >actual &&
	cat >expect <<-\EOT &&
	wb_do_writepages	wb_finish	0	arg=0
	wb_sync	wb_do_writepages	0	private
	wb_writepages	wb_do_writepages	0	private
	EOT
	test_cmp expect actual
'

test_expect_success 'check: wb_state is left out, its instances never shared' '
	bitsplit check --tree "$SAMPLES" --layout wb.o stackinit/wb >out &&
	grep "^struct wb_state left out: its instances are never shared" out
'

test_done
