#!/bin/sh
# The coccicheck modes of the rule on the four-file driver: patch applies
# and compiles, context marks the lines, org lists what report says.
. "$(dirname "$0")/lib.sh"

RULE="$ROOT/semantic-patches/racy_bitfields.cocci"
OPTS=$(grep "Options:" "$RULE" | cut -d: -f2)

run_rule() {	# mode
	spatch -D "$1" --very-quiet --cocci-file "$RULE" $OPTS -I include --dir jdev 2>&1
}

test_expect_success 'setup' '
	cp -R "$SAMPLES/coccijoin/." .
'

test_expect_success 'patch: the racy fields lose their width in the header' '
	run_rule patch >patch &&
	cat >expect <<-\EOT &&
	diff -u -p a/include/linux/jdev.h b/include/linux/jdev.h
	--- a/include/linux/jdev.h
	+++ b/include/linux/jdev.h
	@@ -7,8 +7,8 @@ int request_irq(unsigned int irq, void (
	 
	 struct jdev {
	 	unsigned int cap_a:1;	/* set up by probe, through jdev_caps.c */
	-	unsigned int busy:1;	/* ioctl, in jdev_io.c */
	-	unsigned int irq_on:1;	/* the interrupt handler, in jdev_irq.c */
	+	unsigned int busy;	/* ioctl, in jdev_io.c */
	+	unsigned int irq_on;	/* the interrupt handler, in jdev_irq.c */
	 	int count;
	 	unsigned int opened:1;	/* opened and mode: both under lock */
	 	unsigned int mode:1;
	EOT
	test_cmp expect patch
'

test_expect_success 'patch: applies with git apply and the driver compiles' '
	git apply patch &&
	grep -x "	unsigned int busy;	/\* ioctl, in jdev_io.c \*/" include/linux/jdev.h &&
	for f in jdev/*.c; do gcc -fsyntax-only -Wall -I include "$f" || return 1; done &&
	git apply -R patch
'

test_expect_success 'context: the declarations and the writes, starred' '
	run_rule context >context &&
	grep "^diff -u -p " context >heads &&
	cat >expect <<-\EOT &&
	diff -u -p include/linux/jdev.h /tmp/nothing/include/linux/jdev.h
	diff -u -p jdev/jdev_io.c /tmp/nothing/jdev/jdev_io.c
	diff -u -p jdev/jdev_irq.c /tmp/nothing/jdev/jdev_irq.c
	EOT
	test_cmp expect heads &&
	grep "^-" context | grep -v "^---" >starred &&
	cat >expect <<-\EOT &&
	-	unsigned int busy:1;	/* ioctl, in jdev_io.c */
	-	unsigned int irq_on:1;	/* the interrupt handler, in jdev_irq.c */
	-	d->busy = cmd & 1;
	-	d->irq_on = 0;
	EOT
	test_cmp expect starred &&
	grep -x "@@ -4,7 +4,6 @@ void jdev_irq(int irq, void \*data)" context
'

test_expect_success 'org: one TODO per report line, linking the same place' '
	run_rule report >report &&
	test -s report &&
	sed -e "s/^\([^:]*\):\([0-9]*\):\([0-9]*\)-\([0-9]*\): \(.*\)$/* TODO [[view:\1::face=ovl-face1::linb=\2::colb=\3::cole=\4][\5]]/" \
		report >expect &&
	run_rule org >actual &&
	test_cmp expect actual
'

test_done
