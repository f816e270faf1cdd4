#!/bin/sh
# A new ":0" where the staying bits fill their unit exactly: rg_full's
# eight flags under lock fill byte 8, so paused and draining, behind the
# ":0", start byte 9 at bit 0, where they would be without it.  DWARF has
# no ":0", so pahole shows one run; verify finds the ":0" in the patched
# source instead, and refuses the patch when it is not there.
. "$(dirname "$0")/lib.sh"

if ! command -v spatch >/dev/null 2>&1; then
	test_skip 'a :0 on a unit boundary' 'spatch (coccinelle) is not installed'
	test_done
	exit 0
fi

test_expect_success 'setup: eight flags under one lock, two under another' '
	mkdir -p tree/rf build &&
	cp -r "$SAMPLES/include" tree/ &&
	cat >tree/rf/rf.h <<\EOF &&
#include "../include/kshim.h"

struct rg_full {
	spinlock_t	lock;
	struct mutex	ctl_lock;
	u8		f0:1, f1:1, f2:1, f3:1, f4:1, f5:1, f6:1, f7:1;
	u8		paused:1;
	u8		draining:1;
	u16		depth;
};
EOF
	cat >tree/rf/rf.c <<\EOF &&
#include "rf.h"

struct rg_full *rf_of(void *data);
struct rf_ops { long (*ioctl)(struct rg_full *q, unsigned int cmd); };

static int rf_irq(int irq, void *data)
{
	struct rg_full *q = rf_of(data);

	spin_lock(&q->lock);
	q->f0 = q->f1 = q->f2 = q->f3 = true;
	q->f4 = q->f5 = q->f6 = q->f7 = false;
	spin_unlock(&q->lock);
	return 0;
}

static long rf_ioctl(struct rg_full *q, unsigned int cmd)
{
	mutex_lock(&q->ctl_lock);
	q->paused = cmd == 1;
	q->draining = cmd == 2;
	mutex_unlock(&q->ctl_lock);
	return 0;
}

const struct rf_ops rf_ops = { .ioctl = rf_ioctl };

int rf_start(struct rg_full *q)
{
	return request_irq(0, rf_irq, 0, "rf", q);
}
EOF
	T=$(cd tree && pwd) &&
	printf "[{\"directory\": \"%s\", \"file\": \"rf/rf.c\", \"arguments\": [\"gcc\", \"-g\", \"-c\", \"-o\", \"%s/rf/rf.o\", \"rf/rf.c\"]}]\n" \
		"$T" "$TRASH/build" >build/compile_commands.json &&
	mkdir -p build/rf && (cd tree && gcc -g -c -o ../build/rf/rf.o rf/rf.c)
'

test_expect_success 'regroup behind a :0 on the boundary, verified from the source' '
	bitsplit fix --tree tree --build build --verify --out out rf >actual 2>err &&
	grep -x "+	u8		:0;" out/rg_full.diff &&
	grep -x "  rg_full: the :0 before paused starts a unit the bits before it fill, which DWARF does not show: it is in the patched source" actual &&
	tail -n 1 actual | grep "2 regrouped fields in the planned memory locations, size 12"
'

test_expect_success 'the same layout without the :0 is refused' '
	grep -v "^+	u8		:0;$" out/rg_full.diff | sed "s/^\\(@@ -[0-9]*,[0-9]* +[0-9]*\\),\\([0-9]*\\)/\\1,X\\2/" >b.diff &&
	n=$(sed -n "s/^@@ .*+[0-9]*,X\\([0-9]*\\) @@.*/\\1/p" b.diff) &&
	sed "s/,X$n @@/,$((n - 1)) @@/" b.diff >broken.diff &&
	cp out/rg_full.plan broken.plan &&
	test_expect_code 2 bitsplit verify --tree tree --build build broken.diff >out.txt 2>err &&
	grep "verify rg_full: paused shares a memory location the plan does not allow" err
'

test_done
