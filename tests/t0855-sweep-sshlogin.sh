#!/bin/sh
# The README's run of sweep shards across hosts with GNU parallel's
# --sshlogin, --workdir . and --return, with an ssh that runs each "host"
# here in a home of its own: the shards are made in the hosts' homes, come
# back by rsync, and merge to the summary of one unsharded sweep.
. "$(dirname "$0")/lib.sh"

if ! command -v parallel >/dev/null 2>&1 || ! command -v rsync >/dev/null 2>&1; then
	test_skip "sweep shards over --sshlogin" "parallel or rsync is not installed"
	test_done
	exit 0
fi

test_expect_success 'setup a tree, an ssh to two hosts and bitsplit on PATH' '
	mkdir -p tree/dev hosts home/local bin &&
	cp -r "$SAMPLES/include" "$SAMPLES/vfio" "$SAMPLES/sweeprank" tree/ &&
	cp "$TEST_DIRECTORY/t0510/dev.h" "$TEST_DIRECTORY/t0510/dev.c" tree/dev/ &&
	printf "#!/bin/sh\nexec \"%s\" \"\$@\"\n" "$BITSPLIT" >bin/bitsplit &&
	cat >ssh <<-\EOF &&
	#!/bin/sh
	# ssh [OPTION]... HOST [--] COMMAND...: COMMAND in a home of HOST here
	while [ $# -gt 0 ]; do
		case $1 in
		-o|-p|-l|-i|-S) shift 2 ;;
		-*) shift ;;
		*) break ;;
		esac
	done
	host=$1
	shift
	[ "${1-}" = -- ] && shift
	echo "$host" >>"$HOSTS/log"
	# sshd sets SHELL to the login shell, and the remote wrapper of GNU
	# parallel execs $SHELL: CI may run with none set.
	mkdir -p "$HOSTS/$host" && cd "$HOSTS/$host" &&
		HOME="$HOSTS/$host" SHELL=/bin/sh exec sh -c "$*"
	EOF
	chmod +x ssh bin/bitsplit &&
	test_expect_code 1 bitsplit sweep --tree "$TRASH/tree" --jobs 2 --out one . >one.txt
'

test_expect_success 'two shards on two hosts, returned and merged: the same summary' '
	(
		cd home/local &&
		HOME="$TRASH/home" HOSTS="$TRASH/hosts" PATH="$TRASH/bin:$PATH" \
		parallel --will-cite --ssh "$TRASH/ssh" --sshlogin 1/host1,1/host2 \
			--workdir . --return s{} \
			bitsplit sweep --tree "$TRASH/tree" --jobs 1 --shard {}/2 --out s{} . \
			::: 1 2 >shards.txt
	) &&
	sort -u hosts/log >actual && printf "host1\nhost2\n" >expect && test_cmp expect actual &&
	ls hosts/host1/local hosts/host2/local | grep "^s[12]$" | sort >actual &&
	printf "s1\ns2\n" >expect && test_cmp expect actual &&
	test -f home/local/s1/results-1-of-2.tsv && test -f home/local/s2/results-2-of-2.tsv &&
	test_expect_code 1 bitsplit merge --tree "$TRASH/tree" --out all home/local/s1 \
		home/local/s2 >merged.txt &&
	test_cmp one.txt merged.txt
'

test_done
