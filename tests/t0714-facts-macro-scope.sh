#!/bin/sh
# samples/reach/macros: wrapped.c defines port_sync() as a macro around
# its own wrapper (as fs/nfs/nfs3proc.c does with rpc_call_sync()).  A use
# in wrapped.c is an edge to port_sync_wrapped(); the call in plain.c is
# the real function, and one spatch job reading wrapped.c first must not
# carry the macro over to it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o wrapped.o "$SAMPLES/reach/macros/wrapped.c"
'

for j in 1 2; do
	test_expect_success "a .c file's own macro is an edge in that file only (-j $j)" "
		bitsplit facts -j $j --tree \"\$SAMPLES\" --layout wrapped.o reach/macros >facts &&
		grep '^call' facts | cut -f 2- >actual &&
		printf 'reach/macros/wrapped.c\t27\tport_poll\tport_sync_wrapped\t-\n' >expect &&
		test_cmp expect actual
	"
done

test_done
