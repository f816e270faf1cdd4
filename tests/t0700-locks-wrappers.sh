#!/bin/sh
# Lock summaries: the wrappers samples/locks/wrap.c defines act as the lock
# they take or release where they are called, each lock saying how it was
# learned; on the vfio tree the wrappers of the reference thread do too.
# gitlike.c is userspace code (the pthread preset): t0702 has it.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null
'

test_expect_success 'facts for samples/locks: lock, release and trylock wrappers' '
	bitsplit facts -q --tree "$SAMPLES" --build objs locks/claim.c locks/wrap.c >actual &&
	test_cmp "$TEST_DIRECTORY/expect/facts/locks.tsv" actual
'

test_expect_success 'the summary line counts what was learned' '
	bitsplit facts --tree "$SAMPLES" --build objs locks/claim.c locks/wrap.c >/dev/null 2>err &&
	grep "lock summaries" err >actual &&
	echo "bitsplit facts: 11 lock summaries learned in 1 rounds (2 file runs)" >expect &&
	test_cmp expect actual
'

test_expect_success 'the report says which wrapper took the lock' '
	bitsplit check --tree "$SAMPLES" --build objs locks/claim.c locks/wrap.c >out 2>/dev/null;
	grep -e "holds memory_lock" -e "holding state_mutex via" out | LC_ALL=C sort -u >actual &&
	cat >expect <<-\EOT &&
	               holds memory_lock (via wrapper lw_lock_all())
	               holds memory_lock (via wrapper lw_memory_lock_and_enable())
	               holds memory_lock (via wrapper lw_zap_and_down_write_memory_lock())
	      and tracking by lw_track (from read: lw_track) holding state_mutex via wrapper
	EOT
	test_cmp expect actual
'

test_expect_success 'a --data entry for a defined function is kept, not relearned' '
	printf "lock\tlw_lock_all\tr\n" >mine.txt &&
	bitsplit facts -q --data mine.txt --tree "$SAMPLES" --build objs locks/claim.c locks/wrap.c >out &&
	grep "lw_pm_exit	lw_dev	engaged" out | cut -f 13 >actual &&
	echo "d:r@lexical" >expect &&
	test_cmp expect actual
'

"$ROOT/scripts/kernel-vfio-prefix.sh" k >/dev/null 2>&1
case $? in
0) ;;
77)
	test_skip 'wrappers on linux-6.12 drivers/vfio/pci' \
		'no /usr/src/linux-source-6.12.tar.xz (apt-get install linux-source-6.12)'
	test_done
	exit 0 ;;
*)
	test_expect_success 'extract drivers/vfio from the tarball' 'false'
	test_done
	exit 1 ;;
esac

test_expect_success 'vfio: pm_runtime_engaged is set under memory_lock via the zap wrapper' '
	bitsplit facts -q --tree k/linux --layout k/vfio.dump drivers/vfio/pci >facts &&
	grep "^write.*pm_runtime_engaged" facts | cut -f 3,5,13 >actual &&
	cat >expect <<-\EOT &&
	332	vfio_pci_runtime_pm_entry	vfio_pci_core_device.memory_lock:w@wrapper=vfio_pci_zap_and_down_write_memory_lock
	396	__vfio_pci_runtime_pm_exit	-
	EOT
	test_cmp expect actual
'

test_expect_success 'vfio: the wrappers are no longer unknown lock-like calls' '
	! grep -e "unknown lock-like call	vfio_pci_zap_and_down_write_memory_lock" \
		-e "unknown lock-like call	mlx5vf_state_mutex_unlock" facts
'

test_expect_success 'mlx5: callers of mlx5vf_state_mutex_unlock() hold state_mutex until it' '
	grep "^call	drivers/vfio/pci/mlx5/cmd.c.*	mlx5vf_state_mutex_unlock	" facts |
	cut -f 3-6 >actual &&
	cat >expect <<-\EOT &&
	181	mlx5fv_vf_event	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	187	mlx5fv_vf_event	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	206	mlx5vf_cmd_close_migratable	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	1505	mlx5vf_stop_page_tracker	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	1607	mlx5vf_start_page_tracker	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	1623	mlx5vf_start_page_tracker	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	1805	mlx5vf_tracker_read_and_clear	mlx5vf_state_mutex_unlock	mlx5vf_pci_core_device.state_mutex:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'vfio: check names the wrapper in the report' '
	bitsplit check --tree k/linux --layout k/vfio.dump drivers/vfio/pci >out 2>/dev/null;
	grep -c "holds memory_lock (via wrapper vfio_pci_zap_and_down_write_memory_lock())" out >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

test_done
