#!/bin/sh
# Claim-style locks: samples/locks/claim.c claims a host the way mmc does
# (a flag set once it is clear, under a spinlock; cleared with a wake-up),
# through a wrapper too, and a bus through a pair of names nothing defines.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the samples with DWARF' '
	make -s -C "$SAMPLES" O="$TRASH/objs" >/dev/null
'

test_expect_success 'the claimed writes hold the claim, saying how it was learned' '
	bitsplit facts -q --tree "$SAMPLES" --build objs locks/claim.c >facts &&
	grep "^write" facts | cut -f 5,7,13 >actual &&
	cat >expect <<-\EOT &&
	lc_retune	tuning	lc_host.claimed:w@claim=lc_claim_host
	lc_retune	retune_now	lc_host.claimed:w@claim=lc_claim_host
	lc_rescan	tuning	lc_host.claimed:w@claim=__lc_claim_host
	lc_power_up	powered	lc_host:w@assumed-claim=lc_bus_claim/lc_bus_release
	lc_power_down	powered	lc_host:w@assumed-claim=lc_bus_claim/lc_bus_release
	lc_irq	bus_dead	-
	EOT
	test_cmp expect actual
'

test_expect_success 'each claim serializes its own writers; the two claims and the irq do not' '
	bitsplit check --tree "$SAMPLES" --build objs locks/claim.c >out 2>/dev/null;
	grep -e "moves" -e "holds" out | sed -n "1,2p;/tuning:/,\$p" | grep -v "^      " >actual &&
	cat >expect <<-\EOT &&
	    proven-race moves powered, bus_dead
	    setup-only  moves tuning, retune_now, powered, bus_dead
	    tuning: moves under setup-only, stays under proven-race
	    retune_now: moves under setup-only, stays under proven-race
	    powered: moves under both policies; races with tuning and retune_now, which stay, and with
	    bus_dead: moves under both policies; races with tuning and retune_now, which stay, and with
	1 struct, 1 shared location: proven-race moves 2 fields, setup-only moves 4 (policy proven-race: races found)
	EOT
	test_cmp expect actual
'

test_expect_success 'the report names the claim and prints the assumption' '
	grep "holds" out | sort -u >actual &&
	cat >expect <<-\EOT &&
	               holds claimed (via claim-style __lc_claim_host())
	               holds claimed (via claim-style lc_claim_host())
	               holds lc_host (via assumed claim-style by name: lc_bus_claim()/lc_bus_release())
	               holds lc_host (via assumed claim-style by name: lc_bus_claim()/lc_bus_release()), mutex (held around the callback by its caller: roots vocabulary), a runtime-PM reference (held around the callback by its caller: roots vocabulary)
	               holds the irq lc_irq, which runs on one CPU at a time
	EOT
	test_cmp expect actual
'

test_expect_success 'json carries how each lock was learned' '
	bitsplit check --format json --tree "$SAMPLES" --build objs locks/claim.c >out.json 2>/dev/null;
	grep -o "\"lc_host[.a-z]*:w@[a-z-]*=[a-z_/]*\"" out.json | sort -u >actual &&
	cat >expect <<-\EOT &&
	"lc_host.claimed:w@claim=__lc_claim_host"
	"lc_host.claimed:w@claim=lc_claim_host"
	"lc_host:w@assumed-claim=lc_bus_claim/lc_bus_release"
	EOT
	test_cmp expect actual
'

test_expect_success 'lock_sock() from the vocabulary is a claim on sk_lock' '
	mkdir tree &&
	cat >tree/sk.c <<-\EOT &&
	struct socket_lock { int owned; };
	struct sk { struct socket_lock sk_lock; unsigned int dead:1; unsigned int zapped:1; };
	void lock_sock(struct sk *sk);
	void release_sock(struct sk *sk);

	void sk_kill(struct sk *sk)
	{
		lock_sock(sk);
		sk->dead = 1;
		release_sock(sk);
		sk->zapped = 1;
	}
	EOT
	gcc -g -c -o sk.o tree/sk.c &&
	pahole -I sk.o >sk.dump &&
	bitsplit facts -q --tree tree --layout sk.dump . >out &&
	grep "^write" out | cut -f 7,13 >actual &&
	printf "dead\tsk.sk_lock:w@claim=lock_sock\nzapped\t-\n" >expect &&
	test_cmp expect actual
'

test_done
