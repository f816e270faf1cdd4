#!/bin/sh
# In a program only threads run concurrently: a function stored in an ops
# table or handed around by address is no root of its own under the
# pthread preset (callbacks none); it runs where it is called through the
# pointer, and is unknown where that call is not analysed.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a program with an ops table' '
	mkdir -p t &&
	cat >t/ops.c <<-\EOT &&
	#include <pthread.h>
	struct fl { unsigned int a:1; unsigned int b:1; unsigned int c:1; };
	struct ops { void (*run)(struct fl *); void (*undo)(struct fl *); };
	static struct fl fl;
	static void fl_run(struct fl *f) { f->a = 1; }
	static void fl_undo(struct fl *f) { f->c = 0; }
	static const struct ops ops = { .run = fl_run, .undo = fl_undo };
	static void *worker(void *arg)
	{
		const struct ops *o = arg;
		o->run(&fl);
		fl.b = 1;
		return NULL;
	}
	void fl_register(void (*cb)(struct fl *));
	int main(void)
	{
		pthread_t t;
		fl_register(fl_undo);
		pthread_create(&t, NULL, worker, (void *)&ops);
		pthread_join(t, NULL);
		return 0;
	}
	EOT
	gcc -g -c -o ops.o t/ops.c &&
	pahole -I ops.o >ops.dump
'

test_expect_success 'no root for the ops fields or the address taken' '
	bitsplit facts -q --tree t --layout ops.dump ops.c >facts &&
	grep "^root" facts | cut -f 4-6 >actual &&
	printf "main\tsetup\tmain\nworker\truntime\tthread\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the call through ->run in the thread reaches fl_run; fl_undo is unknown' '
	cat >expect <<-\EOT &&
	      runtime  ops.c:5  fl_run
	               from thread: worker -> fl_run
	      runtime  ops.c:12  worker
	      c                  unknown  ops.c:6  fl_undo, no root reaches it
	EOT
	bitsplit check --tree t --layout ops.dump ops.c >out;
	grep -E -A1 "^      (runtime|unknown|setup) |^      c  " out | grep -v -e "^--" -e "holds" -e "from thread: worker$" -e "^$" >actual &&
	test_cmp expect actual
'

# (->run is called in the file set: an edge there too, no root)
test_expect_success 'the kernel preset makes them roots of their own' '
	bitsplit facts -q --preset kernel --tree t --layout ops.dump ops.c >facts &&
	grep "^root" facts | cut -f 4-6 | sort >actual &&
	printf "fl_undo\truntime\taddress-taken\nfl_undo\truntime\tundo\nworker\truntime\taddress-taken\n" >expect &&
	test_cmp expect actual
'

test_done
