#!/bin/sh
# A NUL byte in text input is an error at its line, exit 2: a C string
# ends at a NUL, so the rest of the file would be dropped without a word.
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/check"

nul_error() {	# file line command...
	printf "%s:%s: error: unexpected NUL byte\n" "$1" "$2" >expect
	shift 2
	"$@" >out 2>err
	rc=$?
	test "$rc" = 2 || { echo "exit $rc, expected 2"; return 1; }
	test_cmp expect err
}

test_expect_success 'setup: the vfio sample, built' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

test_expect_success 'a NUL at line 11 of a facts file (it dropped the rest)' '
	{ head -n 10 "$EXP/vfio.facts" && printf "\000" &&
	  tail -n +11 "$EXP/vfio.facts"; } >bad.facts &&
	nul_error bad.facts 11 bitsplit check --tree "$SAMPLES" \
		--layout obj/vfio/vfpci_core.o --facts bad.facts
'

test_expect_success 'a NUL in a type name of a dump' '
	printf "struct x {\n\tin\000t a;\t/* 0 4 */\n\n\t/* size: 4, cachelines: 1, members: 1 */\n};\n" >nul.txt &&
	nul_error nul.txt 2 bitsplit layout nul.txt
'

test_expect_success 'the same dump on stdin' '
	nul_error "<stdin>" 2 bitsplit layout - <nul.txt
'

test_expect_success 'a NUL in sweep results' '
	printf "shard\t1\t1\nstat\t1\t1\t1\t0\t0\tdecl\000arations\n" >results-1-of-1.tsv &&
	nul_error results-1-of-1.tsv 2 bitsplit merge --out merged results-1-of-1.tsv
'

test_expect_success 'a NUL in a --data vocabulary' '
	printf "# mine\nlock my_lock w\000\n" >data.txt &&
	nul_error data.txt 2 bitsplit facts --data data.txt --tree "$SAMPLES" \
		--layout obj/vfio/vfpci_core.o vfio
'

test_expect_success 'a NUL in a .plan' '
	bitsplit fix --tree "$SAMPLES" --layout obj/vfio/vfpci_core.o --out fixed vfio >/dev/null &&
	sed "3s/^/\\x00/" fixed/vfpci_device.plan >plan && mv plan fixed/vfpci_device.plan &&
	nul_error fixed/vfpci_device.plan 3 bitsplit verify --tree "$SAMPLES" \
		--build obj fixed/vfpci_device.diff
'

test_done
