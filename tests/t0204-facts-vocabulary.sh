#!/bin/sh
# A lock wrapper the vocabulary does not know is visible as a skip fact;
# a --data file that names it makes it a lock.  (Here-docs drop the
# leading tabs, so the write is in column 1.)
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a driver that locks through its own wrappers' '
	mkdir tree &&
	cat >tree/wrap.c <<-\EOT &&
	struct mutex { int owner; };
	void wrap_lock(struct mutex *m);
	void wrap_unlock(struct mutex *m);

	struct wrap_dev {
		struct mutex	lock;
		unsigned int	busy:1;
		unsigned int	dead:1;
	};

	void wrap_set_busy(struct wrap_dev *wd)
	{
		wrap_lock(&wd->lock);
		wd->busy = 1;
		wrap_unlock(&wd->lock);
	}

	struct wrap_ops {
		void (*start)(struct wrap_dev *wd);
	};

	static const struct wrap_ops wrap_ops = {
		.start = wrap_set_busy,
	};

	void wrap_kick(struct wrap_dev *wd, const struct wrap_ops *ops)
	{
		ops->start(wd);
	}
	EOT
	gcc -g -c -o wrap.o tree/wrap.c &&
	pahole -I wrap.o >wrap.dump &&
	printf "lock\twrap_lock\tw\nunlock\twrap_unlock\tw\n" >wrap-locks.txt
'

test_expect_success 'unknown: no lock held, and the wrapper is a skip fact' '
	bitsplit facts -q --tree tree --layout wrap.dump . >out &&
	grep -e "^write" -e "^skip" out >actual &&
	cat >expect <<-\EOT &&
	write	wrap.c	14	1	wrap_set_busy	wrap_dev	busy	wd	self	=	1	typed	-
	skip	wrap.c	13	unknown lock-like call	wrap_lock
	skip	wrap.c	15	unknown lock-like call	wrap_unlock
	EOT
	test_cmp expect actual
'

test_expect_success 'with --data naming them, the write is under wrap_dev.lock' '
	bitsplit facts -q --data wrap-locks.txt --tree tree --layout wrap.dump . >out &&
	grep -e "^write" -e "^skip" out >actual &&
	printf "write\twrap.c\t14\t1\twrap_set_busy\twrap_dev\tbusy\twd\tself\t=\t1\ttyped\twrap_dev.lock:w@lexical\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a call through an ops field reaches the function stored there' '
	grep "^call" out >actual &&
	printf "call\twrap.c\t28\twrap_kick\twrap_set_busy\t-\n" >expect &&
	test_cmp expect actual
'

test_done
