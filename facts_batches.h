/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FACTS_BATCHES_H
#define BITSPLIT_FACTS_BATCHES_H

#include "parse_options.h"
#include "util.h"

/*
 * spatch parses every --include header again for each file it is given,
 * so one run that hands every candidate's header to every file costs the
 * product of the two: most of a sweep's full tier.  A file needs a header
 * to type its writes when it is the header, reaches it through #include
 * among the files spatch is given, or names a struct the header defines;
 * and then it needs what that header includes too.  Files that need the
 * same headers make one batch, which is one spatch run.
 */
struct facts_batch {
	int *files;		/* indices in the scanned files, the largest first */
	int nr_files;
	int *headers;		/* indices in the headers */
	int nr_headers;
	long long size;		/* the bytes of its files */
};

/*
 * The batches of the scanned files (relative to tree) for headers[j], the
 * header that defines the structs structs[j]; the largest batch first.
 * Returns how many.
 */
int facts_batches(const char *tree, const struct opt_list *scanned,
		  const struct opt_list *headers, const struct opt_list *structs,
		  struct facts_batch **out);
void facts_batches_release(struct facts_batch *b, int nr);

#endif
