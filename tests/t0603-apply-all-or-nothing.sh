#!/bin/sh
# verify --apply changes the tree all or nothing: on a full disk (a small
# tmpfs, mounted in a private mount namespace) every file stays as it was
# and no temporary file is left.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: two patches of the samples, for two headers' '
	cp -R "$SAMPLES" tree0 &&
	rm -rf tree0/build &&
	# just under a page: patched, the header needs one more than it frees
	h=tree0/vfio/vfpci_core.h &&
	n=$((4000 - $(wc -c <$h))) &&
	{ printf "/* "; head -c $n /dev/zero | tr "\\0" x; printf " */\\n"; } >>$h &&
	test $(wc -c <$h) = 4007 &&
	make -s -C tree0 O="$TRASH/build0" >/dev/null &&
	bitsplit fix --tree tree0 --build build0 --out patches vfio mlx5 >/dev/null &&
	test -s patches/vfpci_device.diff && test -s patches/mlx5vf_device.diff &&
	mkdir tmp
'

# In a fresh mount namespace: a tmpfs at fs with a copy of tree0 built
# into build, filled to the last byte, then verify --apply there.
full_disk() {
	mkdir -p fs &&
	BITSPLIT="$BITSPLIT" TRASH="$TRASH" unshare -m sh -c '
		mount -t tmpfs -o size=2m tmpfs fs 2>/dev/null || exit 77
		cp -R tree0 fs/tree && make -s -C fs/tree O="$TRASH/build" >/dev/null &&
		dd if=/dev/zero of=fs/fill bs=4k 2>/dev/null
		TMPDIR="$TRASH/tmp" "$BITSPLIT" verify --tree fs/tree --build build --apply \
			patches/vfpci_device.diff patches/mlx5vf_device.diff >out 2>err
		echo $? >rc
		diff -r tree0 fs/tree >tree.diff 2>&1
		find fs/tree -name ".*bitsplit*" >leftover
		exit 0'
}

full_disk
case $? in
77)
	test_skip 'a full disk changes nothing' 'cannot mount a tmpfs in a private namespace'
	;;
*)
	test_expect_success 'a full disk changes nothing and says so' '
		echo 2 >expect && test_cmp expect rc &&
		test_cmp /dev/null tree.diff &&
		test_cmp /dev/null leftover &&
		grep "^bitsplit: error: .*fs/tree/vfio/vfpci_core.h: cannot write: No space left on device$" err &&
		tail -n 1 err >actual &&
		echo "bitsplit: error: nothing applied to fs/tree" >expect &&
		test_cmp expect actual &&
		! grep "^applied" out
	'
	;;
esac

test_expect_success 'with room, both patches apply' '
	cp -R tree0 tree && make -s -C tree O="$TRASH/build" >/dev/null &&
	TMPDIR="$TRASH/tmp" bitsplit verify --tree tree --build build --apply \
		patches/vfpci_device.diff patches/mlx5vf_device.diff >out &&
	tail -n 1 out >actual &&
	echo "applied 2 patches to tree" >expect &&
	test_cmp expect actual &&
	(cd tree && patch -s -R -p1 --dry-run <../patches/vfpci_device.diff &&
	 patch -s -R -p1 --dry-run <../patches/mlx5vf_device.diff) &&
	find tree -name ".*bitsplit*" >leftover &&
	test_cmp /dev/null leftover &&
	ls -A tmp >actual && test_cmp /dev/null actual
'

test_done
