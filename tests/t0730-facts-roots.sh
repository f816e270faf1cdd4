#!/bin/sh
# Entry points behind initializer macros (learned from the PATHs' own
# #define lines, or from the fallback list in roots-kernel.txt), functions
# in ops fields the vocabulary does not list, address-taken functions,
# synchronous callbacks, local function pointers and calls made inside a
# field write: samples/facts/roots.c, whose header comment is the table.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null
'

test_expect_success 'facts for samples/facts' '
	bitsplit facts -q --tree "$SAMPLES" --build objs facts >actual &&
	test_cmp "$TEST_DIRECTORY/expect/facts/facts.tsv" actual
'

test_expect_success 'a PM callback behind SET_RUNTIME_PM_OPS is reached from its field' '
	bitsplit check --tree "$SAMPLES" --build objs facts >out 2>/dev/null;
	grep -A1 "runtime  facts/roots.c:33  fr_runtime_suspend" out >got &&
	grep "from runtime_suspend: fr_runtime_suspend" got
'

test_expect_success 'an exported function called only from probe stays setup' '
	! grep "moves.*exported" out &&
	! grep "moves.*helped" out
'

test_expect_success 'the macro file alone finds the callback; with neither it is lost' '
	mkdir data &&
	cp "$TEST_DIRECTORY"/../semantic-patches/* data/ &&
	sed "/^macro/d" data/roots-kernel.txt >roots.txt &&
	mv roots.txt data/roots-kernel.txt &&
	BITSPLIT_DATADIR="$PWD/data" bitsplit facts -q --tree "$SAMPLES" --build objs \
		facts >no-list 2>/dev/null &&
	grep "fr_runtime_suspend	runtime	runtime_suspend" no-list &&
	sed "/_PM_OPS/d" data/kernel-macros.h >macros.h &&
	mv macros.h data/kernel-macros.h &&
	BITSPLIT_DATADIR="$PWD/data" bitsplit facts -q --tree "$SAMPLES" --build objs \
		facts >neither 2>/dev/null &&
	! grep "^root.*fr_runtime_suspend" neither &&
	grep "fr_state_show	runtime	show" neither
'

test_done
