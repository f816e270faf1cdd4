/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FACTS_REACH_H
#define BITSPLIT_FACTS_REACH_H

#include "parse_options.h"
#include "util.h"

/*
 * The names of the functions and macros of the files (relative to tree)
 * from which a write of one of the fields may be reached, and the callees
 * handed one of them, one a line in out: a superset read from the text,
 * for facts.cocci to analyse the locks at those calls only.
 */
void reaching_callees(const char *tree, const struct opt_list *files,
		      const struct opt_list *fields, const char *macros, struct strbuf *out);

/* The same of the texts themselves (nr of them, macros as the macros file). */
void reaching_names(const struct strbuf *texts, int nr, const struct opt_list *fields,
		   const char *macros, struct strbuf *out);

#endif
