#!/bin/sh
# Zero-argument lock wrappers over one global lock: git's read_lock()
# function and work_lock() macros in samples/locks/gitlike.c, and a --data
# entry with a fixed lock for a wrapper defined nowhere in the tree.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null
'

test_expect_success 'functions and macros over one global lock are learned' '
	bitsplit facts -q --tree "$SAMPLES" --build objs locks/gitlike.c >facts &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	cat >expect <<-\EOT &&
	gl_resolve_thread	resolved	read_mutex:w@wrapper=read_lock
	gl_resolve_thread	in_pack	work_mutex:w@wrapper=work_lock
	gl_count_thread	counted	counter_mutex:w@wrapper=counter_lock
	gl_count_thread	resolved	read_mutex:w@wrapper=read_lock
	gl_count_thread	spare	-
	EOT
	test_cmp expect actual
'

test_expect_success 'four flags under three locks and none: three of them move' '
	bitsplit check --tree "$SAMPLES" --build objs locks/gitlike.c >out 2>/dev/null;
	grep "^    proven-race moves" out | tr -cd , >actual &&
	printf ",," >expect &&
	test_cmp expect actual
'

test_expect_success 'a --data entry with a fixed lock works for calls with no argument' '
	mkdir tree &&
	cat >tree/big.c <<-\EOT &&
	struct st { unsigned int a:1; unsigned int b:1; };
	void big_lock(void);
	void big_unlock(void);

	void st_set(struct st *s)
	{
		big_lock();
		s->a = 1;
		big_unlock();
		s->b = 1;
	}
	EOT
	gcc -g -c -o big.o tree/big.c &&
	pahole -I big.o >big.dump &&
	printf "lock\tbig_lock\tw\tbig_kernel_lock\nunlock\tbig_unlock\tw\tbig_kernel_lock\n" >big.txt &&
	bitsplit facts -q --data big.txt --tree tree --layout big.dump . >out &&
	grep -e "^write" -e "^skip" out | cut -f 1,7,13 >actual &&
	printf "write\ta\tbig_kernel_lock:w@lexical\nwrite\tb\t-\n" >expect &&
	test_cmp expect actual
'

test_done
