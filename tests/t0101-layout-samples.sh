#!/bin/sh
# The layout samples through gcc -g and pahole: driver-style flag words
# (bool x:1, u8 x:1, unsigned int x:3, a source :0, holes, a unit that
# overlaps a char array, mixed declared types in one run), nesting
# (anonymous unions and structs, named nested structs, an anonymous enum,
# a register-overlay union), pahole's "Force padding:" block and the JSON
# schema.
. "$(dirname "$0")/lib.sh"

test_expect_success 'compile the samples with DWARF' '
	gcc -g -c -o flags.o "$SAMPLES/layout/flags.c" &&
	gcc -g -c -o nested.o "$SAMPLES/layout/nested.c"
'

test_expect_success 'flags: five locations, the :0 ends one, mixed types join one' '
	bitsplit layout flags.o >out &&
	sed "s|$SAMPLES|SAMPLES|" out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/flags.txt" actual
'

test_expect_success 'nested: runs end at nesting edges, unions, enums' '
	bitsplit layout nested.o >out &&
	sed "s|$SAMPLES|SAMPLES|" out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/nested.txt" actual
'

test_expect_success 'padding: the Force padding lines are not members' '
	gcc -g -c -o padding.o "$SAMPLES/layout/padding.c" &&
	bitsplit layout padding.o >out &&
	sed "s|$SAMPLES|SAMPLES|" out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/padding.txt" actual
'

test_expect_success 'json: a top-level union with a bitfield struct inside' '
	bitsplit layout --format json -C nst_reg nested.o >out &&
	sed "s|$SAMPLES|SAMPLES|" out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/layout/nst_reg.json" actual
'

test_expect_success 'pahole -r and --hex dumps give the same model' '
	bitsplit layout --format json -C nst_dev nested.o >plain.json &&
	sed -n "/\"members\"/,\$p" plain.json >expect &&
	for opt in -r --hex; do
		pahole $opt -C nst_dev nested.o >dump$opt &&
		bitsplit layout --format json dump$opt >out.json &&
		sed -n "/\"members\"/,\$p" out.json >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'pahole -E expands named structs: their flags appear at their offsets' '
	pahole -E -C nst_dev nested.o >dump-E &&
	bitsplit layout dump-E >out &&
	grep "location [0-9]*:" out | sed "s/^[[:space:]]*//" >actual &&
	cat >expect <<-\EOF &&
	/* location 1: byte 4, 2 fields */
	/* location 2: byte 8, 2 fields */
	/* location 4: byte 14, 2 fields */
	/* location 5: byte 32, 2 fields */
	/* location 6: byte 64, 2 fields */
	EOF
	test_cmp expect actual
'

test_expect_success '-C twice keeps both' '
	bitsplit layout -C nst_reg -C nst_stats nested.o >out &&
	grep "^struct\|^union" out | sort >actual &&
	printf "%s\n" "struct nst_stats {" "union nst_reg {" >expect &&
	test_cmp expect actual
'

test_done
