#!/bin/sh
# check end to end: pahole for the layout, spatch for the facts, then the
# verdict, on the samples.  The expected moves are the hand-written ones of
# t0300 (see there why); here they must come out of the real facts pass.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/obj" >/dev/null
'

check() {	# PATH under samples/, then check options
	(cd "$SAMPLES" && bitsplit check --build "$TRASH/obj" -j 1 "$@" 2>/dev/null)
}

moves() {
	grep -E "^    (proven-race|setup-only) +moves" || true
}

test_expect_success 'vfio: the config-space pair, from the real facts' '
	cat >expect <<-\EOT &&
	    proven-race moves virq_disabled, bardirty
	    setup-only  moves virq_disabled, bardirty, needs_reset, pm_intx_masked, pm_runtime_engaged, sriov_pwr_active
	EOT
	check vfio/vfpci_core.c >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'mlx5: deferred_reset, from the real facts' '
	cat >expect <<-\EOT &&
	    proven-race moves deferred_reset
	    setup-only  moves deferred_reset, mdev_detach, log_active
	EOT
	check mlx5/mlx5vf_main.c >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'edge: both locations, from the real facts' '
	cat >expect <<-\EOT &&
	    proven-race moves needs_reset, irq_pending, inline_set
	    setup-only  moves needs_reset, irq_pending, cfg_dirty, macro_set, inline_set
	    proven-race moves rx_armed
	    setup-only  moves rx_armed, tx_armed
	EOT
	check edge/edge.c >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'pool: pthread locks, from the real facts' '
	cat >expect <<-\EOT &&
	    proven-race moves stats_dirty, reconfig
	    setup-only  moves running, stats_dirty, reconfig, draining
	EOT
	check pthread/pool.c >out; test $? = 1 &&
	moves <out >actual &&
	test_cmp expect actual
'

test_expect_success 'quiet: nothing moves, from the real facts' '
	printf "    proven-race moves nothing\n    setup-only  moves nothing\n" >expect &&
	for policy in proven-race setup-only; do
		check negative/quiet.c --policy $policy >out &&
		moves <out >actual && test_cmp expect actual &&
		grep -c "^      [a-z_]* *setup    negative/quiet.c:2[345]  quiet_probe" out >count &&
		echo 3 >three && test_cmp three count &&
		tail -n 1 out | grep -q "(policy $policy: clean)$" || exit 1
	done
'

test_expect_success 'gcc format of a whole directory run' '
	check vfio --format gcc >out; test $? = 1 &&
	grep -c "\[bitsplit-racy-bitfield\]$" out >count &&
	echo 2 >expect &&
	test_cmp expect count
'

test_done
