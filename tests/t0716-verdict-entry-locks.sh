#!/bin/sh
# samples/entrylock/drv: the locks a callback's caller holds, from the
# roots vocabulary (op suspend ... holds=device.mutex,runtime_pm:r), and
# one device lock reached two ways (device_lock(dev) on the struct device,
# device_lock(&el->dev) through the el_dev that embeds it).  suspended,
# lpm and armed are serialized by that mutex; idle, written by the runtime
# PM callback, which takes no device lock, races with both stores.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the sample with DWARF' '
	${CC:-cc} -g -O2 -c -o drv.o "$SAMPLES/entrylock/drv/drv.c"
'

test_expect_success 'facts: a PM root holds what the vocabulary says its caller holds' '
	bitsplit facts -q --tree "$SAMPLES" --layout drv.o entrylock >facts &&
	grep "^root" facts | cut -f 4,6,7 >actual &&
	cat >expect <<-\EOT &&
	el_suspend	suspend	device.mutex:w@entry,runtime_pm:r@entry
	el_runtime_suspend	runtime_suspend	runtime_pm:w@entry
	el_lpm_store	store
	el_armed_store	store
	EOT
	test_cmp expect actual
'

test_expect_success 'check: only the field the runtime PM callback writes moves' '
	bitsplit check --tree "$SAMPLES" --layout drv.o --facts facts entrylock >out;
	test $? = 1 &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves idle" >expect &&
	test_cmp expect actual &&
	grep -A2 "^    armed: " out >actual &&
	cat >expect <<-\EOT &&
	    armed: moves under setup-only, stays under proven-race
	      armed races only with idle, which moves out, and the other run-time writers that stay here
	      are serialized against it by mutex.
	EOT
	test_cmp expect actual
'

test_expect_success 'check: the suspend callback names the lock and where it was learned' '
	grep -A5 "^    suspended: " out | tail -n 1 >actual &&
	echo "               holds mutex (held around the callback by its caller: roots vocabulary), a runtime-PM reference (held around the callback by its caller: roots vocabulary)" >expect &&
	test_cmp expect actual
'

test_done
