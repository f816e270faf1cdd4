#!/bin/sh
# samples/regimg/hw/flash.c: bitfield stores into a member of a local
# union (a register image on the stack, "hsfsts.hsf_status.flcdone = 1")
# are local copies, so struct rg_flash_bits is left out of the verdict;
# the flags of the shared struct rg_hw still race.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o flash.o "$SAMPLES/regimg/hw/flash.c"
'

test_expect_success 'facts: a member chain of a local is local' '
	bitsplit facts -q --tree "$SAMPLES" --layout flash.o regimg/hw >facts &&
	grep "^write" facts | cut -f 6-9 >actual &&
	cat >expect <<-\EOT &&
	rg_flash_bits	flcdone	hsfsts.hsf_status	local
	rg_flash_bits	flcerr	hsfsts.hsf_status	local
	rg_hw	busy	hw	self
	rg_hw	failed	hw	self
	EOT
	test_cmp expect actual
'

test_expect_success 'check: the image is left out, the device flags race' '
	bitsplit check --tree "$SAMPLES" --layout flash.o --facts facts regimg/hw >out;
	test $? = 1 &&
	grep -E "^struct|^    proven-race" out >actual &&
	cat >expect <<-\EOT &&
	struct rg_hw (regimg/hw/flash.h:17), 4 bytes
	    proven-race moves busy
	struct rg_flash_bits left out: its instances are never shared: every bitfield write is to a stack object or to an object its writer'"'"'s call tree allocated and has not published
	EOT
	test_cmp expect actual
'

test_done
