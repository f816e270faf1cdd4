/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_INCLUDE_GRAPH_H
#define BITSPLIT_INCLUDE_GRAPH_H

#include <stdbool.h>

/*
 * Which of a set of source files a file can see through #include, without
 * a build: an include names a file of the set when the set has a file at
 * that path relative to the includer or ending in that path ("linux/x.h"
 * is include/linux/x.h).  Several candidates are all kept: seeing too much
 * costs a little time, seeing too little loses findings.
 */
struct include_graph {
	char *const *files;	/* sorted paths relative to the tree, borrowed */
	int nr;
	int **edges;		/* per file: indices of the files it includes */
	int *nr_edges;
};

void include_graph_build(struct include_graph *g, const char *tree, char *const *files, int nr);
/* Set seen[j] for every file j that file i reaches, i itself included. */
void include_graph_reach(const struct include_graph *g, int i, bool *seen);
void include_graph_release(struct include_graph *g);

#endif
