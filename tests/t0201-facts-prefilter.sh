#!/bin/sh
# Files that never name a candidate field are not given to spatch; a file
# spatch cannot parse is reported, never dropped in silence; the tree is
# left as it was.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a tree: the negative sample, a file with no candidate name and a broken writer' '
	mkdir -p tree/negative tree/include &&
	cp "$SAMPLES/include/kshim.h" tree/include/ &&
	cp "$SAMPLES/negative/quiet.h" "$SAMPLES/negative/quiet.c" tree/negative/ &&
	gcc -g -c -o quiet.o tree/negative/quiet.c &&
	pahole -I quiet.o >quiet.dump &&
	cat >tree/negative/noise.c <<-\EOT &&
	/* No candidate field here, and it does not even parse: never read. */
	int noise(int x) { return x +; }
	EOT
	cat >tree/negative/broken.c <<-\EOT &&
	#include "quiet.h"

	void broken_set(struct quiet_dev *qdev)
	{
		qdev->has_msi = 1;
	}

	int broken_parse(struct quiet_dev *qdev)
	{
		qdev->is_virtfn = = 1;
		return 0;
	}
	EOT
	touch stamp
'

test_expect_success 'noise.c is filtered out, broken.c is analysed and its parse error reported' '
	bitsplit facts --tree tree --layout quiet.dump negative >out 2>err &&
	cat >expect <<-\EOT &&
	bitsplit facts: 2 candidate structs, 2 of 3 files name a candidate field
	negative/broken.c:10: warning: not analysed: parse error; spatch skips the enclosing function or declaration
	bitsplit facts: 6 writes (0 untyped), 1 not analysed
	EOT
	test_cmp expect err
'

test_expect_success 'the parse error is a skip fact; the good writer (column 1: the here-doc drops tabs) is found' '
	grep -e "^skip" -e "^write	negative/broken.c" out >actual &&
	printf "write\tnegative/broken.c\t5\t1\tbroken_set\tquiet_dev\thas_msi\tqdev\tself\t=\t1\ttyped\t-\n" >expect &&
	printf "skip\tnegative/broken.c\t10\tnot analysed\tparse error\n" >>expect &&
	test_cmp expect actual
'

test_expect_success 'the tree is untouched: no file added or changed' '
	find tree -newer stamp >changed &&
	test_cmp /dev/null changed &&
	ls -A tree/negative >actual &&
	printf "broken.c\nnoise.c\nquiet.c\nquiet.h\n" >expect &&
	test_cmp expect actual
'

test_done
