#!/bin/sh
# The coccicheck rule on a driver split over four files, run as coccicheck
# runs it: the rule's Options, --dir and the -I path of the kernel headers.
. "$(dirname "$0")/lib.sh"

RULE="$ROOT/semantic-patches/racy_bitfields.cocci"
OPTS=$(grep "Options:" "$RULE" | cut -d: -f2)

run_rule() {	# mode, then what spatch is given
	m=$1
	shift
	spatch -D "$m" --very-quiet --no-show-diff --cocci-file "$RULE" $OPTS \
		-I include "$@" 2>&1
}

test_expect_success 'setup' '
	cp -R "$SAMPLES/coccijoin/." .
'

test_expect_success 'the files of one run are joined: two writers in two files race' '
	run_rule report --dir jdev >out &&
	sed "s/: WARNING: racy bitfield \(jdev\.[a-z_]*\) written in \([a-z_]*\)().* with \([a-z_, ]*\), written in \([a-z_]*\)() .*/ \1 \2 \3 \4/" out >actual &&
	cat >expect <<-\EOT &&
	jdev/jdev_io.c:5:4-8 jdev.busy jdev_do_ioctl irq_on jdev_irq
	jdev/jdev_irq.c:7:4-10 jdev.irq_on jdev_irq busy jdev_do_ioctl
	EOT
	test_cmp expect actual
'

test_expect_success 'the struct is read from the header on the -I path, where it is declared' '
	grep -F "shares a memory location (include/linux/jdev.h:10) with irq_on" out
'

test_expect_success 'a finding is reported once, at the writer in the .c file' '
	cut -d: -f1 out | sort -u >files &&
	printf "jdev/jdev_io.c\njdev/jdev_irq.c\n" >expect &&
	test_cmp expect files &&
	test $(cut -d" " -f1 out | sort | uniq -d | wc -l) = 0
'

test_expect_success 'a setup root in one file makes its callee in another setup' '
	! grep "cap_a" out &&
	run_rule report jdev/jdev_caps.c jdev/jdev_io.c jdev/jdev_irq.c >alone &&
	grep "^jdev/jdev_caps.c:6:4-9: WARNING: racy bitfield jdev.cap_a written in jdev_init_caps()" alone
'

test_expect_success 'fields written under one common lock are not reported' '
	! grep "opened\|mode" out
'

test_expect_success 'a member of a local union is the local copy: not shared' '
	! grep "go\|cycle" out
'

test_expect_success 'without the -I path the header is not found and nothing is reported' '
	spatch -D report --very-quiet --no-show-diff --cocci-file "$RULE" $OPTS --dir jdev >none 2>&1 &&
	test ! -s none
'

test_done
