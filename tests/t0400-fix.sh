#!/bin/sh
# bitsplit fix with --split: the planned layout, the patch a maintainer
# would write (expected diffs written by hand), and the proof by verify.
. "$(dirname "$0")/lib.sh"

EXPECT="$TEST_DIRECTORY/expect/fix"

test_expect_success 'build the samples' '
	cp -R "$SAMPLES" tree &&
	rm -rf tree/build &&
	make -s -C tree O="$TRASH/build" >/dev/null
'

test_expect_success 'vfpci_device: two bools into the hole, ioeventfds_nr tightens' '
	bitsplit fix --tree tree --build build --out out \
		--split vfpci_device.virq_disabled --split vfpci_device.bardirty vfio >actual &&
	cat >expect <<-\EOF &&
	struct vfpci_device (vfio/vfpci_core.h):
	  remedy split: no verdict says what serializes the fields
	  alternatives: regroup +0 bytes, bitops +8 bytes
	struct vfpci_device: size 176 -> 168, naive split in place 176
	  split    virq_disabled            _Bool:1 -> bool          120:2 -> 62
	  split    bardirty                 _Bool:1 -> bool          120:5 -> 63
	  tighten  ioeventfds_nr            int                      136 -> 124
	  before: size 176, cachelines 3, holes: 62 (2 bytes), 121:5 (3 bits), 122 (6 bytes), 140 (4 bytes)
	  after:  size 168, cachelines 3, holes: 121:3 (5 bits), 122 (2 bytes)
	  wrote out/vfpci_device.diff
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/vfpci_device-split.diff" out/vfpci_device.diff &&
	test_cmp "$EXPECT/vfpci_device-split.plan" out/vfpci_device.plan
'

test_expect_success 'the patch applies with git apply -p1 from the top of the tree' '
	cp -R tree applied &&
	(cd applied && git apply --check -p1 ../out/vfpci_device.diff)
'

test_expect_success '--no-tighten: the bools fill the hole, nothing else moves' '
	bitsplit fix --tree tree --build build --out out2 --no-tighten \
		--split vfpci_device.virq_disabled --split vfpci_device.bardirty vfio >out2.txt &&
	grep -x "struct vfpci_device: size 176 -> 176, naive split in place 176" out2.txt &&
	! grep tighten out2.txt &&
	! grep "ioeventfds_nr" out2/vfpci_device.diff
'

test_expect_success 'fc_grow: no hole fits, the struct grows but less than naive' '
	bitsplit fix --tree tree --build build --out out --verify \
		--split fc_grow.fired fixcases >actual &&
	cat >expect <<-\EOF &&
	struct fc_grow (fixcases/fixcases.h):
	  remedy split: no verdict says what serializes the fields
	  alternatives: regroup +4 bytes, bitops +8 bytes
	struct fc_grow: size 8 -> 12, naive split in place 16
	  split    fired                    unsigned int:1 -> unsigned int 0:1 -> 4
	  before: size 8, cachelines 1, holes: 0:4 (4 bits), 1 (3 bytes)
	  after:  size 12, cachelines 1, holes: 0:3 (5 bits), 1 (3 bytes)
	  wrote out/fc_grow.diff
	verify out/fc_grow.diff: struct fc_grow
	  applied in a scratch copy of tree
	  fc_grow: layout as planned in fixcases/fixcases.o: 4 members, 1 split field each alone in its memory location, size 12
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/fc_grow.diff" out/fc_grow.diff
'

test_expect_success 'fc_fits: the split bool fits a hole, the size stays 24' '
	bitsplit fix --tree tree --build build --out out --verify \
		--split fc_fits.stopped fixcases >actual &&
	cat >expect <<-\EOF &&
	struct fc_fits (fixcases/fixcases.h):
	  remedy split: no verdict says what serializes the fields
	  alternatives: regroup +0 bytes, bitops +8 bytes
	struct fc_fits: size 24 -> 24, naive split in place 32
	  split    stopped                  _Bool:1 -> bool          10:1 -> 11
	  before: size 24, cachelines 1, holes: 10:3 (5 bits), 11 (1 byte)
	  after:  size 24, cachelines 1, holes: 10:2 (6 bits)
	  wrote out/fc_fits.diff
	verify out/fc_fits.diff: struct fc_fits
	  applied in a scratch copy of tree
	  fc_fits: layout as planned in fixcases/fixcases.o: 7 members, 1 split field each alone in its memory location, size 24
	EOF
	test_cmp expect actual &&
	test_cmp "$EXPECT/fc_fits.diff" out/fc_fits.diff
'

test_expect_success 'edge_dev: a source :0 stays, annotations stay with their field' '
	bitsplit fix --tree tree --build build --out out --verify --split edge_dev.stat_b \
		--split edge_dev.rx_armed --split edge_dev.cfg_dirty edge >actual &&
	grep -x "struct edge_dev: size 64 -> 72, naive split in place 72" actual &&
	tail -n 1 actual >last &&
	echo "  edge_dev: layout as planned in edge/edge.o: 18 members, 3 split fields each alone in its memory location, size 72" >expect &&
	test_cmp expect last &&
	test_cmp "$EXPECT/edge_dev.diff" out/edge_dev.diff
'

test_expect_success 'fix --verify never writes the tree' '
	cmp "$SAMPLES/vfio/vfpci_core.h" tree/vfio/vfpci_core.h &&
	cmp "$SAMPLES/fixcases/fixcases.h" tree/fixcases/fixcases.h
'

test_expect_success 'on every sample the plan is never larger than the naive split' '
	for sp in vfpci_device.virq_disabled vfpci_device.needs_reset fc_grow.fired \
		  fc_grow.armed fc_fits.stopped fc_fits.started fc_hazard.irq_pending \
		  edge_dev.stat_a edge_dev.tx_armed mlx5vf_device.deferred_reset
	do
		bitsplit fix --tree tree --build build --out naive --split $sp \
			vfio fixcases edge mlx5 >naive.txt || return 1
		set -- $(sed -n "s/^struct [a-z0-9_]*: size [0-9]* -> \([0-9]*\), naive split in place \([0-9]*\)$/\1 \2/p" naive.txt) &&
		test "$#" = 2 && test "$1" -le "$2" || { echo "$sp: $*"; return 1; }
	done
'

test_expect_success 'an unknown field is an error' '
	test_expect_code 2 bitsplit fix --tree tree --build build --out out --split fc_fits.nope fixcases
'

test_expect_success '--apply after --verify patches the tree' '
	make -s -C applied O="$TRASH/build-applied" >/dev/null &&
	bitsplit fix --tree applied --build build-applied --out out3 --apply \
		--split fc_fits.stopped fixcases >out3.txt &&
	tail -n 1 out3.txt >actual &&
	echo "applied 1 patch to applied" >expect &&
	test_cmp expect actual &&
	grep -x "	bool			stopped;" applied/fixcases/fixcases.h
'

test_done
