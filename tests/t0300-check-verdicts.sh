#!/bin/sh
# The verdict for every sample under both policies, from hand-written facts
# (tests/expect/check/*.facts) and the layout pahole reads from the built
# objects.  The expected moves below are worked out from each sample's code:
#
# vfio: the config-space writers of virq_disabled and bardirty hold only a
#   runtime-PM reference, so they race with each other and with every
#   memory_lock writer; the memory_lock writers (needs_reset,
#   pm_runtime_engaged, sriov_pwr_active) serialize among themselves, and
#   pm_intx_masked is written only by runtime PM callbacks, which exclude
#   every reference holder.  Cover: {virq_disabled, bardirty}.  setup-only
#   moves all six fields with a run-time writer.
# mlx5: deferred_reset is set under reset_lock by .reset_done, mdev_detach
#   and log_active under state_mutex: deferred_reset alone breaks both
#   races (its other writer also holds state_mutex, from every caller).
# edge, first location: needs_reset (cleared on siblings under
#   edge_list_lock, bumped under cfg_lock) races with everything;
#   irq_pending and inline_set hold lock, cfg_dirty and macro_set
#   cfg_lock, so one pair must go with needs_reset: the search takes
#   irq_pending and inline_set.  opened is written only at open/release
#   (and under cfg_lock).  Second location: rx_armed (lock) and tx_armed
#   (cfg_lock) sit in different bytes of one location and race; spare has
#   no writer.  stat_a and stat_b are split by ":0": no shared location.
# pool: running and draining both hold lock; stats_dirty (stat_lock) and
#   reconfig (cfg_lock, read in worker) race with the rest: cover
#   {stats_dirty, reconfig}.  verbose is written in main() before threads.
# quiet: probe-only writes and writes on a local copy: nothing moves, and
#   quiet_cfg, written only on a stack copy, is left out of the verdict.
. "$(dirname "$0")/lib.sh"

EXP="$TEST_DIRECTORY/expect/check"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

check() {	# sample object, facts, then check options
	obj=$1 facts=$2
	shift 2
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/$obj" \
		--facts "$EXP/$facts" "$@"
}

moves() {	# the "POLICY moves ..." lines of the text report
	grep -E "^    (proven-race|setup-only) +moves" || true
}

test_expect_success 'vfio: the config-space pair moves under proven-race' '
	cat >expect <<-\EOT &&
	    proven-race moves virq_disabled, bardirty
	    setup-only  moves virq_disabled, bardirty, needs_reset, pm_intx_masked, pm_runtime_engaged, sriov_pwr_active
	EOT
	check vfio/vfpci_core.o vfio.facts >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'mlx5: deferred_reset (reset_lock) against state_mutex' '
	cat >expect <<-\EOT &&
	    proven-race moves deferred_reset
	    setup-only  moves deferred_reset, mdev_detach, log_active
	EOT
	check mlx5/mlx5vf_main.o mlx5.facts >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'edge: sibling walk, caller lock, different bytes, :0 pair' '
	cat >expect <<-\EOT &&
	    proven-race moves needs_reset, irq_pending, inline_set
	    setup-only  moves needs_reset, irq_pending, cfg_dirty, macro_set, inline_set
	    proven-race moves rx_armed
	    setup-only  moves rx_armed, tx_armed
	EOT
	check edge/edge.o edge.facts >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual &&
	! grep -E "stat_a|stat_b" out
'

test_expect_success 'pool: pthread mutex, spin, rwlock read side, trylock' '
	cat >expect <<-\EOT &&
	    proven-race moves stats_dirty, reconfig
	    setup-only  moves running, stats_dirty, reconfig, draining
	EOT
	check pthread/pool.o pool.facts >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'quiet: probe-only and local-copy writes move nothing' '
	cat >expect <<-\EOT &&
	    proven-race moves nothing
	    setup-only  moves nothing
	struct quiet_cfg left out: its instances are never shared: every bitfield write is to a stack object or to an object its writer'"'"'s call tree allocated and has not published
	EOT
	check negative/quiet.o quiet.facts >out &&
	{ moves <out && grep "left out" out; } >actual &&
	test_cmp expect actual &&
	check negative/quiet.o quiet.facts --policy setup-only >/dev/null
'

test_expect_success 'the policy picks the exit code: same-lock fields' '
	check mlx5/mlx5vf_main.o mlx5.facts --policy setup-only >/dev/null; test $? = 1 &&
	grep -v deferred_reset "$EXP/mlx5.facts" >no-reset.facts &&
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/mlx5/mlx5vf_main.o" \
		--facts no-reset.facts >out; test $? = 0 &&
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/mlx5/mlx5vf_main.o" \
		--facts no-reset.facts --policy setup-only >out; test $? = 1
'

test_expect_success 'a writer that breaks a __guarded_by annotation is a note' '
	sed "/^write.edge\/edge.c.128/s/edge_dev.cfg_lock:w@scoped_guard\$/edge_dev.lock:w@lexical/" \
		"$EXP/edge.facts" >broken.facts &&
	bitsplit check --tree "$SAMPLES" --layout "$TRASH/obj/edge/edge.o" \
		--facts broken.facts --format gcc >out; test $? = 1 &&
	grep "annotated" out >actual &&
	echo "edge/edge.h:11: note: struct edge_dev: cfg_dirty is annotated as guarded by cfg_lock (edge/edge.h:20), but edge_write writes it at edge/edge.c:128 without it" >expect &&
	test_cmp expect actual &&
	check edge/edge.o edge.facts --format gcc >out; ! grep annotated out
'

for s in vfio/vfpci_core.o:vfio mlx5/mlx5vf_main.o:mlx5 edge/edge.o:edge \
	 pthread/pool.o:pool negative/quiet.o:quiet; do
	for p in proven-race setup-only; do
		test_expect_success "${s#*:}: gcc diagnostics under $p" "
			check ${s%:*} ${s#*:}.facts --policy $p --format gcc >actual
			test_cmp '$EXP/${s#*:}.$p.gcc' actual
		"
	done
done

test_done
