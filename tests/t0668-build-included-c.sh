#!/bin/sh
# check --build on a .c file that is no compile of its own but #included
# by one that is, as kbuild builds kernel/sched: build_policy.o from
# build_policy.c, which pulls in rt.c, deadline.c, syscalls.c ...  There
# is no rt.o; the object's .build_policy.o.cmd record lists rt.c among
# the files it read, and that object holds the layouts.
. "$(dirname "$0")/lib.sh"

mkdir -p src/drv obj/drv
cat >src/drv/pool.h <<\EOF_H
struct pool {
	int lock;
	unsigned int busy:1;
	unsigned int dirty:1;
};
EOF_H
cat >src/drv/part.c <<\EOF_C
void pool_kick(struct pool *p)
{
	p->busy = 1;
}

void pool_irq(struct pool *p)
{
	p->dirty = 1;
}
EOF_C
cat >src/drv/unity.c <<\EOF_C
#include "pool.h"
#include "part.c"
EOF_C
echo 'int alone;' >src/drv/alone.c

# what kbuild writes next to the object of an O= build: absolute sources
write_cmd() {
	cat >obj/drv/.unity.o.cmd <<-EOF_CMD
	savedcmd_drv/unity.o := gcc -g -c -o drv/unity.o $PWD/src/drv/unity.c
	
	source_drv/unity.o := $PWD/src/drv/unity.c
	
	deps_drv/unity.o := \\
	  $PWD/src/drv/unity.c \\
	  $PWD/src/drv/pool.h \\
	  $PWD/src/drv/$1 \\
	
	drv/unity.o: \$(deps_drv/unity.o)
	
	\$(deps_drv/unity.o):
	EOF_CMD
}

test_expect_success 'build the unity object with DWARF and its kbuild record' '
	(cd src && gcc -g -c -o ../obj/drv/unity.o drv/unity.c) &&
	write_cmd part.c
'

test_expect_success 'the included file takes its layouts from the object that read it' '
	test_expect_code 1 bitsplit check --tree src --build obj -j 1 drv/part.c >out 2>err &&
	grep -q "^struct pool (drv/pool.h:1)" out &&
	grep -x "    proven-race moves busy" out &&
	! grep "error:" err
'

test_expect_success 'named with the file that includes it, one verdict for its struct' '
	test_expect_code 1 bitsplit check --tree src --build obj -j 1 drv/unity.c drv/part.c \
		--format json >both.json 2>err &&
	! grep "error:" err &&
	grep -c "^      \"name\": \"pool\"," both.json >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

test_expect_success 'a file no object read is still an error' '
	test_expect_code 2 bitsplit check --tree src --build obj -j 1 drv/alone.c 2>err &&
	grep -x "bitsplit: error: obj/drv/alone.o: no object for drv/alone.c (build it first)" err
'

test_expect_success 'a record whose deps name another file of that name does not count' '
	write_cmd other/part.c &&
	test_expect_code 2 bitsplit check --tree src --build obj -j 1 drv/part.c 2>err &&
	grep -x "bitsplit: error: obj/drv/part.o: no object for drv/part.c (build it first)" err
'

test_done
