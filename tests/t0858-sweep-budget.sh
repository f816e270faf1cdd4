#!/bin/sh
# The full tier's budget: candidates are judged strongest cheap evidence
# first (writers two run-time roots reach, then two fields whose writers
# take locks and none of the same name, then more run-time writer
# functions with typed stores a file, then more writer functions), as
# many as their .c files fit in --budget; a uapi struct, which can never
# be patched, comes last.  The summary counts the rest as not judged.
# Here, by hand: bs_strong has three typed writers, each an op (strong.c),
# bs_mid two (mid.c), bs_weak two untyped ones (weak.c: through a call),
# bs_one three typed ones that one ioctl calls (one.c: one root), the
# uapi struct bs_abi three typed ops (abi.c), and bs_locked two typed ops
# that lock apart (locked.c: la against lb; the read lock rw and the
# template lock of device_trylock(), "mutex", are read too).
. "$(dirname "$0")/lib.sh"

writer() {	# file struct field... : one ioctl/read/write writer a field
	file=$1 st=$2; shift 2
	{
		echo "#include \"bs.h\""
		n=0
		for f in "$@"; do
			n=$((n + 1))
			case $st in
			-*) echo "static long w$n(struct bs_dev *d) { bs_w(d)->$f = 1; return 0; }" ;;
			*) echo "static long w$n(struct $st *p) { p->$f = 1; return 0; }" ;;
			esac
		done
		echo "struct bs_ops { long (*ioctl)(void *); long (*read)(void *); long (*write)(void *); };"
		printf "const struct bs_ops ops = { "
		k=0
		for op in ioctl read write; do
			k=$((k + 1)); [ $k -le $n ] && printf ".%s = w%d, " $op $k
		done
		echo "};"
	} >tree/$file
}

test_expect_success 'setup: six candidates in six files' '
	mkdir -p tree/uapi &&
	cat >tree/bs.h <<-\EOF &&
	typedef struct { int s; } spinlock_t;
	struct mutex { int m; };
	struct rw_semaphore { int r; };
	struct device { struct mutex mutex; };
	struct bs_locked { spinlock_t la; struct mutex lb; struct rw_semaphore rw;
			   struct device *dev; unsigned int i:1, j:1; };
	struct bs_strong { unsigned int a:1, b:1; };
	struct bs_mid { unsigned int c:1, d:1; };
	struct bs_weak { unsigned int e:1, f:1; };
	struct bs_one { unsigned int g:1, h:1; };
	struct bs_dev { struct bs_weak *w; };
	struct bs_weak *bs_w(struct bs_dev *d);
	#include "uapi/abi.h"
	EOF
	cat >tree/one.c <<-\EOF &&
	#include "bs.h"
	static void h1(struct bs_one *o) { o->g = 1; }
	static void h2(struct bs_one *o) { o->h = 1; }
	static void h3(struct bs_one *o) { o->g = 0; }
	static long one_ioctl(struct bs_one *o) { h1(o); h2(o); h3(o); return 0; }
	struct one_ops { long (*ioctl)(struct bs_one *); };
	const struct one_ops one_ops = { .ioctl = one_ioctl };
	EOF
	cat >tree/locked.c <<-\EOF &&
	#include "bs.h"
	static long l1(struct bs_locked *p)
	{
		spin_lock(&p->la);
		p->i = 1;
		spin_unlock(&p->la);
		spin_lock(&p->la);	/* the same lock again: named once */
		spin_unlock(&p->la);
		return 0;
	}
	static long l2(struct bs_locked *p)
	{
		down_read(&p->rw);
		mutex_lock(&p->lb);
		p->j = 1;
		mutex_unlock(&p->lb);
		up_read(&p->rw);
		return 0;
	}
	static long l3(struct bs_locked *p)
	{
		if (!device_trylock(p->dev))
			return 0;
		p->i = 0;
		device_unlock(p->dev);
		return 0;
	}
	struct l_ops { long (*ioctl)(void *); long (*read)(void *); long (*write)(void *); };
	const struct l_ops l_ops = { .ioctl = l1, .read = l2, .write = l3 };
	EOF
	echo "struct bs_abi { unsigned int x:1, y:1; };" >tree/uapi/abi.h &&
	writer strong.c bs_strong a b a &&
	writer mid.c bs_mid c d &&
	writer weak.c -w e f &&
	writer abi.c bs_abi x y x
'

test_expect_success 'the locks each writer takes, by the lock vocabulary' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --budget 1 --out b1 . >actual &&
	grep "^reach	locked.c	" b1/results-1-of-1.tsv >reach &&
	cat >expect <<-\EOF &&
	reach	locked.c	l1	l1	la
	reach	locked.c	l2	l2	lb
	reach	locked.c	l3	l3	mutex
	EOF
	test_cmp expect reach &&
	grep "^reach	strong.c	w1	w1	-$" b1/results-1-of-1.tsv
'

test_expect_success 'budget 1: the writers that lock apart before more writers' '
	grep "^not judged: 5 candidates" actual &&
	grep "^[0-9]*\. struct" actual | cut -d" " -f1-3 >ranked &&
	echo "1. struct bs_locked" >expect && test_cmp expect ranked &&
	grep "^	i is written by l1 (from ioctl: l1) holding la, and j by l2 (from read: l2) holding lb and rw for reading: no common lock serializes them$" actual
'

test_expect_success 'budget 2: then the strongest by writers, not the weak, one-root or uapi ones' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --budget 2 --out b2 . >actual &&
	grep "^candidates: 6 locations stored at run time by two functions; facts and verdict on 2 files$" actual &&
	grep "^not judged: 4 candidates with weaker cheap evidence, beyond the budget of 2 files (--budget)$" actual &&
	grep "^[0-9]*\. struct" actual | cut -d" " -f3 | sort >ranked &&
	printf "bs_locked\nbs_strong\n" >expect &&
	test_cmp expect ranked
'

test_expect_success 'budget 0: every candidate, the uapi one listed apart' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --budget 0 --out b0 . >actual &&
	! grep "^not judged" actual &&
	grep "^candidates: 6 locations stored at run time by two functions; facts and verdict on 6 files$" actual &&
	grep "^[0-9]*\. struct" actual | cut -d" " -f3 | sort >ranked &&
	printf "bs_locked\nbs_mid\nbs_one\nbs_strong\nbs_weak\n" >expect && test_cmp expect ranked &&
	grep "^	struct bs_abi (uapi/abi.h:1): uapi/abi.h is a uapi header" actual
'

test_expect_success 'merge takes the same budget' '
	bitsplit sweep --tree tree --shard 1/2 --out s1 . >/dev/null &&
	bitsplit sweep --tree tree --shard 2/2 --out s2 . >/dev/null &&
	test_expect_code 1 bitsplit merge --tree tree --budget 2 --out m s1 s2 >merged &&
	test_cmp b2/summary.txt merged
'

test_expect_success 'a negative budget is an error' '
	test_expect_code 2 bitsplit sweep --tree tree --budget -1 --out bn . 2>err &&
	echo "bitsplit: error: --budget: expected a number of files, 0 for all, got -1" >expect &&
	test_cmp expect err
'

test_done
