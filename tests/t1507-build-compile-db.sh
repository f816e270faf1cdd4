#!/bin/sh
# --build with a compile_commands.json: objects where CMake, meson or bear
# put them, not BUILD/<path>.o.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a CMake-like build: objects under CMakeFiles/' '
	mkdir -p proj/src build/CMakeFiles/app.dir/src &&
	cat >proj/src/flags.c <<-\EOT &&
	#include <pthread.h>
	struct fl { unsigned int a:1; unsigned int b:1; };
	static struct fl fl;
	static void *t1(void *x) { fl.a = 1; return x; }
	static void *t2(void *x) { fl.b = 1; return x; }
	int main(void)
	{
		pthread_t a, b;
		pthread_create(&a, NULL, t1, NULL);
		pthread_create(&b, NULL, t2, NULL);
		pthread_join(a, NULL);
		pthread_join(b, NULL);
		return 0;
	}
	EOT
	(cd build && gcc -g -O2 -c -o CMakeFiles/app.dir/src/flags.c.o ../proj/src/flags.c) &&
	cat >build/compile_commands.json <<-EOT
	[{"directory": "$TRASH/build",
	  "command": "gcc -g -O2 -o CMakeFiles/app.dir/src/flags.c.o -c $TRASH/proj/src/flags.c",
	  "file": "$TRASH/proj/src/flags.c"}]
	EOT
'

test_expect_success 'a .c PATH finds its object through the database' '
	test_expect_code 1 bitsplit check --tree proj --build build src/flags.c >out 2>err &&
	grep "^    proven-race moves a$" out
'

test_expect_success 'so does a directory PATH' '
	test_expect_code 1 bitsplit check --tree proj --build build src >out 2>err &&
	grep "^    proven-race moves a$" out
'

test_expect_success 'a source the database does not know is still an error' '
	cp proj/src/flags.c proj/src/other.c &&
	test_expect_code 2 bitsplit check --tree proj --build build src/other.c >out 2>err &&
	grep "no object for src/other.c" err
'

test_done
