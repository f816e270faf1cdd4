#!/bin/sh
# samples/ctor: a subsystem core's constructor and destructor callbacks
# (configfs's make_group and drop_item; IOMMU's probe_device, cgroup's
# css_alloc are the same kind) set up and tear down the object they are
# given, as a driver's probe and remove do.  ro, set while make_group
# builds a LUN, and prevent, cleared by drop_item, are not run-time
# writers; the run-time writers hold the LUN's lock, so nothing moves
# under proven-race.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null 2>&1
'

test_expect_success 'facts: make_group is a setup root, drop_item a teardown one' '
	bitsplit facts -q --tree "$SAMPLES" --build objs ctor >facts 2>/dev/null &&
	grep "^root" facts | cut -f 4-6 >actual &&
	cat >expect <<-\EOT &&
	ct_make_group	setup	make_group
	ct_drop_item	teardown	drop_item
	ct_removable_store	runtime	store
	ct_ioctl	runtime	ioctl
	EOT
	test_cmp expect actual
'

test_expect_success 'check: ro is set up from make_group and nothing races' '
	bitsplit check --tree "$SAMPLES" --build objs ctor >out 2>/dev/null &&
	grep "^    proven-race" out >actual &&
	echo "    proven-race moves nothing" >expect &&
	test_cmp expect actual &&
	grep "^      ro  *setup    ctor/ctor.c:30  ct_lun_open, from make_group: ct_make_group -> ct_lun_open" out &&
	grep "^      teardown ctor/ctor.c:46  ct_drop_item" out
'

test_expect_success 'without the two vocabulary lines make_group is run time and ro races' '
	mkdir data &&
	cp "$TEST_DIRECTORY"/../semantic-patches/* data/ &&
	sed "/^op	make_group	/d; /^op	drop_item	/d" data/roots-kernel.txt >roots.txt &&
	mv roots.txt data/roots-kernel.txt &&
	(
		BITSPLIT_DATADIR="$PWD/data" &&
		test_expect_code 1 bitsplit check --tree "$SAMPLES" --build objs ctor \
			>out 2>/dev/null
	) &&
	grep "^    proven-race moves ro" out
'

test_done
