#!/bin/sh
# Bad input is an error naming the file and line, with exit status 2:
# never a crash, never a silent skip.
. "$(dirname "$0")/lib.sh"

check_error() {	# expected-message command...
	printf '%s\n' "$1" >expect
	shift
	"$@" >out 2>err
	rc=$?
	test "$rc" = 2 || { echo "exit $rc, expected 2"; return 1; }
	test_cmp expect err && test ! -s out
}

test_expect_success 'truncated dump' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n" >trunc.txt &&
	check_error "trunc.txt:2: error: expected '"'};'"' before the end of the input" \
		bitsplit layout trunc.txt
'

test_expect_success 'member without a semicolon' '
	printf "struct x {\n\tint a /* 0 4 */\n};\n" >semi.txt &&
	check_error "semi.txt:2: error: expected '"';'"' at the end of a member" \
		bitsplit layout semi.txt
'

test_expect_success 'offset that is not a number' '
	printf "struct x {\n\tint a;\t/* zero 4 */\n};\n" >num.txt &&
	check_error "num.txt:2: error: expected a byte offset in '"'/* offset size */'"'" \
		bitsplit layout num.txt
'

test_expect_success 'member without offsets' '
	printf "struct x {\n\n\tint a;\n};\n" >nooff.txt &&
	check_error "nooff.txt:3: error: expected '"'/* offset size */'"' after the member" \
		bitsplit layout nooff.txt
'

test_expect_success 'struct without its size line' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n};\n" >nosize.txt &&
	check_error "nosize.txt:3: error: expected '"'/* size: N, ... */'"' before '"'};'"'" \
		bitsplit layout nosize.txt
'

test_expect_success 'unterminated comment' '
	printf "struct x {\n\t/* XXX 4 bytes hole\n};\n" >cmt.txt &&
	check_error "cmt.txt:2: error: expected '"'*/'"' to end the comment" \
		bitsplit layout cmt.txt
'

test_expect_success 'a member pahole could not print (1.24 on _Atomic)' '
	printf "struct s {\n\t<ERROR(__class__fprintf:1609): 0 not found!>\n};\n" >perr.txt &&
	check_error "perr.txt:2: error: pahole could not print a member of s: <ERROR(__class__fprintf:1609): 0 not found!>" \
		bitsplit layout perr.txt
'

test_expect_success 'a file that is not a pahole dump' '
	printf "hello world\n" >hello.txt &&
	check_error "hello.txt:1: error: expected '"'struct NAME {'"' or '"'union NAME {'"'" \
		bitsplit layout hello.txt
'

test_expect_success 'an empty file' '
	: >empty.txt &&
	check_error "bitsplit: error: empty.txt: expected a pahole dump, found no struct" \
		bitsplit layout empty.txt
'

test_expect_success 'bad input on stdin is named <stdin>' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n" >trunc.txt &&
	check_error "<stdin>:2: error: expected '"'};'"' before the end of the input" \
		sh -c "\"$BITSPLIT\" layout - <trunc.txt"
'

test_expect_success 'a struct not in a dump' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n\n\t/* size: 4 */\n};\n" >x.txt &&
	check_error "bitsplit: error: x.txt: struct '"'nosuch'"' not found" \
		bitsplit layout -C x -C nosuch x.txt
'

test_expect_success 'a struct not in an object (pahole exits 0 for it)' '
	gcc -g -c -o issue.o "$SAMPLES/layout/issue.c" &&
	check_error "bitsplit: error: issue.o: struct '"'nosuch'"' not found" \
		bitsplit layout -C nosuch issue.o
'

test_expect_success 'a missing input' '
	check_error "bitsplit: error: nope.o: cannot open: No such file or directory" \
		bitsplit layout nope.o
'

test_expect_success 'an object without debug information: pahole says why' '
	gcc -c -o nodebug.o "$SAMPLES/layout/issue.c" &&
	bitsplit layout nodebug.o >out 2>err; rc=$? &&
	test "$rc" = 2 && test ! -s out &&
	grep -q "^bitsplit: error: nodebug.o: pahole printed no struct: .*has no supported type information" err
'

test_expect_success 'an unknown format and a missing INPUT' '
	bitsplit layout --format xml issue.o >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	head -n 1 err >actual &&
	echo "bitsplit: error: --format must be '"'text'"' or '"'json'"', not '"'xml'"'" >expect &&
	test_cmp expect actual &&
	bitsplit layout >out 2>err; rc=$? &&
	test "$rc" = 2 &&
	head -n 1 err >actual &&
	echo "bitsplit: error: no INPUT: give a pahole dump, an object or a BTF file" >expect &&
	test_cmp expect actual
'

test_done
