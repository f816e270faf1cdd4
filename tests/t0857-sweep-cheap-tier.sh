#!/bin/sh
# The cheap tier in C (sweep_scan.c) on samples/sweepscan, whose scan.c
# says by hand what each store is: the function it is in, the struct the
# text shows its base to be (a parameter, a local pointer, a cast, a
# member of a declared struct; "-" through a call), the phase check's roots
# vocabulary gives (the probe, what only the probe calls and an __init
# function are setup; ioctl and read run time; remove is teardown; a
# function no root of the file reaches runs at run time), and no record for
# a store to a local copy.  sc_pair, stored by two run-time functions, is a
# candidate and a proven race; sc_setup, stored only at setup, is no
# candidate; the uapi struct sc_req is a candidate listed apart.  more.c:
# a helper two ops call has both as the roots that reach it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup a tree' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweepscan" tree/
'

test_expect_success 'the write records: function, struct, phase' '
	test_expect_code 1 bitsplit sweep --tree tree --jobs 2 --out out sweepscan >actual &&
	grep "^write	" out/results-1-of-1.tsv | sort -t "	" -k2,2r -s >writes &&
	cat >expect <<-\EOF &&
	write	sweepscan/scan.c	16	4	sc_fill	sc_setup	c	setup
	write	sweepscan/scan.c	22	13	sc_probe	sc_setup	d	setup
	write	sweepscan/scan.c	29	4	sc_boot	sc_setup	d	setup
	write	sweepscan/scan.c	39	4	sc_ioctl	sc_pair	a	runtime
	write	sweepscan/scan.c	40	30	sc_ioctl	sc_req	x	runtime
	write	sweepscan/scan.c	46	12	sc_read	sc_pair	b	runtime
	write	sweepscan/scan.c	47	11	sc_read	sc_req	y	runtime
	write	sweepscan/scan.c	53	18	sc_remove	-	a	setup
	write	sweepscan/scan.c	59	4	sc_clear	sc_pair	b	runtime
	write	sweepscan/more.c	12	4	sc_kick	sc_more	m	runtime
	write	sweepscan/more.c	13	4	sc_kick	sc_more	n	runtime
	EOF
	test_cmp expect writes
'

test_expect_success 'the run-time roots of the file that reach each run-time writer' '
	grep "^reach	" out/results-1-of-1.tsv | sort -t "	" -k2,2r -s >reach &&
	cat >expect <<-\EOF &&
	reach	sweepscan/scan.c	sc_ioctl	sc_ioctl	-
	reach	sweepscan/scan.c	sc_read	sc_read	-
	reach	sweepscan/scan.c	sc_clear	-	-
	reach	sweepscan/more.c	sc_kick	sc_write,sc_poll	-
	EOF
	test_cmp expect reach
'

test_expect_success 'two run-time writers make candidates; setup-only ones do not' '
	grep "^candidates: 2 locations stored at run time by two functions" actual &&
	grep "^1\. struct sc_pair (sweepscan/scan.h:8): a, b: 1 races, 1 from two roots" actual &&
	! grep "sc_setup" actual
'

test_expect_success 'the uapi struct is listed apart, never ranked' '
	sed -n "/^cannot be patched/,\$p" actual >apart &&
	grep "^	struct sc_req (sweepscan/uapi/sc_uapi.h:5): sweepscan/uapi/sc_uapi.h is a uapi header" apart &&
	grep -c "^[0-9]*\. struct" actual >count && echo 1 >expect && test_cmp expect count
'

test_expect_success 'an op of the vocabulary decides the phase: remove made run time' '
	cp -r "$ROOT/semantic-patches" data &&
	sed -i "s/^op	remove		teardown	/op	remove		runtime	/" data/roots-kernel.txt &&
	! cmp -s data/roots-kernel.txt "$ROOT/semantic-patches/roots-kernel.txt" &&
	BITSPLIT_DATADIR="$TRASH/data" bitsplit sweep --tree tree --jobs 2 --out out2 sweepscan >/dev/null;
	grep "^write	.*	sc_remove	" out2/results-1-of-1.tsv >actual &&
	echo "write	sweepscan/scan.c	53	18	sc_remove	-	a	runtime" >expect &&
	test_cmp expect actual
'

test_done
