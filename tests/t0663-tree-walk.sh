#!/bin/sh
# Every directory walk (the tree's sources, a build's objects, its .cmd
# files) enters a directory once and stays inside: a symlink loop does
# not hang sweep, facts or layout --build, a link out of the tree is not
# followed, and a name with a control character is skipped, with a word.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a tree with a loop, a link out, and an odd name' '
	mkdir -p tree/d outside obj/d &&
	cp "$SAMPLES/vfio/vfpci_core.c" "$SAMPLES/vfio/vfpci_core.h" tree/d/ &&
	cp -r "$SAMPLES/include" tree/ &&
	sed -i "s|\.\./include/|../include/|" tree/d/vfpci_core.c &&
	echo "int leaked_secret;" >outside/secret.c &&
	ln -s . tree/d/loop &&
	ln -s "$TRASH/outside" tree/d/out &&
	printf "int x;\n" >"tree/d/tab	name.c" &&
	gcc -g -c -I tree/include -o obj/d/vfpci_core.o tree/d/vfpci_core.c &&
	ln -s .. obj/d/up &&
	ln -s "$TRASH/outside" obj/d/out
'

test_expect_success 'sweep ends, and reads nothing from outside' '
	test_expect_code 1 timeout 120 "$BITSPLIT" sweep --tree tree --jobs 1 --out s d >out 2>err &&
	grep -x "bitsplit: warning: d/out: a link out of tree; not followed" err &&
	grep -x "bitsplit: warning: d/tab	name.c: a control character in the name; skipped" err &&
	! grep -r leaked_secret s
'

test_expect_success 'layout --build ends, and takes each object once' '
	timeout 60 "$BITSPLIT" layout --tree tree --build obj d >out 2>err &&
	grep -c "^struct vfpci_device " out >count && echo 1 >one && test_cmp one count &&
	grep -x "bitsplit: warning: d/out: a link out of obj; not followed" err
'

test_expect_success 'check --build (facts) ends' '
	test_expect_code 1 timeout 300 "$BITSPLIT" check --tree tree --build obj -j 1 d >out 2>err &&
	grep -q "^struct vfpci_device " out
'

test_expect_success 'a 250-character name and a colon do not stop sweep' '
	mkdir -p names/vfio &&
	cp -r "$SAMPLES/include" names/ && cp "$SAMPLES"/vfio/* names/vfio/ &&
	long=$(printf "%0248d" 0 | tr 0 a) &&
	cp names/vfio/vfpci_core.c "names/vfio/$long.c" &&
	cp names/vfio/vfpci_core.c "names/vfio/x:y.c" &&
	test_expect_code 1 bitsplit sweep --tree names --jobs 1 --out n vfio >out 2>err &&
	head -n 1 out >actual &&
	echo "sweep: 4 files, 3 can write a field of a shared location: 3 parsed, 0 from cache, 0 failed" >expect &&
	test_cmp expect actual &&
	grep -q "vfio/$long.c " out && grep -q " vfio/x:y.c$" out
'

test_done
