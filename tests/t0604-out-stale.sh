#!/bin/sh
# A re-run of fix or series replaces the set of files it writes in --out:
# a patch from an earlier run does not survive next to the new ones, and
# a file bitsplit did not write is never removed.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples' '
	make -s -C "$SAMPLES" O="$TRASH/build" >/dev/null
'

test_expect_success 'fix writes fc_grow, next to a file of the user' '
	mkdir out && echo mine >out/notes.txt && echo mine >out/mine.diff &&
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_grow.armed \
		fixcases >/dev/null &&
	ls out >actual &&
	printf "fc_grow.cocci\nfc_grow.diff\nfc_grow.plan\nmine.diff\nnotes.txt\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the same run again keeps its files' '
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_grow.armed \
		fixcases >/dev/null &&
	ls out >actual &&
	test_cmp expect actual
'

test_expect_success 'a run that refuses the struct leaves no stale fc_grow.diff' '
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_packed.busy \
		fixcases >/dev/null
	rc=$?
	test "$rc" = 1 &&
	ls out >actual &&
	printf "mine.diff\nnotes.txt\n" >expect &&
	test_cmp expect actual &&
	echo mine >expect && test_cmp expect out/notes.txt && test_cmp expect out/mine.diff
'

test_expect_success 'a list naming other paths removes nothing there' '
	mkdir keep && echo mine >keep/x.diff && echo mine >outside.diff &&
	printf "../outside.diff\n/$TRASH/outside.diff\nkeep\n..\n" >out/.bitsplit-written &&
	bitsplit fix --tree "$SAMPLES" --build build --out out --split fc_packed.busy \
		fixcases >/dev/null
	test -f outside.diff && test -f keep/x.diff &&
	ls out >actual &&
	printf "mine.diff\nnotes.txt\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'setup: a repository for series' '
	mkdir repo &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/mlx5" "$SAMPLES/Makefile" repo/ &&
	(cd repo && git init -q && git config user.name "Ada Lovelace" &&
	 git config user.email ada@example.org && git add -A && git commit -qm init &&
	 make -s O="$TRASH/rbuild" >/dev/null)
'

test_expect_success 'series over two drivers, then one: two patches become one' '
	echo mine >notes.txt &&
	(cd repo && bitsplit series --build "$TRASH/rbuild" --out ../series vfio mlx5 >/dev/null &&
	 cp ../notes.txt ../series/ &&
	 ls ../series >../first &&
	 bitsplit series --build "$TRASH/rbuild" --out ../series vfio >/dev/null) &&
	cat >expect <<-\EOF &&
	0000-cover-letter.patch
	0001-mlx5-Fix-racy-bitfields-and-tighten-struct-layout.patch
	0002-vfio-Fix-racy-bitfields-and-tighten-struct-layout.patch
	notes.txt
	EOF
	test_cmp expect first &&
	cat >expect <<-\EOF &&
	0000-cover-letter.patch
	0001-vfio-Fix-racy-bitfields-and-tighten-struct-layout.patch
	notes.txt
	EOF
	ls series >actual &&
	test_cmp expect actual &&
	echo mine >expect && test_cmp expect series/notes.txt
'

test_done
