#!/bin/sh
# No write in the samples is missed: every store to a packed bitfield that
# a plain grep can see (=, op=, ++, --, through -> or .) is a write fact,
# a writer macro counts at each use, and no write fact is anything else.
. "$(dirname "$0")/lib.sh"

DIRS="vfio mlx5 edge pthread negative nested"

test_expect_success 'facts for all the samples' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null &&
	bitsplit facts -q --tree "$SAMPLES" --build objs $DIRS >facts &&
	awk -F "	" "\$1 == \"write\" { print \$2 \":\" \$3 }" facts | sort -u >found
'

# stat_a and stat_b are bitfields too, but each is alone in its memory
# location (they are split by ":0"), so they can race with nothing.
test_expect_success 'the bitfields the samples declare' '
	(cd "$SAMPLES" && cat vfio/*.h mlx5/*.h edge/*.h negative/*.h nested/*.h pthread/*.c) |
	sed -n "s/.*[^[:alnum:]_]\([[:alpha:]_][[:alnum:]_]*\):[1-9][0-9]*[;[:space:]].*/\1/p" |
	grep -v -x -e stat_a -e stat_b -e spare | sort -u >fields &&
	test $(wc -l <fields) -ge 30
'

test_expect_success 'every store grep sees is a write fact, and nothing else is' '
	alt=$(paste -s -d "|" fields) &&
	(cd "$SAMPLES" &&
	 grep -n -E "(->|\.)($alt)[[:space:]]*([-+*/%|&^]|<<|>>)?=([^=]|$)|(->|\.)($alt)[[:space:]]*(\+\+|--)|(\+\+|--)[[:space:]]*[[:alnum:]_>.-]+(->|\.)($alt)\b" \
		$(for d in $DIRS; do echo $d/*.c $d/*.h; done | tr " " "\n" | grep -v "\*") |
	 grep -v "#[[:space:]]*define" | cut -d: -f1,2) >stores &&
	(cd "$SAMPLES" && grep -n -H -E "^[[:space:]]+EDGE_SET_MACRO\(" edge/edge.c | cut -d: -f1,2) >>stores &&
	sort -u stores >expect &&
	test_cmp expect found
'

test_done
