#!/bin/sh
# Real kernel code: drivers/vfio of Debian's linux-source-6.12, with the
# packed flags the racy-bitfields fix removed put back.  The mlx5 writers
# are the ones the reference thread names: mdev_detach and log_active
# under state_mutex, deferred_reset under reset_lock.  Skipped when the
# tarball is not installed.
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/kernel-vfio-prefix.sh" k >/dev/null 2>&1
case $? in
0) ;;
77)
	test_skip 'facts on linux-6.12 drivers/vfio' \
		'no /usr/src/linux-source-6.12.tar.xz (apt-get install linux-source-6.12)'
	test_done
	exit ;;
*)
	test_expect_success 'extract drivers/vfio from the tarball' 'false'
	test_done
	exit ;;
esac

test_expect_success 'facts on drivers/vfio: every write typed, macro-made functions reported' '
	bitsplit facts --tree k/linux --layout k/vfio.dump drivers/vfio >facts 2>err &&
	sed -n "1p;\$p" err >actual &&
	cat >expect <<-\EOT &&
	bitsplit facts: 2 candidate structs, 7 of 41 files name a candidate field
	bitsplit facts: 33 writes (0 untyped), 6 not analysed
	EOT
	test_cmp expect actual
'

test_expect_success 'mlx5: one byte written under state_mutex and under reset_lock' '
	grep "^write	drivers/vfio/pci/mlx5/" facts | cut -f 3,5,7,13 >actual &&
	cat >expect <<-\EOT &&
	180	mlx5fv_vf_event	mdev_detach	mlx5vf_pci_core_device.state_mutex:w@lexical
	186	mlx5fv_vf_event	mdev_detach	mlx5vf_pci_core_device.state_mutex:w@lexical
	266	mlx5vf_cmd_set_migratable	migrate_cap	-
	278	mlx5vf_cmd_set_migratable	chunk_mode	-
	1490	_mlx5vf_free_page_tracker_resources	log_active	mlx5vf_pci_core_device.state_mutex:w@lockdep
	1503	mlx5vf_stop_page_tracker	log_active	mlx5vf_pci_core_device.state_mutex:w@lexical
	1606	mlx5vf_start_page_tracker	log_active	mlx5vf_pci_core_device.state_mutex:w@lexical
	1218	mlx5vf_state_mutex_unlock	deferred_reset	mlx5vf_pci_core_device.reset_lock:w@lexical
	1305	mlx5vf_pci_aer_reset_done	deferred_reset	mlx5vf_pci_core_device.reset_lock:w@lexical
	EOT
	test_cmp expect actual
'

test_expect_success 'vfio-pci: config writes hold nothing, the reset walk is over siblings none of which is open' '
	grep -e "virq_disabled" -e "	cur	" facts | grep "^write" | cut -f 2,3,5,7,9,13 >actual &&
	cat >expect <<-\EOT &&
	drivers/vfio/pci/vfio_pci_config.c	641	vfio_basic_config_write	virq_disabled	self	-
	drivers/vfio/pci/vfio_pci_config.c	644	vfio_basic_config_write	virq_disabled	self	-
	drivers/vfio/pci/vfio_pci_core.c	644	vfio_pci_core_disable	virq_disabled	self	?vdev->vdev.dev_set->lock:w@lockdep
	drivers/vfio/pci/vfio_pci_core.c	2598	vfio_pci_dev_set_try_reset	needs_reset	closed	-
	EOT
	test_cmp expect actual
'

# A function that takes the lock around each of 400 stores: the lock rules
# follow every pair of a lock call and a store, which takes spatch over a
# minute, so a timeout of 3 s is certain to end it.  3 s, not 1: spatch's
# own start (standard.h, the macro file, the rules) must fit before the
# alarm, or spatch dies with exit 255 instead of reporting the file.
test_expect_success 'a file that runs out of time is reported, not dropped' '
	{
		echo "#include <linux/vfio_pci_core.h>" &&
		echo "void vfio_pci_slow(struct vfio_pci_core_device *vdev)" &&
		echo "{" &&
		for i in $(seq 400); do
			printf "\tmutex_lock(&vdev->igate);\n\tvdev->virq_disabled = 1;\n\tmutex_unlock(&vdev->igate);\n" || return 1
		done &&
		echo "}"
	} >k/linux/drivers/vfio/pci/vfio_pci_slow.c &&
	bitsplit facts -j 1 --timeout 3 --tree k/linux --layout k/vfio.dump \
		drivers/vfio/pci/vfio_pci_slow.c >facts 2>err &&
	grep -e "timed out" -e "^bitsplit facts: [0-9]* writes" err >actual &&
	grep "^skip" facts | grep timeout >>actual &&
	cat >expect <<-\EOT &&
	drivers/vfio/pci/vfio_pci_slow.c: warning: not analysed: spatch timed out after 3 s
	bitsplit facts: 0 writes (0 untyped), 3 not analysed
	skip	drivers/vfio/pci/vfio_pci_slow.c	0	not analysed	timeout after 3 s
	EOT
	test_cmp expect actual
'

test_done
