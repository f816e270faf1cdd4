#!/bin/sh
# The sweep's cache key covers every input besides the file: each file of
# the data directory (rule, parse hints, lock/root/object vocabularies, the
# rules' Python) and the version.  A changed vocabulary is never answered
# from the cache, and the resumed summary is the changed vocabulary's.
. "$(dirname "$0")/lib.sh"

first() {	# the "sweep: ..." line of a summary
	head -n 1 "$1"
}

test_expect_success 'setup a tree and a sweep of it' '
	mkdir tree &&
	cp -r "$SAMPLES/include" "$SAMPLES/sweeprank" tree/ &&
	cp -r "$ROOT/semantic-patches" data &&
	BITSPLIT_DATADIR="$TRASH/data" test_expect_code 1 bitsplit sweep --tree tree --jobs 2 \
		--out out sweeprank >one.txt &&
	BITSPLIT_DATADIR="$TRASH/data" test_expect_code 1 bitsplit sweep --tree tree --jobs 2 \
		--resume --out out sweeprank >again.txt &&
	echo "sweep: 3 files, 1 can write a field of a shared location: 0 parsed, 1 from cache, 0 failed" >expect &&
	first again.txt >actual && test_cmp expect actual
'

test_expect_success 'without mutex_lock in the lock vocabulary: parsed again, three races' '
	grep -v "^lock	mutex_lock		w$" "$ROOT/semantic-patches/locks-kernel.txt" \
		>data/locks-kernel.txt &&
	! cmp -s data/locks-kernel.txt "$ROOT/semantic-patches/locks-kernel.txt" &&
	BITSPLIT_DATADIR="$TRASH/data" test_expect_code 1 bitsplit sweep --tree tree --jobs 2 \
		--resume --out out sweeprank >nolock.txt &&
	echo "sweep: 3 files, 1 can write a field of a shared location: 1 parsed, 0 from cache, 0 failed" >expect &&
	first nolock.txt >actual && test_cmp expect actual &&
	grep "^proven races: 3 memory locations" nolock.txt &&
	grep "^[0-9]\. struct rk_locked (sweeprank/rank.h:34): e, f: 1 races, 1 from two roots, 2 roots, 1 with no lock at all" nolock.txt &&
	grep "^not ranked: 0 thread-private, 0 setup-only, 0 serialized" nolock.txt
'

test_expect_success 'the vocabulary put back: from the cache again, the first summary' '
	cp "$ROOT/semantic-patches/locks-kernel.txt" data/ &&
	BITSPLIT_DATADIR="$TRASH/data" test_expect_code 1 bitsplit sweep --tree tree --jobs 2 \
		--resume --out out sweeprank >back.txt &&
	test_cmp again.txt back.txt
'

test_expect_success 'an edit to any data file is parsed again' '
	for f in roots-kernel.txt objects-kernel.txt locks-pthread.txt lockvocab.py \
		 kernel-macros.h racy_bitfields.cocci facts.cocci; do
		rm -rf d && cp -r "$ROOT/semantic-patches" d &&
		case $f in
		*.h) echo "/* changed */" ;;
		*.cocci) echo "// changed" ;;
		*) echo "# changed" ;;
		esac >>d/$f &&
		BITSPLIT_DATADIR="$TRASH/d" bitsplit sweep --tree tree --jobs 2 --resume \
			--out out sweeprank >changed.txt
		test $? = 1 && first changed.txt | grep " 1 parsed, 0 from cache" ||
			{ echo "$f: answered from the cache" >&2; return 1; }
	done
'

test_done
