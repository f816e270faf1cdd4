#!/bin/sh
# spatch reads the headers of each file for types only, and analyses every
# header once, as a file of its own: the facts are those of a run that
# matched each header again with each file.  A header's inline writer is
# one write, a writer macro a header defines is a write where a file uses
# it, whichever worker reads the header, and a header that only an
# --include brings in is analysed too.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a tree: one header, two files that include it' '
	mkdir -p tree/hd tree/include &&
	cp "$SAMPLES/include/kshim.h" tree/include/ &&
	cat >tree/hd/hd.h <<-\EOT &&
	#include "../include/kshim.h"

	struct hd_dev {
		spinlock_t lock;
		unsigned int armed:1;
		unsigned int dirty:1;
		unsigned int idle:1;
	};

	#define HD_DIRTY(d) ((d)->dirty = 1)

	static inline void hd_arm(struct hd_dev *d)
	{
		spin_lock(&d->lock);
		d->armed = 1;
		spin_unlock(&d->lock);
	}
	EOT
	cat >tree/hd/one.c <<-\EOT &&
	#include "hd.h"

	void one_dirty(struct hd_dev *d)
	{
		if (!d->idle)
			HD_DIRTY(d);
	}

	void one_arm(struct hd_dev *d)
	{
		hd_arm(d);
	}
	EOT
	cat >tree/hd/two.c <<-\EOT &&
	#include "hd.h"

	void two_idle(struct hd_dev *d)
	{
		spin_lock(&d->lock);
		d->idle = 1;
		spin_unlock(&d->lock);
		hd_arm(d);
	}
	EOT
	(cd tree && gcc -g -c -o ../one.o hd/one.c) &&
	pahole -I one.o >hd.dump
'

# Written from the sources above: columns as facts.h says (the here-doc
# drops the tabs, so every statement starts in column 1).
cat >expect <<-\EOT
write	hd/hd.h	15	1	hd_arm	hd_dev	armed	d	self	=	1	typed	hd_dev.lock:w@lexical
write	hd/one.c	6	1	one_dirty	hd_dev	dirty	HD_DIRTY(d)	self	=	1	untyped	-
write	hd/two.c	6	1	two_idle	hd_dev	idle	d	self	=	1	typed	hd_dev.lock:w@lexical
call	hd/one.c	11	one_arm	hd_arm	-
call	hd/two.c	8	two_idle	hd_arm	-
func	hd/hd.h	12	hd_arm	17	static
func	hd/one.c	3	one_dirty	7
func	hd/one.c	9	one_arm	12
func	hd/two.c	3	two_idle	9
struct	hd/hd.h	3	hd_dev
EOT

for j in 1 2; do
	test_expect_success "the header is analysed once, its macro counted in one.c (-j $j)" "
		bitsplit facts -q -j $j --tree tree --layout hd.dump hd >actual &&
		test_cmp expect actual
	"
done

test_expect_success 'a header brought in by --include alone is analysed' '
	mkdir -p tree/hd2 &&
	cat >tree/hd2/three.c <<-\EOT &&
	struct hd_dev;

	void three(struct hd_dev *d);
	void three_user(struct hd_dev *d)
	{
		three(d);
		d->armed = 0;
	}
	EOT
	bitsplit facts -q -j 1 --tree tree --layout hd.dump hd2 >actual &&
	grep "^write	hd/hd.h" actual >writes &&
	grep "^write	hd/hd.h" expect >want &&
	test_cmp want writes
'

test_done
