#!/bin/sh
# An empty file is input like any other: read as nothing, never past the
# end of a buffer (the sanitized build aborts on a heap over-read).
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the vfio sample, built, and an empty file' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null &&
	: >empty
'

test_expect_success 'check --facts with an empty facts file: nothing written, clean' '
	bitsplit check --tree "$SAMPLES" --layout obj/vfio/vfpci_core.o \
		--facts empty >out 2>err &&
	test_cmp /dev/null err &&
	grep -q "^0 structs, 0 shared locations: proven-race moves 0 fields" out
'

test_expect_success 'merge of an empty results file: an empty sweep' '
	bitsplit merge --out merged empty >out 2>err &&
	test_cmp /dev/null err &&
	grep -q "^sweep: 0 files," out
'

test_expect_success 'facts --data with an empty vocabulary file' '
	bitsplit facts -q --data empty --tree "$SAMPLES" \
		--layout obj/vfio/vfpci_core.o vfio >facts 2>err &&
	test_cmp /dev/null err &&
	grep -q "^write	vfio/" facts
'

test_expect_success 'an empty header under the PATHs: facts and fix go on' '
	mkdir -p tree &&
	cp -r "$SAMPLES/vfio" tree/ &&
	: >tree/vfio/empty.h &&
	bitsplit facts -q --tree tree --layout obj/vfio/vfpci_core.o vfio >facts 2>err &&
	test_cmp /dev/null err &&
	grep -q "^write	vfio/" facts &&
	bitsplit fix --tree tree --layout obj/vfio/vfpci_core.o --out fixed vfio >out 2>err &&
	test -s fixed/vfpci_device.diff
'

test_expect_success 'layout of an empty file: no struct, said so' '
	bitsplit layout empty >out 2>err
	test $? = 2 &&
	echo "bitsplit: error: empty: expected a pahole dump, found no struct" >expect &&
	test_cmp expect err && test_cmp /dev/null out
'

test_done
