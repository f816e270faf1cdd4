#!/bin/sh
# --macro-file: a project's parse hints reach spatch (after the bundled
# ones), under a shell-safe name whatever the user's file is called.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a function behind a project attribute macro is not parsed' '
	mkdir -p t &&
	printf "#define MAYBE_UNUSED __attribute__((__unused__))\n" >t/compat.h &&
	cat >t/nr.c <<-\EOT &&
	#include "compat.h"
	struct fl { unsigned int a:1; unsigned int b:1; };
	void fl_a(struct fl *f) { f->a = 1; }
	MAYBE_UNUSED static int fl_b(struct fl *f) { f->b = 0; return 0; }
	EOT
	gcc -g -c -It -o nr.o t/nr.c &&
	pahole -I nr.o >nr.dump &&
	bitsplit facts -q --tree t --layout nr.dump nr.c >facts 2>err &&
	grep "^skip" facts | cut -f 3-5 >actual &&
	printf "4\tnot analysed\tparse error\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'with the hint, under a name no shell may see, it is' '
	printf "#define MAYBE_UNUSED\n" >"hints \$(touch pwned).h" &&
	bitsplit facts -q --macro-file "hints \$(touch pwned).h" --tree t --layout nr.dump nr.c >facts &&
	grep "^write" facts | cut -f 5,7 >actual &&
	printf "fl_a\ta\nfl_b\tb\n" >expect &&
	test_cmp expect actual &&
	! grep "^skip" facts &&
	test ! -e pwned && test ! -e t/pwned
'

test_expect_success 'a missing macro file is an error' '
	test_expect_code 2 bitsplit facts -q --macro-file nope.h --tree t --layout nr.dump nr.c 2>err &&
	grep "nope.h: No such file or directory" err
'

test_done
