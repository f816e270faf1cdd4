#!/bin/sh
# The running kernel's BTF: every one of its ~9,700 types parses (pahole
# 1.24's "Unknown kind" noise on stderr is not an error), and -C picks one.
. "$(dirname "$0")/lib.sh"

BTF=/sys/kernel/btf/vmlinux
if ! test -r "$BTF"; then
	test_skip 'vmlinux BTF' "$BTF is not readable on this machine"
	test_done
	exit 0
fi

test_expect_success 'the whole vmlinux BTF parses, stderr stays quiet' '
	bitsplit layout --format json "$BTF" >out.json 2>err &&
	test ! -s err &&
	tail -n 1 out.json >actual && echo "}" >expect && test_cmp expect actual
'

test_expect_success 'a saved dump of it gives the same JSON' '
	pahole -F btf "$BTF" >vmlinux.dump 2>/dev/null &&
	bitsplit layout --format json vmlinux.dump >dump.json &&
	test_cmp out.json dump.json
'

test_expect_success '-C task_struct: one struct, its flags location marked' '
	bitsplit layout -C task_struct "$BTF" >out &&
	grep "^struct\|^union" out >actual &&
	echo "struct task_struct {" >expect &&
	test_cmp expect actual &&
	grep -q "location [0-9]*: .*fields" out
'

test_done
