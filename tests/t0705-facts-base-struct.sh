#!/bin/sh
# samples/regimg/snd/memalloc.c: a store's struct is the one its base
# really has.  dmab->dev.type and dmab->tlv.p (bases spatch cannot type:
# their header is on the compiler's path only) and kctl->tlv.p (typed, but
# an anonymous union's) are no writes of struct rg_desc, whose bitfields
# share those names: the layout's members say where each base leads.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -I "$SAMPLES/regimg/snd" -c -o memalloc.o "$SAMPLES/regimg/snd/memalloc.c"
'

test_expect_success 'facts: only the descriptor'"'"'s own store is its write' '
	bitsplit facts -q --tree "$SAMPLES" --layout memalloc.o regimg/snd >facts &&
	grep "^write" facts | cut -f 5-9,12 >actual &&
	printf "rg_set_desc\trg_desc\ttype\td\tself\ttyped\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: one writer, no race' '
	bitsplit check --tree "$SAMPLES" --layout memalloc.o --facts facts regimg/snd >out &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves nothing" >expect &&
	test_cmp expect actual
'

test_done
