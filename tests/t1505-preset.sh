#!/bin/sh
# --preset kernel|pthread picks the vocabularies, never both; without it
# the tree and the PATHs decide (preset.h).
. "$(dirname "$0")/lib.sh"

test_expect_success 'a userspace tree: configure at the top, no <pthread.h> in the file' '
	mkdir -p user/src &&
	: >user/configure &&
	cat >user/src/flags.c <<-\EOT &&
	#include "mylock.h"
	struct fl { unsigned int a:1; unsigned int b:1; };
	void fl_a(struct fl *f, pthread_mutex_t *m)
	{
		pthread_mutex_lock(m);
		f->a = 1;
	}
	void fl_b(struct fl *f, pthread_mutex_t *m)
	{
		mutex_lock(m);
		f->b = 1;
	}
	EOT
	printf "typedef int pthread_mutex_t;\n" >user/src/mylock.h &&
	gcc -g -c -o flags.o user/src/flags.c -Iuser/src -w &&
	pahole -I flags.o >flags.dump &&
	bitsplit facts -q --tree user --layout flags.dump src >facts &&
	grep "^write" facts | cut -f 7,13 >actual &&
	printf "a\tm:w@lexical\nb\t-\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--preset kernel on the same tree takes the kernel names only' '
	bitsplit facts -q --preset kernel --tree user --layout flags.dump src >facts &&
	grep "^write" facts | cut -f 7,13 >actual &&
	printf "a\t-\nb\tm:w@lexical\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a kernel tree (include/linux) is kernel, even with configure' '
	mkdir -p user/include/linux &&
	bitsplit facts -q --tree user --layout flags.dump src >facts &&
	grep "^write" facts | cut -f 7,13 >actual &&
	printf "a\t-\nb\tm:w@lexical\n" >expect &&
	test_cmp expect actual &&
	rmdir user/include/linux
'

test_expect_success 'any other tree: pthread when the PATHs include <pthread.h>' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1 &&
	bitsplit facts -q --tree "$SAMPLES" --build objs pthread >facts &&
	grep -q "^thread" facts &&
	bitsplit facts -q --tree "$SAMPLES" --build objs vfio >facts &&
	grep -q "vfpci_device.memory_lock:w@lexical" facts
'

test_expect_success 'an unknown preset is an error' '
	test_expect_code 2 bitsplit facts --preset bsd --tree user --layout flags.dump src 2>err &&
	echo "bitsplit: error: unknown preset '"'"'bsd'"'"': expected kernel or pthread" >expect &&
	test_cmp expect err
'

test_done
