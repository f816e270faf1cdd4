#!/bin/sh
# A dump that cannot describe a C struct is refused at the member's line:
# a bitfield wider than its type, a member past the end of its struct or
# of the nested aggregate holding it.
. "$(dirname "$0")/lib.sh"

check_error() {	# expected-message file
	printf '%s\n' "$1" >expect
	bitsplit layout "$2" >out 2>err
	rc=$?
	test "$rc" = 2 || { echo "exit $rc, expected 2"; return 1; }
	test_cmp expect err && test_cmp /dev/null out
}

test_expect_success 'a 9-bit field in a 1-byte type' '
	printf "struct x {\n\tunsigned char a:9;\t/* 0: 0  1 */\n\n\t/* size: 4, cachelines: 1, members: 1 */\n};\n" >wide.txt &&
	check_error "wide.txt:2: error: expected a bitfield of at most 8 bits in its 1-byte type, got 9" wide.txt
'

test_expect_success 'a member past the size of the struct' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n\tint b;\t/* 4 4 */\n\n\t/* size: 6, cachelines: 1, members: 2 */\n};\n" >past.txt &&
	check_error "past.txt:3: error: expected member b to end by bit 48 (the end of x), got bit 64" past.txt
'

test_expect_success 'a bitfield past the size of the struct' '
	printf "struct x {\n\tint a;\t/* 0 4 */\n\tunsigned int f:4;\t/* 8: 0 4 */\n\n\t/* size: 8, cachelines: 1, members: 2 */\n};\n" >bits.txt &&
	check_error "bits.txt:3: error: expected member f to end by bit 64 (the end of x), got bit 68" bits.txt
'

test_expect_success 'a member past the end of its nested struct' '
	cat >nested.txt <<-\EOT &&
	struct x {
		int a;	/* 0 4 */
		struct {
			int c;	/* 4 4 */
			int d;	/* 8 4 */
		} in;	/* 4 4 */

		/* size: 12, cachelines: 1, members: 2 */
	};
	EOT
	check_error "nested.txt:5: error: expected member d to end by bit 64 (the end of in), got bit 96" nested.txt
'

test_expect_success 'a flexible array of structs: its element is printed past the end, as pahole does' '
	cat >flex.txt <<-\EOT &&
	struct btf_id_set8 {
		u32 cnt;	/* 0 4 */
		u32 flags;	/* 4 4 */
		struct {
			u32 id;	/* 8 4 */
			u32 flags;	/* 12 4 */
		} pairs[]; /* 8 0 */

		/* size: 8, cachelines: 1, members: 3 */
	};
	EOT
	bitsplit layout flex.txt >out &&
	grep -q "^struct btf_id_set8 {" out
'

test_done
