#!/bin/sh
# samples/lifecycle/hcore: the usb_add_hcd()/usb_remove_hcd() shape.  The
# core exports hc_add_host() and hc_remove_host() and no root of the core
# reaches them (host drivers call them from their probe and remove): as an
# exported add/remove pair they are the host's setup and teardown, so
# rh_pollable and rh_registered race with nothing, and the report names the
# assumption.  hc_add_quirk() (no remove) and hc_start_polling()/
# hc_stop_polling() (start/stop is no lifecycle pair) stay run time.
# quirk, polling and resumed race with each other; resumed is the one
# whose writer holds a lock (the PM core's device lock around .resume), so
# the cover moves the other two.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o hc.o "$SAMPLES/lifecycle/hcore/hcore.c"
'

test_expect_success 'facts: one setup and one teardown root for the pair' '
	bitsplit facts --tree "$SAMPLES" --layout hc.o lifecycle/hcore >facts 2>err &&
	grep "^root" facts | cut -f 4- >actual &&
	cat >expect <<-\EOT &&
	hc_resume	runtime	resume	device.mutex:w@entry,runtime_pm:r@entry
	hc_add_host	setup	lifecycle pair with hc_remove_host (assumed)
	hc_remove_host	teardown	lifecycle pair with hc_add_host (assumed)
	EOT
	sort expect >expect.sorted && sort actual >actual.sorted &&
	test_cmp expect.sorted actual.sorted &&
	grep "hc_add_host() and hc_remove_host(): an exported add/remove pair" err
'

test_expect_success 'check: the pair writes no longer move, the others still do' '
	bitsplit check --tree "$SAMPLES" --layout hc.o lifecycle/hcore >out;
	test $? = 1 &&
	grep -E "^    proven-race moves|^      (rh_registered|rh_pollable) " out >actual &&
	cat >expect <<-\EOT &&
	    proven-race moves quirk, polling
	      rh_registered      setup    lifecycle/hcore/hcore.c:24  hc_register_root, from lifecycle pair with hc_remove_host (assumed): hc_add_host -> hc_register_root
	      rh_pollable        setup    lifecycle/hcore/hcore.c:31  hc_stop, from lifecycle pair with hc_remove_host (assumed): hc_add_host -> hc_stop
	EOT
	test_cmp expect actual &&
	grep "teardown lifecycle/hcore/hcore.c:48  hc_remove_host, from lifecycle pair with hc_add_host (assumed): hc_remove_host" out &&
	grep -A2 "runtime  lifecycle/hcore/hcore.c:62  hc_start_polling" out | grep "no root reaches it"
'

test_done
