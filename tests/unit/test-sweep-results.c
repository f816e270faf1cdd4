// SPDX-License-Identifier: GPL-2.0
/* The sweep results TSV: a cache entry or results-I-of-N.tsv read back. */
#include <stdlib.h>

#include "sweep.h"
#include "unit.h"
#include "util.h"

static int parse(struct sweep_results *r, const char *text, size_t len)
{
	char *exact = xmalloc(len);
	int ret;

	memcpy(exact, text, len);
	ret = sweep_results_parse(r, exact, len, "r.tsv");
	free(exact);
	return ret;
}

int main(void)
{
	static const char good[] = "shard\t1\t2\nstat\t3\t2\t2\t0\t0\tbuild\n"
		"loc\tv.h\t20\tdev\ta,b\n"
		"write\tv.c\t40\t8\tdev_irq\tdev\ta\truntime\n"
		"reach\tv.c\tdev_irq\tdev_irq\tirq_lock,mutex\n"
		"skip\tbad.c\tparse error";
	static const char nul[] = "shard\t1\t2\n\0stat\t3\t2\t2\t0\t0\tbuild\n";
	struct sweep_results r = { 0 };

	CHECK_INT(parse(&r, good, sizeof(good) - 1), 0, "every record, no final newline");
	CHECK(r.nr_shards == 2 && r.files == 3 && r.from_build, "shard and stat");
	CHECK(r.nr_locs == 1 && r.locs[0].nr_fields == 2 && r.nr_writes == 1 &&
	      r.writes[0].runtime, "loc and write");
	CHECK(r.nr_reach == 1 && !strcmp(r.reach[0].roots, "dev_irq") &&
	      !strcmp(r.reach[0].locks, "irq_lock,mutex"), "reach, with the locks its body takes");
	CHECK(r.nr_skips == 1 && !strcmp(r.skips[0], "bad.c\tparse error"), "skip");
	sweep_results_release(&r);

	memset(&r, 0, sizeof(r));
	CHECK_INT(parse(&r, "reach\tv.c\tf\tf\n", 13), -1,
		  "a reach without its locks (an older sweep's) is an error");
	CHECK_INT(r.nr_reach, 0, "and no reach is kept");
	sweep_results_release(&r);

	memset(&r, 0, sizeof(r));
	CHECK_INT(parse(&r, "skip\n", 5), -1, "a skip with no FILE is an error");
	CHECK_INT(r.nr_skips, 0, "and no skip is kept");
	sweep_results_release(&r);

	memset(&r, 0, sizeof(r));
	CHECK_INT(parse(&r, nul, sizeof(nul) - 1), -1, "a NUL is an error, not the end");
	sweep_results_release(&r);
	return unit_done();
}
