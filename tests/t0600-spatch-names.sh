#!/bin/sh
# spatch 1.1.1 passes file names to /bin/sh unquoted (diff, cp, egrep).
# Files named after shell commands, with a ';', a space and a ':' must be
# analysed like any other and never run: facts, check, fix (its store rule
# runs on each storing file when a struct is withheld) and sweep.  Each
# hostile name touches $HOME-PWNEDn, an absolute path, wherever spatch runs.
. "$(dirname "$0")/lib.sh"

HOME="$TRASH/home"
export HOME
tmp="$TRASH/tmp"
odd='d $(touch $HOME-PWNED2)'
hostile='hz/$(touch PWNED).c'

# No command ran, and no scratch directory was left behind.
no_pwn() {
	for f in PWNED home-PWNED1 home-PWNED2 home-PWNED3 home-PWNED4; do
		! test -e "$TRASH/$f" || { echo "$f exists"; return 1; }
	done
	! test -e tree/PWNED && ! test -e tree/hz/PWNED &&
	test_cmp /dev/null tmp.ls
}

c_file() {	# FILE: stdin with a leading "|" made a tab (<<- strips tabs)
	sed "s/^|/	/" >"$1"
}

run() {	# the command, with spatch's scratch under $tmp
	TMPDIR="$tmp" bitsplit "$@"
	rc=$?
	ls -A "$tmp" >tmp.ls
	return $rc
}

test_expect_success 'setup a tree with hostile names' '
	mkdir -p home tmp tree/hz "tree/$odd" &&
	cat >tree/hz/hz.h <<-\EOF &&
	struct hz {
		unsigned char	enabled:1;
		unsigned char	irq_pending:1;
		unsigned char	masked:1;
		unsigned short	vector;
	};
	struct hz *hz_of(void *p);
	EOF
	c_file "tree/$hostile" <<-\EOF &&
	#include "hz.h"

	void hz_irq(struct hz *h, unsigned int status)
	{
	|h->irq_pending = status & 8;
	}
	EOF
	c_file "tree/hz/a; b.c" <<-\EOF &&
	#include "hz.h"

	void hz_ioctl(struct hz *h, int on)
	{
	|h->enabled = on;
	|h->masked = !on;
	}
	EOF
	c_file "tree/hz/c:d \$(touch \$HOME-PWNED1).c" <<-\EOF &&
	#include "hz.h"

	void hz_colon(struct hz *h)
	{
	|h->masked = 1;
	}
	EOF
	# hz_of() is typed only through the local include, from a directory
	# whose own name is hostile
	c_file "tree/$odd/\$(touch \$HOME-PWNED3).c" <<-\EOF &&
	#include "../hz/hz.h"

	void hz_reset(void *p, unsigned int v)
	{
	|hz_of(p)->irq_pending = v & 2;
	}
	EOF
	(cd tree/hz && gcc -g -c -o "$TRASH/hz.o" "a; b.c") &&
	# what facts must find, and what fix is given
	cat >writes.tsv <<-\EOF
	write	d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c	5	2	hz_reset	hz	irq_pending	hz_of(p)	self	=	v & 2	typed	-
	write	hz/$(touch PWNED).c	5	2	hz_irq	hz	irq_pending	h	self	=	status & 8	typed	-
	write	hz/a; b.c	5	2	hz_ioctl	hz	enabled	h	self	=	on	typed	-
	write	hz/a; b.c	6	2	hz_ioctl	hz	masked	h	self	=	!on	typed	-
	write	hz/c:d $(touch $HOME-PWNED1).c	5	2	hz_colon	hz	masked	h	self	=	1	typed	-
	EOF
'

test_expect_success 'facts: every file analysed under its own name' '
	run facts -q --tree tree --layout hz.o . >facts.tsv &&
	grep "^write" facts.tsv >actual &&
	test_cmp writes.tsv actual &&
	no_pwn
'

test_expect_success 'check: the report names the real files' '
	run check --tree tree --layout hz.o . >report
	rc=$?
	cat >expect <<-\EOF &&
	      runtime  d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c:5  hz_reset
	      runtime  hz/$(touch PWNED).c:5  hz_irq
	      runtime  hz/a; b.c:5  hz_ioctl
	      runtime  hz/a; b.c:6  hz_ioctl
	      runtime  hz/c:d $(touch $HOME-PWNED1).c:5  hz_colon
	EOF
	grep "^      runtime" report | sort -u >actual &&
	test_cmp expect actual && no_pwn &&
	test $rc = 1
'

test_expect_success 'fix: the store rule runs on each hostile file' '
	run fix --tree tree --layout hz.o --facts writes.tsv --out out \
		--split hz.irq_pending . >actual
	rc=$?
	cat >expect <<-\EOF &&
	d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c:5: hazard: hz_of(p)->irq_pending = v & 2: the 1-bit field stores 0 today whatever the flag, unsigned char stores it: fix the store first (!!(...), see the .cocci)
	hz/$(touch PWNED).c:5: hazard: h->irq_pending = status & 8: the 1-bit field stores 0 today whatever the flag, unsigned char stores it: fix the store first (!!(...), see the .cocci)
	struct hz (hz/hz.h): withheld: see the hazards above
	  suggested store fix: out/hz-stores.diff (from out/hz.cocci)
	EOF
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	diff --git a/d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c b/d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c
	--- a/d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c
	+++ b/d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c
	@@ -2,5 +2,5 @@
	 
	 void hz_reset(void *p, unsigned int v)
	 {
	-	hz_of(p)->irq_pending = v & 2;
	+	hz_of(p)->irq_pending = !!(v & 2);
	 }
	diff --git a/hz/$(touch PWNED).c b/hz/$(touch PWNED).c
	--- a/hz/$(touch PWNED).c
	+++ b/hz/$(touch PWNED).c
	@@ -2,5 +2,5 @@
	 
	 void hz_irq(struct hz *h, unsigned int status)
	 {
	-	h->irq_pending = status & 8;
	+	h->irq_pending = !!(status & 8);
	 }
	EOF
	test_cmp expect out/hz-stores.diff && no_pwn &&
	test $rc = 1
'

test_expect_success 'fix: a hostile TMPDIR does not reach the shell either' '
	bad="$TRASH/t \$(touch \$HOME-PWNED4)" &&
	mkdir "$bad" &&
	TMPDIR="$bad" bitsplit fix --tree tree --layout hz.o --facts writes.tsv \
		--out out2 --split hz.irq_pending . >actual
	rc=$?
	test_cmp out/hz-stores.diff out2/hz-stores.diff &&
	ls -A "$bad" >tmp.ls && no_pwn &&
	test $rc = 1
'

test_expect_success 'sweep: the results name the real files' '
	run sweep --tree tree --out sw . >summary
	rc=$?
	cat >expect <<-\EOF &&
	write	d $(touch $HOME-PWNED2)/$(touch $HOME-PWNED3).c	5	11	hz_reset	-	irq_pending	runtime
	write	hz/$(touch PWNED).c	5	4	hz_irq	hz	irq_pending	runtime
	write	hz/a; b.c	5	4	hz_ioctl	hz	enabled	runtime
	write	hz/a; b.c	6	4	hz_ioctl	hz	masked	runtime
	write	hz/c:d $(touch $HOME-PWNED1).c	5	4	hz_colon	hz	masked	runtime
	EOF
	grep "^write" sw/results-1-of-1.tsv >actual &&
	test_cmp expect actual && no_pwn &&
	test $rc = 1
'

test_done
