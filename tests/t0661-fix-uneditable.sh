#!/bin/sh
# fix and series over a directory where one flagged struct cannot be
# edited (a preprocessor line inside it): that struct is refused with the
# line that stops the editor, the others are written, and the exit status
# is 1, not 2.
. "$(dirname "$0")/lib.sh"

export GIT_AUTHOR_DATE="2026-05-11 16:16:02 -0600" GIT_COMMITTER_DATE="2026-05-11 16:16:02 -0600"

test_expect_success 'setup: two racy structs, one with an #ifdef inside' '
	mkdir -p repo/drv obj/drv &&
	cat >repo/drv/two.h <<-\EOF &&
	struct good {
		int n;
		unsigned int x:1;
		unsigned int y:1;
	};

	struct bad {
		int n;
	#ifdef CONFIG_BAD_EXTRA
		int extra;
	#endif
		unsigned int p:1;
		unsigned int q:1;
	};
	EOF
	cat >repo/drv/two.c <<-\EOF &&
	#include "two.h"
	struct good g;
	struct bad b;

	void set_x(void) { g.x = 1; }
	void set_y(void) { g.y = 1; }
	void set_p(void) { b.p = 1; }
	void set_q(void) { b.q = 1; }
	EOF
	gcc -g -c -o obj/drv/two.o repo/drv/two.c &&
	git -C repo init -q && git -C repo config user.name "Ada Lovelace" &&
	git -C repo config user.email ada@example.org &&
	git -C repo add -A && git -C repo commit -qm "drv: Add two structs"
'

test_expect_success 'fix refuses the struct it cannot edit and writes the other' '
	test_expect_code 1 bitsplit fix --tree repo --build obj --out out drv >actual 2>err &&
	grep -x "struct bad (drv/two.h): refused: drv/two.h:9: expected a member, not a preprocessor line, inside struct bad" actual &&
	grep -x "  wrote out/good.diff" actual &&
	test -s out/good.diff && ! test -e out/bad.diff &&
	! grep "error:" err
'

test_expect_success 'series leaves it out, says why, and writes the rest' '
	(cd repo && test_expect_code 1 bitsplit series --build ../obj --out ../series drv \
		>../actual 2>../err) &&
	cat >expect <<-\EOF &&
	../series/0000-cover-letter.patch
	../series/0001-drv-Fix-racy-bitfields-in-struct-good.patch
	EOF
	test_cmp expect actual &&
	grep -x "struct bad (drv/two.h): refused: drv/two.h:9: expected a member, not a preprocessor line, inside struct bad" err &&
	grep -q "^+unsigned int x;" series/0001-*.patch
'

test_done
