#!/bin/sh
# "make install PREFIX=..." installs the man page; it renders cleanly.
. "$(dirname "$0")/lib.sh"

test_expect_success 'make install puts bitsplit.1 under PREFIX/share/man/man1' '
	make -s -C "$ROOT" install PREFIX="$TRASH/prefix" >out 2>&1 &&
	cmp "$ROOT/Documentation/bitsplit.1" prefix/share/man/man1/bitsplit.1 &&
	test -x prefix/bin/bitsplit &&
	test -r prefix/share/bitsplit/racy_bitfields.cocci
'

test_expect_success 'man renders it without a troff warning' '
	man --warnings -l prefix/share/man/man1/bitsplit.1 >page 2>err &&
	test_cmp /dev/null err &&
	lexgrog prefix/share/man/man1/bitsplit.1 >actual &&
	echo "prefix/share/man/man1/bitsplit.1: \"bitsplit - find C bitfields that share a memory location and race, and split them\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'every command has a section' '
	LC_ALL=C MANWIDTH=200 man -l prefix/share/man/man1/bitsplit.1 >page 2>/dev/null &&
	for c in layout facts check fix verify series sweep merge install-cocci; do
		grep -q "^       $c\( \|$\)" page || { echo "no section for $c"; exit 1; }
	done
'

test_done
