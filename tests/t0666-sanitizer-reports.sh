#!/bin/sh
# The harness itself: a leak or any other sanitizer report fails the test
# that caused it, whatever the test does with the exit status.  Small
# sanitized programs stand in for bitsplit; a copy of lib.sh runs a test
# script of their stories, and its verdicts are checked here.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build a leaking, an undefined and a clean program' '
	cat >leak.c <<-\EOT &&
	#include <stdlib.h>
	#include <string.h>
	static char *kept;
	int main(int argc, char **argv)
	{
		char *p = strdup(argv[0]);	/* lost: a leak */

		kept = strdup(argv[0]);		/* still reachable: none */
		p = NULL;
		return atoi(argv[1]) + (p != NULL);
	}
	EOT
	cat >ub.c <<-\EOT &&
	#include <limits.h>
	#include <stdlib.h>
	int main(int argc, char **argv)
	{
		int big = INT_MAX - 1 + argc;

		return big + atoi(argv[1]) < 0;
	}
	EOT
	printf "int main(int argc, char **argv) { return argc - 1; }\n" >clean.c &&
	cc -g -fsanitize=address -o leak leak.c &&
	cc -g -fsanitize=undefined -fno-sanitize-recover=all -o ub ub.c &&
	cc -g -fsanitize=address -o clean clean.c &&
	mkdir -p fake/tests &&
	cp "$TEST_DIRECTORY/lib.sh" fake/tests/ &&
	ln -s "$ROOT/scripts" fake/scripts
'

test_expect_success 'a report fails the test, however it reads the status' '
	cat >fake/tests/t-inner.sh <<-EOT &&
	. "\$(dirname "\$0")/lib.sh"
	test_expect_success "a leak, status ignored" "$TRASH/leak 0 || :"
	test_expect_success "a leak, failure expected" "! $TRASH/leak 1"
	test_expect_success "a leak, exit 1 expected" "test_expect_code 1 $TRASH/leak 1"
	test_expect_success "undefined behaviour, failure expected" "! $TRASH/ub 1"
	test_expect_success "clean, failure expected" "! $TRASH/clean x"
	test_expect_success "clean, exit 0" "$TRASH/clean"
	$TRASH/leak 0
	test_done
	EOT
	test_expect_code 1 env TEST_IMMEDIATE= sh fake/tests/t-inner.sh >out &&
	grep -E "^(not )?ok" out | sed "s/ *[0-9]* - / - /" >actual &&
	cat >expect <<-\EOT &&
	not ok - a leak, status ignored
	not ok - a leak, failure expected
	not ok - a leak, exit 1 expected
	not ok - undefined behaviour, failure expected
	ok - clean, failure expected
	ok - clean, exit 0
	not ok - sanitizer report outside the tests
	EOT
	test_cmp expect actual &&
	test $(grep -c "ERROR: LeakSanitizer: detected memory leaks" out) = 4 &&
	grep "runtime error: signed integer overflow" out
'

test_expect_success 'a leak aborts: its status is neither 1 nor 2' '
	(
		ASAN_OPTIONS="$ASAN_OPTIONS:log_path=stderr" &&
		test_expect_code 134 ./leak 1 2>err
	) &&
	grep "ERROR: LeakSanitizer: detected memory leaks" err
'

test_expect_success 'the environment cannot turn leak detection off' '
	cat >fake/tests/t-inner.sh <<-EOT &&
	. "\$(dirname "\$0")/lib.sh"
	test_expect_success "a leak" "$TRASH/leak 0"
	test_done
	EOT
	test_expect_code 1 env ASAN_OPTIONS=detect_leaks=0 sh fake/tests/t-inner.sh >out &&
	grep "^not ok 1 - a leak" out
'

test_done
