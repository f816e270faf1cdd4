#!/bin/sh
# check --build over a directory the way a kernel build leaves it: an
# object from a file whose whole body is #ifdef'd out holds no struct, a
# function spatch places oddly (defined through a macro) still has facts
# around it; neither ends the run.
. "$(dirname "$0")/lib.sh"

mkdir -p src/drv obj/drv
cat >src/drv/pool.h <<\EOF_H
struct pool {
	int lock;
	unsigned int busy:1;
	unsigned int dirty:1;
};
void pool_lock(int *l);
void pool_unlock(int *l);
EOF_H
# SYSCALL_DEFINE1 is in spatch's own macro file: it reports the function
# as starting at that file's line, past the end of this one.
cat >src/drv/pool.c <<\EOF_C
#include "pool.h"
#define SYSCALL_DEFINE1(name, t1, a1) long sys_##name(t1 a1)
struct pool the_pool;

SYSCALL_DEFINE1(pool_kick, int, how)
{
	the_pool.busy = how;
	return 0;
}

void pool_irq(void)
{
	the_pool.dirty = 1;
}
EOF_C
cat >src/drv/off.c <<\EOF_C
#ifdef CONFIG_NEVER_SET
struct off { int a; };
int off_use(struct off *o) { return o->a; }
#endif
EOF_C

test_expect_success 'build the directory with DWARF' '
	gcc -g -c -o obj/drv/pool.o src/drv/pool.c &&
	gcc -g -c -o obj/drv/off.o src/drv/off.c
'

test_expect_success 'an object without a struct is no source of layouts' '
	test_expect_code 1 bitsplit check --tree src --build obj -j 1 drv >out 2>err &&
	grep -q "^struct pool (drv/pool.h:1)" out &&
	! grep "error:" err
'

test_expect_success 'a function spatch ends before its start is a warning' '
	grep -x "drv/pool.c:770: warning: spatch ends pool_kick at line 9, before its start; taking its extent as unknown" err &&
	grep -x "    proven-race moves busy" out
'

test_expect_success 'the object alone is still no layout' '
	test_expect_code 2 bitsplit layout obj/drv/off.o 2>err &&
	grep -q "^bitsplit: error: obj/drv/off.o: pahole printed no struct" err
'

test_expect_success 'a build without debug information is said' '
	mkdir -p nodebug/drv &&
	gcc -c -o nodebug/drv/pool.o src/drv/pool.c &&
	gcc -c -o nodebug/drv/off.o src/drv/off.c &&
	test_expect_code 0 bitsplit check --tree src --build nodebug -j 1 drv 2>err &&
	grep -x "bitsplit: warning: nodebug: none of the 2 objects for the PATHs has a struct in its debug information: built without -g (CONFIG_DEBUG_INFO)?" err
'

test_done
