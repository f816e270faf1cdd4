#!/bin/sh
# Bad input to check is an error naming the file and line, exit 2.
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/check"

test_expect_success 'build the vfio sample' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

run_check() {
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/vfio/vfpci_core.o" "$@"
}

test_expect_success 'a malformed facts line names file and line' '
	printf "write\tvfio/vfpci_core.c\tx\n" >bad.facts &&
	test_expect_code 2 run_check --facts bad.facts 2>err &&
	grep -q "^bad.facts:1: error: expected " err
'

test_expect_success 'an unknown lock HOW is refused' '
	sed "s/@trylock/@maybe/" "$EXP/vfio.facts" >bad.facts &&
	test_expect_code 2 run_check --facts bad.facts 2>err &&
	grep -q "^bad.facts:16: error: expected a lock HOW" err
'

test_expect_success 'a missing facts file' '
	test_expect_code 2 run_check --facts no-such.facts 2>err &&
	grep -q "^bitsplit: error: cannot read facts .no-such.facts.: No such file" err
'

test_expect_success 'an unknown policy' '
	test_expect_code 2 run_check --facts "$EXP/vfio.facts" --policy strict 2>err &&
	grep -q "^bitsplit: error: unknown policy .strict." err
'

test_expect_success 'an unknown format' '
	test_expect_code 2 run_check --facts "$EXP/vfio.facts" --format xml 2>err &&
	grep -q "^bitsplit: error: unknown format .xml." err
'

test_expect_success 'facts for a struct with no layout are said, not hidden' '
	printf "write\tx.c\t3\t2\tf\tghost\tflag\tg\tself\t=\t1\ttyped\t-\n" >ghost.facts &&
	run_check --facts ghost.facts >out; test $? = 0 &&
	grep -q "^note: struct ghost is written (x.c:3) but has no layout" out
'

test_expect_success 'skip facts lower confidence and are printed' '
	{ cat "$EXP/vfio.facts" &&
	  printf "skip\tvfio/other.c\t1\tparse\tspatch could not parse it\n"; } >skip.facts &&
	run_check --facts skip.facts --format gcc >out; test $? = 1 &&
	grep -q "^bitsplit: note: vfio/other.c:1: parse: spatch could not parse it$" out
'

test_expect_success 'skip facts of one file and reason are one note with every line' '
	{ cat "$EXP/vfio.facts" &&
	  printf "skip\tinc/pci.h\t575\tnot analysed\tparse error\n" &&
	  printf "skip\tinc/pci.h\t772\tnot analysed\tparse error\n" &&
	  printf "skip\tinc/pci.h\t900\tunknown lock-like call\tfoo_lock\n"; } >skip.facts &&
	run_check --facts skip.facts >out; test $? = 1 &&
	grep "^note: inc/" out >actual &&
	cat >expect <<-\EOT &&
	note: inc/pci.h: not analysed: parse error, at lines 575, 772
	note: inc/pci.h:900: unknown lock-like call: foo_lock
	EOT
	test_cmp expect actual
'

test_done
