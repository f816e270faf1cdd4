#!/bin/sh
# Each SYSCALL_DEFINEn (and COMPAT_SYSCALL_DEFINEn) is a function of its
# own in the cheap tier, named by the macro's first argument: two system
# calls of one file that store two fields of one word are two writers,
# not one function "SYSCALL_DEFINE1" storing both.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a file with two system calls' '
	mkdir -p tree/sys &&
	cat >tree/sys/state.h <<-\EOF &&
	struct sys_state {
		unsigned int armed:1;
		unsigned int fired:1;
	};
	EOF
	cat >tree/sys/calls.c <<-\EOF
	#include "state.h"

	static struct sys_state *st;

	SYSCALL_DEFINE1(arm, int, on)
	{
		st->armed = on;
		return 0;
	}

	SYSCALL_DEFINE1(fire, int, on)
	{
		st->fired = on;
		return 0;
	}

	COMPAT_SYSCALL_DEFINE2(rearm, int, on, int, flags)
	{
		st->armed = on;
		return flags;
	}
	EOF
'

test_expect_success 'the writers are arm, fire and rearm, and make a candidate' '
	bitsplit sweep --tree tree --jobs 1 --out out sys >actual;
	grep "^write	" out/results-1-of-1.tsv >writes &&
	cat >expect <<-\EOF &&
	write	sys/calls.c	7	4	arm	sys_state	armed	runtime
	write	sys/calls.c	13	4	fire	sys_state	fired	runtime
	write	sys/calls.c	19	4	rearm	sys_state	armed	runtime
	EOF
	test_cmp expect writes &&
	grep "^candidates: 1 locations stored at run time by two functions" actual
'

test_done
