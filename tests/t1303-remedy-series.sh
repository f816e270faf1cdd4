#!/bin/sh
# bitsplit series follows the remedy: the subject, the paragraph after the
# hazard, the list of moved flags and a sentence naming the remedy, why,
# and what the others would cost (tests/expect/remedy/series.msgs, by
# hand).  The series applies with git am and the bitops patch compiles.
. "$(dirname "$0")/lib.sh"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'series per remedy' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'setup: the regroup and bitops samples in one commit' '
	mkdir repo &&
	cp -r "$SAMPLES/include" "$SAMPLES/remedy-regroup" "$SAMPLES/remedy-bitops" \
		"$SAMPLES/Makefile" repo/ &&
	(cd repo && git init -q && git config user.name "Ada Lovelace" &&
	 git config user.email ada@example.org &&
	 git add -A && git commit -qm "rgport: Add the port driver" &&
	 make -s O="$TRASH/build" >/dev/null 2>&1)
'

test_expect_success 'one patch per header, each subject after its remedy' '
	(cd repo && bitsplit series --build "$TRASH/build" --out ../out \
		remedy-regroup remedy-bitops >../series.log 2>&1) &&
	ls out >actual &&
	cat >expect <<-\EOF &&
	0000-cover-letter.patch
	0001-rgport-Convert-racy-bitfields-in-struct-bo_chan-to-a.patch
	0002-rgport-Regroup-racy-bitfields-in-rgport.h.patch
	EOF
	test_cmp expect actual
'

test_expect_success 'the messages: rationale, moved flags, the remedy and its alternatives' '
	sha=$(git -C repo log -1 --abbrev=12 --format=%h) &&
	sed "s/@SHA@/$sha/" "$TEST_DIRECTORY/expect/remedy/series.msgs" >expect &&
	for f in out/0001-*.patch out/0002-*.patch; do
		sed -n "/^Subject/,/^---$/p" "$f" | sed "/^---$/d"
	done >actual &&
	test_cmp expect actual
'

test_expect_success 'git am takes the series; the bitops patch compiles' '
	git clone -q repo am && git -C am config user.name "Ada Lovelace" &&
	git -C am config user.email ada@example.org &&
	git -C am am -q "$TRASH"/out/0001-*.patch "$TRASH"/out/0002-*.patch &&
	(cd am && cc -fsyntax-only -Wall -Werror -Wno-unused-parameter remedy-bitops/bochan.c \
		remedy-regroup/rgport.c) &&
	grep -x "	u8			:0;" am/remedy-regroup/rgport.h
'

test_done
