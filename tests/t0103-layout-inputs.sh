#!/bin/sh
# Every kind of INPUT gives the same model: an object (pahole -I), a saved
# dump on stdin, a raw BTF file (pahole -F btf, chosen by magic bytes),
# the objects of a build (--build).  pahole is judged by what it prints,
# not by its exit code.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the issue sample, its dump and expected text' '
	gcc -g -c -o issue.o "$SAMPLES/layout/issue.c" &&
	sed "s|SAMPLES|$SAMPLES|" "$TEST_DIRECTORY/expect/layout/issue.txt" >expect-dwarf &&
	tail -n +2 expect-dwarf >expect-nodecl
'

test_expect_success 'a dump on stdin' '
	pahole -I issue.o | bitsplit layout - >actual &&
	test_cmp expect-dwarf actual
'

test_expect_success 'a raw BTF file is read with pahole -F btf (no declaration line)' '
	pahole --btf_encode_detached issue.btf issue.o &&
	bitsplit layout issue.btf >actual &&
	test_cmp expect-nodecl actual
'

test_expect_success 'pahole 1.29-1.30: right output, then exit 1: accepted, with a warning' '
	mkdir fake &&
	pahole -C issue_sample issue.o >canned &&
	cat >fake/pahole <<-EOF &&
	#!/bin/sh
	cat "$PWD/canned"
	for last; do :; done
	echo "pahole: \$last: Invalid argument" >&2
	exit 1
	EOF
	chmod +x fake/pahole &&
	PATH="$PWD/fake:$PATH" "$BITSPLIT" layout -C issue_sample issue.o >actual 2>err &&
	test_cmp expect-nodecl actual &&
	echo "bitsplit: warning: issue.o: pahole (exit 1): pahole: issue.o: Invalid argument" >expect &&
	test_cmp expect err
'

test_expect_success 'pahole printing garbage with exit 0 is a parse error naming it' '
	printf "#!/bin/sh\necho Segmentation fault\n" >fake/pahole &&
	PATH="$PWD/fake:$PATH" "$BITSPLIT" layout issue.o >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	echo "issue.o (pahole output):1: error: expected '"'struct NAME {'"' or '"'union NAME {'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'no pahole at all' '
	mkdir empty &&
	PATH="$PWD/empty" "$BITSPLIT" layout issue.o >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	echo "bitsplit: error: cannot run pahole: install the dwarves package" >expect &&
	test_cmp expect err
'

test_expect_success 'setup: build the samples into O=build' '
	make -s -C "$SAMPLES" O="$PWD/build" >/dev/null
'

test_expect_success '--build with a .c PATH reads BUILD/<path>.o' '
	bitsplit layout --tree "$SAMPLES" --build build layout/issue.c >out &&
	sed "s|$SAMPLES/||" expect-dwarf >expect &&
	test_cmp expect out
'

test_expect_success '--build with a directory reads every object below it, once per struct' '
	bitsplit layout --tree "$SAMPLES" --build build layout >out &&
	grep "^struct\|^union" out >actual &&
	cat >expect <<-\EOF &&
	struct flg_dev {
	struct issue_sample {
	struct nst_stats {
	struct nst_dev {
	union nst_reg {
	struct pad_tail {
	EOF
	test_cmp expect actual
'

test_expect_success '--build: two .c files each with a struct of one name: two structs' '
	mkdir -p two/src two/obj/src &&
	echo "struct dup { int a; } dup_a;" >two/src/a.c &&
	echo "struct dup { long a, b; } dup_b;" >two/src/b.c &&
	gcc -g -c -o two/obj/src/a.o two/src/a.c &&
	gcc -g -c -o two/obj/src/b.o two/src/b.c &&
	bitsplit layout --tree two --build two/obj src >out 2>err &&
	grep "^/\*\|size:" out | sed "s/^[[:space:]]*//" >actual &&
	cat >expect <<-\EOF &&
	/* two/src/a.c:1 */
	/* size: 4, align: 4, cachelines: 1 */
	/* two/src/b.c:1 */
	/* size: 16, align: 8, cachelines: 1 */
	EOF
	test_cmp expect actual &&
	test ! -s err
'

test_expect_success '--build: two objects that disagree on a header struct: the first wins, loudly' '
	mkdir -p hdr/src hdr/obj/src &&
	printf "#ifdef BIG\nstruct dup { long a, b; };\n#else\nstruct dup { int a; };\n#endif\n" >hdr/src/dup.h &&
	echo "#include \"dup.h\"" >hdr/src/a.c &&
	echo "struct dup dup_a;" >>hdr/src/a.c &&
	cp hdr/src/a.c hdr/src/b.c &&
	gcc -g -c -o hdr/obj/src/a.o hdr/src/a.c &&
	gcc -g -DBIG -c -o hdr/obj/src/b.o hdr/src/b.c &&
	bitsplit layout --tree hdr --build hdr/obj src >out 2>err &&
	grep "size:" out >actual &&
	printf "\t/* size: 4, align: 4, cachelines: 1 */\n" >expect &&
	test_cmp expect actual &&
	echo "bitsplit: warning: struct dup differs between hdr/obj/src/a.o and hdr/obj/src/b.o; using the first" >expect &&
	test_cmp expect err
'

test_expect_success '--build errors: no object, a PATH outside the tree' '
	mkdir -p tree obj && echo "int x;" >tree/x.c &&
	bitsplit layout --tree tree --build obj x.c >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	echo "bitsplit: error: obj/x.o: no object for x.c (build it first)" >expect &&
	test_cmp expect err &&
	bitsplit layout --tree tree --build obj ../issue.o >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	echo "bitsplit: error: ../issue.o: not under the tree tree" >expect &&
	test_cmp expect err
'

test_done
