#!/bin/sh
# A diff names files inside the tree and nothing else: verify refuses an
# absolute path or one that leaves the tree before it touches anything
# (it used to unlink the target while preparing its scratch copy), and fix
# names a header reached through ".." by its normalized path.
. "$(dirname "$0")/lib.sh"

tmp="$TRASH/tmp"

test_expect_success 'setup: a header included through ".."' '
	mkdir -p tree/drv build/drv tmp &&
	printf "struct s2 {\n\tunsigned char a:1;\n\tunsigned char b:1;\n\tint n;\n};\n" \
		>tree/drv/s.h &&
	printf "#include \"../drv/s.h\"\nvoid f(struct s2 *p) { p->a = 1; }\n" >tree/drv/x.c &&
	(cd tree && gcc -g -O2 -c -o "$TRASH/build/drv/x.o" drv/x.c) &&
	cat >build/compile_commands.json <<-EOF &&
	[{"directory": "$TRASH/tree", "file": "drv/x.c", "output": "$TRASH/build/drv/x.o",
	  "arguments": ["gcc", "-g", "-O2", "-c", "-o", "$TRASH/build/drv/x.o", "drv/x.c"]}]
	EOF
	pahole -I build/drv/x.o | grep -F "drv/../drv/s.h:1"
'

test_expect_success 'fix names the header drv/s.h' '
	bitsplit fix --tree tree --build build --split s2.a --out out drv >actual &&
	head -n 3 out/s2.diff >actual &&
	cat >expect <<-\EOF &&
	diff --git a/drv/s.h b/drv/s.h
	--- a/drv/s.h
	+++ b/drv/s.h
	EOF
	test_cmp expect actual &&
	printf "struct\ts2\t8\tdrv/s.h\n" >expect &&
	head -n 1 out/s2.plan >actual &&
	test_cmp expect actual
'

test_expect_success 'and that patch verifies' '
	TMPDIR="$tmp" bitsplit verify --tree tree --build build out/s2.diff >actual &&
	cat >expect <<-\EOF &&
	verify out/s2.diff: struct s2
	  applied in a scratch copy of tree
	  s2: layout as planned in drv/x.o: 3 members, 1 split field each alone in its memory location, size 8
	EOF
	test_cmp expect actual
'

# PATH in every header of base.diff, the plan next to it
hostile() {	# NAME PATH
	sed "s|drv/s.h|$2|g" base.diff >"$1.diff" &&
	cp base.plan "$1.plan"
}

refused() {	# NAME LINE PATH: verify and verify --apply refuse it, nothing touched
	for apply in "" --apply; do
		TMPDIR="$tmp" bitsplit verify --tree tree --build build $apply "$1.diff" \
			>out.txt 2>err
		rc=$?
		echo "$1.diff:$2: error: expected a path inside the tree, got '$3'" >expect &&
		test_cmp expect err &&
		test "$rc" = 2 &&
		test_cmp /dev/null out.txt &&
		echo victim >expect &&
		test_cmp expect victim &&
		test_cmp expect tree/victim || return 1
	done
}

test_expect_success 'setup: files a hostile diff would name, a patch to bend' '
	echo victim >victim &&
	echo victim >tree/victim &&
	cat >base.diff <<-\EOF &&
	diff --git a/drv/s.h b/drv/s.h
	--- a/drv/s.h
	+++ b/drv/s.h
	@@ -1,3 +1,3 @@
	 struct s2 {
	-	unsigned char a:1;
	+	unsigned char a;
	 	unsigned char b:1;
	EOF
	printf "struct\ts2\t8\tdrv/s.h\n" >base.plan
'

# from the scratch tree TMPDIR/bitsplit-verify.XXXXXX/tree, ../../.. is TRASH
test_expect_success 'a path leaving the tree is refused, its target kept' '
	hostile up ../../../victim &&
	refused up 1 ../../../victim
'

test_expect_success 'an absolute path is refused' '
	hostile abs "$TRASH/victim" &&
	grep -F "diff --git a/$TRASH/victim b/$TRASH/victim" abs.diff &&
	refused abs 1 "$TRASH/victim"
'

test_expect_success 'a ".." inside the tree is refused too' '
	hostile dot drv/../victim &&
	refused dot 1 drv/../victim
'

test_expect_success 'a --- or +++ line leaving the tree is refused' '
	sed "2s|a/drv/s.h|a/../../../victim|" base.diff >minus.diff &&
	cp base.plan minus.plan &&
	refused minus 2 a/../../../victim &&
	sed "3s|b/drv/s.h|b/../../../victim|" base.diff >plus.diff &&
	cp base.plan plus.plan &&
	refused plus 3 b/../../../victim
'

test_expect_success 'a rename out of the tree is refused' '
	sed "1a\\
rename from ../../../victim\\
rename to drv/s.h" base.diff >mv.diff &&
	cp base.plan mv.plan &&
	refused mv 2 ../../../victim
'

test_done
